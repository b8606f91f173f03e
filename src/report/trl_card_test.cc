// A card with nothing filled in must still say, for every gap, what is missing.
#include "report/trl_card.h"

#include <gtest/gtest.h>

#include <sstream>

namespace seam::report {
namespace {

trl::Card empty_card() {
  auto card = trl::card_from_text("trl/m.yaml", "version: \"1.0\"\ncomponent: m\nlevel: 0\n");
  EXPECT_TRUE(card.ok()) << (card.ok() ? "" : card.error().message);
  return std::move(card).value();
}

TEST(TrlCard, EveryGapInMarkdownNamesTheFieldToFill) {
  const auto levels = trl::Catalogue::builtin();
  ASSERT_TRUE(levels.ok());
  const std::string md = trl_card_markdown(empty_card(), levels.value(), nullptr);
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);)
    EXPECT_NE(line, "_not filled_") << "a gap without a label in:\n" << md;
  // The two gaps under one heading are told apart.
  EXPECT_NE(md.find("### Data considerations\n\n_not filled:_ `implicit_knowledge.data_considerations.notes`\n\n"
                    "_not filled:_ `implicit_knowledge.data_considerations.datasets`\n"),
            std::string::npos) << md;
  EXPECT_NE(md.find("_not filled:_ `implicit_knowledge.metrics_results.metrics`"), std::string::npos);
  EXPECT_NE(md.find("## Requirements\n\n_not filled:_ `requirements`\n"), std::string::npos);
  EXPECT_NE(md.find("| Checklist | _not filled_ |"), std::string::npos);  // a table row has its label
}

TEST(TrlCard, EveryGapInHtmlNamesTheFieldToFill) {
  const auto levels = trl::Catalogue::builtin();
  ASSERT_TRUE(levels.ok());
  const std::string html = trl_card_html(empty_card(), levels.value(), nullptr);
  EXPECT_EQ(html.find("<p><span class=\"missing\">not filled</span></p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p><span class=\"missing\">not filled:</span> <code>implicit_knowledge.data_considerations.datasets</code></p>"),
            std::string::npos);
}

}  // namespace
}  // namespace seam::report
