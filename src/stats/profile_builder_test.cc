#include "stats/profile_builder.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <fstream>
#include <random>

#include "stats/profiler.h"

namespace seam::stats {
namespace {

using Record = std::vector<std::string_view>;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    const size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// A CSV with a column of each type and what profiling counts: missing tokens, NaN, a value
// that is not a number after the type sample (so invalid), a ragged row; and enough rows
// that the quantile sketch compacts and the text column's frequent items overflow.
std::string mixed_csv(int rows) {
  static const char* colors[] = {"red", "green", "blue", "cyan", "magenta"};
  std::string out = "id,amount,color,flag,note\n";
  for (int i = 0; i < rows; ++i) {
    if (i == 1500) out += "ragged,row\n";
    std::string amount = i % 97 == 0 ? "NA" : i % 211 == 0 ? "nan" : i == 2500 ? "oops" : std::to_string(i * 0.25 - 100);
    out += "id-" + std::to_string(i) + "," + amount + "," + colors[(i * 7) % 5] + "," + (i % 3 ? "true" : "no") + "," +
           (i % 500 == 0 ? " " : "x" + std::to_string(i % 7)) + "\n";
  }
  return out;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "seam_profile_builder_" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// What a server that parses an upload itself would do: split each line at commas and give the
// records with their lines.
ProfileRun build_from_csv(const std::string& text, const ColumnOptions& o, const std::string& source) {
  const auto lines = split(text, '\n');
  const auto header = split(lines[0], ',');
  auto b = ProfileBuilder::create(std::vector<std::string>(header.begin(), header.end()), o, source);
  EXPECT_TRUE(b.ok()) << b.error().message;
  for (size_t i = 1; i < lines.size(); ++i)
    if (!lines[i].empty()) b.value().add(split(lines[i], ','), i + 1);
  return std::move(b).value().finish_run();
}

ProfileRun profile_file(const std::string& path, const ProfileOptions& o) {
  auto run = profile_files({path}, o);
  EXPECT_TRUE(run.ok()) << run.error().message;
  return std::move(run).value();
}

TEST(ProfileBuilder, EqualsProfileFilesOnTheRowsOfACsv) {
  const std::string text = mixed_csv(4000);
  const std::string path = write_temp("mixed.csv", text);
  ProfileOptions o;
  // Given, the type stays and the late "oops" is an invalid number (inferred, files would
  // profile the column again: ProfileFiles.ALateMisfitRetypesAnInferredColumn).
  o.types = {{"amount", ColumnType::Numeric}};
  const ProfileRun built = build_from_csv(text, o, path), read = profile_file(path, o);
  EXPECT_EQ(to_json(built.profile), to_json(read.profile));
  const ColumnProfile* amount = built.profile.find("amount");
  ASSERT_NE(amount, nullptr);
  EXPECT_EQ(amount->type, ColumnType::Numeric);
  EXPECT_EQ(amount->invalid, 1u);
  EXPECT_EQ(amount->first_invalid_line, 2503u);  // after the header and the ragged row
  EXPECT_FALSE(amount->quantiles.exact());
  EXPECT_EQ(built.profile.find("id")->type, ColumnType::Text);
  EXPECT_FALSE(built.profile.find("id")->values.exact());
  EXPECT_EQ(built.profile.find("flag")->type, ColumnType::Boolean);
  EXPECT_EQ(built.profile.bad_rows, 1u);
  EXPECT_EQ(built.profile.rows, 4000u);
}

TEST(ProfileBuilder, EqualsProfileFilesWithOptionsAndKeptValues) {
  const std::string text = mixed_csv(3000);
  const std::string path = write_temp("options.csv", text);
  ProfileOptions o;
  o.columns = {"flag", "amount", "color"};
  o.types = {{"amount", ColumnType::Text}, {"flag", ColumnType::Categorical}};
  o.label = "color";
  o.keep_values = 100000;
  ProfileRun built = build_from_csv(text, o, path), read = profile_file(path, o);
  EXPECT_EQ(to_json(built.profile), to_json(read.profile));
  EXPECT_EQ(built.raw, read.raw);
  EXPECT_EQ(built.raw_complete, read.raw_complete);

  o.types = {{"amount", ColumnType::Numeric}};  // amount numeric again: its values are kept
  built = build_from_csv(text, o, path);
  read = profile_file(path, o);
  EXPECT_EQ(to_json(built.profile), to_json(read.profile));
  ASSERT_EQ(built.raw.size(), 3u);
  EXPECT_GT(built.raw[1].size(), 2900u);
  EXPECT_EQ(built.raw, read.raw);

  o.columns = {"id", "amount", "id"};  // a column named twice is profiled twice
  o.label.clear();
  EXPECT_EQ(to_json(build_from_csv(text, o, path).profile), to_json(profile_file(path, o).profile));
}

std::vector<std::vector<std::string>> numbered_rows(int n) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < n; ++i) rows.push_back({std::to_string(i % 13), i % 4 ? "a" : "b", i % 9 ? "" : "x"});
  return rows;
}

std::vector<Record> views(const std::vector<std::vector<std::string>>& rows, size_t from = 0, size_t to = SIZE_MAX) {
  std::vector<Record> out;
  for (size_t i = from; i < std::min(to, rows.size()); ++i) out.emplace_back(rows[i].begin(), rows[i].end());
  return out;
}

ProfileBuilder make(const ColumnOptions& o = {}) {
  auto b = ProfileBuilder::create({"n", "c", "sparse"}, o);
  EXPECT_TRUE(b.ok()) << b.error().message;
  return std::move(b).value();
}

TEST(ProfileBuilder, BatchesEqualRecordsOneByOne) {
  const auto rows = numbered_rows(3000);
  const auto records = views(rows);
  ProfileBuilder one = make(), batched = make();
  for (const auto& r : records) EXPECT_TRUE(one.add(r));
  for (size_t i = 0; i < records.size(); i += 7)
    EXPECT_EQ(batched.add_batch(std::span(records).subspan(i, std::min<size_t>(7, records.size() - i))),
              std::min<size_t>(7, records.size() - i));
  const Profile a = std::move(one).finish(), b = std::move(batched).finish();
  EXPECT_EQ(to_json(a), to_json(b));
  EXPECT_EQ(a.rows, 3000u);
  EXPECT_EQ(a.find("n")->type, ColumnType::Numeric);
  EXPECT_EQ(a.find("sparse")->missing, 3000u - 334u);
}

TEST(ProfileBuilder, AWrongNumberOfFieldsIsACountedBadRow) {
  auto b = ProfileBuilder::create({"a", "b"}, {}, "upload.csv");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b.value().add(Record{"1"}));
  EXPECT_TRUE(b.value().add(Record{"1", "x"}));
  EXPECT_FALSE(b.value().add(Record{"1", "x", "extra"}, 17));
  const std::vector<Record> batch(30, Record{"only one"});
  EXPECT_EQ(b.value().add_batch(batch), 0u);
  const Profile p = std::move(b).value().finish();
  EXPECT_EQ(p.rows, 1u);
  EXPECT_EQ(p.bad_rows, 32u);
  ASSERT_EQ(p.bad_row_samples.size(), kMaxBadRowSamples);
  EXPECT_EQ(p.bad_row_samples[0].file, "upload.csv");
  EXPECT_EQ(p.bad_row_samples[0].line, 1u);
  EXPECT_EQ(p.bad_row_samples[0].message, "expected 2 fields, found 1");
  EXPECT_EQ(p.bad_row_samples[1].line, 17u);
  EXPECT_EQ(p.bad_row_samples[1].message, "expected 2 fields, found 3");
  EXPECT_EQ(p.bad_row_samples[2].line, 4u);  // records are numbered in order, bad ones too
  EXPECT_EQ(p.find("a")->count, 1u);
  EXPECT_EQ(p.sources, std::vector<std::string>{"upload.csv"});
}

TEST(ProfileBuilder, TypesGivenOrInferred) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 1000; ++i) rows.push_back({std::to_string(i % 2), std::to_string(i), std::to_string(i)});
  rows.push_back({"1", "not a number", "7"});
  const auto records = views(rows);

  ProfileBuilder inferred = make();  // "n" from the first 1000 values: numeric, then one invalid
  inferred.add_batch(records);
  const Profile p = std::move(inferred).finish();
  EXPECT_EQ(p.find("c")->type, ColumnType::Numeric);
  EXPECT_EQ(p.find("c")->invalid, 1u);
  EXPECT_EQ(p.find("c")->first_invalid_line, 1001u);

  ColumnOptions o;
  o.types = {{"c", ColumnType::Text}, {"sparse", ColumnType::Categorical}};
  o.label = "n";  // its values 0 and 1 are numbers, label or not
  ProfileBuilder given = make(o);
  given.add_batch(records);
  const Profile q = std::move(given).finish();
  EXPECT_EQ(q.find("n")->type, ColumnType::Numeric);
  EXPECT_EQ(q.find("c")->type, ColumnType::Text);
  EXPECT_EQ(q.find("c")->invalid, 0u);
  EXPECT_EQ(q.find("sparse")->type, ColumnType::Categorical);
  EXPECT_EQ(q.label, "n");
}

TEST(ProfileBuilder, FewRecordsAreTypedAtFinish) {
  ProfileBuilder b = make();
  b.add(Record{"1.5", "true", "NA"});
  b.add(Record{"2", "no", ""});
  const Profile p = std::move(b).finish();
  EXPECT_EQ(p.find("n")->type, ColumnType::Numeric);
  EXPECT_EQ(p.find("n")->moments.n, 2u);
  EXPECT_EQ(p.find("c")->type, ColumnType::Boolean);
  EXPECT_EQ(p.find("sparse")->type, ColumnType::Categorical);  // nothing to go by
  EXPECT_EQ(p.find("sparse")->missing, 2u);
}

// A column that stays empty must not make the builder hold records back for ever: the types
// are fixed after about kTypeSampleBytes, so later values do not change them.
TEST(ProfileBuilder, HoldsBackAboutTheSampleBytesAtMost) {
  ProfileBuilder b = make();
  const uint64_t held = kTypeSampleBytes / 4;  // a record holds 5 bytes: "1", "a", "" and 3 separators
  for (uint64_t i = 0; i < held; ++i) b.add(Record{"1", "a", ""});
  for (int i = 0; i < 10; ++i) b.add(Record{"1", "a", "2.5"});
  const Profile p = std::move(b).finish();
  EXPECT_EQ(p.find("sparse")->type, ColumnType::Categorical);
  EXPECT_EQ(p.find("n")->count, held + 10);
}

// Builders on shards, merged, give the profile of one builder over all rows (the moments up to
// rounding: Welford's updates and Chan's merge round differently).
TEST(ProfileBuilder, MergedBuildersEqualOneBuilder) {
  const auto rows = numbered_rows(150);
  const auto all = views(rows), first = views(rows, 0, 60), second = views(rows, 60);
  ColumnOptions o;
  o.types = {{"n", ColumnType::Numeric}, {"c", ColumnType::Categorical}, {"sparse", ColumnType::Text}};
  ProfileBuilder whole = make(o), a = make(o), b = make(o);
  whole.add_batch(all);
  a.add_batch(first);
  b.add_batch(second);
  Profile expected = std::move(whole).finish(), merged = std::move(a).finish();
  ASSERT_TRUE(merged.merge(std::move(b).finish()).ok());
  for (size_t i = 0; i < merged.columns.size(); ++i) {
    Moments& m = merged.columns[i].moments;
    const Moments& e = expected.columns[i].moments;
    EXPECT_EQ(m.n, e.n);
    EXPECT_NEAR(m.mean, e.mean, 1e-12 * std::abs(e.mean));
    EXPECT_NEAR(m.m2, e.m2, 1e-12 * std::abs(e.m2));
    m = e;
  }
  EXPECT_EQ(to_json(merged), to_json(expected));
}

TEST(ProfileBuilder, CreateRefusesUnknownNames) {
  auto error = [](std::vector<std::string> columns, const ColumnOptions& o) {
    auto b = ProfileBuilder::create(std::move(columns), o);
    return b.ok() ? std::string("ok") : b.error().message;
  };
  ColumnOptions o;
  EXPECT_EQ(error({}, o), "no columns to profile");
  o.columns = {"amont"};
  EXPECT_EQ(error({"amount", "id"}, o), "no column 'amont' (did you mean 'amount'?)");
  o.columns.clear();
  o.types = {{"kind", ColumnType::Text}};
  EXPECT_EQ(error({"amount", "id"}, o), "a type is given for 'kind', which is no column");
  o.types.clear();
  o.label = "target";
  EXPECT_EQ(error({"amount", "id"}, o), "the label column 'target' is no column");
  const TypeSample sample({"a"}, {});
  auto b = ProfileBuilder::create({"a", "b"}, {}, sample);
  EXPECT_FALSE(b.ok());
}

TEST(TypeSample, KeepsTheFirstNonMissingValuesOfColumnsToInfer) {
  ColumnOptions o;
  o.types = {{"given", ColumnType::Text}};
  o.label = "label";
  TypeSample s({"x", "given", "label"}, o);
  EXPECT_FALSE(s.full());
  for (size_t i = 0; i < kTypeSampleValues; ++i) s.add(2, i % 2 ? "1" : "0");  // the label is sampled too
  EXPECT_FALSE(s.full());
  for (size_t i = 0; i < kTypeSampleValues; ++i) {
    s.add(0, " NA ");
    s.add(0, "", true);
  }
  EXPECT_FALSE(s.full());
  for (size_t i = 0; i < kTypeSampleValues - 1; ++i) s.add(0, " 4 ");
  EXPECT_FALSE(s.full());
  s.add(0, "4");
  EXPECT_TRUE(s.full());
  s.add(0, "word");  // past the sample
  EXPECT_EQ(s.type(0), ColumnType::Numeric);
  EXPECT_EQ(s.type(1), ColumnType::Text);
  EXPECT_EQ(s.type(2), ColumnType::Numeric);  // the label is inferred like any column, 0/1 as numbers
}

// A profile made with --label and one made without must compare: the label column has the
// same type and the same statistics; the label adds only its class counts.
TEST(ProfileBuilder, LabelDoesNotChangeTypeOrStatistics) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 3000; ++i) rows.push_back({std::to_string(i % 7 == 0), std::to_string(i * 0.5), std::to_string(i % 3)});
  const auto records = views(rows);
  const auto build = [&](const std::string& label) {
    ColumnOptions o;
    o.label = label;
    auto b = ProfileBuilder::create({"y", "x", "k"}, o);
    EXPECT_TRUE(b.ok());
    b.value().add_batch(records);
    return std::move(b.value()).finish();
  };
  const Profile with = build("y"), without = build("");
  for (const char* name : {"y", "x", "k"}) {
    const ColumnProfile &a = *with.find(name), &b = *without.find(name);
    EXPECT_EQ(a.type, b.type) << name;
    EXPECT_EQ(a.moments.n, b.moments.n) << name;
    EXPECT_EQ(a.moments.mean, b.moments.mean) << name;
    EXPECT_EQ(a.quantiles.levels(), b.quantiles.levels()) << name;
    EXPECT_EQ(a.distinct.encode(), b.distinct.encode()) << name;
  }
  EXPECT_EQ(with.find("y")->type, ColumnType::Numeric);
  // Its class balance: 429 of 3000 rows are 1.
  const auto classes = with.find("y")->values.items();
  ASSERT_EQ(classes.size(), 2u);
  EXPECT_EQ(classes[0], (std::pair<std::string, uint64_t>{"0", 2571}));
  EXPECT_EQ(classes[1], (std::pair<std::string, uint64_t>{"1", 429}));
  EXPECT_EQ(without.find("y")->values.total(), 0u);
  // And the JSON round trip keeps the classes of a numeric column.
  auto back = profile_from_json("p.json", to_json(with));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value().find("y")->values.items(), classes);
  EXPECT_EQ(to_json(back.value()), to_json(with));
}

TEST(InferType, FromSampleValues) {
  EXPECT_EQ(infer_type({"1", "2.5", "-3", "nan"}), ColumnType::Numeric);
  EXPECT_EQ(infer_type({"true", "False", "yes"}), ColumnType::Boolean);
  EXPECT_EQ(infer_type({"a", "b", "a", "c"}), ColumnType::Categorical);
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.push_back("id-" + std::to_string(i));
  EXPECT_EQ(infer_type(ids), ColumnType::Text);
  EXPECT_TRUE(is_missing_token("NA"));
  EXPECT_FALSE(is_missing_token("0"));
}


// A log's timestamps: typed as such from the sample, summarised as instants, their forms
// counted, their order noted; a column of dates alone stays dates.
TEST(ProfileBuilder, TimestampColumns) {
  std::string csv = "time,day,note\n";
  for (int i = 0; i < 1500; ++i) {
    const int minute = i % 60, hour = i / 60 % 24;
    char line[128];
    std::snprintf(line, sizeof line, "2026-01-%02dT%02d:%02d:00%s,2026-02-%02d,x\n", 1 + i / 1440, hour, minute,
                  i % 3 == 0 ? "Z" : i % 3 == 1 ? "+00:00" : "", 1 + i % 28);
    csv += line;
  }
  const std::string path = write_temp("times.csv", csv);
  ProfileOptions o;
  const Profile p = profile_file(path, o).profile;
  const ColumnProfile& time = p.columns[0];
  const ColumnProfile& day = p.columns[1];
  ASSERT_EQ(time.type, ColumnType::Timestamp);
  ASSERT_EQ(day.type, ColumnType::Timestamp);
  EXPECT_EQ(time.moments.n, 1500u);
  EXPECT_EQ(time.moments.min, 1767225600);  // 2026-01-01T00:00:00Z
  EXPECT_EQ(time.moments.max, 1767225600 + 86400 + 59 * 60);  // 2026-01-02T00:59:00Z
  EXPECT_EQ(time.time.zoned, 1000u);
  EXPECT_EQ(time.time.local, 500u);
  EXPECT_TRUE(time.time.sorted);
  EXPECT_EQ(day.time.dates, 1500u);
  EXPECT_FALSE(day.time.sorted);
  const std::string json = to_json(p);
  EXPECT_NE(json.find("\"min\": \"2026-01-01T00:00:00Z\""), std::string::npos);
  EXPECT_NE(json.find("\"max\": \"2026-02-28\""), std::string::npos);
  auto back = profile_from_json("p.json", json);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(to_json(back.value()), json);
  // Given the type, what does not read as one is invalid (no leap day in 2026).
  o.types = {{"time", ColumnType::Timestamp}, {"day", ColumnType::Timestamp}};
  const Profile bad = profile_file(write_temp("times-bad.csv", csv + "not a time,2026-02-29,x\n"), o).profile;
  EXPECT_EQ(bad.columns[0].invalid, 1u);
  EXPECT_EQ(bad.columns[0].first_invalid_line, 1502u);
  EXPECT_EQ(bad.columns[1].invalid, 1u);
}

// Ranges profiled apart keep "sorted" only when they follow each other in time.
TEST(ProfileBuilder, SortedTimestampsSurviveMergingInFileOrderOnly) {
  ColumnOptions o;
  o.types = {{"t", ColumnType::Timestamp}};
  auto build = [&](int from, int to) {
    auto b = ProfileBuilder::create({"t"}, o);
    EXPECT_TRUE(b.ok());
    for (int d = from; d <= to; ++d) {
      const std::string v = "2026-03-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
      b.value().add(std::vector<std::string_view>{v});
    }
    return std::move(b).value().finish();
  };
  Profile early = build(1, 10), late = build(11, 20);
  Profile in_order = early;
  ASSERT_TRUE(in_order.merge(late).ok());
  EXPECT_TRUE(in_order.columns[0].time.sorted);
  EXPECT_EQ(in_order.columns[0].time.first, early.columns[0].time.first);
  EXPECT_EQ(in_order.columns[0].time.last, late.columns[0].time.last);
  Profile reversed = late;
  ASSERT_TRUE(reversed.merge(early).ok());
  EXPECT_FALSE(reversed.columns[0].time.sorted);
}

// Declared epoch units read numbers as instants, beside ISO text in the same column; without
// a unit, or out of the years 0000-9999 (milliseconds declared as seconds), they are invalid.
TEST(ProfileBuilder, EpochNumbersAreInstantsOnlyWithADeclaredUnit) {
  ColumnOptions o;
  o.types = {{"s", ColumnType::Timestamp}, {"ms", ColumnType::Timestamp}, {"none", ColumnType::Timestamp}};
  o.epoch_units = {{"s", EpochUnit::Seconds}, {"ms", EpochUnit::Milliseconds}};
  auto b = ProfileBuilder::create({"s", "ms", "none"}, o);
  ASSERT_TRUE(b.ok()) << b.error().message;
  b.value().add(std::vector<std::string_view>{"1772368200", "1772368200125", "1772368200"});
  b.value().add(std::vector<std::string_view>{"2026-03-01T12:30:01Z", "1772368201000.5", "2026-03-01"});
  b.value().add(std::vector<std::string_view>{"1772368200125", "-1", "x"});
  const Profile p = std::move(b).value().finish();
  const ColumnProfile &s = p.columns[0], &ms = p.columns[1], &none = p.columns[2];
  EXPECT_EQ(s.time.epoch, 1u);
  EXPECT_EQ(s.time.zoned, 1u);
  EXPECT_EQ(s.invalid, 1u);  // year 58000
  EXPECT_EQ(s.first_invalid_line, 3u);
  EXPECT_EQ(s.moments.min, 1772368200.0);  // 2026-03-01T12:30:00Z
  EXPECT_EQ(s.moments.max, 1772368201.0);
  EXPECT_EQ(ms.time.epoch, 3u);
  EXPECT_EQ(ms.time.unit, EpochUnit::Milliseconds);
  EXPECT_DOUBLE_EQ(ms.moments.max, 1772368201.0005);
  EXPECT_EQ(ms.moments.min, -0.001);
  EXPECT_FALSE(ms.time.sorted);
  EXPECT_EQ(none.time.unit, EpochUnit::None);
  EXPECT_EQ(none.invalid, 2u);
  EXPECT_EQ(none.time.dates, 1u);

  auto read = profile_from_json("epoch.json", to_json(p));
  ASSERT_TRUE(read.ok()) << read.error().message;
  const Profile& back = read.value();
  EXPECT_EQ(back.columns[1].time.unit, EpochUnit::Milliseconds);
  EXPECT_EQ(back.columns[1].time.epoch, 3u);
  EXPECT_EQ(back.columns[2].time.unit, EpochUnit::None);

  o.epoch_units = {{"none", EpochUnit::Seconds}};
  o.types.back().second = ColumnType::Numeric;
  auto wrong = ProfileBuilder::create({"s", "ms", "none"}, o);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message, "an epoch unit is given for 'none', which is not typed timestamp");
}

// A file whose first MiB predicts far more records than may be kept keeps none (and says so),
// one a little over the cap keeps until the cap is passed, and one under it keeps them all.
TEST(ProfileFiles, KeptValuesStopEarlyForAFileSurelyTooBig) {
  std::string csv = "x\n";
  for (int i = 0; i < 300000; ++i) csv += std::to_string(i % 1000) + "\n";  // 2.1 MB, about 150,000 records per MiB
  const std::string path = write_temp("many.csv", csv);
  ProfileOptions o;
  for (const size_t keep : {size_t{50000}, size_t{200000}, size_t{300000}}) {
    o.keep_values = keep;
    const ProfileRun run = profile_file(path, o);
    ASSERT_EQ(run.raw.size(), 1u);
    EXPECT_EQ(run.raw_complete[0], keep >= 300000) << keep;
    EXPECT_EQ(run.raw[0].size(), keep >= 300000 ? 300000u : 0u) << keep;
  }
}

// The first 1,500 values are numbers (the sample sees only those); later ones are words. The
// column ends up categorical, counted over all its values, and says why; a type given with
// --types stays, and counts the words as invalid.
TEST(ProfileFiles, ALateMisfitRetypesAnInferredColumn) {
  std::string csv = "code,x\n";
  for (int i = 0; i < 3000; ++i) csv += (i < 1500 ? std::to_string(i % 7) : std::string(i % 2 ? "A7" : "B9")) + "," + std::to_string(i) + "\n";
  const std::string path = write_temp("late.csv", csv);
  ProfileOptions o;
  o.threads = 2;
  const ProfileRun run = profile_file(path, o);
  const ColumnProfile& code = run.profile.columns[0];
  EXPECT_EQ(code.type, ColumnType::Categorical);
  EXPECT_EQ(code.values.total(), 3000u);
  EXPECT_EQ(code.invalid, 0u);
  const auto items = code.values.items();
  ASSERT_EQ(items.size(), 9u);  // 0..6, A7, B9
  EXPECT_EQ(items[0], (std::pair<std::string, uint64_t>{"A7", 750}));
  EXPECT_EQ(run.profile.columns[1].type, ColumnType::Numeric);  // the other column is untouched
  EXPECT_EQ(run.profile.columns[1].moments.n, 3000u);
  ASSERT_EQ(run.notes.size(), 1u);
  EXPECT_NE(run.notes[0].find("column 'code' looked numeric in its first 1000 values, but 1500 later values are not (the first on line 1502)"),
            std::string::npos)
      << run.notes[0];
  o.types = {{"code", ColumnType::Numeric}};
  const ProfileRun forced = profile_file(path, o);
  EXPECT_EQ(forced.profile.columns[0].type, ColumnType::Numeric);
  EXPECT_EQ(forced.profile.columns[0].invalid, 1500u);
  EXPECT_TRUE(forced.notes.empty());
}

}  // namespace
}  // namespace seam::stats
