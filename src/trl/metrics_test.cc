#include "trl/metrics.h"

#include <gtest/gtest.h>

namespace seam::trl {
namespace {

Card card(const std::string& reviews, int level) {
  auto c = card_from_text("trl/m.yaml", "version: \"1.0\"\ncomponent: m\nlevel: " + std::to_string(level) + "\nreviews:\n" + reviews);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? std::move(c).value() : Card{};
}

// Graduations to 2 and 3, a discovery switchback back to 2 across the year end, and a review
// switchback; February 2024 has 29 days.
const char* kReviews =
    "  - {date: \"2023-11-28\", from_level: 1, to_level: 2, decision: graduate, reviewers: [A]}\n"
    "  - {date: \"2023-12-30\", from_level: 2, to_level: 3, decision: graduate, reviewers: [A]}\n"
    "  - {date: \"2024-01-02\", from_level: 3, to_level: 2, decision: switchback, kind: discovery, reviewers: [A]}\n"
    "  - {date: \"2024-02-27\", from_level: 2, to_level: 3, decision: graduate, reviewers: [A]}\n"
    "  - {date: \"2024-03-01\", from_level: 3, to_level: 4, decision: graduate, reviewers: [A]}\n"
    "  - {date: \"2024-03-02\", from_level: 4, to_level: 1, decision: switchback, kind: review, reviewers: [A]}\n";

TEST(TrlMetrics, DaysAcrossMonthAndYearBoundaries) {
  auto m = progress_metrics(card(kReviews, 1), "2024-03-31");
  ASSERT_TRUE(m.ok()) << m.error().message;
  const Metrics& x = m.value();
  ASSERT_EQ(x.stays.size(), 6u);
  EXPECT_EQ(x.stays[0].days, 32);  // 2023-11-28 .. 2023-12-30
  EXPECT_EQ(x.stays[1].days, 3);   // .. 2024-01-02, across the year end
  EXPECT_EQ(x.stays[2].days, 56);  // .. 2024-02-27
  EXPECT_EQ(x.stays[3].days, 3);   // .. 2024-03-01, across 29 February
  EXPECT_EQ(x.stays[4].days, 1);
  EXPECT_EQ(x.stays[5].days, 29);  // the current level counts up to today
  EXPECT_TRUE(x.stays[5].current);
  EXPECT_EQ(x.stays[5].to, "2024-03-31");
  EXPECT_EQ(x.stays[1].to, "2024-01-02");
  EXPECT_EQ(x.days_at_level[2], 32 + 56);
  EXPECT_EQ(x.stays_at_level[2], 2);
  EXPECT_EQ(x.days_at_level[3], 3 + 3);
  EXPECT_EQ(x.days_at_level[4], 1);
  EXPECT_EQ(x.days_at_level[1], 29);
  EXPECT_EQ(x.total_days, 124);  // 2023-11-28 .. 2024-03-31
  int64_t sum = 0;
  for (auto d : x.days_at_level) sum += d;
  EXPECT_EQ(sum, x.total_days);
  EXPECT_EQ(x.first_review, "2023-11-28");
  EXPECT_EQ(x.longest, 2);
  EXPECT_EQ(x.graduations, 4);
  EXPECT_EQ(x.switchbacks.total, 2);
  EXPECT_EQ(x.switchbacks.discovery, 1);
  EXPECT_EQ(x.switchbacks.review, 1);
  EXPECT_EQ(x.switchbacks.embedded, 0);
}

TEST(TrlMetrics, DayArithmetic) {
  int64_t d = 0;
  ASSERT_TRUE(days_between("2023-12-31", "2024-01-01", d));
  EXPECT_EQ(d, 1);
  ASSERT_TRUE(days_between("2023-02-28", "2023-03-01", d));
  EXPECT_EQ(d, 1);
  ASSERT_TRUE(days_between("2024-02-28", "2024-03-01", d));
  EXPECT_EQ(d, 2);
  ASSERT_TRUE(days_between("1999-12-31", "2000-03-01", d));
  EXPECT_EQ(d, 61);  // 2000 is a leap year
  ASSERT_TRUE(days_between("2024-03-01", "2024-01-31", d));
  EXPECT_EQ(d, -30);
  EXPECT_FALSE(days_between("2023-02-29", "2023-03-01", d));
  EXPECT_FALSE(days_between("2023-2-1", "2023-03-01", d));
  EXPECT_FALSE(days_between("2023-13-01", "2023-03-01", d));
}

TEST(TrlMetrics, NoReviewsNoStays) {
  auto c = card_from_text("trl/m.yaml", "version: \"1.0\"\ncomponent: m\nlevel: 3\n");
  ASSERT_TRUE(c.ok());
  auto m = progress_metrics(c.value(), "2024-03-31");
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m.value().stays.empty());
  EXPECT_EQ(m.value().longest, -1);
  EXPECT_EQ(m.value().total_days, 0);
  EXPECT_TRUE(m.value().first_review.empty());
}

TEST(TrlMetrics, BadDatesAreLocated) {
  auto m = progress_metrics(card(kReviews, 1), "2024-03-01");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().pointer, "/reviews/5/date");
  EXPECT_EQ(m.error().line, 10u);
  EXPECT_NE(m.error().message.find("after today"), std::string::npos);

  m = progress_metrics(card("  - {date: \"2024-02-01\", to_level: 2, decision: graduate, reviewers: [A]}\n"
                            "  - {date: \"2024-01-01\", to_level: 3, decision: graduate, reviewers: [A]}\n", 3),
                       "2024-03-31");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().pointer, "/reviews/1/date");
  EXPECT_NE(m.error().message.find("oldest first"), std::string::npos);

  m = progress_metrics(card("  - {to_level: 2, decision: graduate, reviewers: [A]}\n", 2), "2024-03-31");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().pointer, "/reviews/0/date");

  EXPECT_FALSE(progress_metrics(card(kReviews, 1), "31.03.2024").ok());
}

}  // namespace
}  // namespace seam::trl
