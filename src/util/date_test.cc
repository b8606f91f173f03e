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
