#include "report/drift_common.h"

#include <cmath>
#include <cstdio>
#include <variant>

namespace seam::report::detail {

std::string drift_number(double d, int digits) {
  if (!std::isfinite(d)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*g", digits, d == 0 ? 0.0 : d);  // no "-0"
  return buf;
}

std::string drift_percent(double share) {
  if (!std::isfinite(share)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g%%", share * 100);
  return buf;
}

std::string drift_summary_line(const stats::DriftReport& r) {
  const size_t total = r.columns.size();
  const long pct = total ? std::lround(100.0 * r.drifted / static_cast<double>(total)) : 0;
  return std::to_string(r.drifted) + " of " + std::to_string(total) + (total == 1 ? " column" : " columns") +
         " drifted (" + std::to_string(pct) + "%); dataset drift: " + (r.dataset_drift ? "yes" : "no") +
         " (threshold " + drift_percent(r.dataset_share) + ")";
}

JsonWriter& write_detail(JsonWriter& w, const stats::DriftDetail::Value& value) {
  return std::visit([&](const auto& v) -> JsonWriter& { return w.value(v); }, value);
}

std::string detail_json(const stats::DriftDetail::Value& value) {
  JsonWriter w;
  return write_detail(w, value).str();
}

std::string_view drift_word(bool drift) { return drift ? "DRIFT" : "ok"; }

}  // namespace seam::report::detail
