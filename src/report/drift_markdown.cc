#include "report/drift_report.h"

#include <algorithm>

#include "report/drift_common.h"
#include "util/escape.h"

namespace seam::report {
namespace {

std::string codes(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + escape::markdown_code(s, false);
  return out;
}

std::string result(stats::Verdict v) {
  switch (v) {
    case stats::Verdict::Drift: return "**DRIFT**";
    case stats::Verdict::Inconclusive: return "_inconclusive_";
    default: return "ok";
  }
}

}  // namespace

std::string drift_markdown(const stats::DriftReport& r) {
  std::string out = "# seam drift\n\n";
  out += "- **Reference:** " + escape::markdown_code(r.reference, false) + "\n";
  out += "- **Current:** " + escape::markdown_code(r.current, false) + "\n\n";
  out += "**" + escape::markdown(detail::drift_summary_line(r)) + "**\n\n";

  if (r.columns.empty()) {
    out += "No column tested.\n\n";
  } else {
    out += "| Column | Type | Method | Statistic | p-value | Threshold | Drift |\n"
           "|---|---|---|---:|---:|---:|---|\n";
    for (const auto& c : r.columns)
      out += "| " + escape::markdown_code(c.name, true) + " | " + std::string(stats::type_name(c.type)) + " | " +
             std::string(stats::method_name(c.method)) + " | " + detail::statistic_cell(c) + " | " +
             escape::markdown(detail::p_value_cell(c)) + " | " + detail::drift_number(c.threshold) + " | " + result(c.verdict) +
             (c.critical.empty() ? "" : " (critical)") + " |\n";
    out += "\n";
  }
  if (r.inconclusive) {
    out += "## Inconclusive\n\n";
    for (const auto& c : r.columns)
      if (c.verdict == stats::Verdict::Inconclusive)
        out += "- " + escape::markdown_code(c.name, false) + ": " + escape::markdown(c.why) +
               (c.advice.empty() ? "" : "; " + escape::markdown(c.advice)) + "\n";
    out += "\n";
  }

  if (!r.notes.empty()) {
    out += "## Notes\n\n";
    for (const auto& n : r.notes) out += "- " + escape::markdown(n) + "\n";
    out += "\n";
  }
  if (!r.only_in_reference.empty() || !r.only_in_current.empty() || !r.skipped.empty()) {
    out += "## Columns not compared\n\n";
    if (!r.only_in_reference.empty()) out += "- Only in the reference: " + codes(r.only_in_reference) + "\n";
    if (!r.only_in_current.empty()) out += "- Only in the current data: " + codes(r.only_in_current) + "\n";
    if (!r.skipped.empty()) out += "- Not tested: " + codes(r.skipped) + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace seam::report
