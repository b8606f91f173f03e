#include "report/findings.h"

#include "report/diagnostic.h"
#include "report/findings_common.h"
#include "report/html_page.h"
#include "util/escape.h"

namespace seam::report {
namespace {

// The findings page's own rules; report/html_page.cc holds the rest.
constexpr std::string_view kStyle = R"(table.summary td, table.summary th { padding: .3em 1em; text-align: center; border: 1px solid #d0d7de; }
table.items { border-collapse: collapse; width: 100%; margin: .5em 0; }
table.items td, table.items th { border: 1px solid #d0d7de; padding: .25em .5em; text-align: left; vertical-align: top; }
.finding { border: 1px solid #d0d7de; border-radius: 6px; padding: .6em 1em; margin: 1em 0; }
.finding.waived { border-style: dashed; opacity: .75; }
.badge.error { background: #cf222e; } .badge.warning { background: #9a6700; }
.badge.info { background: #0969da; } .badge.waived { background: #6e7781; }
.text { white-space: pre-wrap; }
pre { background: #f6f8fa; padding: .6em; overflow-x: auto; }
)";

std::string badge(std::string_view cls, std::string_view text) {
  return "<span class=\"badge " + std::string(cls) + "\">" + std::string(text) + "</span>";
}

void write_finding(const rules::Finding& f, std::string& out) {
  const std::string sev(rules::severity_name(f.severity));
  out += "<section class=\"finding" + std::string(f.waived ? " waived" : "") + "\">\n<h3>" +
         badge(sev, sev) + (f.waived ? " " + badge("waived", "waived") : "") + " <code>" +
         escape::xml(f.rule) + "</code></h3>\n";
  out += "<p class=\"meta\">";
  if (!f.tec_rule.empty()) out += "TEC rule " + escape::xml(f.tec_rule) + " &#183; ";
  out += escape::xml(detail::taxonomy(f.category, f.subcategory)) + " &#183; " +
         std::string(rules::kind_name(f.kind)) + "</p>\n";
  out += "<p class=\"text\">" + escape::xml(f.message) + "</p>\n";
  if (!f.rationale.empty()) out += "<p class=\"meta\">" + escape::xml(f.rationale) + "</p>\n";
  if (f.waived) out += "<p><strong>Waived:</strong> " + escape::xml(f.waiver_reason) + "</p>\n";
  if (f.items.empty()) { out += "</section>\n"; return; }
  out += "<table class=\"items\">\n<tr><th>Item</th><th>Location</th><th>Pointer</th></tr>\n";
  for (const auto& item : f.items) {
    std::string where, pointers;
    for (const auto& l : item.locations) {
      if (!where.empty()) { where += "<br/>"; pointers += "<br/>"; }
      where += escape::xml(detail::place(l));
      pointers += "<code>" + escape::xml(l.pointer) + "</code>";
    }
    out += "<tr><td class=\"text\">" + escape::xml(item.text) + "</td><td>" + where + "</td><td>" + pointers +
           "</td></tr>\n";
  }
  out += "</table>\n</section>\n";
}

}  // namespace

std::string findings_html(const rules::Report& r) {
  const std::string title =
      "seam check" + (r.project.empty() ? std::string() : ": " + escape::xml(r.project));
  std::string out = detail::html_page_begin(title, kStyle) + "<h1>" + title + "</h1>\n";
  if (!r.seam_version.empty())
    out += "<p class=\"meta\">seam " + escape::xml(r.seam_version) + "</p>\n";

  const auto s = r.summary();
  out += "<table class=\"summary\">\n<tr><th>" + badge("error", "errors") + "</th><th>" +
         badge("warning", "warnings") + "</th><th>" + badge("info", "info") + "</th><th>" +
         badge("waived", "waived") + "</th></tr>\n<tr><td>" + std::to_string(s.error) +
         "</td><td>" + std::to_string(s.warning) + "</td><td>" + std::to_string(s.info) +
         "</td><td>" + std::to_string(s.waived) + "</td></tr>\n</table>\n";

  if (!r.load_errors.empty()) {
    out += "<h2>Descriptors that did not load</h2>\n<pre>";
    for (const auto& e : r.load_errors) out += escape::xml(format_error(e));
    out += "</pre>\n";
  }
  if (!r.load_warnings.empty()) {
    out += "<h2>Descriptor warnings</h2>\n<pre>";
    for (const auto& e : r.load_warnings) out += escape::xml(format_warning(e));
    out += "</pre>\n";
  }
  for (const auto& g : detail::group_findings(r)) {
    if (g.findings.empty()) continue;
    out += "<h2>" + std::string(g.title) + " (" + std::to_string(g.findings.size()) + ")</h2>\n";
    for (const auto* f : g.findings) write_finding(*f, out);
  }
  if (!r.waiver_problems.empty()) {
    out += "<h2>Waiver problems</h2>\n<ul>\n";
    for (const auto& p : r.waiver_problems)
      out += "<li>" + escape::xml(detail::waiver_problem_line(p)) + "</li>\n";
    out += "</ul>\n";
  }
  if (r.findings.empty() && r.load_errors.empty()) out += "<p>No findings.</p>\n";
  return out.append(detail::html_page_end());
}

}  // namespace seam::report
