#include "stats/kll.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace seam::stats {
namespace {

std::vector<double> dataset(const std::string& kind, size_t n) {
  std::mt19937_64 rng(42);
  std::vector<double> xs(n);
  if (kind == "uniform") {
    std::uniform_real_distribution<double> d(0, 1);
    for (double& x : xs) x = d(rng);
  } else if (kind == "normal") {
    std::normal_distribution<double> d(0, 1);
    for (double& x : xs) x = d(rng);
  } else if (kind == "ascending" || kind == "descending") {
    for (size_t i = 0; i < n; ++i) xs[i] = static_cast<double>(kind == "ascending" ? i : n - i);
  } else {  // many duplicates: 50 distinct values, skewed
    std::geometric_distribution<int> d(0.1);
    for (double& x : xs) x = std::min(d(rng), 49);
  }
  return xs;
}

// The largest normalised rank error over 99 quantile queries and 99 cdf queries.
double worst_rank_error(const KllSketch& s, std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  double worst = 0;
  for (int i = 1; i < 100; ++i) {
    const double q = i / 100.0;
    // quantile(q) = y is right if q lies in y's true rank interval [#(< y), #(<= y)] / n.
    const double y = s.quantile(q);
    const double lt = static_cast<double>(std::lower_bound(xs.begin(), xs.end(), y) - xs.begin());
    const double le = static_cast<double>(std::upper_bound(xs.begin(), xs.end(), y) - xs.begin());
    worst = std::max({worst, lt / n - q, q - le / n});
    // cdf at the true q-quantile against its true rank.
    const double x = xs[static_cast<size_t>(q * n)];
    const double rank = static_cast<double>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin());
    worst = std::max(worst, std::abs(s.cdf(x) - rank / n));
  }
  return worst;
}

class KllAccuracy : public testing::TestWithParam<std::string> {};

TEST_P(KllAccuracy, RankErrorWithinStatedBound) {
  const auto xs = dataset(GetParam(), 1'000'000);
  KllSketch s;
  for (double x : xs) s.add(x);
  EXPECT_EQ(s.count(), xs.size());
  EXPECT_FALSE(s.exact());
  EXPECT_EQ(s.min(), *std::min_element(xs.begin(), xs.end()));
  EXPECT_EQ(s.max(), *std::max_element(xs.begin(), xs.end()));
  const double bound = s.normalized_rank_error();
  EXPECT_GT(bound, 0.005);
  EXPECT_LT(bound, 0.03);
  const double worst = worst_rank_error(s, xs);
  EXPECT_LE(worst, bound);
  RecordProperty("worst", std::to_string(worst));
  RecordProperty("bound", std::to_string(bound));
}

TEST_P(KllAccuracy, MergeOfEightShardsWithinStatedBound) {
  const auto xs = dataset(GetParam(), 1'000'000);
  std::vector<KllSketch> shards(8);
  for (size_t i = 0; i < xs.size(); ++i) shards[i * 8 / xs.size()].add(xs[i]);
  KllSketch merged;
  for (const auto& shard : shards) ASSERT_TRUE(merged.merge(shard).ok());
  EXPECT_EQ(merged.count(), xs.size());
  EXPECT_EQ(merged.min(), *std::min_element(xs.begin(), xs.end()));
  EXPECT_EQ(merged.max(), *std::max_element(xs.begin(), xs.end()));
  const double worst = worst_rank_error(merged, xs);
  EXPECT_LE(worst, merged.normalized_rank_error());
  RecordProperty("worst", std::to_string(worst));
  RecordProperty("bound", std::to_string(merged.normalized_rank_error()));
}

INSTANTIATE_TEST_SUITE_P(Kll, KllAccuracy,
                         testing::Values("uniform", "normal", "ascending", "descending",
                                         "duplicates"));

TEST(Kll, ExactForSmallInputs) {
  KllSketch s;
  EXPECT_TRUE(std::isnan(s.quantile(0.5)));
  EXPECT_TRUE(std::isnan(s.cdf(0)));
  EXPECT_TRUE(std::isnan(s.min()));
  std::vector<double> xs;
  for (int i = 1; i <= 100; ++i) xs.push_back(i);
  std::shuffle(xs.begin(), xs.end(), std::mt19937_64(1));
  for (double x : xs) s.add(x);
  EXPECT_TRUE(s.exact());
  EXPECT_EQ(s.normalized_rank_error(), 0);
  EXPECT_EQ(s.quantile(0), 1);
  EXPECT_EQ(s.quantile(0.07), 7);  // 0.07 * 100 is 7.000000000000001 in doubles
  EXPECT_EQ(s.quantile(0.5), 50);
  EXPECT_EQ(s.quantile(0.505), 51);
  EXPECT_EQ(s.quantile(1), 100);
  EXPECT_EQ(s.cdf(0.5), 0);
  EXPECT_EQ(s.cdf(50), 0.5);
  EXPECT_EQ(s.cdf(100), 1);
  for (int i = 101; i < 200; ++i) s.add(i);
  EXPECT_TRUE(s.exact());  // k - 1 values fit
  s.add(200);
  EXPECT_FALSE(s.exact());
  EXPECT_GT(s.normalized_rank_error(), 0);
}

TEST(Kll, Reproducible) {
  const auto xs = dataset("normal", 100'000);
  KllSketch a, b;
  for (double x : xs) a.add(x), b.add(x);
  EXPECT_EQ(a.levels(), b.levels());
}

TEST(Kll, FromLevelsRoundTrip) {
  const auto xs = dataset("normal", 100'000);
  KllSketch s(100);
  for (double x : xs) s.add(x);
  auto back = KllSketch::from_levels(100, s.count(), s.min(), s.max(), s.levels(), s.compaction_weight());
  ASSERT_TRUE(back.ok()) << back.error().message;
  const KllSketch& r = back.value();
  EXPECT_EQ(r.levels(), s.levels());
  EXPECT_EQ(r.count(), s.count());
  EXPECT_EQ(r.k(), 100);
  EXPECT_EQ(r.compaction_weight(), s.compaction_weight());
  EXPECT_EQ(r.normalized_rank_error(), s.normalized_rank_error());
  // Without the counted weight (a profile of an older seam) the bound comes from the levels:
  // looser, never tighter.
  auto old = KllSketch::from_levels(100, s.count(), s.min(), s.max(), s.levels());
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(std::isnan(old.value().compaction_weight()));
  EXPECT_GT(old.value().normalized_rank_error(), s.normalized_rank_error());
  EXPECT_FALSE(KllSketch::from_levels(100, s.count(), s.min(), s.max(), s.levels(), -1).ok());
  for (double q : {0.0, 0.01, 0.5, 0.99, 1.0}) EXPECT_EQ(r.quantile(q), s.quantile(q));
  EXPECT_EQ(r.cdf(0.3), s.cdf(0.3));

  auto empty = KllSketch::from_levels(200, 0, 0, 0, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.value().count(), 0u);
  EXPECT_TRUE(empty.value().exact());
}

TEST(Kll, FromLevelsRejectsInconsistentInput) {
  EXPECT_FALSE(KllSketch::from_levels(200, 3, 1, 2, {{1, 2}}).ok());       // weighs 2, not 3
  EXPECT_FALSE(KllSketch::from_levels(200, 4, 1, 2, {{1, 2}, {3}}).ok());  // 3 > max
  EXPECT_FALSE(KllSketch::from_levels(200, 2, 1, 2, {{1, NAN}}).ok());
  EXPECT_FALSE(KllSketch::from_levels(200, 2, 2, 1, {{1, 2}}).ok());       // min > max
  EXPECT_FALSE(KllSketch::from_levels(4, 2, 1, 2, {{1, 2}}).ok());         // k out of range
  const std::vector<std::vector<double>> tall(70, {1});
  EXPECT_FALSE(KllSketch::from_levels(200, 1, 1, 1, tall).ok());
  EXPECT_TRUE(KllSketch::from_levels(200, 4, 1, 3, {{1, 2}, {3}}).ok());
}

// The largest error of a sketch over every possible query, "<= x" and "< x" alike: what
// uniform_rank_error bounds. Both ranks change only at data values, so checking each
// distinct value (and just below it) covers every x.
double sup_rank_error(const KllSketch& s, std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const auto items = s.items();
  const double n = static_cast<double>(xs.size());
  double worst = 0, est_le = 0;
  size_t j = 0;
  for (size_t i = 0; i < xs.size();) {
    const double v = xs[i];
    double est_lt = est_le;  // estimated weight < v: items below v
    for (; j < items.size() && items[j].first < v; ++j) est_lt += static_cast<double>(items[j].second);
    est_le = est_lt;
    for (size_t m = j; m < items.size() && items[m].first == v; ++m) est_le += static_cast<double>(items[m].second);
    const double lt = static_cast<double>(i);
    while (i < xs.size() && xs[i] == v) ++i;
    worst = std::max({worst, std::abs(est_lt - lt) / n, std::abs(est_le - static_cast<double>(i)) / n});
    est_le = est_lt;  // items at v are added again at the next value's "<" step
  }
  return worst;
}

// The uniform bound at delta = 0.005 (what drift uses per side) holds for every query at
// once, for a sketch of the whole and for the merge of sketches of its halves, over many
// seeds and shapes of data; and it is not wildly loose (within a factor 5 of the worst seen).
TEST(Kll, UniformBoundHoldsForEveryQueryAlsoAfterMerging) {
  double worst_ratio = 0;
  for (int seed = 0; seed < 40; ++seed) {
    std::mt19937_64 rng(1000 + seed);
    std::normal_distribution<double> normal(0, 1);
    std::geometric_distribution<int> geometric(0.05);
    std::vector<double> xs(60'000 + 5'000 * (seed % 5));
    for (double& x : xs) x = seed % 2 ? std::round(normal(rng) * 100) / 100 : geometric(rng);
    KllSketch whole, left, right;
    for (size_t i = 0; i < xs.size(); ++i) (i < xs.size() / 2 ? left : right).add(xs[i]), whole.add(xs[i]);
    ASSERT_TRUE(left.merge(right).ok());
    for (const KllSketch* s : {&whole, &left}) {
      const double bound = s->uniform_rank_error(0.005), seen = sup_rank_error(*s, xs);
      EXPECT_LE(seen, bound) << "seed " << seed;
      EXPECT_GE(bound, s->normalized_rank_error());
      worst_ratio = std::max(worst_ratio, seen / bound);
    }
  }
  EXPECT_GT(worst_ratio, 0.2);
  RecordProperty("worst_over_bound", std::to_string(worst_ratio));
  std::printf("[ kll      ] largest sup error / uniform bound over 80 sketches: %.3f\n", worst_ratio);
}

TEST(Kll, MergeNeedsSameK) {
  KllSketch a(200), b(100);
  b.add(1);
  EXPECT_FALSE(a.merge(b).ok());
  ASSERT_TRUE(a.merge(a).ok());  // merging with itself is allowed
  EXPECT_EQ(a.count(), 0u);
}

}  // namespace
}  // namespace seam::stats

namespace seam::stats {
namespace {

// Batches (radix-sorted, merged into level 0) keep the same error bound as single adds,
// also mixed with single adds and merges, on data with negatives, zeros and duplicates.
TEST(KllBatch, BatchesKeepTheBound) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0, 50);
  std::vector<double> all;
  KllSketch a, b;
  std::vector<double> batch;
  for (int i = 0; i < 300000; ++i) {
    double x = std::round(normal(rng) * 4) / 4;  // duplicates
    if (i % 1000 == 0) x = -0.0;
    all.push_back(x);
    if (i % 3 == 0) {
      b.add(x);
      continue;
    }
    batch.push_back(x);
    if (batch.size() == 4096) a.add_batch(batch), batch.clear();
  }
  a.add_batch(batch);
  ASSERT_TRUE(a.merge(b).ok());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(a.count(), all.size());
  EXPECT_EQ(a.min(), all.front());
  EXPECT_EQ(a.max(), all.back());
  for (int q = 1; q < 100; ++q) {
    const double v = a.quantile(q / 100.0);
    const double rank = static_cast<double>(std::upper_bound(all.begin(), all.end(), v) - all.begin()) / all.size();
    const double lower = static_cast<double>(std::lower_bound(all.begin(), all.end(), v) - all.begin()) / all.size();
    EXPECT_LE(std::max(0.0, std::max(lower - q / 100.0, q / 100.0 - rank)), a.normalized_rank_error()) << q;
  }
}

// The radix sort orders by the 32 highest bits that differ in the batch first, then by the
// whole value within runs alike there: values that differ only in their low bits must still
// come out in order, negatives, zeros and duplicates included.
TEST(KllBatch, SortsValuesThatDifferOnlyInTheirLowBits) {
  std::mt19937_64 rng(3);
  std::vector<double> values;
  for (int i = 0; i < 4000; ++i) {
    const double base = i % 4 == 0 ? -1e15 : i % 4 == 1 ? 1e15 : i % 4 == 2 ? 0.0 : 12.5;
    values.push_back(base + static_cast<double>(rng() % 1000) * (base == 0 ? 1e-300 : 1.0));
  }
  std::vector<double> want = values;
  std::sort(want.begin(), want.end());
  KllSketch s;
  s.add_batch(values);
  EXPECT_EQ(values, want);
  EXPECT_EQ(s.min(), want.front());
  EXPECT_EQ(s.max(), want.back());
}

// Values close together (instants of one day, in seconds since the epoch, with milliseconds)
// share their high bits, so the window slides down to where they differ; batches of equal
// values, or values that differ in one low bit, come out sorted too.
TEST(KllBatch, SortsValuesCloseTogether) {
  std::mt19937_64 rng(5);
  for (const double spread : {0.0, 1e-3, 86400.0, 1e9}) {
    std::vector<double> values;
    for (int i = 0; i < 4096; ++i) values.push_back(1.7e9 + std::floor(static_cast<double>(rng() % 1000000) / 1e6 * spread * 1000) / 1000);
    values.push_back(std::nextafter(1.7e9, 2e9));
    std::vector<double> want = values;
    std::sort(want.begin(), want.end());
    KllSketch s;
    s.add_batch(values);
    EXPECT_EQ(values, want) << spread;
  }
}

}  // namespace
}  // namespace seam::stats
