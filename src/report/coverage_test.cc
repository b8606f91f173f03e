#include "report/coverage.h"

#include <gtest/gtest.h>

namespace seam::report {
namespace {

std::string render(std::string_view format, const rules::Coverage& c) {
  StringWriter out;
  find_format(coverage_formats(), format)->render(c, out);
  return out.take();
}

TEST(Coverage, MarkdownCellsAreEscapedSoTheTableHoldsItsColumns) {
  rules::Coverage c;
  auto& s = c.subcategories.emplace_back();
  s.subcategory.category = "Trained Model";
  s.subcategory.code = "TM";
  s.subcategory.name = "API|Specs *new*";
  s.subcategory.importance = 50;
  s.rules = {"rule|a"};
  c.covered = 1;
  const std::string md = render("markdown", c);
  const std::string row = md.substr(md.find("| Trained Model"));
  EXPECT_EQ(row.substr(0, row.find('\n')), "| Trained Model | API\\|Specs \\*new\\* | 50% | structured | rule\\|a | **none** |");
}

TEST(Coverage, EveryCatalogueSubcategoryIsListedInEachFormat) {
  const auto c = rules::coverage(rules::Catalogue::builtin());
  EXPECT_EQ(c.subcategories.size(), 34u);
  EXPECT_EQ(c.covered, 34u);
  EXPECT_NE(render("json", c).find("\"total\": 34"), std::string::npos);
  EXPECT_NE(render("text", c).find(" of 34 subcategories covered by a structured rule, "), std::string::npos);
}

// Four subcategories: one with a structured rule, one with a text rule only, one with only a
// missing check, one with nothing.
rules::Coverage three_kinds() {
  rules::Coverage c;
  auto add = [&](std::string category, std::string code, std::string name, std::vector<std::string> rules,
                 std::vector<std::string> missing) {
    auto& s = c.subcategories.emplace_back();
    s.subcategory.category = std::move(category);
    s.subcategory.code = std::move(code);
    s.subcategory.name = std::move(name);
    s.subcategory.importance = 90;
    s.rules = std::move(rules);
    s.missing_checks = std::move(missing);
  };
  add("Task and Purpose", "TP", "Task", {}, {"missing-task"});
  add("Trained Model", "TM", "Versioning", {"model-version-differs"}, {"missing-model-versioning"});
  add("Trained Model", "TM", "Test Cases and Data", {}, {});
  add("Trained Model", "TM", "Model Output Interpretation", {"output-meaning-differs"}, {});
  c.subcategories.back().text_rules = {"output-meaning-differs"};
  c.covered = 3;
  c.by_mismatch = 2;
  c.by_structured = 1;
  c.text_only = 1;
  c.missing_only = 1;
  return c;
}

TEST(Coverage, EveryFormatTellsStructuredAndTextRulesFromMissingChecksOnly) {
  const auto c = three_kinds();
  const std::string text = render("text", c);
  EXPECT_NE(text.find("TP  Task"), std::string::npos) << text;
  EXPECT_NE(text.find("90%  missing only   missing: missing-task\n"), std::string::npos) << text;
  EXPECT_NE(text.find("90%  structured     model-version-differs; missing: missing-model-versioning\n"), std::string::npos) << text;
  EXPECT_NE(text.find("90%  text only      output-meaning-differs*\n"), std::string::npos) << text;
  EXPECT_NE(text.find("90%  NOT COVERED    \n"), std::string::npos) << text;
  EXPECT_NE(text.find("1 of 4 subcategories covered by a structured rule, 1 by text rules only, 1 only by a missing-information "
                      "check, 1 not covered\n"),
            std::string::npos) << text;
  const std::string md = render("markdown", c);
  EXPECT_NE(md.find("| Task and Purpose | Task | 90% | missing only | **none** | missing-task |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 90% | **not covered** | **none** | **none** |"), std::string::npos) << md;
  const std::string json = render("json", c);
  EXPECT_NE(json.find("\"coverage\": \"missing_only\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"coverage\": \"mismatch\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"coverage\": \"none\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"basis\": \"text\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"text_rules\": [\n        \"output-meaning-differs\"\n      ]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"by_mismatch\": 2,\n  \"by_structured\": 1,\n  \"text_only\": 1,\n  \"missing_only\": 1,\n  \"not_covered\": 1"),
            std::string::npos) << json;
}

TEST(Coverage, TextAndMarkdownExplainTheirAbbreviations) {
  const auto c = three_kinds();
  const std::string text = render("text", c);
  EXPECT_NE(text.find("CAT: category: TP Task and Purpose, TM Trained Model\n"), std::string::npos) << text;
  EXPECT_NE(text.find("IMP: importance"), std::string::npos) << text;
  EXPECT_NE(text.find("COVERED BY: structured: "), std::string::npos) << text;
  EXPECT_NE(render("markdown", c).find("*importance*: the mean of the three survey percentages"), std::string::npos);
}

}  // namespace
}  // namespace seam::report
