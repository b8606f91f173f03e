#include "stats/drift_bounds.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include "stats/drift_math.h"

namespace seam::stats {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The range of a convex per-category term f over the box p x q (see drift_bounds.h).
template <class F>
Interval term_range(F f, Interval p, Interval q) {
  const double lo = p.hi < q.lo ? f(p.hi, q.lo) : q.hi < p.lo ? f(p.lo, q.hi) : 0.0;
  const double hi = std::max({f(p.lo, q.lo), f(p.lo, q.hi), f(p.hi, q.lo), f(p.hi, q.hi)});
  return {lo, hi};
}

template <class F>
Interval sum_range(F f, const std::vector<Interval>& p, const std::vector<Interval>& q) {
  if (p.size() != q.size() || p.empty()) return {};
  Interval total{0, 0};
  for (size_t i = 0; i < p.size(); ++i) {
    const Interval t = term_range(f, p[i], q[i]);
    total.lo += t.lo;
    total.hi += t.hi;
  }
  return total;
}

double xlogy_ratio(double x, double y) { return x > 0 ? x * std::log(x / y) : 0; }  // x ln(x/y), 0 at x = 0

// What psi's flooring and renormalising (drift_math.h) can make of a fraction in `f`: an
// empty bin becomes kPsiEpsilon, a non-empty one holds at least 1/n, and dividing by the
// floored total (1 to 1 + bins * kPsiEpsilon) can only lower it.
Interval floored(Interval f, double n, size_t bins) {
  const double renorm = 1 + static_cast<double>(bins) * kPsiEpsilon;
  if (f.lo > 0) return {f.lo / renorm, f.hi};
  const double least_nonempty = n > 0 ? 1 / n : kPsiEpsilon;
  return {std::min(kPsiEpsilon, f.hi > 0 ? least_nonempty : kPsiEpsilon) / renorm, std::max(kPsiEpsilon, f.hi)};
}

std::vector<Interval> scaled(const std::vector<Interval>& counts, double total) {
  std::vector<Interval> out;
  for (const auto& c : counts) out.push_back(total > 0 ? Interval{c.lo / total, c.hi / total} : Interval{});
  return out;
}

// Categories certainly and possibly non-empty on some side: the table's size after
// categories zero on both sides are dropped, as chi2_* drop them.
std::pair<double, double> category_range(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  double certain = 0, possible = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    certain += a[i].lo > 0 || b[i].lo > 0;
    possible += a[i].hi > 0 || b[i].hi > 0;
  }
  return {certain, possible};
}

template <class F>
ChiSquareRange chi2_range(F term, const std::vector<Interval>& r, const std::vector<Interval>& c, double rt, double ct) {
  if (r.size() != c.size() || r.empty() || !(rt > 0) || !(ct > 0)) return {};
  const Interval stat = sum_range(term, scaled(r, rt), scaled(c, ct));
  const auto [fewest, most] = category_range(r, c);
  // Fewer than 2 categories: statistic 0 and p 1 (drift_math.h); p grows with the dof.
  const double p_lo = most < 2 ? 1 : chi2_sf(stat.hi, std::max(fewest, 2.0) - 1);
  const double p_hi = fewest < 2 ? 1 : chi2_sf(stat.lo, most - 1);
  return {{most < 2 ? 0 : stat.lo, most < 2 ? 0 : stat.hi}, {p_lo, p_hi}};
}

}  // namespace

std::vector<Interval> bin_fraction_bounds(const std::vector<double>& fractions, const std::vector<double>& edges,
                                          double error) {
  std::vector<Interval> out;
  for (size_t i = 0; i < fractions.size(); ++i) {
    const bool lo_finite = i < edges.size() && std::isfinite(edges[i]);
    const bool hi_finite = i + 1 < edges.size() && std::isfinite(edges[i + 1]);
    const double e = error * (lo_finite + hi_finite);
    out.push_back({std::max(0.0, fractions[i] - e), std::min(1.0, fractions[i] + e)});
  }
  return out;
}

Interval psi_range(const std::vector<Interval>& ref, const std::vector<Interval>& cur, double n_ref, double n_cur) {
  std::vector<Interval> p, q;
  for (const auto& f : ref) p.push_back(floored(f, n_ref, ref.size()));
  for (const auto& f : cur) q.push_back(floored(f, n_cur, cur.size()));
  return sum_range([](double a, double b) { return (b - a) * std::log(b / a); }, p, q);
}

Interval jensenshannon_range(const std::vector<Interval>& ref, const std::vector<Interval>& cur) {
  // The distance is sqrt of the sum of these terms, in bits (drift_math.cc).
  const auto term = [](double a, double b) {
    const double m = (a + b) / 2;
    return m > 0 ? (xlogy_ratio(a, m) + xlogy_ratio(b, m)) / (2 * std::log(2.0)) : 0.0;
  };
  const Interval js = sum_range(term, ref, cur);
  if (std::isnan(js.lo)) return js;
  return {std::sqrt(std::max(js.lo, 0.0)), std::sqrt(std::max(js.hi, 0.0))};
}

ChiSquareRange chi2_homogeneity_range(const std::vector<Interval>& r, const std::vector<Interval>& c, double rt, double ct) {
  // (r C - c R)^2 / (R C (r + c)) in fractions p = r/R, q = c/C.
  const auto term = [rt, ct](double p, double q) {
    const double den = rt * p + ct * q;
    return den > 0 ? rt * ct * (p - q) * (p - q) / den : 0.0;
  };
  return chi2_range(term, r, c, rt, ct);
}

ChiSquareRange chi2_gof_range(const std::vector<Interval>& r, const std::vector<Interval>& c, double rt, double ct) {
  // (c - p C)^2 / (p C): infinite for a category new in current, as chi2_gof.
  const auto term = [ct](double p, double q) {
    if (p > 0) return ct * (q - p) * (q - p) / p;
    return q > 0 ? kInf : 0.0;
  };
  return chi2_range(term, r, c, rt, ct);
}

Interval ks_pvalue_range(Interval d, uint64_t n_ref, uint64_t n_cur) {
  if (std::isnan(d.lo) || std::isnan(d.hi)) return {};
  return {ks_pvalue_asymp(std::min(d.hi, 1.0), n_ref, n_cur), ks_pvalue_asymp(std::max(d.lo, 0.0), n_ref, n_cur)};
}

double ks_critical_value(double alpha, uint64_t n_ref, uint64_t n_cur) {
  // The search costs about 60 evaluations of the distribution, and a monitor asks the same
  // question for every window of the same size: answers are kept per thread.
  thread_local std::map<std::tuple<double, uint64_t, uint64_t>, double> known;
  const auto key = std::make_tuple(alpha, n_ref, n_cur);
  if (const auto it = known.find(key); it != known.end()) return it->second;
  double lo = 0, hi = 1;
  if (!(ks_pvalue_asymp(hi, n_ref, n_cur) < alpha)) {
    hi = NAN;
  } else {
    for (double mid = 0.5; mid > lo && mid < hi; mid = (lo + hi) / 2)  // to the last bit
      (ks_pvalue_asymp(mid, n_ref, n_cur) < alpha ? hi : lo) = mid;
  }
  if (known.size() >= 4096) known.clear();
  known.emplace(key, hi);
  return hi;
}

}  // namespace seam::stats
