#include "stats/time.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seam::stats {
namespace {

double seconds(const std::string& s, TimeForm* form = nullptr) {
  double t = -1;
  TimeForm f = TimeForm::Date;
  EXPECT_TRUE(parse_timestamp(s, t, f)) << s;
  if (form) *form = f;
  return t;
}

// Expected values from Python: datetime.fromisoformat(s).timestamp() with UTC for the naive ones.
TEST(Timestamp, ReadsIso8601DatesAndDateTimes) {
  TimeForm form = TimeForm::Date;
  EXPECT_EQ(seconds("1970-01-01", &form), 0);
  EXPECT_EQ(form, TimeForm::Date);
  EXPECT_EQ(seconds("2026-03-01"), 1772323200);
  EXPECT_EQ(seconds("2024-02-29T12:00", &form), 1709208000);
  EXPECT_EQ(form, TimeForm::Local);
  EXPECT_EQ(seconds("2024-02-29 12:00:30"), 1709208030);
  EXPECT_EQ(seconds("2026-01-01T00:00:00Z", &form), 1767225600);
  EXPECT_EQ(form, TimeForm::Zoned);
  EXPECT_EQ(seconds("2026-01-01T01:00:00+01:00"), 1767225600);
  EXPECT_EQ(seconds("2026-01-01T01:00:00+0100"), 1767225600);
  EXPECT_EQ(seconds("2025-12-31T19:00:00-05"), 1767225600);
  EXPECT_EQ(seconds("2026-01-01T05:30:00+05:30"), 1767225600);
  EXPECT_DOUBLE_EQ(seconds("2026-01-01T00:00:00.125Z"), 1767225600.125);
  EXPECT_EQ(seconds("1969-12-31T23:59:59Z"), -1);
  EXPECT_EQ(seconds("1900-03-01"), -2203891200);
  EXPECT_EQ(seconds("2000-02-29"), 951782400);  // 2000 is a leap year, 1900 is not
}

TEST(Timestamp, RefusesWhatIsNotOne) {
  for (const char* s : {"", "2026", "2026-13-01", "2026-00-10", "2026-02-29", "1900-02-29", "2026-04-31", "2026-1-01",
                        "2026-01-01T", "2026-01-01T24:00", "2026-01-01T12:60", "2026-01-01T12:00:61", "2026-01-01T12:00:00.",
                        "2026-01-01T12:00+25:00", "2026-01-01T12:00+01:60", "2026-01-01T12:00Zx", " 2026-01-01", "2026-01-01 ",
                        "2026/01/01", "01/02/2026", "2026-W01-1", "2026-001", "20260101", "12.5", "abc-de-fg"}) {
    double t;
    TimeForm f = TimeForm::Date;
    EXPECT_FALSE(parse_timestamp(s, t, f)) << s;
  }
}

// A column's day cache changes no result: valid and invalid values, each after the others.
TEST(Timestamp, TheDayCacheReadsAsWithout) {
  const std::vector<std::string> values = {"2026-01-01T12:00:00Z", "2026-01-01T13:30", "2026-01-01", "2026-01-01T25:00",
                                           "2026-01-02T00:00:01.5+01:00", "2026-02-29T01:00", "2026-02-29", "2026-01-02x",
                                           "2026-01-02 23:59:59", "2024-02-29T12:00", "2024-02-29"};
  DayCache cache;
  for (int lap = 0; lap < 2; ++lap)
    for (const auto& a : values)
      for (const auto& b : values) {
        for (const auto& s : {a, b}) {
          double with = -1, without = -1;
          TimeForm fw = TimeForm::Date, fo = TimeForm::Date;
          const bool ok = parse_timestamp(s, without, fo);
          EXPECT_EQ(parse_timestamp(s, with, fw, cache), ok) << s;
          if (!ok) continue;
          EXPECT_EQ(with, without) << s;
          EXPECT_EQ(fw, fo) << s;
        }
      }
}

TEST(Timestamp, FormatsWhatItReads) {
  EXPECT_EQ(format_timestamp(1767225600), "2026-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(1767225600.125), "2026-01-01T00:00:00.125Z");
  EXPECT_EQ(format_timestamp(1767225600, true), "2026-01-01");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(0.0 / 0.0), "");
  for (const char* s : {"2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) EXPECT_EQ(format_timestamp(seconds(s)), s);
}

}  // namespace
}  // namespace seam::stats
