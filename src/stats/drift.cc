#include "stats/drift.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "stats/drift_column.h"
#include "util/text.h"

namespace seam::stats {
namespace {

constexpr std::array<std::string_view, 6> kMethodNames = {"chisquare", "chisquare_gof", "ks", "psi", "jensenshannon", "wasserstein"};
constexpr std::array<std::string_view, 3> kVerdictNames = {"no_drift", "drift", "inconclusive"};
constexpr std::array<std::string_view, 3> kFailOnNames = {"column", "dataset", "never"};

bool mentioned(const std::vector<std::string>& names, const std::string& name) {
  return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
}

// Critical columns that a descriptor names but the data sets do not both have: said, since
// drift in them could not fail the run.
void note_untested_critical(const DriftOptions& o, DriftReport& rep) {
  std::vector<std::string> missing;
  for (const auto& entry : o.critical) {  // not a structured binding: clang 14 cannot capture one
    const std::string& name = entry.first;
    if (std::none_of(rep.columns.begin(), rep.columns.end(), [&](const ColumnDrift& c) { return c.name == name; }))
      missing.push_back(name);
  }
  if (!missing.empty()) rep.notes.push_back("critical columns not tested (not in both data sets, or not testable): " + text::join(missing, ", "));
}

}  // namespace

std::string_view method_name(Method m) { return kMethodNames[static_cast<size_t>(m)]; }

std::optional<Method> method_from_name(std::string_view name) {
  for (size_t i = 0; i < kMethodNames.size(); ++i)
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  return std::nullopt;
}

std::string_view verdict_name(Verdict v) { return kVerdictNames[static_cast<size_t>(v)]; }

std::string_view fail_on_name(FailOn f) { return kFailOnNames[static_cast<size_t>(f)]; }

std::optional<FailOn> fail_on_from_name(std::string_view name) {
  for (size_t i = 0; i < kFailOnNames.size(); ++i)
    if (kFailOnNames[i] == name) return static_cast<FailOn>(i);
  return std::nullopt;
}

bool is_test(Method m) { return m == Method::ChiSquare || m == Method::ChiSquareGof || m == Method::Ks; }

Method default_method(ColumnType t) { return has_numbers(t) ? Method::Ks : Method::ChiSquare; }

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
  for (const DriftInput* side : {&ref, &cur})
    for (const auto& note : side->notes) rep.notes.push_back(side->path + ": " + note);
  std::vector<std::string> ref_names, cur_names;
  for (const auto& c : ref.profile.columns) ref_names.push_back(c.name);
  for (const auto& c : cur.profile.columns) cur_names.push_back(c.name);
  for (const auto& [name, m] : o.methods)
    if (!ref.profile.find(name)) return Error::usage_at("/methods/" + name, "a method is given for '" + name + "', which is no column of the reference");
  for (const auto& [name, t] : o.thresholds)
    if (!ref.profile.find(name)) return Error::usage_at("/thresholds/" + name, "a threshold is given for '" + name + "', which is no column of the reference");
  for (const auto& [name, why] : o.critical)
    if (why == kCriticalGiven && !ref.profile.find(name)) {
      std::string msg = "'" + name + "' is no column of the reference";
      msg += text::did_you_mean(name, ref_names);
      return Error::usage_at("/critical", std::move(msg));
    }
  for (const auto& name : o.columns)
    if (!ref.profile.find(name) || !cur.profile.find(name)) {
      std::string msg = "column '" + name + "' is not in both data sets";
      msg += text::did_you_mean(name, ref_names);
      return Error::usage_at("/columns", std::move(msg));
    }
  std::vector<std::string> sketched;
  for (size_t ri = 0; ri < ref.profile.columns.size(); ++ri) {
    const auto& r = ref.profile.columns[ri];
    if (!mentioned(o.columns, r.name)) continue;
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
    // Time moves on: production's instants come after training's, so a distribution test of
    // them would always find drift. Their ranges are compared instead, unless --method asks.
    if (r.type == ColumnType::Timestamp && !o.methods.contains(r.name)) {
      rep.skipped.push_back(r.name);
      rep.notes.push_back(detail::time_ranges_note(r, c));
      continue;
    }
    auto d = detail::test_column(ref, cur, ri, static_cast<size_t>(ci - cur_names.begin()), o);
    if (!d.ok()) return std::move(d).take_error();
    if (!d.value().exact && d.value().n_reference > 0 && d.value().n_current > 0) sketched.push_back(r.name);
    if (auto it = o.critical.find(r.name); it != o.critical.end()) d.value().critical = it->second;
    rep.drifted += d.value().verdict == Verdict::Drift;
    rep.critical_drifted += d.value().verdict == Verdict::Drift && !d.value().critical.empty();
    rep.inconclusive += d.value().verdict == Verdict::Inconclusive;
    rep.columns.push_back(std::move(d).value());
  }
  if (!sketched.empty()) {  // said in every format, not just in JSON
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%g%%", kSketchConfidence * 100);
    rep.notes.push_back("tested on sketches or approximate counts, not on every value (a profile, or more values than kept exactly); "
                        "each interval holds the exact result with " + std::string(confidence) + " confidence, and a verdict "
                        "that depends on where in it the result lies is inconclusive: " + text::join(sketched, ", "));
  }
  for (const auto& n : cur_names)
    if (!ref.profile.find(n) && mentioned(o.columns, n)) rep.only_in_current.push_back(n);
  if (rep.columns.empty() && rep.skipped.empty())
    return Error::invalid("the reference and the current data share no column to compare");
  // At least one drifted column, and at least the configured share of them: a share of 0
  // therefore means "any column".
  const double needed = o.dataset_share * static_cast<double>(rep.columns.size());
  rep.dataset_drift = rep.drifted > 0 && rep.drifted >= needed;
  const int possible = rep.drifted + rep.inconclusive;
  rep.dataset_verdict = rep.dataset_drift                     ? Verdict::Drift
                        : possible > 0 && possible >= needed ? Verdict::Inconclusive
                                                              : Verdict::NoDrift;
  rep.fail_on = o.fail_on;
  rep.fails = o.fail_on == FailOn::Column    ? rep.drifted > 0
              : o.fail_on == FailOn::Dataset ? rep.dataset_drift || rep.critical_drifted > 0
                                             : false;
  note_untested_critical(o, rep);
  return rep;
}

}  // namespace seam::stats
