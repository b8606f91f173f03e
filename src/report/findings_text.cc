#include "report/findings.h"

#include <algorithm>

#include "report/diagnostic.h"
#include "report/findings_common.h"
#include "util/text.h"

namespace seam::report {
namespace {

// A folded item of a subsumed rule, with the places the item itself does not already show.
void write_related(const rules::Item& item, const rules::Related& r, std::string& out) {
  out += "      related: " + std::string(rules::severity_name(r.severity)) + "[" + r.rule + "] " +
         detail::indent_lines(r.text, "        ") + "\n";
  for (const auto& l : r.locations) {
    const bool shown = std::any_of(item.locations.begin(), item.locations.end(), [&](const rules::Location& x) {
      return x.descriptor == l.descriptor && x.pointer == l.pointer;
    });
    if (!shown) out += "        " + detail::location_line(l) + "\n";
  }
}

void write_finding(const rules::Finding& f, std::string& out) {
  out += std::string(rules::severity_name(f.severity)) + "[" + f.rule + "] " +
         detail::tec_label(f.tec_rule);
  const std::string tax = detail::taxonomy(f.category, f.subcategory);
  if (!tax.empty()) out += tax + ": ";
  out += detail::indent_lines(f.message, "  ") + "\n";
  if (f.waived)
    out += "  waived: " + (f.waiver_reason.empty() ? std::string("(no reason given)") : f.waiver_reason) + "\n";
  for (const auto& item : f.items) {
    out += "  - " + detail::indent_lines(item.text, "    ") + "\n";
    for (const auto& l : item.locations) out += "      " + detail::location_line(l) + "\n";
    for (const auto& r : item.related) write_related(item, r, out);
    for (const auto& e : item.evidence)
      out += "      from text: " + text::quote(e.quote) + " (" + e.fact + ") " + detail::location_line(e.location) + "\n";
  }
}

}  // namespace

std::string findings_text(const rules::Report& r) {
  std::string out;
  for (const auto& e : r.load_errors) out += format_error(e);
  for (const auto& e : r.load_warnings) out += format_warning(e);
  if (!r.load_errors.empty() || !r.load_warnings.empty()) out += "\n";

  for (const auto& g : detail::group_findings(r)) {
    if (g.findings.empty()) continue;
    // Waived findings are accepted risks; a heading keeps them from reading as live problems.
    if (g.key == "waived") out += "waived (accepted, not counted):\n\n";
    for (const auto* f : g.findings) {
      write_finding(*f, out);
      out += "\n";
    }
  }

  for (const auto& p : r.waiver_problems) out += detail::waiver_problem_line(p) + "\n";
  if (!r.waiver_problems.empty()) out += "\n";

  out += detail::summary_line(r.summary()) + "\n";
  return out;
}

}  // namespace seam::report
