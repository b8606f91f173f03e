#include "report/findings.h"

#include <algorithm>

#include "report/findings_common.h"
#include "util/escape.h"

namespace seam::report {
namespace {

void write_finding(const rules::Finding& f, std::string& out) {
  out += "### " + escape::markdown_code(f.rule, false) + "\n\n";
  out += "- **Severity:** " + std::string(rules::severity_name(f.severity)) +
         (f.waived ? " (waived)" : "") + "\n";
  out += "- **TEC rule:** " + (f.tec_rule.empty() ? std::string("none") : escape::markdown(f.tec_rule)) + "\n";
  out += "- **Taxonomy:** " + escape::markdown(detail::taxonomy(f.category, f.subcategory)) + "\n";
  out += "- **Kind:** " + std::string(rules::kind_name(f.kind)) + "\n";
  if (f.waived) out += "- **Waiver:** " + escape::markdown(f.waiver_reason) + "\n";
  out += "\n" + escape::markdown(f.message) + "\n\n";
  if (!f.rationale.empty()) out += "> " + escape::markdown(f.rationale) + "\n\n";
  if (f.items.empty()) return;
  out += "| Item | Location | Pointer |\n|---|---|---|\n";
  for (const auto& item : f.items) {
    std::string where, pointers;
    for (const auto& l : item.locations) {
      if (!where.empty()) { where += "<br>"; pointers += "<br>"; }
      if (l.file.empty()) where += escape::markdown(detail::place(l));
      else if (l.line) where += escape::markdown_code(l.file + ':' + std::to_string(l.line), true);
      else where += escape::markdown_code(l.file, true) + " (not present)";
      pointers += l.pointer.empty() ? std::string() : escape::markdown_code(l.pointer, true);
    }
    std::string text = escape::markdown(item.text);
    for (const auto& r : item.related)
      text += "<br>related: " + escape::markdown_code(r.rule, true) + " " + escape::markdown(r.text);
    for (const auto& e : item.evidence) {
      text += "<br>from text: " + escape::markdown_code(e.quote, true) + " (" + escape::markdown(e.fact);
      if (e.location.line) text += ", " + escape::markdown_code(e.location.file + ':' + std::to_string(e.location.line), true);
      text += ")";
    }
    out += "| " + text + " | " + where + " | " + pointers + " |\n";
  }
  out += "\n";
}

// A list of descriptor problems under `title`, each "`file:line:col` `/pointer`: message".
void write_load_problems(std::string_view title, const std::vector<Error>& problems, std::string& out) {
  if (problems.empty()) return;
  out += "## " + std::string(title) + "\n\n";
  for (const auto& e : problems) {
    std::string where = e.file.empty() ? std::string("seam") : e.file;
    if (e.line) ((where += ':') += std::to_string(e.line) + ":") += std::to_string(e.column);
    out += "- " + escape::markdown_code(where, false);
    if (!e.pointer.empty()) (out += ' ') += escape::markdown_code(e.pointer, false);
    out += ": " + escape::markdown(e.message) + "\n";
  }
  out += "\n";
}

}  // namespace

std::string findings_markdown(const rules::Report& r) {
  std::string out = "# seam check";
  if (!r.project.empty()) out += ": " + escape::markdown(r.project);
  out += "\n\n";
  const auto s = r.summary();
  out += "| Errors | Warnings | Info | Waived |\n|---:|---:|---:|---:|\n";
  out += "| " + std::to_string(s.error) + " | " + std::to_string(s.warning) + " | " +
         std::to_string(s.info) + " | " + std::to_string(s.waived) + " |\n\n";

  write_load_problems("Descriptors that did not load", r.load_errors, out);
  write_load_problems("Descriptor warnings", r.load_warnings, out);

  for (const auto& g : detail::group_findings(r)) {
    if (g.findings.empty()) continue;
    out += "## " + std::string(g.title) + "\n\n";
    for (const auto* f : g.findings) write_finding(*f, out);
  }

  if (!r.waiver_problems.empty()) {
    out += "## Waiver problems\n\n";
    for (const auto& p : r.waiver_problems) out += "- " + escape::markdown(detail::waiver_problem_line(p)) + "\n";
    out += "\n";
  }
  if (r.findings.empty() && r.load_errors.empty()) out += "No findings.\n";
  return out;
}

}  // namespace seam::report
