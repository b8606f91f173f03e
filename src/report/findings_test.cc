#include "report/findings.h"

#include <gtest/gtest.h>

#include "report/markup_check.h"
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace seam::report {
namespace {

using rules::Finding;
using rules::FindingKind;
using rules::Item;
using rules::Location;
using rules::Report;
using rules::RuleRun;
using rules::RuleRun;
using rules::Severity;

RuleRun rule(std::string id, std::string tec, Severity sev, std::string category) {
  return {std::move(id), std::move(tec), FindingKind::Mismatch, sev, std::move(category),
          "API/Specifications", "message of the rule", "why the rule matters"};
}

// Three findings (one waived), one item without a file, values that need escaping in every
// format, a load error and a waiver problem; four rules ran, one of which did not fire.
Report sample() {
  Report r;
  r.seam_version = "0.1.0";
  r.project = "fraud <detection>";
  r.rules_run = std::make_shared<const std::vector<RuleRun>>(std::vector<RuleRun>{
      rule("model-output-type-downstream", "3A", Severity::Error, "Trained Model"),
      rule("raw-data-missing-schema", "", Severity::Warning, "Raw Data"),
      rule("metric-threshold-unset", "5B", Severity::Warning, "Metrics"),
      rule("never-fires", "", Severity::Info, "Environment")});

  Finding a;
  a.rule = "model-output-type-downstream";
  a.tec_rule = "3A";
  a.severity = Severity::Error;
  a.category = "Trained Model";
  a.subcategory = "API/Specifications";
  a.message = "model output type differs from what the pipeline expects";
  a.rationale = "a float score read as an integer loses the decision boundary";
  a.reads = {"trained_model.output_spec[].item_type"};
  a.items = {Item{"output 'score' is Float | pipe\nnext line",
                  {{"produced", "\"Float\""}, {"note", R"("say \"hi\" <&>")"}},
                  {Location{"trained_model", "/output_spec/0/item_type", "p/trained_model.yaml", 5, 16},
                   Location{"pipeline", "/steps/1/input_type", "p/pipeline.yaml", 0, 0}}},
             Item{"output 'label' <&> \"quoted\" 'single'", {{"count", "12"}},
                  {Location{"trained_model", "/output_spec/1/item_type", "p/trained_model.yaml", 9, 16}}}};

  Finding b;
  b.rule = "raw-data-missing-schema";
  b.kind = FindingKind::Missing;
  b.severity = Severity::Warning;
  b.category = "Raw Data";
  b.subcategory = "Schema";
  b.message = "no raw data descriptor was given";
  b.items = {Item{"raw data schema unknown", {}, {Location{"raw_data", "/schema", "", 0, 0}}}};

  Finding c;
  c.rule = "metric-threshold-unset";
  c.tec_rule = "5B";
  c.severity = Severity::Warning;
  c.category = "Metrics";
  c.message = "threshold not set";
  c.waived = true;
  c.waiver_reason = "accepted by Ana until the Q3 review";
  c.items = {Item{"metric 'recall'", {}, {Location{"metrics", "/metrics/0", "p/metrics.yaml", 3, 5}}}};

  r.findings = {a, b, c};
  Error e = Error::invalid("expected a list");
  e.file = "p/environment.yaml";
  e.line = 2;
  e.column = 3;
  e.pointer = "/packages";
  r.load_errors = {e};
  r.waiver_problems = {{"old-rule", "expired", "expired on 2026-01-31", "waivers.yaml", 7},
                       {"gone-rule", "unused", "matched no finding", "waivers.yaml", 12}};
  return r;
}

// --- summary and text -------------------------------------------------------------------

TEST(FindingsSummary, CountsUnwaivedBySeverityAndWaivedApart) {
  const auto s = sample().summary();
  EXPECT_EQ(s.error, 1);
  EXPECT_EQ(s.warning, 1);
  EXPECT_EQ(s.info, 0);
  EXPECT_EQ(s.waived, 1);
  EXPECT_EQ(rules::severity_name(Severity::Info), "info");
  EXPECT_EQ(rules::kind_name(FindingKind::Missing), "missing");
}

TEST(FindingsText, ShowsLoadErrorsFindingsWaiversAndSummary) {
  const std::string t = findings_text(sample());
  EXPECT_EQ(t.rfind("p/environment.yaml:2:3: /packages: expected a list\n", 0), 0u) << t;
  EXPECT_NE(t.find("error[model-output-type-downstream] (TEC 3A) Trained Model / API/Specifications: "
                   "model output type differs"), std::string::npos) << t;
  EXPECT_NE(t.find("      at p/trained_model.yaml:5:16 /output_spec/0/item_type\n"), std::string::npos);
  EXPECT_NE(t.find("      at p/pipeline.yaml /steps/1/input_type (not present)\n"), std::string::npos);
  EXPECT_NE(t.find("      (no raw_data descriptor)\n"), std::string::npos);
  EXPECT_NE(t.find("warning[raw-data-missing-schema] Raw Data / Schema: "), std::string::npos);
  EXPECT_NE(t.find("  waived: accepted by Ana"), std::string::npos);
  EXPECT_NE(t.find("waivers.yaml:7: warning: waiver for old-rule expired on 2026-01-31\n"), std::string::npos);
  EXPECT_NE(t.find("waivers.yaml:12: warning: waiver for gone-rule matched no finding\n"), std::string::npos);
  // Errors come before warnings, and the waived finding after both.
  EXPECT_LT(t.find("error[model"), t.find("warning[raw"));
  EXPECT_LT(t.find("warning[raw"), t.find("warning[metric"));
  EXPECT_TRUE(t.ends_with("\n1 error, 1 warning, 0 info, 1 waived\n")) << t;
}

TEST(FindingsText, PluralsInSummary) {
  Report r = sample();
  r.findings.push_back(r.findings[0]);
  r.findings.push_back(r.findings[1]);
  EXPECT_TRUE(findings_text(r).ends_with("2 errors, 2 warnings, 0 info, 1 waived\n"));
  EXPECT_EQ(findings_text(Report{}), "0 errors, 0 warnings, 0 info, 0 waived\n");
}

// --- JSON -------------------------------------------------------------------------------

std::vector<std::string> keys(simdjson::dom::object o) {
  std::vector<std::string> out;
  for (auto field : o) out.emplace_back(field.key);
  return out;
}

TEST(FindingsJson, FollowsTheContract) {
  const std::string json = findings_json(sample());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;

  using V = std::vector<std::string>;
  EXPECT_EQ(keys(doc.get_object()), (V{"seam_version", "project", "findings", "load_errors",
                                       "load_warnings", "waiver_problems", "summary"}));
  simdjson::dom::array findings = doc["findings"].get_array();
  ASSERT_EQ(findings.size(), 3u);
  const V finding_keys = {"rule", "tec_rule", "kind", "severity", "category", "subcategory",
                          "message", "rationale", "reads", "basis", "waived", "items"};
  EXPECT_EQ(keys(findings.at(0).get_object()), finding_keys);
  EXPECT_EQ(std::string_view(findings.at(0)["tec_rule"].get_string()), "3A");
  EXPECT_TRUE(findings.at(1)["tec_rule"].is_null());
  EXPECT_EQ(std::string_view(findings.at(1)["kind"].get_string()), "missing");
  EXPECT_EQ(std::string_view(findings.at(2)["waiver_reason"].get_string()),
            "accepted by Ana until the Q3 review");
  EXPECT_EQ(findings.at(0)["waiver_reason"].error(), simdjson::NO_SUCH_FIELD);

  simdjson::dom::element item = findings.at(0)["items"].at(0);
  EXPECT_EQ(keys(item.get_object()), (V{"text", "values", "locations", "related", "evidence"}));
  EXPECT_EQ(std::string_view(item["values"]["produced"].get_string()), "Float");
  EXPECT_EQ(std::string_view(item["values"]["note"].get_string()), "say \"hi\" <&>");
  EXPECT_EQ(int64_t(findings.at(0)["items"].at(1)["values"]["count"].get_int64()), 12);
  simdjson::dom::element present = item["locations"].at(0), absent = item["locations"].at(1);
  EXPECT_EQ(keys(present.get_object()), (V{"descriptor", "pointer", "file", "line", "column"}));
  EXPECT_EQ(int64_t(present["line"].get_int64()), 5);
  EXPECT_TRUE(absent["line"].is_null());
  EXPECT_TRUE(absent["column"].is_null());
  simdjson::dom::element nofile = findings.at(1)["items"].at(0)["locations"].at(0);
  EXPECT_TRUE(nofile["file"].is_null());

  simdjson::dom::element load = doc["load_errors"].at(0);
  EXPECT_EQ(keys(load.get_object()), (V{"file", "pointer", "line", "column", "message"}));
  EXPECT_EQ(keys(doc["waiver_problems"].at(0).get_object()),
            (V{"rule", "problem", "detail", "file", "line"}));
  EXPECT_EQ(keys(doc["summary"].get_object()), (V{"error", "warning", "info", "waived"}));
  EXPECT_EQ(int64_t(doc["summary"]["waived"].get_int64()), 1);
}

TEST(FindingsJson, EmptyReportIsValid) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(findings_json(Report{})).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(doc["findings"].get_array().size(), 0u);
}

// --- Markdown and HTML ------------------------------------------------------------------

TEST(FindingsMarkdown, EscapesTableCells) {
  const std::string md = findings_markdown(sample());
  EXPECT_NE(md.find("| output 'score' is Float \\| pipe<br>next line |"), std::string::npos) << md;
  EXPECT_NE(md.find("\\<\\&\\>"), std::string::npos);
  EXPECT_NE(md.find("| `p/trained_model.yaml:9` | `/output_spec/1/item_type` |"), std::string::npos);
  EXPECT_NE(md.find("`p/pipeline.yaml` (not present)"), std::string::npos);
  EXPECT_NE(md.find("## Errors"), std::string::npos);
  EXPECT_NE(md.find("## Waived"), std::string::npos);
  EXPECT_NE(md.find("accepted by Ana"), std::string::npos);
  // Every table row keeps its three columns: no unescaped pipe slipped into a cell.
  for (size_t at = md.find("\n| "); at != std::string::npos; at = md.find("\n| ", at + 1)) {
    const std::string row = md.substr(at + 1, md.find('\n', at + 1) - at - 1);
    size_t bars = 0;
    for (size_t i = 0; i < row.size(); ++i) bars += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
    EXPECT_TRUE(bars == 4 || bars == 5) << row;  // items table, or the summary table
  }
}

TEST(FindingsHtml, EscapesEverythingItShows) {
  const std::string html = findings_html(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<detection>"), std::string::npos);
  EXPECT_NE(html.find("fraud &lt;detection&gt;"), std::string::npos);
  EXPECT_NE(html.find("output &#39;label&#39; &lt;&amp;&gt; &quot;quoted&quot; &#39;single&#39;"),
            std::string::npos);
  EXPECT_NE(html.find("class=\"finding waived\""), std::string::npos);
  EXPECT_NE(html.find("badge error"), std::string::npos);
  EXPECT_NE(html.find("(no raw_data descriptor)"), std::string::npos);
}

// --- SARIF ------------------------------------------------------------------------------

// Checks what SARIF 2.1.0 requires of the parts seam writes; returns the problems found.
std::vector<std::string> sarif_problems(const std::string& text) {
  using namespace simdjson;
  std::vector<std::string> bad;
  dom::parser parser;
  dom::element doc;
  if (parser.parse(text).get(doc)) return {"not JSON"};
  std::string_view version;
  if (doc["version"].get(version) || version != "2.1.0") bad.push_back("version is not 2.1.0");
  dom::array runs;
  if (doc["runs"].get(runs)) return {"runs is not an array"};
  const std::set<std::string_view> levels = {"none", "note", "warning", "error"};
  for (dom::element run : runs) {
    std::string_view name;
    if (run["tool"]["driver"]["name"].get(name)) bad.push_back("tool.driver.name is not a string");
    dom::array rules;
    size_t n_rules = 0;
    if (run["tool"]["driver"]["rules"].get(rules) == SUCCESS) {
      n_rules = rules.size();
      for (dom::element rule : rules) {
        std::string_view id, level;
        if (rule["id"].get(id)) bad.push_back("rule without id");
        if (rule["defaultConfiguration"]["level"].get(level) == SUCCESS && !levels.count(level))
          bad.push_back("bad default level");
      }
    }
    auto check_locations = [&](dom::element owner) {
      dom::array locations;
      if (owner["locations"].get(locations)) return;
      for (dom::element l : locations) {
        dom::element phys;
        if (l["physicalLocation"].get(phys)) continue;
        std::string_view uri;
        if (phys["artifactLocation"]["uri"].get(uri)) bad.push_back("artifactLocation.uri is not a string");
        int64_t line = 0, column = 0;
        if (phys["region"]["startLine"].get(line) == SUCCESS && line < 1) bad.push_back("startLine < 1");
        if (phys["region"]["startColumn"].get(column) == SUCCESS && column < 1) bad.push_back("startColumn < 1");
      }
    };
    dom::array results;
    if (run["results"].get(results)) { bad.push_back("results is not an array"); continue; }
    for (dom::element result : results) {
      std::string_view message, level;
      if (result["message"]["text"].get(message)) bad.push_back("result.message.text is not a string");
      if (result["level"].get(level) == SUCCESS && !levels.count(level)) bad.push_back("bad level");
      int64_t index = 0;
      if (result["ruleIndex"].get(index) == SUCCESS && (index < 0 || size_t(index) >= n_rules))
        bad.push_back("ruleIndex outside driver.rules");
      check_locations(result);
      dom::array suppressions;
      if (result["suppressions"].get(suppressions) == SUCCESS)
        for (dom::element s : suppressions) {
          std::string_view kind;
          if (s["kind"].get(kind) || (kind != "inSource" && kind != "external")) bad.push_back("bad suppression kind");
        }
    }
    dom::array invocations;
    if (run["invocations"].get(invocations) == SUCCESS)
      for (dom::element inv : invocations) {
        bool ok;
        if (inv["executionSuccessful"].get(ok)) bad.push_back("executionSuccessful is not a boolean");
        for (auto list : {"toolExecutionNotifications", "toolConfigurationNotifications"}) {
          dom::array notes;
          if (inv[list].get(notes)) continue;
          for (dom::element note : notes) {
            std::string_view text;
            if (note["message"]["text"].get(text)) bad.push_back("notification without message.text");
            check_locations(note);
          }
        }
      }
  }
  return bad;
}

TEST(FindingsSarif, IsStructurallyValid) {
  EXPECT_EQ(sarif_problems(findings_sarif(sample())), std::vector<std::string>{});
  EXPECT_EQ(sarif_problems(findings_sarif(Report{})), std::vector<std::string>{});
}

TEST(FindingsSarif, OneResultPerItemWithRulesAndSuppressions) {
  const std::string sarif = findings_sarif(sample());
  simdjson::dom::parser parser;
  simdjson::dom::element run = parser.parse(sarif)["runs"].at(0);
  EXPECT_EQ(run["tool"]["driver"]["rules"].get_array().size(), 4u);
  simdjson::dom::array results = run["results"].get_array();
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(std::string_view(results.at(0)["message"]["text"].get_string()),
            "model output type differs from what the pipeline expects: output 'score' is Float | pipe\nnext line.");
  EXPECT_EQ(int64_t(results.at(2)["ruleIndex"].get_int64()), 1);
  EXPECT_EQ(std::string_view(results.at(3)["suppressions"].at(0)["justification"].get_string()),
            "accepted by Ana until the Q3 review");
  EXPECT_EQ(results.at(0)["suppressions"].error(), simdjson::NO_SUCH_FIELD);
  // The absent field has a file but no region; the missing descriptor only a logical location.
  simdjson::dom::element absent = results.at(0)["locations"].at(1);
  EXPECT_EQ(absent["physicalLocation"]["region"].error(), simdjson::NO_SUCH_FIELD);
  simdjson::dom::element nofile = results.at(2)["locations"].at(0);
  EXPECT_EQ(nofile["physicalLocation"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(std::string_view(nofile["logicalLocations"].at(0)["fullyQualifiedName"].get_string()),
            "raw_data/schema");
  EXPECT_EQ(int64_t(results.at(1)["properties"]["values"]["count"].get_int64()), 12);
}

TEST(FindingsSarif, UnknownRulesAndItemlessFindingsStillIndexed) {
  Report r;
  Finding f;
  f.rule = "not-in-catalogue";
  f.severity = Severity::Info;
  f.message = "odd";
  r.findings = {f};
  const std::string sarif = findings_sarif(r);
  EXPECT_EQ(sarif_problems(sarif), std::vector<std::string>{});
  simdjson::dom::parser parser;
  simdjson::dom::element run = parser.parse(sarif)["runs"].at(0);
  EXPECT_EQ(run["tool"]["driver"]["rules"].get_array().size(), 1u);
  EXPECT_EQ(std::string_view(run["results"].at(0)["level"].get_string()), "note");
  EXPECT_EQ(std::string_view(run["results"].at(0)["message"]["text"].get_string()), "odd");
}

TEST(FindingsSarif, PathsBecomeUriReferences) {
  Report r = sample();
  r.project = "p";
  r.findings[0].items[0].locations[0].file = "p/my dir/c:odd%.yaml";
  const std::string sarif = findings_sarif(r);
  EXPECT_NE(sarif.find("\"uri\": \"my%20dir/c:odd%25.yaml\""), std::string::npos) << sarif;
  r.findings[0].items[0].locations[0].file = "p/c:odd.yaml";
  EXPECT_NE(findings_sarif(r).find("\"uri\": \"./c:odd.yaml\""), std::string::npos);
}

// --- JUnit ------------------------------------------------------------------------------


TEST(FindingsJunit, OneCasePerRuleAndFailuresForUnwaivedErrorsAndWarnings) {
  Report r = sample();
  r.load_errors.clear();
  const std::string xml = findings_junit(r);
  EXPECT_EQ(markup_problem(xml), "") << xml;
  EXPECT_EQ(occurrences(xml, "<testcase "), r.rules_run->size());
  EXPECT_EQ(occurrences(xml, "<failure "), 2u);  // the waived warning does not fail
  EXPECT_NE(xml.find("<testsuites name=\"seam\" tests=\"4\" failures=\"2\" errors=\"0\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"seam check fraud &lt;detection&gt;\" tests=\"4\" failures=\"2\""),
            std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"seam.Environment\" name=\"never-fires\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"model output type differs from what the pipeline expects\" type=\"error\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<system-out>warning: threshold not set\nwaived: accepted"), std::string::npos);
  EXPECT_NE(xml.find("&lt;&amp;&gt; &quot;quoted&quot;"), std::string::npos);
}

TEST(FindingsJunit, InfoFindingsPassAndLoadErrorsAreErrors) {
  Report r = sample();
  r.findings[0].severity = Severity::Info;
  const std::string xml = findings_junit(r);
  EXPECT_EQ(markup_problem(xml), "") << xml;
  EXPECT_EQ(occurrences(xml, "<failure "), 1u);
  EXPECT_EQ(occurrences(xml, "<error "), 1u);
  EXPECT_NE(xml.find("tests=\"5\" failures=\"1\" errors=\"1\""), std::string::npos) << xml;
}

TEST(FindingsJunit, ReplacesCharactersXmlForbids) {
  Report r = sample();
  r.findings[0].message = std::string("bell\a nul") + '\0' + " bad\xFF byte\r\ttab";
  r.findings[0].items[0].text = "line\nbreak";
  const std::string xml = findings_junit(r);
  EXPECT_EQ(markup_problem(xml), "") << xml;
  EXPECT_NE(xml.find("message=\"bell\xEF\xBF\xBD nul\xEF\xBF\xBD bad\xEF\xBF\xBD byte&#13;&#9;tab\""),
            std::string::npos) << xml;
}

// An unknown field is a warning about a descriptor, not a finding: every format shows it
// with its place, and none counts it in the findings summary.
TEST(FindingsLoadWarnings, EveryFormatShowsThemWithTheirPlace) {
  Report r;
  Error w = Error::invalid("unknown field 'computing_resource_req' (did you mean 'computing_resource_reqs'?)");
  w.file = "p/trained_model.yaml";
  w.line = 7;
  w.column = 1;
  w.pointer = "/computing_resource_req";
  w.snippet = "computing_resource_req: {gpu: 1}";
  r.load_warnings = {w};
  const std::string text = findings_text(r);
  EXPECT_NE(text.find("p/trained_model.yaml:7:1: warning: /computing_resource_req: unknown field"), std::string::npos) << text;
  EXPECT_TRUE(text.ends_with("0 errors, 0 warnings, 0 info, 0 waived\n")) << text;

  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(findings_json(r)).get(doc), simdjson::SUCCESS);
  simdjson::dom::element got = doc["load_warnings"].at(0);
  EXPECT_EQ(std::string_view(got["file"].get_string()), "p/trained_model.yaml");
  EXPECT_EQ(std::string_view(got["pointer"].get_string()), "/computing_resource_req");
  EXPECT_EQ(int64_t(got["line"].get_int64()), 7);
  EXPECT_EQ(int64_t(got["column"].get_int64()), 1);
  EXPECT_EQ(doc["load_errors"].get_array().size(), 0u);

  EXPECT_NE(findings_markdown(r).find("## Descriptor warnings\n\n- `p/trained_model.yaml:7:1` `/computing_resource_req`: unknown field"),
            std::string::npos) << findings_markdown(r);
  EXPECT_NE(findings_html(r).find("p/trained_model.yaml:7:1: warning: /computing_resource_req"), std::string::npos);
  const std::string sarif = findings_sarif(r);
  EXPECT_NE(sarif.find("\"level\": \"warning\""), std::string::npos) << sarif;
  EXPECT_NE(sarif.find("\"startLine\": 7"), std::string::npos) << sarif;
  EXPECT_NE(sarif.find("\"executionSuccessful\": true"), std::string::npos) << sarif;
  const std::string junit = findings_junit(r);
  EXPECT_NE(junit.find("<system-out>p/trained_model.yaml:7:1: warning: /computing_resource_req"), std::string::npos) << junit;
  EXPECT_EQ(markup_problem(junit), "");
  EXPECT_EQ(markup_problem(findings_html(r)), "");
}

TEST(FindingsHtml, IsWellFormed) {
  Report r = sample();
  r.findings[1].message = "ctl\x01 <b>not bold</b>";
  EXPECT_EQ(markup_problem(findings_html(r)), "");
  EXPECT_EQ(markup_problem(findings_html(Report{})), "");
}

// An item of a subsumed rule folded into the first item: what each format shows of it.
Report with_related() {
  Report r = sample();
  r.findings[0].items[0].related = {{"gpu-dependency-without-gpu", Severity::Error, "the model depends on 'CUDA 12.1'",
                                     {Location{"trained_model", "/system_dependencies/0", "p/trained_model.yaml", 30, 5},
                                      Location{"trained_model", "/output_spec/0/item_type", "p/trained_model.yaml", 5, 16}}}};
  return r;
}

TEST(FindingsRelated, JsonListsRuleSeverityTextAndLocations) {
  const std::string json = findings_json(with_related());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  simdjson::dom::element rel = doc["findings"].at(0)["items"].at(0)["related"].at(0);
  EXPECT_EQ(keys(rel.get_object()), (std::vector<std::string>{"rule", "severity", "text", "locations"}));
  EXPECT_EQ(std::string_view(rel["rule"].get_string()), "gpu-dependency-without-gpu");
  EXPECT_EQ(std::string_view(rel["severity"].get_string()), "error");
  EXPECT_EQ(rel["locations"].get_array().size(), 2u);
  EXPECT_EQ(doc["findings"].at(0)["items"].at(1)["related"].get_array().size(), 0u);
}

TEST(FindingsRelated, TextShowsOnlyPlacesTheItemDoesNotShow) {
  const std::string text = findings_text(with_related());
  EXPECT_NE(text.find("      related: error[gpu-dependency-without-gpu] the model depends on 'CUDA 12.1'\n"
                      "        at p/trained_model.yaml:30:5 /system_dependencies/0\n"
                      "  - output 'label'"),
            std::string::npos) << text;
  EXPECT_NE(findings_markdown(with_related()).find("<br>related: `gpu-dependency-without-gpu` the model depends on"),
            std::string::npos);
}

TEST(FindingsRelated, HtmlShowsThemUnderTheirItem) {
  const std::string html = findings_html(with_related());
  EXPECT_NE(html.find("<br/><small>related: <code>error[gpu-dependency-without-gpu]</code> the model depends on "
                      "&#39;CUDA 12.1&#39;</small></td>"),
            std::string::npos) << html;
}

}  // namespace
}  // namespace seam::report
