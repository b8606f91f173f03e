#include "stats/hll.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

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

namespace seam::stats {
namespace {

HyperLogLog sketch_of(uint64_t from, uint64_t to, int p = 12) {
  HyperLogLog h(p);
  for (uint64_t i = from; i < to; ++i) h.add_hash(hash64(std::to_string(i)));
  return h;
}

// A sketch with few registers set is written in the short form, and reads back equal;
// past the threshold only the full form is written. Either way the estimate is the same
// as a sketch that never was sparse would give.
TEST(Hll, SparseFormRoundTripsAndStopsAtItsThreshold) {
  for (uint64_t n : {0u, 1u, 10u, 200u}) {
    const HyperLogLog h = sketch_of(0, n);
    const std::string sparse = h.encode_sparse();
    ASSERT_FALSE(sparse.empty()) << n;
    EXPECT_LE(sparse.size(), std::max<size_t>(4 * n, 1));
    auto back = HyperLogLog::decode_sparse(12, sparse);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value().encode(), h.encode());
    auto dense = HyperLogLog::decode(12, h.encode());
    ASSERT_TRUE(dense.ok());
    EXPECT_EQ(dense.value().encode_sparse(), sparse);  // the form depends on the registers only
    EXPECT_EQ(dense.value().estimate(), h.estimate());
  }
  EXPECT_EQ(sketch_of(0, 2000).encode_sparse(), "");
}

// Merging sparse into sparse, sparse into dense and dense into sparse all give the
// registers of one sketch over everything.
TEST(Hll, MergesAcrossFormsEqualOneSketch) {
  const HyperLogLog all = sketch_of(0, 3000);
  for (uint64_t cut : {5u, 100u, 2990u}) {
    HyperLogLog a = sketch_of(0, cut), b = sketch_of(cut, 3000);
    HyperLogLog a2 = a;
    ASSERT_TRUE(a.merge(b).ok());
    ASSERT_TRUE(b.merge(a2).ok());
    EXPECT_EQ(a.encode(), all.encode()) << cut;
    EXPECT_EQ(b.encode(), all.encode()) << cut;
  }
  HyperLogLog small = sketch_of(0, 10);
  ASSERT_TRUE(small.merge(sketch_of(5, 20)).ok());
  EXPECT_EQ(small.encode(), sketch_of(0, 20).encode());
}

TEST(Hll, SparseDecodeRejectsGarbage) {
  EXPECT_FALSE(HyperLogLog::decode_sparse(12, "").ok());
  EXPECT_FALSE(HyperLogLog::decode_sparse(12, "AHr").ok());       // not groups of four
  EXPECT_FALSE(HyperLogLog::decode_sparse(12, "AHrA").ok());      // a register set to 0
  EXPECT_FALSE(HyperLogLog::decode_sparse(12, "BAAE").ok());      // index 4096 of 4096
  EXPECT_FALSE(HyperLogLog::decode_sparse(12, "AHrEAHrE").ok());  // not in index order
  EXPECT_FALSE(HyperLogLog::decode_sparse(12, "AH!E").ok());
  EXPECT_FALSE(HyperLogLog::decode_sparse(3, "=").ok());
}

// add_hashes goes through a dense copy of a sparse sketch: it must leave the same registers,
// in the same form, as adding the hashes one by one, on both sides of the sparse threshold.
TEST(Hll, AddHashesEqualsAddHash) {
  for (int distinct : {0, 5, 200, 300, 1500, 100000}) {
    HyperLogLog one, many;
    std::vector<uint64_t> batch;
    for (int i = 0; i < 20000; ++i) {
      const uint64_t h = hash64(std::to_string(distinct ? i % distinct : 0));
      one.add_hash(h);
      batch.push_back(h);
      if (batch.size() == 4096) many.add_hashes(batch.data(), batch.size()), batch.clear();
    }
    many.add_hashes(batch.data(), batch.size());
    EXPECT_EQ(many.encode(), one.encode()) << distinct;
    EXPECT_EQ(many.encode_sparse(), one.encode_sparse()) << distinct;
  }
}

}  // namespace
}  // namespace seam::stats
