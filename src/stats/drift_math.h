// The drift statistics: two-sample tests and distances between a reference and a current
// distribution, each equal to a named scipy function (docs/drift.md gives the formulas and
// tests/oracle/drift_oracle.py checks every one against scipy 1.10).
//
// Conventions shared by all functions:
// - NaN values in samples are missing data and are dropped before anything is computed.
// - Counts must be finite and non-negative and the two count vectors equally long; when
//   they are not, or a side has no data at all, the result is NaN (nothing throws).
#pragma once

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace seam::stats {

struct TestResult {
  double statistic = NAN;
  double p_value = NAN;  // NaN for distances (psi, jensenshannon, wasserstein)
  double dof = NAN;      // chi-square degrees of freedom
};

// scipy.stats.chi2.sf(x, dof): P(chi-square with dof degrees of freedom >= x).
double chi2_sf(double x, double dof);

// Homogeneity of the 2 x k table [ref; cur]: scipy.stats.chi2_contingency(table,
// correction=False). Categories with a zero total in both rows are dropped first (scipy
// would fail on their zero expected count). Fewer than 2 categories left: statistic 0,
// p 1, dof 0. A row that sums to zero (one side empty): all NaN.
TestResult chi2_homogeneity(const std::vector<double>& ref_counts, const std::vector<double>& cur_counts);

// Goodness of fit of the current counts to the reference proportions:
// scipy.stats.chisquare(f_obs=cur, f_exp=ref/sum(ref)*sum(cur)), dof = k - 1. Categories
// zero in both are dropped; a category with reference count 0 and current count > 0 makes
// the statistic +inf and p 0 (scipy gives inf too). Fewer than 2 categories: 0, 1, 0.
TestResult chi2_gof(const std::vector<double>& ref_counts, const std::vector<double>& cur_counts);

// Two-sample Kolmogorov-Smirnov, two-sided. D = max |F_ref(x) - F_cur(x)| over the pooled
// values, ties handled as scipy does (both empirical CDFs step at a tied value together).
// The p-value is scipy.stats.ks_2samp(ref, cur, method='asymp') of scipy 1.10:
// kstwo.sf(D, round(m*n/(m+n))) with numpy's round-half-to-even (see stats/kstwo.h).
double ks_statistic(std::vector<double> ref, std::vector<double> cur);  // sorts copies
TestResult ks_2samp_asymp(std::vector<double> ref, std::vector<double> cur);
// The p-value alone, for a D computed from sketches. NaN when round(m*n/(m+n)) is 0 (both
// sizes 1), as scipy.
double ks_pvalue_asymp(double d, uint64_t n_ref, uint64_t n_cur);

// Population stability index over given bins: sum_i (c_i - r_i) * ln(c_i / r_i) over bin
// fractions. Bins empty on both sides are dropped; then a fraction that is exactly 0 is
// replaced by kPsiEpsilon and each side is renormalised to sum 1 (so an empty bin counts
// as a rare one, and PSI stays the symmetric KL divergence of two distributions).
inline constexpr double kPsiEpsilon = 1e-4;
double psi(const std::vector<double>& ref_counts, const std::vector<double>& cur_counts);

// Equal-frequency bins from the reference: edges at its quantiles 1/bins, ..., (bins-1)/bins
// (numpy's default 'linear' quantile), deduplicated, with -inf and +inf as outer edges.
// Fewer than 2 bins or an empty reference: {-inf, +inf}.
std::vector<double> quantile_edges(std::vector<double> ref, int bins);
// Counts per bin; bins are right-closed, (e[i], e[i+1]], like pandas.cut, so a value equal
// to a quantile edge falls in the bin below it; the first bin also holds e[0] itself.
// Values outside [e.front(), e.back()] and NaN are not counted. edges.size() - 1 counts.
std::vector<double> bin_counts(const std::vector<double>& values, const std::vector<double>& edges);

// scipy.spatial.distance.jensenshannon(p, q, base=2): normalises p and q and returns the
// DISTANCE, the square root of the JS divergence in bits; it lies in [0, 1].
double jensenshannon(const std::vector<double>& p, const std::vector<double>& q);

// scipy.stats.wasserstein_distance(ref, cur): W1 between the two empirical distributions
// (equal weights) = integral of |F_ref - F_cur| dx. Values must be finite.
double wasserstein(std::vector<double> ref, std::vector<double> cur);

// A distribution as sorted values with weights: a quantile sketch's retained items (each
// stands for its weight in values), or raw values of weight 1. F(x) = (weight <= x) / total.
struct WeightedSample {
  std::vector<double> values;   // sorted, distinct not required, no NaN
  std::vector<double> weights;  // > 0, one per value
  double total = 0;
};
WeightedSample weighted(std::vector<double> raw);  // weight 1 each; drops NaN, sorts
WeightedSample weighted(const std::vector<std::pair<double, uint64_t>>& items);  // sorted (value, weight)
double weighted_cdf(const WeightedSample& s, double x);  // NaN when empty

// D = sup |Fa - Fb| and W1 = integral |Fa - Fb| dx between two weighted samples. With all
// weights 1 they equal ks_statistic and wasserstein (scipy.stats.wasserstein_distance with
// u_weights and v_weights in general). NaN when a side is empty.
double ks_weighted(const WeightedSample& a, const WeightedSample& b);
double wasserstein_weighted(const WeightedSample& a, const WeightedSample& b);

}  // namespace seam::stats
