#include "util/date.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace seam {
namespace {

TEST(Date, SourceDateEpochFixesTheDateAndTheTime) {
  ::setenv("SOURCE_DATE_EPOCH", "1796083261", 1);  // 2026-12-01T00:01:01Z
  EXPECT_EQ(today_utc(), "2026-12-01");
  EXPECT_EQ(now_utc(), "2026-12-01T00:01:01Z");
  ::setenv("SOURCE_DATE_EPOCH", "soon", 1);  // not a number: the clock is used
  EXPECT_EQ(now_utc().size(), 20u);
  EXPECT_NE(now_utc().rfind("1970", 0), 0u);
  ::unsetenv("SOURCE_DATE_EPOCH");
}

}  // namespace
}  // namespace seam

namespace seam {
namespace {

// Expected values from Python: (date(y, m, d) - date(1970, 1, 1)).days.
TEST(DatesIn, ReadsIsoAndSlashedDatesThatExist) {
  EXPECT_EQ(dates_in("trained 2024-03-01"), (std::vector<int64_t>{19783}));
  EXPECT_EQ(dates_in("collected 2023/01/01 to 2023-12-31T23:00Z"), (std::vector<int64_t>{19358, 19722}));
  EXPECT_EQ(dates_in("1969-12-31 and 2000-02-29"), (std::vector<int64_t>{-1, 11016}));
  for (const char* none : {"", "2023-02-29", "2023-13-01", "2023-1-01", "12023-01-01", "2023-01-011", "03/04/2024",
                           "2023-01/01", "v2023-01-0x"})
    EXPECT_TRUE(dates_in(none).empty()) << none;
}

}  // namespace
}  // namespace seam
