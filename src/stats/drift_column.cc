#include "stats/drift_column.h"

#include <algorithm>
#include <cstdio>

#include "stats/drift_bounds.h"
#include "stats/drift_math.h"
#include "stats/time.h"

namespace seam::stats::detail {
namespace {

// Each side's sketch bound holds with 1 - delta; both together with kSketchConfidence.
constexpr double kDeltaPerSketch = (1 - kSketchConfidence) / 2;
constexpr const char* kOther = "(other values)";

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

void add(ColumnDrift& d, std::string name, DriftDetail::Value value) {
  d.details.push_back({std::move(name), std::move(value)});
}

// Counts go into details as int64_t, the one integer type a detail holds.
int64_t integer(uint64_t n) { return static_cast<int64_t>(n); }

void set_point(ColumnDrift& d, double statistic, double p_value) {
  d.statistic = d.statistic_low = d.statistic_high = statistic;
  d.p_value = d.p_value_low = d.p_value_high = p_value;
}

// The statistic interval, widened to hold the estimate whatever rounding did.
void set_interval(ColumnDrift& d, Interval s) {
  d.statistic_low = std::min(s.lo, d.statistic);
  d.statistic_high = std::max(s.hi, d.statistic);
}

void set_p_interval(ColumnDrift& d, Interval p) {
  d.p_value_low = std::min(p.lo, d.p_value);
  d.p_value_high = std::max(p.hi, d.p_value);
}

// One side of a numeric column: the raw values when all were kept, else the sketch.
struct Side {
  const ColumnProfile& col;
  const std::vector<double>* raw;
  double error() const { return raw ? 0 : col.quantiles.uniform_rank_error(kDeltaPerSketch); }
  WeightedSample sample() const { return raw ? weighted(*raw) : weighted(col.quantiles.items()); }
  double n() const { return static_cast<double>(col.quantiles.count()); }
  double range() const { return col.quantiles.max() - col.quantiles.min(); }
};

std::vector<double> fractions(const std::vector<double>& counts) {
  double total = 0;
  for (double c : counts) total += c;
  std::vector<double> out;
  for (double c : counts) out.push_back(total > 0 ? c / total : 0);
  return out;
}

// Counts of a numeric side in the bins given by `edges` (edges[0] = -inf, back = +inf).
std::vector<double> numeric_counts(const Side& s, const std::vector<double>& edges) {
  if (s.raw) return bin_counts(*s.raw, edges);
  std::vector<double> out;
  double prev = 0;
  for (size_t i = 1; i < edges.size(); ++i) {
    const double cdf = std::isinf(edges[i]) ? 1.0 : s.col.quantiles.cdf(edges[i]);
    out.push_back(std::max(0.0, cdf - prev) * s.n());
    prev = cdf;
  }
  return out;
}

std::vector<double> reference_edges(const Side& r, int bins) {
  if (r.raw) return quantile_edges(*r.raw, bins);
  std::vector<double> edges = {-INFINITY};
  for (int i = 1; i < bins; ++i) {
    const double q = r.col.quantiles.quantile(static_cast<double>(i) / bins);
    if (q > edges.back()) edges.push_back(q);
  }
  edges.push_back(INFINITY);
  return edges;
}

void ks_test(ColumnDrift& d, const Side& r, const Side& c) {
  if (d.exact) {
    const auto t = ks_2samp_asymp(*r.raw, *c.raw);
    return set_point(d, t.statistic, t.p_value);
  }
  // D of the two sketched distributions; each CDF is within its error everywhere.
  const double e = r.error() + c.error();
  d.statistic = ks_weighted(r.sample(), c.sample());
  d.p_value = ks_pvalue_asymp(d.statistic, d.n_reference, d.n_current);
  const Interval s{std::max(0.0, d.statistic - e), std::min(1.0, d.statistic + e)};
  set_interval(d, s);
  set_p_interval(d, ks_pvalue_range(s, d.n_reference, d.n_current));
  add(d, "statistic_error_bound", e);
}

void wasserstein_test(ColumnDrift& d, const Side& r, const Side& c, const DriftOptions& o) {
  const double sd = r.col.moments.stddev(1);
  double w = NAN, e = 0;
  if (d.exact) {
    w = wasserstein(*r.raw, *c.raw);
  } else {
    // W1 = integral of |Fr - Fc|; each F is off by at most its error over its own range.
    w = wasserstein_weighted(r.sample(), c.sample());
    e = r.error() * r.range() + c.error() * c.range();
    add(d, "distance_error_bound", e);
  }
  add(d, "distance", w);
  add(d, "reference_stddev", sd);
  add(d, "normalized", o.normalize_wasserstein);
  const double scale = o.normalize_wasserstein ? (sd > 0 ? 1 / sd : NAN) : 1;
  if (std::isnan(scale)) d.why = "the reference values are all equal (standard deviation 0), so the distance cannot be normalised";
  if (std::isnan(scale)) d.advice = "use --raw-wasserstein with a threshold in the column's units";
  set_point(d, w * scale, NAN);
  set_interval(d, {std::max(0.0, w - e) * scale, (w + e) * scale});
}

void binned_test(ColumnDrift& d, const Side& r, const Side& c, const DriftOptions& o) {
  const auto edges = reference_edges(r, o.bins);
  const auto rc = numeric_counts(r, edges), cc = numeric_counts(c, edges);
  const bool is_psi = d.method == Method::Psi;
  set_point(d, is_psi ? psi(rc, cc) : jensenshannon(rc, cc), NAN);
  add(d, "bins", integer(rc.size()));
  if (d.exact) return;
  // The true fraction of a bin on the same edges is within each finite edge's CDF error.
  const auto rf = bin_fraction_bounds(fractions(rc), edges, r.error());
  const auto cf = bin_fraction_bounds(fractions(cc), edges, c.error());
  set_interval(d, is_psi ? psi_range(rf, cf, r.n(), c.n()) : jensenshannon_range(rf, cf));
}

void numeric_test(ColumnDrift& d, const Side& r, const Side& c, const DriftOptions& o) {
  d.exact = r.raw && c.raw;
  add(d, "exact", d.exact);
  if (!d.exact) {
    add(d, "confidence", kSketchConfidence);
    add(d, "rank_error_reference", r.error());
    add(d, "rank_error_current", c.error());
  }
  switch (d.method) {
    case Method::Ks: return ks_test(d, r, c);
    case Method::Wasserstein: return wasserstein_test(d, r, c, o);
    default: return binned_test(d, r, c, o);  // psi and jensenshannon on reference-quantile bins
  }
}

// Category counts of both sides, aligned: reference categories first, then new ones. With
// approximate counts (a frequent-items summary) the rest of the values form one more
// category, and every count is an interval.
struct Table {
  std::vector<std::string> labels;
  std::vector<double> ref, cur;
  std::vector<Interval> ref_box, cur_box;
};

void add_other(Table& t, const ColumnProfile& r, const ColumnProfile& c) {
  const auto box = [](const std::vector<double>& counts, const FrequentItems& v, std::vector<Interval>& out) {
    const double err = static_cast<double>(v.max_error());
    double lo = 0, hi = 0, est = 0;
    for (double n : counts) {  // a listed count is at most err low; an unlisted value occurs at most err times
      out.push_back({n, n + err});
      lo += n;
      hi += n + err;
      est += n;
    }
    const double total = static_cast<double>(v.total());
    out.push_back({std::max(0.0, total - hi), total - lo});
    return total - est;
  };
  const double ref_other = box(t.ref, r.values, t.ref_box), cur_other = box(t.cur, c.values, t.cur_box);
  t.labels.push_back(kOther);
  t.ref.push_back(ref_other);
  t.cur.push_back(cur_other);
}

Table align(const ColumnProfile& r, const ColumnProfile& c, bool exact) {
  Table out;
  std::map<std::string, size_t> index;
  for (const auto& [v, n] : r.values.items()) {
    index.emplace(v, out.labels.size());
    out.labels.push_back(v);
    out.ref.push_back(static_cast<double>(n));
    out.cur.push_back(0);
  }
  for (const auto& [v, n] : c.values.items()) {
    auto [it, added] = index.emplace(v, out.labels.size());
    if (added) {
      out.labels.push_back(v);
      out.ref.push_back(0);
      out.cur.push_back(0);
    }
    out.cur[it->second] = static_cast<double>(n);
  }
  if (!exact) add_other(out, r, c);
  return out;
}

std::vector<Interval> scaled(const std::vector<Interval>& counts, double total) {
  std::vector<Interval> out;
  for (const auto& c : counts) out.push_back({c.lo / total, c.hi / total});
  return out;
}

void categorical_ranges(ColumnDrift& d, const Table& t) {
  const double rt = static_cast<double>(d.n_reference), ct = static_cast<double>(d.n_current);
  switch (d.method) {
    case Method::ChiSquare:
    case Method::ChiSquareGof: {
      const auto range = d.method == Method::ChiSquare ? chi2_homogeneity_range(t.ref_box, t.cur_box, rt, ct)
                                                       : chi2_gof_range(t.ref_box, t.cur_box, rt, ct);
      set_interval(d, range.statistic);
      return set_p_interval(d, range.p_value);
    }
    case Method::Psi: return set_interval(d, psi_range(scaled(t.ref_box, rt), scaled(t.cur_box, ct), rt, ct));
    default: return set_interval(d, jensenshannon_range(scaled(t.ref_box, rt), scaled(t.cur_box, ct)));
  }
}

void categorical_test(ColumnDrift& d, const ColumnProfile& r, const ColumnProfile& c) {
  d.exact = r.values.exact() && c.values.exact();
  const Table t = align(r, c, d.exact);
  add(d, "exact", d.exact);
  add(d, "categories", integer(t.labels.size()));
  size_t new_categories = 0;
  for (size_t i = 0; i < t.labels.size(); ++i) new_categories += t.ref[i] == 0 && t.cur[i] > 0;
  add(d, "categories_not_in_reference", integer(new_categories));
  if (!d.exact) add(d, "count_error_bound", integer(std::max(r.values.max_error(), c.values.max_error())));
  switch (d.method) {
    case Method::ChiSquare:
    case Method::ChiSquareGof: {
      const auto res = d.method == Method::ChiSquare ? chi2_homogeneity(t.ref, t.cur) : chi2_gof(t.ref, t.cur);
      set_point(d, res.statistic, res.p_value);
      add(d, "dof", res.dof);
      break;
    }
    case Method::Psi: set_point(d, psi(t.ref, t.cur), NAN); break;
    default: set_point(d, jensenshannon(t.ref, t.cur), NAN); break;
  }
  if (!d.exact && d.n_reference > 0 && d.n_current > 0) categorical_ranges(d, t);
  d.histogram.labels = t.labels;
  d.histogram.reference = fractions(t.ref);
  d.histogram.current = fractions(t.cur);
}

void numeric_histogram(ColumnDrift& d, const Side& r, const Side& c) {
  const double lo = std::min(r.col.quantiles.min(), c.col.quantiles.min());
  const double hi = std::max(r.col.quantiles.max(), c.col.quantiles.max());
  std::vector<double> edges = {-INFINITY};
  for (int i = 1; i < 20; ++i) edges.push_back(lo + (hi - lo) * i / 20);
  edges.push_back(INFINITY);
  d.histogram.reference = fractions(numeric_counts(r, edges));
  d.histogram.current = fractions(numeric_counts(c, edges));
  d.histogram.edges = {lo};
  for (int i = 1; i <= 20; ++i) d.histogram.edges.push_back(lo + (hi - lo) * i / 20);
}

// The value of the statistic at which the verdict turns: the threshold of a distance, the D
// whose p-value is the threshold for ks. NaN where there is no such value to aim at.
double decision_point(const ColumnDrift& d) {
  if (!is_test(d.method)) return d.threshold;
  if (d.method == Method::Ks) return ks_critical_value(d.threshold, d.n_reference, d.n_current);
  return NAN;
}

// What would decide a column whose sketch error spans the threshold: a sketch k that would
// make the interval narrower than the distance to the decision point (the error shrinks
// about as 1/k), or the exact values.
void advise(ColumnDrift& d, int k_now) {
  const std::string exact = "test the data files themselves (exact up to 1,000,000 values per column)";
  if (!has_numbers(d.type)) {
    d.advice = "the column has more distinct values than are counted exactly (1,000); group rare values into fewer categories";
    return;
  }
  // Aim the error at the larger of the estimate's distance to the decision point and half
  // that point: an estimate right at it is itself mostly sketch error.
  const double half = std::max(d.statistic - d.statistic_low, d.statistic_high - d.statistic);
  const double point = decision_point(d);
  const double margin = std::max(std::abs(d.statistic - point), point / 2);
  const double k = std::ceil(k_now * 1.5 * half / margin / 100) * 100;
  if (!(margin > 0) || !(k <= 65535)) {
    d.advice = exact;
    return;
  }
  add(d, "suggested_sketch_k", static_cast<int64_t>(k));
  d.advice = "profile both sides with a larger --sketch-k (at least about " + std::to_string(static_cast<int64_t>(k)) +
             "; the error shrinks about as 1/k), or " + exact;
}

void decide(ColumnDrift& d, int k_now) {
  const bool test = is_test(d.method);
  const double lo = test ? d.p_value_low : d.statistic_low, hi = test ? d.p_value_high : d.statistic_high;
  if (std::isnan(lo) || std::isnan(hi)) {
    d.verdict = Verdict::Inconclusive;
    if (d.why.empty()) d.why = "the test gives no result for these data";
  } else if (test ? hi < d.threshold : lo > d.threshold) {
    d.verdict = Verdict::Drift;
  } else if (test ? lo >= d.threshold : hi <= d.threshold) {
    d.verdict = Verdict::NoDrift;
  } else {
    d.verdict = Verdict::Inconclusive;
    const std::string what = test ? "the p-value" : "the distance";
    d.why = "from " + std::string(has_numbers(d.type) ? "sketches" : "approximate counts") + ", " + what +
            " lies between " + num(lo) + " and " + num(hi) + " (" + num(kSketchConfidence * 100) +
            "% confidence), on both sides of the threshold " + num(d.threshold);
    advise(d, k_now);
  }
  d.drift = d.verdict == Verdict::Drift;
}

bool fits(Method m, ColumnType t) {
  if (has_numbers(t)) return m != Method::ChiSquare && m != Method::ChiSquareGof;
  return m != Method::Ks && m != Method::Wasserstein;
}

const std::vector<double>* raw_values(const DriftInput& in, size_t i) {
  return i < in.raw.size() && i < in.raw_complete.size() && in.raw_complete[i] ? &in.raw[i] : nullptr;
}

}  // namespace

std::string time_ranges_note(const ColumnProfile& r, const ColumnProfile& c) {
  const std::string head = "'" + r.name + "' is a timestamp; not tested for drift (--method " + r.name + "=ks compares the distributions)";
  if (r.moments.n == 0 || c.moments.n == 0) return head + "; one side has no valid timestamps";
  const bool dates = r.time.dates_only() && c.time.dates_only();
  auto range = [&](const ColumnProfile& p) {
    return format_timestamp(p.moments.min, dates) + " to " + format_timestamp(p.moments.max, dates);
  };
  std::string out = head + ": reference " + range(r) + ", current " + range(c);
  const double gap = c.moments.min - r.moments.max, before = r.moments.min - c.moments.max;
  char days[64];
  if (gap > 0) {
    std::snprintf(days, sizeof days, "%.1f", gap / 86400);
    return out + "; the current data starts " + days + " days after the reference ends";
  }
  if (before > 0) {
    std::snprintf(days, sizeof days, "%.1f", before / 86400);
    return out + "; the current data ends " + days + " days before the reference starts";
  }
  return out + "; the ranges overlap";
}

Result<ColumnDrift> test_column(const DriftInput& ref, const DriftInput& cur, size_t ri, size_t ci, const DriftOptions& o) {
  const ColumnProfile& r = ref.profile.columns[ri];
  const ColumnProfile& c = cur.profile.columns[ci];
  ColumnDrift d;
  d.name = r.name;
  d.type = r.type;
  d.method = default_method(r.type);
  if (auto it = o.methods.find(r.name); it != o.methods.end()) d.method = it->second;
  if (!fits(d.method, r.type))
    return Error::usage_at("/methods/" + r.name, "method " + std::string(method_name(d.method)) + " does not apply to '" + r.name +
                                               "', a " + std::string(type_name(r.type)) + " column");
  d.threshold = default_threshold(d.method);
  if (auto it = o.thresholds.find(r.name); it != o.thresholds.end()) d.threshold = it->second;
  int k_now = 0;
  if (has_numbers(r.type)) {
    d.n_reference = r.moments.n;
    d.n_current = c.moments.n;
    const Side rs{r, raw_values(ref, ri)}, cs{c, raw_values(cur, ci)};
    k_now = std::max(rs.raw ? 0 : r.quantiles.k(), cs.raw ? 0 : c.quantiles.k());
    if (d.n_reference == 0 || d.n_current == 0) {
      d.why = std::string("no finite values in the ") + (d.n_reference == 0 ? "reference" : "current data");
      d.advice = "check that the column is filled on both sides";
    } else {
      numeric_test(d, rs, cs, o);
      if (o.histograms) numeric_histogram(d, rs, cs);
    }
  } else {
    d.n_reference = r.values.total();
    d.n_current = c.values.total();
    categorical_test(d, r, c);
    if (d.n_reference == 0 || d.n_current == 0) {
      d.why = std::string("no values in the ") + (d.n_reference == 0 ? "reference" : "current data");
      d.advice = "check that the column is filled on both sides";
    }
  }
  decide(d, k_now);
  return d;
}

}  // namespace seam::stats::detail
