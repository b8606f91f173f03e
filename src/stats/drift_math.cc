#include "stats/drift_math.h"

#include "stats/sort.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include <boost/math/special_functions/gamma.hpp>

#include "stats/kstwo.h"

namespace seam::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Bad arguments give NaN, never an exception, whatever Boost's defaults are.
namespace bp = boost::math::policies;
using NoThrow = bp::policy<bp::domain_error<bp::ignore_error>, bp::overflow_error<bp::ignore_error>,
                           bp::evaluation_error<bp::ignore_error>>;

bool valid_counts(const std::vector<double>& a, const std::vector<double>& b) {
  const auto ok = [](double c) { return std::isfinite(c) && c >= 0; };
  return a.size() == b.size() && std::all_of(a.begin(), a.end(), ok) && std::all_of(b.begin(), b.end(), ok);
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// The categories that are non-zero on at least one side, as two parallel vectors.
std::pair<std::vector<double>, std::vector<double>> drop_empty(const std::vector<double>& a,
                                                               const std::vector<double>& b) {
  std::pair<std::vector<double>, std::vector<double>> out;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == 0 && b[i] == 0) continue;
    out.first.push_back(a[i]);
    out.second.push_back(b[i]);
  }
  return out;
}

std::vector<double> sorted_without_nan(std::vector<double> v) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  sort_doubles(v);
  return v;
}

// Walks the distinct pooled values of two sorted samples in order; at each one calls
// f(value, i, j) with i, j the counts of a and b that are <= value, and the next value.
template <class F>
void walk(const std::vector<double>& a, const std::vector<double>& b, F f) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const double v = j == b.size() || (i < a.size() && a[i] < b[j]) ? a[i] : b[j];
    while (i < a.size() && a[i] == v) ++i;
    while (j < b.size() && b[j] == v) ++j;
    const double next = i < a.size() && (j == b.size() || a[i] < b[j]) ? a[i] : j < b.size() ? b[j] : v;
    f(v, i, j, next);
  }
}

double ks_sorted(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) return kNaN;
  const double na = double(a.size()), nb = double(b.size());
  double d = 0;
  // Same arithmetic as scipy (i/n1 - j/n2 at every pooled value), so D is bit-identical.
  walk(a, b, [&](double, size_t i, size_t j, double) { d = std::max(d, std::abs(double(i) / na - double(j) / nb)); });
  return d;
}

// A fraction vector over the given counts, with exact zeros floored at kPsiEpsilon and
// renormalised.
std::vector<double> floored_fractions(const std::vector<double>& counts) {
  const double total = sum(counts);
  std::vector<double> f(counts.size());
  for (size_t i = 0; i < f.size(); ++i) f[i] = counts[i] == 0 ? kPsiEpsilon : counts[i] / total;
  const double norm = sum(f);
  for (double& x : f) x /= norm;
  return f;
}

double rel_entr(double x, double y) {  // scipy.special.rel_entr
  if (x > 0 && y > 0) return x * std::log(x / y);
  return x == 0 && y >= 0 ? 0 : kInf;
}

}  // namespace

// chi2.sf(x, dof) = Q(dof/2, x/2), the regularised upper incomplete gamma function.
double chi2_sf(double x, double dof) {
  if (std::isnan(x) || std::isnan(dof)) return kNaN;
  if (x == kInf) return 0;
  if (x <= 0) return 1;
  return boost::math::gamma_q(dof / 2, x / 2, NoThrow());
}

TestResult chi2_homogeneity(const std::vector<double>& ref_counts, const std::vector<double>& cur_counts) {
  if (!valid_counts(ref_counts, cur_counts)) return {};
  const auto [a, b] = drop_empty(ref_counts, cur_counts);
  const double ra = sum(a), rb = sum(b), total = ra + rb;
  if (ra == 0 || rb == 0) return {};  // a side without data: scipy would fail too
  if (a.size() < 2) return {0, 1, 0};
  double stat = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double col = a[i] + b[i], ea = ra * col / total, eb = rb * col / total;
    stat += (a[i] - ea) * (a[i] - ea) / ea + (b[i] - eb) * (b[i] - eb) / eb;
  }
  const double dof = double(a.size() - 1);
  return {stat, chi2_sf(stat, dof), dof};
}

TestResult chi2_gof(const std::vector<double>& ref_counts, const std::vector<double>& cur_counts) {
  if (!valid_counts(ref_counts, cur_counts)) return {};
  const auto [r, c] = drop_empty(ref_counts, cur_counts);
  const double rs = sum(r), cs = sum(c);
  if (rs == 0 || cs == 0) return {};
  if (r.size() < 2) return {0, 1, 0};
  double stat = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    const double e = r[i] / rs * cs;
    stat += e == 0 ? kInf : (c[i] - e) * (c[i] - e) / e;  // new category: infinitely unlikely
  }
  const double dof = double(r.size() - 1);
  return {stat, chi2_sf(stat, dof), dof};
}

double ks_statistic(std::vector<double> ref, std::vector<double> cur) {
  return ks_sorted(sorted_without_nan(std::move(ref)), sorted_without_nan(std::move(cur)));
}

TestResult ks_2samp_asymp(std::vector<double> ref, std::vector<double> cur) {
  const auto a = sorted_without_nan(std::move(ref)), b = sorted_without_nan(std::move(cur));
  const double d = ks_sorted(a, b);
  return {d, ks_pvalue_asymp(d, a.size(), b.size()), kNaN};
}

double ks_pvalue_asymp(double d, uint64_t n_ref, uint64_t n_cur) {
  if (n_ref == 0 || n_cur == 0 || std::isnan(d)) return kNaN;
  const double m = double(std::max(n_ref, n_cur)), n = double(std::min(n_ref, n_cur));
  // np.round rounds halves to even, as nearbyint does in the default rounding mode.
  const double en = std::nearbyint(m * n / (m + n));
  if (en < 1) return kNaN;  // kstwo needs n >= 1
  return kstwo_sf(static_cast<uint64_t>(en), d);
}

double psi(const std::vector<double>& ref_counts, const std::vector<double>& cur_counts) {
  if (!valid_counts(ref_counts, cur_counts)) return kNaN;
  const auto [r, c] = drop_empty(ref_counts, cur_counts);
  if (sum(r) == 0 || sum(c) == 0) return kNaN;
  const auto p = floored_fractions(r), q = floored_fractions(c);
  double s = 0;
  for (size_t i = 0; i < p.size(); ++i) s += (q[i] - p[i]) * std::log(q[i] / p[i]);
  return s;
}

std::vector<double> quantile_edges(std::vector<double> ref, int bins) {
  const auto v = sorted_without_nan(std::move(ref));
  std::vector<double> edges{-kInf};
  for (int k = 1; k < bins && !v.empty(); ++k) {
    // numpy 'linear': index h = (N-1) q, interpolated the way numpy's _lerp does it.
    const double h = double(v.size() - 1) * (double(k) / bins);
    const size_t lo = static_cast<size_t>(std::floor(h)), hi = std::min(lo + 1, v.size() - 1);
    const double t = h - double(lo), diff = v[hi] - v[lo];
    const double e = t < 0.5 ? v[lo] + diff * t : v[hi] - diff * (1 - t);
    if (std::isfinite(e) && e != edges.back()) edges.push_back(e);
  }
  edges.push_back(kInf);
  return edges;
}

std::vector<double> bin_counts(const std::vector<double>& values, const std::vector<double>& edges) {
  if (edges.size() < 2) return {};
  std::vector<double> counts(edges.size() - 1, 0.0);
  for (double x : values) {
    if (std::isnan(x) || x < edges.front() || x > edges.back()) continue;
    // The first edge >= x closes x's bin from above.
    const size_t i = size_t(std::lower_bound(edges.begin(), edges.end(), x) - edges.begin());
    counts[i == 0 ? 0 : i - 1] += 1;
  }
  return counts;
}

double jensenshannon(const std::vector<double>& p, const std::vector<double>& q) {
  if (!valid_counts(p, q)) return kNaN;
  const double sp = sum(p), sq = sum(q);
  if (sp == 0 || sq == 0) return kNaN;
  double left = 0, right = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i] / sp, qi = q[i] / sq, mi = (pi + qi) / 2;
    left += rel_entr(pi, mi);
    right += rel_entr(qi, mi);
  }
  // Rounding can leave a divergence of -1e-17 for near-equal inputs; scipy returns NaN
  // there, this returns 0.
  const double js = (left + right) / std::log(2.0);
  return std::sqrt(std::max(js / 2, 0.0));
}

double wasserstein(std::vector<double> ref, std::vector<double> cur) {
  const auto a = sorted_without_nan(std::move(ref)), b = sorted_without_nan(std::move(cur));
  if (a.empty() || b.empty()) return kNaN;
  const double na = double(a.size()), nb = double(b.size());
  // Integral of |F_a - F_b| between consecutive pooled values, compensated (Neumaier).
  double s = 0, c = 0;
  walk(a, b, [&](double v, size_t i, size_t j, double next) {
    const double x = std::abs(double(i) / na - double(j) / nb) * (next - v), t = s + x;
    c += std::abs(s) >= std::abs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  });
  return s + c;
}

WeightedSample weighted(std::vector<double> raw) {
  WeightedSample s;
  s.values = sorted_without_nan(std::move(raw));
  s.weights.assign(s.values.size(), 1.0);
  s.total = double(s.values.size());
  return s;
}

WeightedSample weighted(const std::vector<std::pair<double, uint64_t>>& items) {
  WeightedSample s;
  for (const auto& [v, w] : items) {
    if (std::isnan(v) || w == 0) continue;
    s.values.push_back(v);
    s.weights.push_back(double(w));
    s.total += double(w);
  }
  return s;
}

double weighted_cdf(const WeightedSample& s, double x) {
  if (s.values.empty() || std::isnan(x)) return kNaN;
  double below = 0;
  for (size_t i = 0; i < s.values.size() && s.values[i] <= x; ++i) below += s.weights[i];
  return below / s.total;
}

namespace {

// walk() for weighted samples: at each distinct pooled value, f(value, Fa, Fb, next).
template <class F>
void walk_weighted(const WeightedSample& a, const WeightedSample& b, F f) {
  size_t i = 0, j = 0;
  double wa = 0, wb = 0;
  const auto& av = a.values;
  const auto& bv = b.values;
  while (i < av.size() || j < bv.size()) {
    const double v = j == bv.size() || (i < av.size() && av[i] < bv[j]) ? av[i] : bv[j];
    for (; i < av.size() && av[i] == v; ++i) wa += a.weights[i];
    for (; j < bv.size() && bv[j] == v; ++j) wb += b.weights[j];
    const double next = i < av.size() && (j == bv.size() || av[i] < bv[j]) ? av[i] : j < bv.size() ? bv[j] : v;
    f(v, wa / a.total, wb / b.total, next);
  }
}

}  // namespace

double ks_weighted(const WeightedSample& a, const WeightedSample& b) {
  if (a.values.empty() || b.values.empty()) return kNaN;
  double d = 0;
  walk_weighted(a, b, [&](double, double fa, double fb, double) { d = std::max(d, std::abs(fa - fb)); });
  return d;
}

double wasserstein_weighted(const WeightedSample& a, const WeightedSample& b) {
  if (a.values.empty() || b.values.empty()) return kNaN;
  double s = 0, c = 0;  // compensated, as wasserstein()
  walk_weighted(a, b, [&](double v, double fa, double fb, double next) {
    const double x = std::abs(fa - fb) * (next - v), t = s + x;
    c += std::abs(s) >= std::abs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  });
  return s + c;
}

}  // namespace seam::stats
