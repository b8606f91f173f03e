#include "report/drift_common.h"

#include <cmath>
#include <cstdio>
#include <variant>

#include "util/text.h"

namespace seam::report::detail {
namespace {

constexpr size_t kMaxNames = 10;  // a headline names this many columns, then counts the rest

std::string names(const stats::DriftReport& r, stats::Verdict v, bool critical_only = false) {
  std::vector<std::string> out;
  size_t more = 0;
  for (const auto& c : r.columns)
    if (c.verdict == v && (!critical_only || !c.critical.empty())) (out.size() < kMaxNames ? out.push_back(c.name) : void(++more));
  std::string s = text::join(out, ", ");
  return more ? s + " and " + std::to_string(more) + " more" : s;
}

std::string columns(size_t n) { return std::to_string(n) + (n == 1 ? " column" : " columns"); }

}  // namespace

std::string drift_number(double d, int digits) {
  if (!std::isfinite(d)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*g", digits, d == 0 ? 0.0 : d);  // no "-0"
  return buf;
}

std::string drift_p(double p) {
  if (p == 0) return "< " + drift_number(stats::kPValueFloor, 3);
  return drift_number(p, 3);
}

std::string statistic_cell(const stats::ColumnDrift& c) {
  if (c.exact || !std::isfinite(c.statistic_low) || !std::isfinite(c.statistic_high)) return drift_number(c.statistic);
  return drift_number(c.statistic_low) + ".." + drift_number(c.statistic_high);
}

std::string p_value_cell(const stats::ColumnDrift& c) {
  if (c.exact || std::isnan(c.p_value_low) || std::isnan(c.p_value_high)) return drift_p(c.p_value);
  return drift_p(c.p_value_low) + ".." + drift_p(c.p_value_high);
}

std::string drift_percent(double share) {
  if (!std::isfinite(share)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g%%", share * 100);
  return buf;
}

std::string drift_summary_line(const stats::DriftReport& r) {
  const size_t total = r.columns.size();
  const size_t drifted = static_cast<size_t>(r.drifted), unsure = static_cast<size_t>(r.inconclusive);
  std::string out;
  if (drifted) {
    const long pct = std::lround(100.0 * static_cast<double>(drifted) / static_cast<double>(total));
    out = "drift in " + std::to_string(drifted) + " of " + columns(total) + " (" + std::to_string(pct) + "%): " +
          names(r, stats::Verdict::Drift);
  } else if (unsure < total || total == 0) {
    out = "no drift in " + (unsure ? std::to_string(total - unsure) + " of " : std::string()) + columns(total);
  }
  if (r.critical_drifted)
    out += "; critical " + std::string(r.critical_drifted == 1 ? "column" : "columns") + " drifted: " +
           names(r, stats::Verdict::Drift, true);
  if (unsure) {
    const std::string all = total == 1 ? "the one column" : "all " + columns(total);
    out += (out.empty() ? "inconclusive in " + all : "; inconclusive in " + std::to_string(unsure)) + ": " +
           names(r, stats::Verdict::Inconclusive);
  }
  const std::string_view dataset = r.dataset_verdict == stats::Verdict::Drift          ? "yes"
                                   : r.dataset_verdict == stats::Verdict::Inconclusive ? "inconclusive"
                                                                                       : "no";
  return out + "; dataset drift: " + std::string(dataset) + " (threshold " + drift_percent(r.dataset_share) + ")";
}

JsonWriter& write_detail(JsonWriter& w, const stats::DriftDetail::Value& value) {
  return std::visit([&](const auto& v) -> JsonWriter& { return w.value(v); }, value);
}

std::string detail_json(const stats::DriftDetail::Value& value) {
  JsonWriter w;
  return write_detail(w, value).str();
}

std::string result_cell(const stats::ColumnDrift& c) {
  return std::string(verdict_word(c.verdict)) + (c.critical.empty() ? "" : " (critical)");
}

std::string_view verdict_word(stats::Verdict v) {
  switch (v) {
    case stats::Verdict::Drift: return "DRIFT";
    case stats::Verdict::Inconclusive: return "inconclusive";
    default: return "ok";
  }
}

}  // namespace seam::report::detail
