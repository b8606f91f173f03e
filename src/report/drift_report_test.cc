#include "report/drift_report.h"

#include <gtest/gtest.h>

#include "report/markup_check.h"
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace seam::report {
namespace {

using stats::ColumnDrift;
using stats::ColumnType;
using stats::DriftReport;
using stats::Method;

constexpr const char* kOddName = "c<&>\"|ty";

// A numeric KS column that drifted, a categorical chi-square column with 25 categories and
// an awkward name, a PSI column (a distance: no p-value) that drifted, and a column with no
// histogram and no statistic.
DriftReport sample() {
  DriftReport r;
  r.reference = "train.csv";
  r.current = "prod.csv";

  ColumnDrift age;
  age.name = "age";
  age.type = ColumnType::Numeric;
  age.method = Method::Ks;
  age.statistic = 0.41;
  age.p_value = 1e-9;
  age.statistic_low = age.statistic_high = 0.41;
  age.p_value_low = age.p_value_high = 1e-9;
  age.threshold = 0.05;
  age.verdict = stats::Verdict::Drift;
  age.drift = true;
  age.n_reference = 1000;
  age.n_current = 1200;
  age.details = {{"exact", true}, {"statistic_error_bound", 0.01}};
  for (int i = 0; i <= 20; ++i) age.histogram.edges.push_back(5.0 * i);
  for (int i = 0; i < 20; ++i) {
    age.histogram.reference.push_back(i < 10 ? 0.1 : 0.0);
    age.histogram.current.push_back(i < 10 ? 0.0 : 0.1);
  }

  ColumnDrift city;
  city.name = kOddName;
  city.type = ColumnType::Categorical;
  city.method = Method::ChiSquare;
  city.statistic = 12.5;
  city.p_value = 0.3;
  city.statistic_low = city.statistic_high = 12.5;
  city.p_value_low = city.p_value_high = 0.3;
  city.threshold = 0.05;
  city.n_reference = 1000;
  city.n_current = 1200;
  city.details = {{"dof", 24.0}, {"categories", int64_t{25}}};
  double total = 0;
  for (int i = 0; i < 25; ++i) total += 25 - i;
  for (int i = 0; i < 25; ++i) {
    city.histogram.labels.push_back("cat" + std::to_string(i));
    city.histogram.reference.push_back((25 - i) / total);
    city.histogram.current.push_back((25 - i) / total);
  }

  ColumnDrift income;
  income.name = "income";
  income.type = ColumnType::Numeric;
  income.method = Method::Psi;
  income.statistic = 0.27;
  income.statistic_low = 0.22;
  income.statistic_high = 0.31;
  income.exact = false;
  income.threshold = 0.1;
  income.verdict = stats::Verdict::Drift;
  income.drift = true;
  income.n_reference = 1000;
  income.n_current = 1200;
  income.details = {{"bins", int64_t{10}}, {"exact", false}, {"distance_error_bound", NAN}};
  for (int i = 0; i <= 10; ++i) income.histogram.edges.push_back(1000.0 * i);
  for (int i = 0; i < 10; ++i) {
    income.histogram.reference.push_back(0.1);
    income.histogram.current.push_back(i == 0 ? 0.55 : 0.05);
  }

  ColumnDrift empty;
  empty.name = "sensor";
  empty.type = ColumnType::Numeric;
  empty.method = Method::Wasserstein;
  empty.threshold = 0.1;
  empty.verdict = stats::Verdict::Inconclusive;
  empty.why = "no finite values in the current data";
  empty.advice = "check that the column is filled on both sides";
  empty.details = {{"note", std::string("no finite values on one side")}};

  age.critical = "a feature in training_data.yaml";
  r.columns = {age, city, income, empty};
  r.critical_drifted = 1;
  r.fails = true;
  r.drifted = 2;
  r.inconclusive = 1;
  r.dataset_share = 0.5;
  r.dataset_drift = true;
  r.dataset_verdict = stats::Verdict::Drift;
  r.only_in_reference = {"legacy"};
  r.only_in_current = {"new_feature"};
  r.skipped = {"comment"};
  r.notes = {"'comment' is free text; not tested"};
  return r;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// --- JSON -------------------------------------------------------------------------------

std::vector<std::string> keys(simdjson::dom::object o) {
  std::vector<std::string> out;
  for (auto field : o) out.emplace_back(field.key);
  return out;
}

TEST(DriftJson, FollowsTheContract) {
  const std::string json = drift_json(sample());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;

  EXPECT_EQ(keys(doc.get_object()),
            (std::vector<std::string>{"reference", "current", "columns", "summary", "drifted_columns",
                                      "inconclusive_columns", "total_columns", "dataset_drift", "dataset_verdict",
                                      "critical_columns", "critical_drifted_columns", "fail_on", "fails",
                                      "dataset_drift_share", "only_in_reference", "only_in_current", "skipped", "notes"}));
  EXPECT_EQ(std::string_view(doc["summary"]),
            "drift in 2 of 4 columns (50%): age, income; critical column drifted: age; inconclusive in 1: sensor; "
            "dataset drift: yes (threshold 50%)");
  EXPECT_EQ(std::string_view(doc["critical_columns"]["age"]), "a feature in training_data.yaml");
  EXPECT_EQ(int64_t(doc["critical_drifted_columns"]), 1);
  EXPECT_EQ(std::string_view(doc["fail_on"]), "column");
  EXPECT_TRUE(bool(doc["fails"]));
  EXPECT_EQ(int64_t(doc["inconclusive_columns"]), 1);
  EXPECT_EQ(std::string_view(doc["dataset_verdict"]), "drift");
  EXPECT_EQ(std::string_view(doc["reference"]), "train.csv");
  EXPECT_EQ(std::string_view(doc["current"]), "prod.csv");
  EXPECT_EQ(int64_t(doc["drifted_columns"]), 2);
  EXPECT_EQ(int64_t(doc["total_columns"]), 4);
  EXPECT_TRUE(bool(doc["dataset_drift"]));
  EXPECT_DOUBLE_EQ(double(doc["dataset_drift_share"]), 0.5);
  EXPECT_EQ(std::string_view(doc["only_in_reference"].at(0)), "legacy");
  EXPECT_EQ(std::string_view(doc["only_in_current"].at(0)), "new_feature");
  EXPECT_EQ(std::string_view(doc["skipped"].at(0)), "comment");
  EXPECT_EQ(std::string_view(doc["notes"].at(0)), "'comment' is free text; not tested");

  simdjson::dom::array columns = doc["columns"].get_array();
  ASSERT_EQ(columns.size(), 4u);
  for (auto c : columns)
    EXPECT_EQ(keys(c.get_object()),
              (std::vector<std::string>{"name", "type", "method", "statistic", "p_value", "p_value_underflow",
                                        "statistic_interval", "p_value_interval", "threshold", "drift", "verdict", "exact",
                                        "critical", "inconclusive_reason", "advice", "n_reference", "n_current", "details"}));

  simdjson::dom::element age = columns.at(0);
  EXPECT_EQ(std::string_view(age["name"]), "age");
  EXPECT_EQ(std::string_view(age["type"]), "numeric");
  EXPECT_EQ(std::string_view(age["method"]), "ks");
  EXPECT_DOUBLE_EQ(double(age["statistic"]), 0.41);
  EXPECT_DOUBLE_EQ(double(age["p_value"]), 1e-9);
  EXPECT_DOUBLE_EQ(double(age["threshold"]), 0.05);
  EXPECT_TRUE(bool(age["drift"]));
  EXPECT_TRUE(bool(age["critical"]));
  EXPECT_EQ(std::string_view(age["verdict"]), "drift");
  EXPECT_FALSE(bool(age["p_value_underflow"]));
  EXPECT_DOUBLE_EQ(double(age["p_value_interval"].at(0)), 1e-9);  // exact: a point
  EXPECT_TRUE(age["inconclusive_reason"].is_null());
  EXPECT_EQ(int64_t(age["n_reference"]), 1000);
  EXPECT_EQ(int64_t(age["n_current"]), 1200);
  EXPECT_TRUE(bool(age["details"]["exact"]));
  EXPECT_DOUBLE_EQ(double(age["details"]["statistic_error_bound"]), 0.01);

  simdjson::dom::element city = columns.at(1);
  EXPECT_EQ(std::string_view(city["name"]), kOddName);  // escaped and read back intact
  EXPECT_EQ(std::string_view(city["type"]), "categorical");
  EXPECT_EQ(std::string_view(city["method"]), "chisquare");
  EXPECT_FALSE(bool(city["drift"]));
  EXPECT_EQ(std::string_view(city["verdict"]), "no_drift");
  EXPECT_EQ(int64_t(city["details"]["dof"]), 24);

  simdjson::dom::element income = columns.at(2);
  EXPECT_EQ(std::string_view(income["method"]), "psi");
  EXPECT_TRUE(income["p_value"].is_null());  // a distance has no p-value
  EXPECT_DOUBLE_EQ(double(income["statistic"]), 0.27);
  EXPECT_DOUBLE_EQ(double(income["statistic_interval"].at(0)), 0.22);
  EXPECT_DOUBLE_EQ(double(income["statistic_interval"].at(1)), 0.31);
  EXPECT_TRUE(income["p_value_interval"].at(0).is_null());
  EXPECT_FALSE(bool(income["exact"]));
  EXPECT_EQ(int64_t(income["details"]["bins"]), 10);
  EXPECT_FALSE(bool(income["details"]["exact"]));
  EXPECT_TRUE(income["details"]["distance_error_bound"].is_null());  // an unknown number

  simdjson::dom::element sensor = columns.at(3);
  EXPECT_TRUE(sensor["statistic"].is_null());
  EXPECT_TRUE(sensor["p_value"].is_null());
  EXPECT_FALSE(bool(sensor["drift"]));
  EXPECT_EQ(std::string_view(sensor["verdict"]), "inconclusive");
  EXPECT_EQ(std::string_view(sensor["inconclusive_reason"]), "no finite values in the current data");
  EXPECT_EQ(std::string_view(sensor["advice"]), "check that the column is filled on both sides");
  EXPECT_EQ(std::string_view(sensor["details"]["note"]), "no finite values on one side");
}

TEST(DriftJson, InfinitiesAreNullAndEmptyReportsParse) {
  DriftReport r = sample();
  r.columns[0].statistic = INFINITY;
  r.columns[0].threshold = -INFINITY;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(drift_json(r)).get(doc), simdjson::SUCCESS);
  EXPECT_TRUE(doc["columns"].at(0)["statistic"].is_null());
  EXPECT_TRUE(doc["columns"].at(0)["threshold"].is_null());

  ASSERT_EQ(parser.parse(drift_json(DriftReport{})).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(doc["dataset_verdict"]), "no_drift");
  EXPECT_EQ(doc["columns"].get_array().size(), 0u);
  EXPECT_EQ(int64_t(doc["total_columns"]), 0);
}

// A p-value that underflowed is 0 in JSON with p_value_underflow set, and "< 1e-300" for people.
TEST(DriftReports, UnderflowedPValueIsNotShownAsZero) {
  DriftReport r = sample();
  r.columns[0].p_value = r.columns[0].p_value_low = r.columns[0].p_value_high = 0;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(drift_json(r)).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(double(doc["columns"].at(0)["p_value"]), 0.0);
  EXPECT_TRUE(bool(doc["columns"].at(0)["p_value_underflow"]));
  EXPECT_FALSE(bool(doc["columns"].at(1)["p_value_underflow"]));
  const auto age = [](const std::string& out) {  // the table row, not the headline's list of names
    const size_t at = out.find("\nage ") + 1;
    return out.substr(at, out.find('\n', at) - at);
  };
  const std::string text = drift_text(r);
  EXPECT_NE(age(text).find("< 1e-300"), std::string::npos) << text;
  EXPECT_EQ(age(text).find(" 0 "), std::string::npos) << text;
  EXPECT_NE(drift_markdown(r).find("| \\< 1e-300 |"), std::string::npos) << drift_markdown(r);
  EXPECT_NE(drift_html(r).find(">&lt; 1e-300<"), std::string::npos);
}

// --- text -------------------------------------------------------------------------------

TEST(DriftText, OneLinePerColumnAndASummary) {
  DriftReport r = sample();
  r.columns[3].name = "two\nlines";  // must not break the table
  const std::string text = drift_text(r);
  const auto ls = lines(text);
  for (std::string name : {"age", kOddName, "income", "two\\nlines"}) {
    size_t n = 0;
    for (const auto& l : ls) n += l.rfind(name, 0) == 0;
    EXPECT_EQ(n, 1u) << name << "\n" << text;
  }
  // Header plus one line per column, between the file names and the rest.
  const auto header = std::find_if(ls.begin(), ls.end(), [](const std::string& l) { return l.rfind("column ", 0) == 0; });
  ASSERT_NE(header, ls.end()) << text;
  EXPECT_EQ(std::find(header, ls.end(), std::string()) - header, 5) << text;

  const std::string& age = *(header + 1);
  EXPECT_NE(age.find("numeric"), std::string::npos);
  EXPECT_NE(age.find("ks"), std::string::npos);
  EXPECT_NE(age.find("0.41"), std::string::npos);
  EXPECT_NE(age.find("1e-09"), std::string::npos);
  EXPECT_NE(age.find("0.05"), std::string::npos);
  EXPECT_EQ(age.substr(age.size() - 16), "DRIFT (critical)");
  const std::string& income = *(header + 3);
  EXPECT_NE(income.find(" - "), std::string::npos) << income;  // no p-value for PSI
  EXPECT_EQ(income.substr(income.size() - 5), "DRIFT");
  EXPECT_NE(income.find("0.22..0.31"), std::string::npos) << income;  // tested on sketches: the interval
  EXPECT_EQ((header + 2)->substr((header + 2)->size() - 2), "ok");
  const std::string& sensor = *(header + 4);
  EXPECT_EQ(sensor.substr(sensor.size() - 12), "inconclusive");
  EXPECT_NE(text.find("inconclusive:\n  two\\nlines: no finite values in the current data; check that the column is filled on both sides\n"),
            std::string::npos) << text;

  EXPECT_NE(text.find("'comment' is free text; not tested"), std::string::npos);
  EXPECT_NE(text.find("only in the reference: legacy\n"), std::string::npos);
  EXPECT_NE(text.find("only in the current data: new_feature\n"), std::string::npos);
  const std::string summary =
      "drift in 2 of 4 columns (50%): age, income; critical column drifted: age; inconclusive in 1: two\\nlines; "
      "dataset drift: yes (threshold 50%)";
  EXPECT_EQ(ls.back(), summary);
  EXPECT_EQ(ls[3], summary);  // and first, under the file names
}

TEST(DriftText, SummaryRoundsTheShare) {
  DriftReport r;
  for (int i = 0; i < 9; ++i) {
    ColumnDrift c;
    c.name = "c";
    c.name += std::to_string(i);  // not "c" + ...: GCC 12 warns falsely (-Wrestrict) at -O3
    c.verdict = i < 2 ? stats::Verdict::Drift : stats::Verdict::NoDrift;
    r.columns.push_back(c);
  }
  r.drifted = 2;
  EXPECT_EQ(lines(drift_text(r)).back(), "drift in 2 of 9 columns (22%): c0, c1; dataset drift: no (threshold 50%)");
  for (auto& c : r.columns) c.verdict = stats::Verdict::NoDrift;
  r.drifted = 0;
  EXPECT_EQ(lines(drift_text(r)).back(), "no drift in 9 columns; dataset drift: no (threshold 50%)");
  r.columns[4].verdict = stats::Verdict::Inconclusive;
  r.inconclusive = 1;
  r.dataset_verdict = stats::Verdict::Inconclusive;
  EXPECT_EQ(lines(drift_text(r)).back(), "no drift in 8 of 9 columns; inconclusive in 1: c4; dataset drift: inconclusive (threshold 50%)");
  r.columns.resize(1);
  r.columns[0].verdict = stats::Verdict::Drift;
  r.drifted = 1;
  r.inconclusive = 0;
  r.dataset_verdict = stats::Verdict::Drift;
  r.dataset_share = 1.0 / 3;
  EXPECT_EQ(lines(drift_text(r)).back(), "drift in 1 of 1 column (100%): c0; dataset drift: yes (threshold 33.3%)");
  // Many drifted columns: ten names, then how many more.
  r.columns.assign(12, r.columns[0]);
  r.drifted = 12;
  EXPECT_NE(lines(drift_text(r)).back().find("c0, c0 and 2 more;"), std::string::npos);
}

// --- Markdown ---------------------------------------------------------------------------

TEST(DriftMarkdown, TableEscapesPipes) {
  const std::string md = drift_markdown(sample());
  EXPECT_NE(md.find("**drift in 2 of 4 columns (50%): age, income; critical column drifted: age; inconclusive in 1: sensor; "
                    "dataset drift: yes (threshold 50%)**"),
            std::string::npos) << md;
  EXPECT_NE(md.find("| **DRIFT** (critical) |"), std::string::npos) << md;
  EXPECT_NE(md.find("## Inconclusive\n\n- `sensor`: no finite values in the current data; check that"), std::string::npos) << md;
  EXPECT_NE(md.find("| _inconclusive_ |"), std::string::npos) << md;
  EXPECT_NE(md.find("`c<&>\"\\|ty`"), std::string::npos) << md;
  EXPECT_EQ(md.find("c<&>\"|ty"), std::string::npos);
  // Every table line has exactly 8 unescaped pipes (7 cells), the escaped one included.
  size_t rows = 0;
  for (const auto& l : lines(md)) {
    if (l.empty() || l[0] != '|') continue;
    ++rows;
    size_t pipes = 0;
    for (size_t i = 0; i < l.size(); ++i) pipes += l[i] == '|' && (i == 0 || l[i - 1] != '\\');
    EXPECT_EQ(pipes, 8u) << l;
  }
  EXPECT_EQ(rows, 2u + 4u);
  EXPECT_NE(md.find("| `income` | numeric | psi | 0.22..0.31 | - | 0.1 | **DRIFT** |"), std::string::npos) << md;
  EXPECT_NE(md.find("- Only in the reference: `legacy`"), std::string::npos);
}

// --- HTML -------------------------------------------------------------------------------


TEST(DriftHtml, TagBalanceCheckerCatchesProblems) {
  EXPECT_EQ(markup_problem("<p><b>x</b></p>"), "");
  EXPECT_NE(markup_problem("<p><b>x</p></b>"), "");
  EXPECT_NE(markup_problem("<p>x"), "");
  EXPECT_NE(markup_problem("<p>a & b</p>"), "");
  EXPECT_NE(markup_problem("<p>a > b</p>"), "");
  EXPECT_NE(markup_problem("<a href=\"x>y</a>"), "");
}

TEST(DriftHtml, OneSelfContainedPageWithAChartPerColumn) {
  const std::string html = drift_html(sample());
  EXPECT_EQ(markup_problem(html), "") << html;
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);

  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_EQ(lower.find("<script"), std::string::npos);
  EXPECT_EQ(lower.find("javascript:"), std::string::npos);
  EXPECT_EQ(lower.find("<link"), std::string::npos);
  EXPECT_EQ(lower.find("src="), std::string::npos);
  EXPECT_EQ(lower.find("@import"), std::string::npos);

  // Three columns have a histogram, one does not.
  EXPECT_EQ(occurrences(html, "<svg"), 3u);
  EXPECT_EQ(occurrences(html, "no distribution to draw"), 1u);
  EXPECT_EQ(occurrences(html, "<section class=\"column"), 4u);

  // The awkward name is escaped everywhere.
  EXPECT_EQ(html.find(kOddName), std::string::npos);
  EXPECT_NE(html.find("c&lt;&amp;&gt;&quot;|ty"), std::string::npos);

  // Test results.
  EXPECT_NE(html.find("<p><span class=\"badge drift\">drift</span> drift in 2 of 4 columns (50%): age, income;"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"why\"><strong>Inconclusive:</strong> no finite values in the current data. "
                      "<strong>To decide:</strong> check that the column is filled on both sides.</p>"), std::string::npos);
  EXPECT_EQ(occurrences(html, "<span class=\"badge inconclusive\">inconclusive</span>"), 2u);  // overview and card
  EXPECT_NE(html.find("drift when the p-value is below 0.05"), std::string::npos);
  EXPECT_NE(html.find("drift when the distance is above 0.1"), std::string::npos);
  EXPECT_EQ(occurrences(html, "<span class=\"badge drift\">DRIFT</span>"), 2u * 2u);  // overview and card
  EXPECT_EQ(occurrences(html, "<span class=\"badge critical\">critical</span>"), 2u);
  EXPECT_NE(html.find("<p class=\"meta\">critical: a feature in training_data.yaml</p>"), std::string::npos);

  // Details show as the JSON report writes them.
  EXPECT_NE(html.find("exact = <code>true</code> &#183; statistic_error_bound = <code>0.01</code>"), std::string::npos);
  EXPECT_NE(html.find("dof = <code>24</code> &#183; categories = <code>25</code>"), std::string::npos);
  EXPECT_NE(html.find("distance_error_bound = <code>null</code>"), std::string::npos);
  EXPECT_NE(html.find("note = <code>&quot;no finite values on one side&quot;</code>"), std::string::npos);

  // Bars: 20 numeric bins, the 20 largest of 25 categories, 10 PSI bins; both sides each.
  EXPECT_EQ(occurrences(html, "<title>reference, "), 50u);
  EXPECT_EQ(occurrences(html, "<title>current, "), 50u);
  EXPECT_NE(html.find("5 more not shown"), std::string::npos);
  EXPECT_NE(html.find(">cat0<"), std::string::npos);
  EXPECT_NE(html.find(">cat19<"), std::string::npos);
  EXPECT_EQ(html.find(">cat20<"), std::string::npos);
  EXPECT_EQ(html.find("cat24"), std::string::npos);

  // Axis labels carry the bin range, the last bin closed.
  EXPECT_NE(html.find(">[0, 5)<"), std::string::npos);
  EXPECT_NE(html.find(">[95, 100]<"), std::string::npos);
  EXPECT_NE(html.find(">[9000, 10000]<"), std::string::npos);

  // A legend, and current bars that differ from reference ones without colour (hatching
  // and an outline), with one pattern per chart so that ids stay unique.
  EXPECT_EQ(occurrences(html, "reference (1000 rows)"), 3u);
  EXPECT_EQ(occurrences(html, "current (1200 rows)"), 3u);
  std::set<std::string> ids;
  for (size_t at = html.find(" id=\""); at != std::string::npos; at = html.find(" id=\"", at + 1)) {
    const size_t start = at + 5;
    EXPECT_TRUE(ids.insert(html.substr(start, html.find('"', start) - start)).second) << "duplicate id at " << at;
  }
  EXPECT_TRUE(ids.count("hatch-0") && ids.count("hatch-1") && ids.count("hatch-2"));
  EXPECT_EQ(occurrences(html, "fill=\"url(#hatch-0)\" stroke="), 20u + 1u);  // bars and legend
}

// Green only when nothing drifted and nothing is inconclusive; amber for inconclusive alone.
TEST(DriftHtml, HeadlineBadgeIsGreenOnlyWhenAllIsDecidedAndClean) {
  DriftReport r = sample();
  for (auto& c : r.columns) c.verdict = stats::Verdict::NoDrift;
  r.drifted = r.inconclusive = r.critical_drifted = 0;
  r.dataset_drift = false;
  r.dataset_verdict = stats::Verdict::NoDrift;
  EXPECT_NE(drift_html(r).find("<p><span class=\"badge ok\">no drift</span> no drift in 4 columns"), std::string::npos);
  r.columns[3].verdict = stats::Verdict::Inconclusive;
  r.inconclusive = 1;
  EXPECT_NE(drift_html(r).find("<p><span class=\"badge inconclusive\">inconclusive</span> no drift in 3 of 4 columns"), std::string::npos);
  // The user's case: columns drifted but not the share of the data set; still red.
  r.columns[0].verdict = stats::Verdict::Drift;
  r.drifted = 1;
  EXPECT_NE(drift_html(r).find("<p><span class=\"badge drift\">drift</span> drift in 1 of 4 columns (25%): age;"), std::string::npos);
}

TEST(DriftHtml, EmptyReportAndControlCharactersStayWellFormed) {
  EXPECT_EQ(markup_problem(drift_html(DriftReport{})), "");
  DriftReport r = sample();
  r.columns[1].name = "bad\x01name\xff";
  r.columns[1].histogram.labels[0] = "<b>\x02";
  r.notes.push_back("a & b < c");
  const std::string html = drift_html(r);
  EXPECT_EQ(markup_problem(html), "") << html;
  EXPECT_NE(html.find("a &amp; b &lt; c"), std::string::npos);
}

}  // namespace
}  // namespace seam::report
