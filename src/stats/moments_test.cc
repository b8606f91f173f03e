#include "stats/moments.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace seam::stats {
namespace {

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

// A large mean over a small spread: where the textbook sum-of-squares formula fails.
std::vector<double> sample() {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> dist(1e4, 3.0);
  std::vector<double> xs(1'000'000);
  for (double& x : xs) x = dist(rng);
  return xs;
}

TEST(Moments, MatchesTwoPassComputation) {
  const auto xs = sample();
  Moments m;
  for (double x : xs) m.add(x);
  long double sum = 0;
  for (double x : xs) sum += x;
  const long double mean = sum / xs.size();
  long double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  EXPECT_EQ(m.n, xs.size());
  EXPECT_LE(rel(m.mean, static_cast<double>(mean)), 1e-12);
  EXPECT_LE(rel(m.variance(), static_cast<double>(ss / (xs.size() - 1))), 1e-10);
  EXPECT_LE(rel(m.variance(0), static_cast<double>(ss / xs.size())), 1e-10);
  EXPECT_EQ(m.min, *std::min_element(xs.begin(), xs.end()));
  EXPECT_EQ(m.max, *std::max_element(xs.begin(), xs.end()));
}

TEST(Moments, MergeOfShardsEqualsOnePass) {
  const auto xs = sample();
  Moments whole;
  for (double x : xs) whole.add(x);
  // Uneven shards, one of them empty.
  const std::vector<size_t> cuts = {0, 1, 1, 1000, 250'000, 600'000, 999'999, xs.size()};
  Moments merged;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    Moments shard;
    for (size_t j = cuts[i]; j < cuts[i + 1]; ++j) shard.add(xs[j]);
    merged.merge(shard);
  }
  EXPECT_EQ(merged.n, whole.n);
  EXPECT_LE(rel(merged.mean, whole.mean), 1e-12);
  EXPECT_LE(rel(merged.variance(), whole.variance()), 1e-12);
  EXPECT_EQ(merged.min, whole.min);
  EXPECT_EQ(merged.max, whole.max);
}

TEST(Moments, SmallCounts) {
  Moments m;
  EXPECT_TRUE(std::isnan(m.variance(0)));
  m.add(5);
  EXPECT_EQ(m.variance(0), 0);
  EXPECT_TRUE(std::isnan(m.variance()));
  m.add(7);
  EXPECT_EQ(m.mean, 6);
  EXPECT_EQ(m.variance(), 2);
  EXPECT_DOUBLE_EQ(m.stddev(), std::sqrt(2.0));
  Moments empty;
  m.merge(empty);
  empty.merge(m);
  EXPECT_EQ(empty.n, 2u);
  EXPECT_EQ(empty.variance(), 2);
  EXPECT_EQ(empty.min, 5);
  EXPECT_EQ(empty.max, 7);
}

// Batches (as profiling adds them) give the two-pass result too, and the same min and max.
TEST(Moments, BatchesMatchOneByOne) {
  const auto xs = sample();
  Moments one, batched;
  for (double x : xs) one.add(x);
  for (size_t i = 0; i < xs.size(); i += 4096) batched.add_batch(xs.data() + i, std::min<size_t>(4096, xs.size() - i));
  batched.add_batch(xs.data(), 0);
  EXPECT_EQ(batched.n, one.n);
  EXPECT_LE(rel(batched.mean, one.mean), 1e-12);
  EXPECT_LE(rel(batched.variance(), one.variance()), 1e-9);
  EXPECT_EQ(batched.min, one.min);
  EXPECT_EQ(batched.max, one.max);
}

}  // namespace
}  // namespace seam::stats
