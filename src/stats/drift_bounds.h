// How far a drift statistic computed from sketches can be from the exact one. Each function
// takes what is known about the inputs as intervals (a CDF within +-e of the truth, a count
// between a lower and an upper bound) and returns an interval that holds the statistic the
// exact inputs give, so that a verdict can say "drift", "no drift" or "cannot tell".
//
// The divergences (psi, jensenshannon) and the chi-square statistics are sums of one term
// per category, f(p_i, q_i) of the two fractions. Each f is jointly convex, zero where
// p = q, and grows as p and q move apart. So over a box of possible (p, q) its largest value
// is at a corner, and its smallest is 0 when the box meets the diagonal, else at the corner
// nearest it. Bounding each term on its own box ignores that fractions sum to 1; the
// interval is wider than it need be, but it holds.
//
// Thread safety: pure functions.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace seam::stats {

struct Interval {
  double lo = NAN, hi = NAN;
  bool contains(double x) const { return lo <= x && x <= hi; }
};

// The fractions of the bins (edges[i], edges[i+1]] of a side whose CDF is known within
// `error` at every point: each finite edge moves a bin's fraction by at most `error`.
// `fractions` are the estimates; the result is clamped to [0, 1].
std::vector<Interval> bin_fraction_bounds(const std::vector<double>& fractions, const std::vector<double>& edges,
                                          double error);

// psi and jensenshannon (drift_math.h) over fraction intervals. psi also needs each side's
// number of values: a bin that may be empty holds 0 (floored to kPsiEpsilon) or at least 1/n.
Interval psi_range(const std::vector<Interval>& ref, const std::vector<Interval>& cur, double n_ref, double n_cur);
Interval jensenshannon_range(const std::vector<Interval>& ref, const std::vector<Interval>& cur);

// chi2_homogeneity and chi2_gof over count intervals, with exact totals. The degrees of
// freedom depend on which categories are non-empty, so they are a range too; the p-value
// interval takes the least and the most favourable of both.
struct ChiSquareRange {
  Interval statistic, p_value;
};
ChiSquareRange chi2_homogeneity_range(const std::vector<Interval>& ref_counts, const std::vector<Interval>& cur_counts,
                                      double ref_total, double cur_total);
ChiSquareRange chi2_gof_range(const std::vector<Interval>& ref_counts, const std::vector<Interval>& cur_counts,
                              double ref_total, double cur_total);

// The KS p-values (ks_pvalue_asymp) of the ends of an interval of D, which is decreasing in D:
// [p(d.hi), p(d.lo)].
Interval ks_pvalue_range(Interval d, uint64_t n_ref, uint64_t n_cur);
// The smallest D at which ks_pvalue_asymp falls below `alpha` (to the last bit), for saying how far an estimate is
// from the decision. NaN when no D in [0, 1] reaches alpha.
double ks_critical_value(double alpha, uint64_t n_ref, uint64_t n_cur);

}  // namespace seam::stats
