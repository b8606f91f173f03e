#include <gtest/gtest.h>

#include "trl/trl.h"

namespace seam::trl {
namespace {

// Records a discovery switchback from level 3 to 2 in a card written as `text`; returns the
// new text, or the error message.
std::string reviewed(const std::string& text) {
  auto card = card_from_text("c.yaml", text);
  if (!card.ok()) return "card: " + card.error().message;
  auto catalogue = Catalogue::builtin();
  EXPECT_TRUE(catalogue.ok());
  const ReviewRequest r{2, "switchback", "discovery", {"Ana"}, "", "", "2026-01-05"};
  auto out = record_review(catalogue.value(), card.value(), r, Gate{});
  if (!out.ok()) return "error: " + out.error().message;
  if (auto st = validate_card_text("c.yaml", out.value()); !st.ok()) return "invalid: " + st.error().message;
  return out.value();
}

const std::string kItem =
    "  - date: \"2026-01-05\"\n    from_level: 3\n    to_level: 2\n    decision: switchback\n"
    "    kind: discovery\n    reviewers:\n      - \"Ana\"\n";

TEST(RecordReview, EmptyReviewsWrittenAnyWayAreFilledIn) {
  const std::string head = "version: \"1.0\"\ncomponent: c\nlevel: 3  # set by reviews\n";
  EXPECT_EQ(reviewed(head + "reviews: []\n"), "version: \"1.0\"\ncomponent: c\nlevel: 2  # set by reviews\nreviews:\n" + kItem);
  EXPECT_EQ(reviewed(head + "reviews:  # none yet\nnotes: x\n"),
            "version: \"1.0\"\ncomponent: c\nlevel: 2  # set by reviews\nreviews:  # none yet\n" + kItem + "notes: x\n");
  EXPECT_EQ(reviewed(head + "reviews: ~ # none\n"),
            "version: \"1.0\"\ncomponent: c\nlevel: 2  # set by reviews\nreviews:  # none\n" + kItem);
  EXPECT_EQ(reviewed(head), "version: \"1.0\"\ncomponent: c\nlevel: 2  # set by reviews\nreviews:\n" + kItem);
  EXPECT_EQ(reviewed("version: \"1.0\"\ncomponent: c\nlevel: 3\nreviews:"),
            "version: \"1.0\"\ncomponent: c\nlevel: 2\nreviews:\n" + kItem);
}

// The level's value may sit on the next line; only the number changes, comments stay.
TEST(RecordReview, LevelOnTheNextLineAndItsCommentAreKept) {
  EXPECT_EQ(reviewed("version: \"1.0\"\ncomponent: c\nlevel:   # current\n  3 # after\nreviews: []\n"),
            "version: \"1.0\"\ncomponent: c\nlevel:   # current\n  2 # after\nreviews:\n" + kItem);
}

TEST(RecordReview, AppendsAfterTheLastItemWithItsIndent) {
  const std::string text =
      "version: \"1.0\"\ncomponent: c\nlevel: 3\nreviews:\n"
      "- {date: \"2025-01-01\", from_level: 2, to_level: 3, decision: graduate, reviewers: [B]}\n"
      "\n# the next part\nnotes: x\n";
  const std::string got = reviewed(text);
  EXPECT_NE(got.find("reviewers: [B]}\n- date: \"2026-01-05\"\n  from_level: 3\n"), std::string::npos) << got;
  EXPECT_TRUE(got.ends_with("    - \"Ana\"\n\n# the next part\nnotes: x\n")) << got;
}

TEST(RecordReview, AOneLineListIsRefusedWithTheReason) {
  EXPECT_EQ(reviewed("version: \"1.0\"\ncomponent: c\nlevel: 3\nreviews: [{date: \"2025-01-01\", from_level: 2, "
                     "to_level: 3, decision: graduate, reviewers: [B]}]\n"),
            "error: 'reviews' is written on one line; write it as a block list (one '- ' item per review) so that "
            "seam can add to it");
}

}  // namespace
}  // namespace seam::trl
