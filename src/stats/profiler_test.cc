#include "stats/profiler.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>

namespace seam::stats {
namespace {

double reference(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double x = 0;
  std::from_chars(s.data(), s.data() + s.size(), x);
  return x;
}

// The fast path must give bit for bit what from_chars gives, or refuse.
TEST(ParseNumber, FastPathEqualsFromChars) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200000; ++i) {
    char buf[64];
    const double v = std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 60) - 40) * ((rng() & 1) ? -1 : 1);
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(rng() % 18), v);
    const auto got = parse_number(buf);
    ASSERT_TRUE(got.has_value()) << buf;
    ASSERT_EQ(std::bit_cast<uint64_t>(*got), std::bit_cast<uint64_t>(reference(buf))) << buf;
  }
  for (const char* s : {"0", "-0", "0.1", ".5", "5.", "-.5", "123456789012345", "1234567890123456", "0.0000000000000000000001",
                        "1e5", "+3.25", "nan", "-inf", "Infinity", "007"}) {
    const auto got = parse_number(s);
    ASSERT_TRUE(got.has_value()) << s;
    if (!std::isnan(*got)) {
      EXPECT_EQ(std::bit_cast<uint64_t>(*got), std::bit_cast<uint64_t>(reference(s == std::string("Infinity") ? "inf" : s))) << s;
    }
  }
  for (const char* s : {"", "-", ".", "1.2.3", "12a", "--1", "1,5", "0x10", " 1"}) EXPECT_FALSE(parse_number(s).has_value()) << s;
}

TEST(InferType, FromSampleValues) {
  EXPECT_EQ(infer_type({"1", "2.5", "-3", "nan"}), ColumnType::Numeric);
  EXPECT_EQ(infer_type({"true", "False", "yes"}), ColumnType::Boolean);
  EXPECT_EQ(infer_type({"a", "b", "a", "c"}), ColumnType::Categorical);
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.push_back("id-" + std::to_string(i));
  EXPECT_EQ(infer_type(ids), ColumnType::Text);
  EXPECT_TRUE(is_missing_token("NA"));
  EXPECT_FALSE(is_missing_token("0"));
}

}  // namespace
}  // namespace seam::stats
