// The intervals of drift_bounds.h hold what they claim: for true inputs anywhere in the given
// boxes, the statistic the exact functions of drift_math.h compute lies in the interval.
#include "stats/drift_bounds.h"

#include <gtest/gtest.h>

#include <random>

#include "stats/drift_math.h"

namespace seam::stats {
namespace {

// A random distribution over k bins (some of them empty), as counts of n values.
std::vector<double> counts(std::mt19937_64& rng, size_t k, double n) {
  std::gamma_distribution<double> g(0.7, 1);
  std::vector<double> w(k);
  double total = 0;
  for (double& x : w) total += x = rng() % 5 == 0 ? 0 : g(rng);
  for (double& x : w) x = total > 0 ? std::round(x / total * n) : 0;
  if (total == 0) w[0] = n;
  return w;
}

// Boxes around the true values, each side off by up to `e` in either direction at random.
std::vector<Interval> boxes(std::mt19937_64& rng, const std::vector<double>& truth, double e) {
  std::uniform_real_distribution<double> u(0, e);
  std::vector<Interval> out;
  for (double x : truth) out.push_back({std::max(0.0, x - u(rng)), x + u(rng)});
  return out;
}

std::vector<double> fractions(const std::vector<double>& c) {
  double t = 0;
  for (double x : c) t += x;
  std::vector<double> out;
  for (double x : c) out.push_back(x / t);
  return out;
}

TEST(DriftBounds, IntervalsHoldTheExactStatistic) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 2000; ++trial) {
    const size_t k = 2 + rng() % 12;
    const double nr = 1000 + static_cast<double>(rng() % 5000), nc = 1000 + static_cast<double>(rng() % 5000);
    const auto r = counts(rng, k, nr), c = counts(rng, k, nc);
    double rt = 0, ct = 0;
    for (size_t i = 0; i < k; ++i) rt += r[i], ct += c[i];
    const double e = trial % 3 == 0 ? 0.0 : 0.05;
    const auto rf = boxes(rng, fractions(r), e), cf = boxes(rng, fractions(c), e);
    const std::string at = "trial " + std::to_string(trial);
    EXPECT_TRUE(psi_range(rf, cf, rt, ct).contains(psi(r, c)) || psi(r, c) < 1e-12) << at;
    const Interval js = jensenshannon_range(rf, cf);
    EXPECT_LE(js.lo, jensenshannon(r, c) + 1e-12) << at;
    EXPECT_GE(js.hi, jensenshannon(r, c) - 1e-12) << at;
    const auto rb = boxes(rng, r, e * rt), cb = boxes(rng, c, e * ct);
    const auto hom = chi2_homogeneity_range(rb, cb, rt, ct);
    const TestResult h = chi2_homogeneity(r, c);
    EXPECT_LE(hom.statistic.lo, h.statistic * (1 + 1e-12)) << at;
    EXPECT_GE(hom.statistic.hi, h.statistic * (1 - 1e-12)) << at;
    EXPECT_LE(hom.p_value.lo, h.p_value * (1 + 1e-9)) << at;
    EXPECT_GE(hom.p_value.hi, h.p_value * (1 - 1e-9)) << at;
    const auto gof = chi2_gof_range(rb, cb, rt, ct);
    const TestResult g = chi2_gof(r, c);
    EXPECT_LE(gof.p_value.lo, g.p_value * (1 + 1e-9)) << at;
    EXPECT_GE(gof.p_value.hi, g.p_value * (1 - 1e-9)) << at;
  }
}

TEST(DriftBounds, PointBoxesGiveThePointAndWiderBoxesWiderIntervals) {
  const std::vector<double> r{50, 30, 20}, c{40, 40, 20};
  std::vector<Interval> rb, cb;
  for (double x : r) rb.push_back({x, x});
  for (double x : c) cb.push_back({x, x});
  const auto hom = chi2_homogeneity_range(rb, cb, 100, 100);
  EXPECT_NEAR(hom.statistic.lo, chi2_homogeneity(r, c).statistic, 1e-12);
  EXPECT_NEAR(hom.statistic.hi, chi2_homogeneity(r, c).statistic, 1e-12);
  EXPECT_NEAR(hom.p_value.lo, chi2_homogeneity(r, c).p_value, 1e-12);
  // Boxes that meet on the diagonal: the statistic may be 0, the p-value 1.
  const auto wide = chi2_homogeneity_range({{40, 50}, {30, 40}, {20, 20}}, {{40, 50}, {30, 40}, {20, 20}}, 100, 100);
  EXPECT_EQ(wide.statistic.lo, 0);
  EXPECT_EQ(wide.p_value.hi, 1);
}

TEST(DriftBounds, BinFractionsWidenByOneErrorPerFiniteEdge) {
  const auto b = bin_fraction_bounds({0.5, 0.3, 0.2}, {-INFINITY, 1, 2, INFINITY}, 0.01);
  EXPECT_DOUBLE_EQ(b[0].lo, 0.49);
  EXPECT_DOUBLE_EQ(b[1].lo, 0.28);
  EXPECT_DOUBLE_EQ(b[1].hi, 0.32);
  EXPECT_DOUBLE_EQ(b[2].hi, 0.21);
  EXPECT_EQ(bin_fraction_bounds({0.0}, {-INFINITY, INFINITY}, 0.5)[0].hi, 0.0);  // one bin: exactly 1 of nothing
}

TEST(DriftBounds, KsPValueRangeIsDecreasingInD) {
  const Interval p = ks_pvalue_range({0.001, 0.02}, 10000, 10000);
  EXPECT_DOUBLE_EQ(p.lo, ks_pvalue_asymp(0.02, 10000, 10000));
  EXPECT_DOUBLE_EQ(p.hi, ks_pvalue_asymp(0.001, 10000, 10000));
  EXPECT_EQ(ks_pvalue_range({0, 1}, 100, 100).hi, 1);  // D = 0: p = 1
  const double crit = ks_critical_value(0.05, 10000, 10000);
  EXPECT_NEAR(ks_pvalue_asymp(crit, 10000, 10000), 0.05, 1e-9);
  EXPECT_TRUE(std::isnan(ks_critical_value(0.05, 1, 1)));
}

}  // namespace
}  // namespace seam::stats
