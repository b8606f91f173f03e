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
  EXPECT_EQ(row.substr(0, row.find('\n')), "| Trained Model | API\\|Specs \\*new\\* | 50% | rule\\|a | **none** |");
}

TEST(Coverage, EveryCatalogueSubcategoryIsListedInEachFormat) {
  const auto c = rules::coverage(rules::Catalogue::builtin());
  EXPECT_EQ(c.subcategories.size(), 34u);
  EXPECT_EQ(c.covered, 34u);
  EXPECT_NE(render("json", c).find("\"total\": 34"), std::string::npos);
  EXPECT_NE(render("text", c).find("34 of 34 subcategories covered"), std::string::npos);
}

}  // namespace
}  // namespace seam::report
