#include "stats/number.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

namespace seam::stats {
namespace {

// strtod is the reference: the C library's correctly rounded conversion.
double reference(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

void expect_same(const std::string& s) {
  const auto got = parse_number(s);
  if (std::isinf(reference(s))) {  // overflow: refused, not read as infinity
    EXPECT_FALSE(got.has_value()) << s;
    return;
  }
  ASSERT_TRUE(got.has_value()) << s;
  ASSERT_EQ(std::bit_cast<uint64_t>(*got), std::bit_cast<uint64_t>(reference(s))) << s;
}

// Plain decimals take the inline path, the rest fast_float: both must give strtod's double,
// bit for bit.
TEST(ParseNumber, EqualsStrtodOnRandomDecimals) {
  std::mt19937_64 rng(5);
  char buf[64];
  for (int i = 0; i < 200000; ++i) {
    const double v = std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 60) - 40) * ((rng() & 1) ? -1 : 1);
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(rng() % 18), v);
    expect_same(buf);
  }
}

TEST(ParseNumber, EqualsStrtodOnRandomDigitStringsAndExponents) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    std::string s = rng() % 4 == 0 ? "-" : "";
    const int digits = 1 + static_cast<int>(rng() % 25);
    const int point = static_cast<int>(rng() % (digits + 2)) - 1;  // -1: no point
    for (int d = 0; d < digits; ++d) {
      if (d == point) s += '.';
      s += static_cast<char>('0' + rng() % 10);
    }
    if (rng() % 3 == 0) s.append("e").append(std::to_string(static_cast<int>(rng() % 600) - 300));
    expect_same(s);
  }
}

TEST(ParseNumber, SpellingsAndRefusals) {
  for (const char* s : {"0", "-0", "0.1", ".5", "5.", "-.5", "123456789012345", "1234567890123456", "0.0000000000000000000001",
                        "1e5", "1E-5", "9007199254740993", "0.30000000000000004", "1e-400", "4.9e-324", "007"})
    expect_same(s);
  EXPECT_EQ(parse_number("+3.25"), 3.25);
  EXPECT_EQ(parse_number("inf"), INFINITY);
  EXPECT_EQ(parse_number("-Infinity"), -INFINITY);
  EXPECT_EQ(parse_number("+infinity"), INFINITY);
  ASSERT_TRUE(parse_number("NaN").has_value());
  EXPECT_TRUE(std::isnan(*parse_number("nan")));
  // A number past the largest double is refused rather than read as infinity.
  for (const char* s : {"", "-", ".", "+", "1.2.3", "12a", "--1", "+-1", "1,5", "0x10", " 1", "1 ", "1e", "e5", "1e400", "-1e400", "infinit"})
    EXPECT_FALSE(parse_number(s).has_value()) << s;
}

}  // namespace
}  // namespace seam::stats
