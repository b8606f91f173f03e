#include "stats/drift.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "stats/drift_math.h"
#include "util/text.h"

namespace seam::stats {
namespace {

constexpr std::array<std::string_view, 6> kMethodNames = {"chisquare", "chisquare_gof", "ks", "psi", "jensenshannon", "wasserstein"};

// Category counts of both sides, aligned: reference categories first, then new ones.
struct Categories {
  std::vector<std::string> labels;
  std::vector<double> ref, cur;
};

Categories align(const ColumnProfile& r, const ColumnProfile& c) {
  Categories out;
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
  return out;
}

std::vector<double> fractions(const std::vector<double>& counts) {
  double total = 0;
  for (double c : counts) total += c;
  std::vector<double> out;
  for (double c : counts) out.push_back(total > 0 ? c / total : 0);
  return out;
}

struct Side {
  const ColumnProfile& col;
  const std::vector<double>* raw;  // null when not exact
};

// Counts of a numeric side in the bins given by `edges` (edges[0] = -inf, back = +inf).
std::vector<double> numeric_counts(const Side& s, const std::vector<double>& edges) {
  if (s.raw) return bin_counts(*s.raw, edges);
  std::vector<double> out;
  double prev = 0;
  const double n = static_cast<double>(s.col.quantiles.count());
  for (size_t i = 1; i < edges.size(); ++i) {
    const double cdf = std::isinf(edges[i]) ? 1.0 : s.col.quantiles.cdf(edges[i]);
    out.push_back(std::max(0.0, cdf - prev) * n);
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

void add(ColumnDrift& d, std::string name, DriftDetail::Value value) {
  d.details.push_back({std::move(name), std::move(value)});
}

// Counts go into details as int64_t, the one integer type a detail holds.
int64_t integer(uint64_t n) { return static_cast<int64_t>(n); }

void numeric_test(ColumnDrift& d, const Side& r, const Side& c, const DriftOptions& o) {
  const bool exact = r.raw && c.raw;
  add(d, "exact", exact);
  switch (d.method) {
    case Method::Ks: {
      if (exact) {
        const auto t = ks_2samp_asymp(*r.raw, *c.raw);
        d.statistic = t.statistic;
        d.p_value = t.p_value;
      } else {
        std::vector<double> points;
        for (const auto* s : {&r, &c})
          for (const auto& level : s->col.quantiles.levels()) points.insert(points.end(), level.begin(), level.end());
        const auto e = ks_from_cdfs([&](double x) { return r.col.quantiles.cdf(x); }, [&](double x) { return c.col.quantiles.cdf(x); },
                                    points, r.col.quantiles.normalized_rank_error(), c.col.quantiles.normalized_rank_error());
        d.statistic = e.value;
        d.p_value = ks_pvalue_asymp(e.value, d.n_reference, d.n_current);
        add(d, "statistic_error_bound", e.error_bound);
      }
      break;
    }
    case Method::Wasserstein: {
      const double sd = r.col.moments.stddev(1);
      double w = NAN;
      if (exact) {
        w = wasserstein(*r.raw, *c.raw);
      } else {
        const double range = std::max(r.col.quantiles.max(), c.col.quantiles.max()) - std::min(r.col.quantiles.min(), c.col.quantiles.min());
        const auto e = wasserstein_from_quantiles([&](double q) { return r.col.quantiles.quantile(q); },
                                                  [&](double q) { return c.col.quantiles.quantile(q); },
                                                  r.col.quantiles.normalized_rank_error(), c.col.quantiles.normalized_rank_error(), range);
        w = e.value;
        add(d, "distance_error_bound", e.error_bound);
      }
      add(d, "distance", w);
      add(d, "reference_stddev", sd);
      d.statistic = o.normalize_wasserstein ? (sd > 0 ? w / sd : NAN) : w;
      add(d, "normalized", o.normalize_wasserstein);
      break;
    }
    default: {  // psi and jensenshannon on reference-quantile bins
      const auto edges = reference_edges(r, o.bins);
      const auto rc = numeric_counts(r, edges), cc = numeric_counts(c, edges);
      d.statistic = d.method == Method::Psi ? psi(rc, cc) : jensenshannon(rc, cc);
      add(d, "bins", integer(rc.size()));
    }
  }
}

void categorical_test(ColumnDrift& d, const ColumnProfile& r, const ColumnProfile& c) {
  const Categories cats = align(r, c);
  const bool exact = r.values.exact() && c.values.exact();
  add(d, "exact", exact);
  add(d, "categories", integer(cats.labels.size()));
  size_t new_categories = 0;
  for (size_t i = 0; i < cats.labels.size(); ++i) new_categories += cats.ref[i] == 0;
  add(d, "categories_not_in_reference", integer(new_categories));
  if (!exact) add(d, "count_error_bound", integer(std::max(r.values.max_error(), c.values.max_error())));
  switch (d.method) {
    case Method::ChiSquare: {
      const auto t = chi2_homogeneity(cats.ref, cats.cur);
      d.statistic = t.statistic;
      d.p_value = t.p_value;
      add(d, "dof", t.dof);
      break;
    }
    case Method::ChiSquareGof: {
      const auto t = chi2_gof(cats.ref, cats.cur);
      d.statistic = t.statistic;
      d.p_value = t.p_value;
      add(d, "dof", t.dof);
      break;
    }
    case Method::Psi: d.statistic = psi(cats.ref, cats.cur); break;
    default: d.statistic = jensenshannon(cats.ref, cats.cur); break;
  }
  d.histogram.labels = cats.labels;
  d.histogram.reference = fractions(cats.ref);
  d.histogram.current = fractions(cats.cur);
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

// The error bound of a column tested on sketches, or nullopt when it was tested exactly.
// An unknown (NaN or infinite) bound adds nothing to the worst bound that the note quotes.
std::optional<double> sketch_error_bound(const ColumnDrift& d) {
  for (const auto& [name, value] : d.details) {
    const double* bound = std::get_if<double>(&value);
    if (bound && (name == "statistic_error_bound" || name == "distance_error_bound"))
      return std::isfinite(*bound) ? *bound : 0.0;
  }
  return std::nullopt;
}

bool fits(Method m, ColumnType t) {
  if (t == ColumnType::Numeric) return m != Method::ChiSquare && m != Method::ChiSquareGof;
  return m != Method::Ks && m != Method::Wasserstein;
}

Result<ColumnDrift> test_column(const DriftInput& ref, const DriftInput& cur, size_t ri, size_t ci, const DriftOptions& o) {
  const ColumnProfile& r = ref.profile.columns[ri];
  const ColumnProfile& c = cur.profile.columns[ci];
  ColumnDrift d;
  d.name = r.name;
  d.type = r.type;
  d.method = r.type == ColumnType::Numeric ? Method::Ks : Method::ChiSquare;
  if (auto it = o.methods.find(r.name); it != o.methods.end()) d.method = it->second;
  if (!fits(d.method, r.type))
    return Error::usage_at("/methods/" + r.name, "method " + std::string(method_name(d.method)) + " does not apply to '" + r.name +
                                               "', a " + std::string(type_name(r.type)) + " column");
  d.threshold = default_threshold(d.method);
  if (auto it = o.thresholds.find(r.name); it != o.thresholds.end()) d.threshold = it->second;
  const auto raw = [](const DriftInput& in, size_t i) -> const std::vector<double>* {
    return i < in.raw.size() && i < in.raw_complete.size() && in.raw_complete[i] ? &in.raw[i] : nullptr;
  };
  if (r.type == ColumnType::Numeric) {
    d.n_reference = r.moments.n;
    d.n_current = c.moments.n;
    const Side rs{r, raw(ref, ri)}, cs{c, raw(cur, ci)};
    if (d.n_reference == 0 || d.n_current == 0) {
      add(d, "note", std::string("no finite values on one side"));
      return d;
    }
    numeric_test(d, rs, cs, o);
    numeric_histogram(d, rs, cs);
  } else {
    d.n_reference = r.values.total();
    d.n_current = c.values.total();
    categorical_test(d, r, c);
  }
  d.drift = is_test(d.method) ? (std::isfinite(d.p_value) && d.p_value < d.threshold)
                              : (std::isfinite(d.statistic) && d.statistic > d.threshold);
  return d;
}

}  // namespace

std::string_view method_name(Method m) { return kMethodNames[static_cast<size_t>(m)]; }

std::optional<Method> method_from_name(std::string_view name) {
  for (size_t i = 0; i < kMethodNames.size(); ++i)
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  return std::nullopt;
}

bool is_test(Method m) { return m == Method::ChiSquare || m == Method::ChiSquareGof || m == Method::Ks; }

double default_threshold(Method m) {
  switch (m) {
    case Method::Psi: return 0.2;
    case Method::JensenShannon: return 0.1;
    case Method::Wasserstein: return 0.1;
    default: return 0.05;
  }
}

Result<DriftReport> compare(const DriftInput& ref, const DriftInput& cur, const DriftOptions& o) {
  DriftReport rep;
  rep.reference = ref.path;
  rep.current = cur.path;
  rep.dataset_share = o.dataset_share;
  std::vector<std::string> ref_names, cur_names;
  for (const auto& c : ref.profile.columns) ref_names.push_back(c.name);
  for (const auto& c : cur.profile.columns) cur_names.push_back(c.name);
  for (const auto& [name, m] : o.methods)
    if (!ref.profile.find(name)) return Error::usage_at("/methods/" + name, "a method is given for '" + name + "', which is no column of the reference");
  for (const auto& [name, t] : o.thresholds)
    if (!ref.profile.find(name)) return Error::usage_at("/thresholds/" + name, "a threshold is given for '" + name + "', which is no column of the reference");
  for (const auto& name : o.columns)
    if (!ref.profile.find(name) || !cur.profile.find(name)) {
      std::string msg = "column '" + name + "' is not in both data sets";
      if (auto near = text::closest(name, ref_names)) msg += " (did you mean '" + *near + "'?)";
      return Error::usage_at("/columns", std::move(msg));
    }
  std::vector<std::string> sketched;
  double worst_bound = 0;
  for (size_t ri = 0; ri < ref.profile.columns.size(); ++ri) {
    const auto& r = ref.profile.columns[ri];
    if (!o.columns.empty() && std::find(o.columns.begin(), o.columns.end(), r.name) == o.columns.end()) continue;
    auto ci = std::find(cur_names.begin(), cur_names.end(), r.name);
    if (ci == cur_names.end()) {
      rep.only_in_reference.push_back(r.name);
      continue;
    }
    const auto& c = cur.profile.columns[ci - cur_names.begin()];
    if (r.type != c.type || r.type == ColumnType::Text) {
      rep.skipped.push_back(r.name);
      rep.notes.push_back(r.type != c.type ? "'" + r.name + "' is " + std::string(type_name(r.type)) + " in the reference and " +
                                                 std::string(type_name(c.type)) + " in the current data; not tested"
                                           : "'" + r.name + "' is free text; not tested");
      continue;
    }
    auto d = test_column(ref, cur, ri, static_cast<size_t>(ci - cur_names.begin()), o);
    if (!d.ok()) return std::move(d).take_error();
    if (const auto bound = sketch_error_bound(d.value())) {  // said in every format, not just in JSON
      sketched.push_back(r.name);
      worst_bound = std::max(worst_bound, *bound);
    }
    rep.drifted += d.value().drift;
    rep.columns.push_back(std::move(d).value());
  }
  if (!sketched.empty()) {
    char bound[32];
    std::snprintf(bound, sizeof bound, "%.2g", worst_bound);
    rep.notes.push_back("tested on sketches, not on every value (a profile, or more values than kept exactly), each result within " +
                        std::string(bound) + " of the exact one: " + text::join(sketched, ", "));
  }
  for (const auto& n : cur_names)
    if (!ref.profile.find(n) && (o.columns.empty() || std::find(o.columns.begin(), o.columns.end(), n) != o.columns.end()))
      rep.only_in_current.push_back(n);
  if (rep.columns.empty() && rep.skipped.empty())
    return Error::invalid("the reference and the current data share no column to compare");
  // At least one drifted column, and at least the configured share of them: a share of 0
  // therefore means "any column".
  rep.dataset_drift = rep.drifted > 0 && rep.drifted >= o.dataset_share * static_cast<double>(rep.columns.size());
  return rep;
}

}  // namespace seam::stats
