#include "stats/hll.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "stats/hash.h"

namespace seam::stats {
namespace {

TEST(Hll, EstimatesWithinThreeStandardErrors) {
  for (int p : {10, 12, 14}) {
    for (uint64_t n : {100'000u, 300'000u, 1'000'000u}) {
      HyperLogLog h(p);
      for (uint64_t i = 0; i < n; ++i) h.add_hash(hash64(std::to_string(i)));
      const double err = std::abs(h.estimate() - static_cast<double>(n)) / static_cast<double>(n);
      EXPECT_LE(err, 3 * h.relative_error()) << "p=" << p << " n=" << n;
    }
  }
}

TEST(Hll, SmallCountsUseLinearCounting) {
  HyperLogLog h;
  EXPECT_EQ(h.estimate(), 0);
  for (int rep = 0; rep < 3; ++rep) {  // repeats do not count
    for (int i = 0; i < 1000; ++i) h.add_hash(hash_double(i));
  }
  // Linear counting's standard error here is sqrt(m (e^t - t - 1)) / n = 1.2%, t = n / m.
  EXPECT_NEAR(h.estimate(), 1000, 1000 * 0.035);
  EXPECT_DOUBLE_EQ(h.relative_error(), 1.04 / 64);
}

TEST(Hll, MergeOfShardsEqualsOneSketch) {
  HyperLogLog whole, merged;
  HyperLogLog shards[4];
  for (int i = 0; i < 200'000; ++i) {
    whole.add_hash(hash_double(i));
    shards[i % 4].add_hash(hash_double(i));
  }
  for (const auto& s : shards) ASSERT_TRUE(merged.merge(s).ok());
  EXPECT_EQ(merged.encode(), whole.encode());
  EXPECT_EQ(merged.estimate(), whole.estimate());
  EXPECT_FALSE(merged.merge(HyperLogLog(11)).ok());
}

TEST(Hll, EncodeDecodeRoundTrip) {
  HyperLogLog h(6);
  for (int i = 0; i < 5000; ++i) h.add_hash(hash_double(i));
  const std::string text = h.encode();
  EXPECT_EQ(text.size(), 64u);
  auto back = HyperLogLog::decode(6, text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value().encode(), text);
  EXPECT_EQ(back.value().estimate(), h.estimate());
  EXPECT_EQ(back.value().precision(), 6);
}

TEST(Hll, DecodeRejectsGarbage) {
  const std::string ok(64, 'A');
  EXPECT_TRUE(HyperLogLog::decode(6, ok).ok());
  EXPECT_FALSE(HyperLogLog::decode(6, ok + "A").ok());       // wrong length
  EXPECT_FALSE(HyperLogLog::decode(6, "").ok());
  EXPECT_FALSE(HyperLogLog::decode(3, std::string(8, 'A')).ok());  // precision out of range
  EXPECT_FALSE(HyperLogLog::decode(19, ok).ok());
  std::string bad = ok;
  bad[10] = '!';  // not base64
  EXPECT_FALSE(HyperLogLog::decode(6, bad).ok());
  bad[10] = '/';  // 63: more than a 58-bit remainder allows (65 - 6 = 59)
  EXPECT_FALSE(HyperLogLog::decode(6, bad).ok());
  bad[10] = '7';  // 59: the largest possible rank
  EXPECT_TRUE(HyperLogLog::decode(6, bad).ok());
}

}  // namespace
}  // namespace seam::stats
