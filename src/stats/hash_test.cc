#include "stats/hash.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace seam::stats {
namespace {

// Reference values from the xxHash library (XXH64, seed 0).
TEST(Hash, MatchesXxh64) {
  EXPECT_EQ(hash64(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(hash64("a"), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(hash64("abc"), 0x44BC2CF5AD770999ULL);
  EXPECT_EQ(hash64("hello world"), 0x45AB6734B21E6968ULL);
  EXPECT_EQ(hash64("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"), 0xB35E125DD4555E6DULL);
}

TEST(Hash, DoubleIsXxh64OfItsLittleEndianBytes) {
  EXPECT_EQ(hash_double(1.0), 0x949522F153A1A395ULL);
  EXPECT_EQ(hash_double(0.0), 0x34C96ACDCADB1BBBULL);
  EXPECT_EQ(hash_double(1.0), hash64(std::string("\0\0\0\0\0\0\xF0\x3F", 8)));
}

TEST(Hash, DoubleNormalisesZeroAndNan) {
  EXPECT_EQ(hash_double(-0.0), hash_double(0.0));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(hash_double(-nan), hash_double(nan));
  EXPECT_EQ(hash_double(std::nan("123")), hash_double(nan));
  EXPECT_NE(hash_double(1.0), hash_double(-1.0));
}

}  // namespace
}  // namespace seam::stats
