#include "facts/facts.h"

#include <gtest/gtest.h>

#include <cmath>

#include "facts/lexicon.h"
#include "util/date.h"
#include "util/embedded.h"

namespace seam::facts {
namespace {

// The names of the facts in `text`, in order, without bare numbers and the phase words
// ("training", "serving") that only give other facts their context.
std::vector<std::string> names(std::string_view text, bool with_phase = false) {
  std::vector<std::string> out;
  for (const auto& f : extract(text))
    if (f.value != "number" && (with_phase || f.kind != "phase")) out.push_back(f.name());
  return out;
}

using Names = std::vector<std::string>;

struct Case {
  const char* text;
  Names want;
};

// Phrases as descriptors write them: with and without negation, and ones that must say
// nothing because they could mean several things.
const Case kPhrases[] = {
    {"Inference runs on a GPU node (NVIDIA T4).", {"hardware:gpu", "hardware_make:nvidia"}},
    {"onnxruntime-gpu with CUDA 12.1", {"hardware:gpu", "hardware:gpu", "hardware_make:nvidia"}},
    {"No GPU is available in the plant.", {"not hardware:gpu"}},
    {"The servers have no dedicated GPUs.", {"not hardware:gpu"}},
    {"Scoring is CPU-only.", {"not hardware:gpu"}},
    {"GPU: none", {"not hardware:gpu"}},
    {"GPUs are not available on the edge boxes", {"not hardware:gpu", "deployment:edge"}},
    {"no more than 2 GPUs", {"hardware:gpu"}},
    {"The training data is not anonymised.", {"not privacy:anonymised"}},
    {"Records are non-anonymized, but names are removed.", {"not privacy:anonymised"}},
    {"Images are de-identified before export.", {"privacy:anonymised"}},
    {"Patient names and dates of birth are included", {"privacy:personal_data", "privacy:personal_data"}},
    {"The model outputs log-odds; apply a sigmoid to get a probability.", {"semantics:log_odds", "semantics:probability"}},
    {"returns a score", {}},
    {"Success means 95% accuracy on the hold-out set.", {"quantity:percent", "metric:accuracy"}},
    {"We report recall and F1-score per class.", {"metric:recall", "metric:f1"}},
    {"Patient data must stay in the EU.", {"restriction:residency", "region:eu"}},
    {"Training runs on AWS SageMaker in us-east-1.", {"deployment:public_cloud", "deployment:public_cloud", "region:us"}},
    {"Let us know of edge cases.", {}},
    {"Deployed on-premises in the hospital's data centre.", {"deployment:on_premises"}},
    {"Timestamps come from the device clock, in local time.", {"clock:device", "timezone:local"}},
    {"event_time is set by the server on arrival (UTC).", {"timezone:utc"}},
    {"Dates are written DD/MM/YYYY.", {"timestamp_format:eu_date"}},
    {"created_at: Unix timestamp in milliseconds since the epoch", {"timestamp_format:epoch_seconds", "timestamp_format:epoch_milliseconds"}},
    {"store_id holds numeric store codes", {"identifier:code"}},
    {"Missing readings are zero-filled.", {"missing_values:zero_fill"}},
    {"Rows with missing values are dropped.", {"missing_values:dropped"}},
    {"Rows with no prior count were dropped.", {"missing_values:dropped"}},
    {"Duplicates are not removed by the pipeline", {"not dedup:dedup"}},
    {"Features use a 10-minute sliding window.", {"quantity:duration", "window:sliding"}},
    {"The signal is cut into fixed, non-overlapping segments", {"window:tumbling"}},
    {"Files are UTF-8 encoded CSV", {"encoding:utf8", "file_format:csv"}},
    {"Mean speed in metres per second; distances in km", {"unit:speed", "unit:length"}},
    {"Mean ping speed over 10 minutes, km/h", {"quantity:duration", "unit:speed"}},
    {"Pixel spacing (mm), as in the header", {"unit:length"}},
    {"km/h", {"unit:speed"}},
    {"s", {"unit:duration"}},
    {"Read from the phone's clock", {"clock:device"}},
    {"expected file generated with model 2.4.0, not release v3.1", {"version:2.4.0", "version:3.1"}},
    {"uses pandas 2.1 and Python 3.11", {}},
    {"8-bit JPEG images from a 16-bit detector", {"image:depth8", "file_format:jpeg", "image:depth16"}},
    {"a value between 0 and 1", {"semantics:probability"}},
    {"F1 is macro-averaged; weighted F1 in the report", {"metric:f1", "averaging:macro", "averaging:weighted", "metric:f1"}},
    {"Sales are kept for at most 24 months, then purged", {"retention:retention", "quantity:duration", "retention:retention"}},
    {"Public cloud services are not allowed for this data", {"not deployment:public_cloud"}},
};

TEST(FactsTest, PhraseTable) {
  for (const auto& c : kPhrases) EXPECT_EQ(names(c.text), c.want) << c.text;
}

struct Quantity {
  const char* text;
  const char* dimension;
  double amount;
  const char* unit;
  Fact::Bound bound = Fact::Bound::Exact;
};

const Quantity kQuantities[] = {
    {"p95 latency must stay under 200 ms", "duration", 0.2, "s", Fact::Bound::AtMost},
    {"latency 200ms", "duration", 0.2, "s"},
    {"retained for 90 days", "duration", 90 * 86400.0, "s"},
    {"24 months of sales history", "duration", 24 * 2629746.0, "s"},
    {"16 GB of RAM", "size", 16e9, "B"},
    {"16GiB", "size", 16.0 * (1 << 30), "B"},
    {"at least 90% recall", "percent", 0.9, "fraction", Fact::Bound::AtLeast},
    {"85 percent", "percent", 0.85, "fraction"},
    {"200 requests per second", "rate", 200, "/s"},
    {"12k/min", "rate", 200, "/s"},
    {"about 5 per hour", "rate", 5.0 / 3600, "/s"},
    {"peaks of 300 rps", "rate", 300, "/s"},
    {"2 million labelled transactions", "count", 2e6, "transactions"},
    {"50,000 images", "count", 50000, "images"},
    {"a budget of $120k", "currency", 120000, "USD"},
    {"$120k per month", "rate", 120000 / 2629746.0, "USD/s"},
    {"losses of 2.5 million EUR", "currency", 2.5e6, "EUR"},
    {"weights in lb", "", 0, ""},
    {"weight 70 kg", "mass", 70, "kg"},
    {"speed in km/h: 50 km/h", "speed", 50 / 3.6, "m/s"},
    {"pixel spacing 0.5 mm", "length", 0.0005, "m"},
    {"500 GB per day", "rate", 500e9 / 86400, "B/s"},
};

TEST(FactsTest, Quantities) {
  for (const auto& q : kQuantities) {
    const auto all = extract(q.text);
    const Fact* found = nullptr;
    for (const auto& f : all)
      if (f.kind == "quantity" && f.value != "number") {
        found = &f;
        break;
      }
    if (!*q.dimension) {
      EXPECT_EQ(found, nullptr) << q.text;
      continue;
    }
    ASSERT_NE(found, nullptr) << q.text;
    EXPECT_EQ(found->value, q.dimension) << q.text;
    EXPECT_NEAR(found->amount, q.amount, std::fabs(q.amount) * 1e-9) << q.text;
    EXPECT_EQ(found->unit, q.unit) << q.text;
    EXPECT_EQ(found->bound, q.bound) << q.text;
  }
}

TEST(FactsTest, Ranges) {
  auto f = extract("a reply takes 5-10 ms");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_DOUBLE_EQ(f[0].low, 0.005);
  EXPECT_DOUBLE_EQ(f[0].high, 0.01);
  f = extract("between 2 and 4 GB");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_DOUBLE_EQ(f[0].low, 2e9);
  EXPECT_DOUBLE_EQ(f[0].high, 4e9);
  f = extract("from 3 to 7 days");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_DOUBLE_EQ(f[0].low, 3 * 86400.0);
  // "and" joins a range only after "between".
  f = extract("3 GPUs and 4 CPUs");
  EXPECT_EQ(f.front().high, 3);
}

TEST(FactsTest, BareNumbersAndVersionsAreNotQuantitiesWithUnits) {
  auto f = extract("recall 0.81 on v1.2.3, the 3rd release");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].name(), "metric:recall");
  EXPECT_EQ(f[1].name(), "quantity:number");
  EXPECT_DOUBLE_EQ(f[1].amount, 0.81);
}

TEST(FactsTest, DatesAndPeriods) {
  struct D {
    const char* text;
    const char* value;
    int64_t low, high;
  };
  const D cases[] = {
      {"dated 2024-03-01", "date", days_from_civil(2024, 3, 1), days_from_civil(2024, 3, 1)},
      {"collected from January 2023 to June 2024", "period", days_from_civil(2023, 1, 1), days_from_civil(2024, 6, 30)},
      {"sales 2019-2021", "period", days_from_civil(2019, 1, 1), days_from_civil(2021, 12, 31)},
      {"in Q2 2023", "period", days_from_civil(2023, 4, 1), days_from_civil(2023, 6, 30)},
      {"due 1 March 2025", "date", days_from_civil(2025, 3, 1), days_from_civil(2025, 3, 1)},
      {"due March 5, 2025", "date", days_from_civil(2025, 3, 5), days_from_civil(2025, 3, 5)},
      {"data from 2021-01-01 to 2021-12-31", "period", days_from_civil(2021, 1, 1), days_from_civil(2021, 12, 31)},
      {"during 2022", "period", days_from_civil(2022, 1, 1), days_from_civil(2022, 12, 31)},
      {"trips from 8 January to 31 March 2024", "period", days_from_civil(2024, 1, 8), days_from_civil(2024, 3, 31)},
      {"January to March 2024", "period", days_from_civil(2024, 1, 1), days_from_civil(2024, 3, 31)},
      {"December to February 2024", "period", days_from_civil(2023, 12, 1), days_from_civil(2024, 2, 29)},
  };
  for (const auto& c : cases) {
    auto f = extract(c.text);
    ASSERT_EQ(f.size(), 1u) << c.text;
    EXPECT_EQ(f[0].kind, "date") << c.text;
    EXPECT_EQ(f[0].value, c.value) << c.text;
    EXPECT_EQ(f[0].low, c.low) << c.text;
    EXPECT_EQ(f[0].high, c.high) << c.text;
  }
  // Days from Python: (date(y, m, d) - date(1970, 1, 1)).days.
  auto f = extract("collected 2023/01/01, then 2023-12-31T23:00Z, 1969-12-31 and 2000-02-29");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].low, 19358);
  EXPECT_EQ(f[1].low, 19722);
  EXPECT_EQ(f[2].low, -1);
  EXPECT_EQ(f[3].low, 11016);
  // Ambiguous or impossible dates are not read; "may" is a verb without a year.
  for (const char* none : {"03/04/2024", "2023-02-30", "2023-02-29", "2023-13-01", "2023-1-01", "12023-01-01",
                           "2023-01-011", "2023-01/01", "the model may drift", "2,000 records",
                           "https://wiki.example/report-2024-06", "build v2024.04"})
    for (const auto& f : extract(none)) EXPECT_NE(f.kind, "date") << none;
}

TEST(FactsTest, SpansQuoteTheEvidence) {
  const std::string text = "Replies must come within 50 ms; no GPU.";
  auto f = extract(text);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(text.substr(f[0].begin, f[0].end - f[0].begin), "within 50 ms");
  EXPECT_EQ(text.substr(f[1].begin, f[1].end - f[1].begin), "GPU");
  EXPECT_TRUE(f[1].negated);
}

TEST(FactsTest, PhaseWordsGiveContext) {
  EXPECT_EQ(names("Serving needs the CUDA build; training ran on CPUs", true),
            (Names{"phase:serving", "hardware:gpu", "hardware_make:nvidia", "phase:training"}));
}

TEST(FactsTest, NegationStopsAtTheClause) {
  EXPECT_EQ(names("No anonymisation is needed, the GPU does it"), (Names{"not privacy:anonymised", "hardware:gpu"}));
  EXPECT_EQ(names("not only recall but also precision"), (Names{"not metric:recall", "metric:precision"}));
}

TEST(FactsTest, FieldStemsDropAUnitAtTheEnd) {
  EXPECT_EQ(field_stem("pixel_spacing_mm"), "pixel_spacing");
  EXPECT_EQ(field_stem("Pixel spacing"), "pixel_spacing");
  EXPECT_EQ(field_stem("zone_speed_kmh"), "zone_speed");
  EXPECT_EQ(field_stem("latency-ms"), "latency");
  EXPECT_EQ(field_stem("ms"), "ms");  // a unit alone is the whole name
  EXPECT_EQ(field_stem("store_id"), "store_id");
}

TEST(FactsTest, HostileTextYieldsWithoutCrashing) {
  std::string big(200000, '9');
  EXPECT_LE(extract(big).size(), 1u);
  EXPECT_TRUE(extract("\xff\xfe GPU \x80").size() == 1);
  EXPECT_TRUE(extract("").empty());
  EXPECT_TRUE(extract("-------////%%%%$$$").empty());
}

TEST(FactsTest, LexiconErrorsNameTheFileAndLine) {
  auto bad = Lexicon::parse("metric:\n  recall: 3\n", "", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().file, "rules/lexicon/terms.yaml");
  EXPECT_EQ(bad.error().line, 2u);
  EXPECT_NE(bad.error().message.find("list of phrases"), std::string::npos);
}

// builtin() falls back to an empty lexicon rather than fail a check, so the files are
// parsed here with their errors visible.
TEST(FactsTest, BuiltinLexiconParses) {
  std::string_view texts[3];
  for (const auto& f : embedded_lexicon()) {
    const std::string_view name = f.name;
    texts[name == "terms" ? 0 : name == "units" ? 1 : 2] = f.text;
  }
  auto parsed = Lexicon::parse(texts[0], texts[1], texts[2]);
  ASSERT_TRUE(parsed.ok()) << parsed.error().file << ":" << parsed.error().line << ": " << parsed.error().message;
  EXPECT_GT(parsed.value()->impl().terms.size(), 80u);
}

}  // namespace
}  // namespace seam::facts
