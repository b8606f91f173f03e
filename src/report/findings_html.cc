#include "report/findings.h"

#include <filesystem>

#include "report/diagnostic.h"
#include "report/findings_common.h"
#include "report/html_page.h"
#include "util/escape.h"

namespace seam::report {
namespace {

// The findings page's own rules; report/html_page.cc holds the rest.
constexpr std::string_view kStyle = R"(table.summary td, table.summary th { padding: .3em 1em; text-align: center; border: 1px solid #d0d7de; }
table.summary td.name { text-align: left; }
table.items { border-collapse: collapse; width: 100%; margin: .5em 0; }
table.items td, table.items th { border: 1px solid #d0d7de; padding: .25em .5em; text-align: left; vertical-align: top; }
.finding { border: 1px solid #d0d7de; border-radius: 6px; padding: .6em 1em; margin: 1em 0; }
.finding.waived { border-style: dashed; opacity: .75; }
.finding:target { outline: 2px solid #0969da; }
.badge.error { background: #cf222e; } .badge.warning { background: #9a6700; }
.badge.info { background: #0969da; } .badge.waived { background: #6e7781; }
.text { white-space: pre-wrap; }
nav.toc { background: #f6f8fa; border-radius: 6px; padding: .4em 1em; margin: 1em 0; }
nav.toc ol { margin: .2em 0; padding-left: 1.4em; }
span[title] { text-decoration: underline dotted; }
pre { background: #f6f8fa; padding: .6em; overflow-x: auto; }
@media print { nav.toc { display: none; } }
)";

// Paths longer than this show only their last segments.
constexpr size_t kPathWidth = 48;

std::string badge(std::string_view cls, std::string_view text) {
  return "<span class=\"badge " + std::string(cls) + "\">" + std::string(text) + "</span>";
}

std::string heading(int level, const std::string& id, const std::string& text) {
  const std::string h = "h" + std::to_string(level);
  return "<" + h + (id.empty() ? "" : " id=\"" + id + "\"") + ">" + text + "</" + h + ">\n";
}

// "…/models/v2/trained_model.yaml": as many trailing segments as fit, the file name always.
std::string shorten(const std::string& path) {
  if (path.size() <= kPathWidth) return path;
  size_t cut = path.rfind('/');
  if (cut == std::string::npos || cut == 0) return path;
  for (size_t prev; cut > 0 && (prev = path.rfind('/', cut - 1)) != std::string::npos && path.size() - prev <= kPathWidth;)
    cut = prev;
  return "\u2026" + path.substr(cut);
}

// A file as the page shows it: relative to the project, shortened, the full path on hover.
std::string file_html(const rules::Report& r, const std::string& file) {
  const std::string rel = detail::relative_to_project(r, file);
  const bool inside = detail::inside_project(rel);
  std::string full = file;
  if (!rel.empty() && !r.project_root.empty())
    full = (std::filesystem::path(r.project_root) / rel).lexically_normal().string();
  return "<span title=\"" + escape::xml(full, true) + "\">" + escape::xml(shorten(inside ? rel : file)) + "</span>";
}

std::string place_html(const rules::Report& r, const rules::Location& l) {
  if (l.file.empty()) return escape::xml(detail::place(l));
  if (l.line == 0) return file_html(r, l.file) + " (not present)";
  return file_html(r, l.file) + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

// "2026-12-01T08:30:00Z" as "2026-12-01 08:30 UTC" in a <time> element.
std::string time_html(const std::string& iso) {
  const std::string shown = iso.size() == 20 ? iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC" : iso;
  return "<time datetime=\"" + escape::xml(iso, true) + "\">" + escape::xml(shown) + "</time>";
}

// Anchors in a page that may hold several projects: "p2-f3" (or "f3" alone) and so on.
struct Ids {
  std::string prefix;
  std::string operator()(std::string_view name) const { return prefix + std::string(name); }
  // Appended piece by piece: GCC 12 warns wrongly (-Wrestrict) about "f" + std::to_string(n).
  std::string finding(size_t n) const { return (prefix + 'f').append(std::to_string(n)); }
};

void write_finding(const rules::Report& r, const rules::Finding& f, const std::string& id, int level, std::string& out) {
  const std::string sev(rules::severity_name(f.severity));
  out += "<section class=\"finding" + std::string(f.waived ? " waived" : "") + "\" id=\"" + id + "\">\n";
  out += heading(level, "", badge(sev, sev) + (f.waived ? " " + badge("waived", "waived") : "") + " <code>" +
                                 escape::xml(f.rule) + "</code>");
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
      where += place_html(r, l);
      pointers += "<code>" + escape::xml(l.pointer) + "</code>";
    }
    // What subsumed rules said about the same field stays visible, under the item it is part of.
    std::string text = escape::xml(item.text);
    for (const auto& rel : item.related)
      text += "<br/><small>related: <code>" + std::string(rules::severity_name(rel.severity)) + "[" +
              escape::xml(rel.rule) + "]</code> " + escape::xml(rel.text) + "</small>";
    // Each quote with what it was read as and where, so that a reader can judge it at once.
    for (const auto& e : item.evidence)
      text += "<br/><small>from text: <q>" + escape::xml(e.quote) + "</q> (" + escape::xml(e.fact) +
              (e.location.file.empty() ? "" : ", " + place_html(r, e.location)) + ")</small>";
    out += "<tr><td class=\"text\">" + text + "</td><td>" + where + "</td><td>" + pointers + "</td></tr>\n";
  }
  out += "</table>\n</section>\n";
}

// The counts, each linking to its group when it has findings.
std::string summary_cells(const rules::Report& r, const Ids& ids) {
  const auto s = r.summary();
  std::string out;
  for (const auto& [key, n] : {std::pair<std::string_view, int>{"error", s.error}, {"warning", s.warning}, {"info", s.info},
                               {"waived", s.waived}})
    out += "<td>" + (n ? "<a href=\"#" + ids(key) + "\">" + std::to_string(n) + "</a>" : std::string("0")) + "</td>";
  return out;
}

std::string summary_head(std::string_view first) {
  return "<tr>" + std::string(first) + "<th>" + badge("error", "errors") + "</th><th>" + badge("warning", "warnings") +
         "</th><th>" + badge("info", "info") + "</th><th>" + badge("waived", "waived") + "</th></tr>\n";
}

// A table of contents in plain links, so it works without scripts and in print.
void write_contents(const rules::Report& r, const Ids& ids, std::string& out) {
  out += "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n";
  if (!r.load_errors.empty())
    out += "<li><a href=\"#" + ids("load-errors") + "\">Descriptors that did not load (" +
           std::to_string(r.load_errors.size()) + ")</a></li>\n";
  size_t n = 0;
  for (const auto& g : detail::group_findings(r)) {
    if (g.findings.empty()) continue;
    out += "<li><a href=\"#" + ids(g.key) + "\">" + std::string(g.title) + " (" + std::to_string(g.findings.size()) +
           ")</a>\n<ol>\n";
    for (const auto* f : g.findings) {
      out += "<li><a href=\"#" + ids.finding(++n) + "\"><code>" + escape::xml(f->rule) + "</code></a> " +
             escape::xml(f->message);
      if (f->items.size() > 1) out += " (" + std::to_string(f->items.size()) + " items)";
      out += "</li>\n";
    }
    out += "</ol></li>\n";
  }
  if (!r.waiver_problems.empty()) out += "<li><a href=\"#" + ids("waiver-problems") + "\">Waiver problems</a></li>\n";
  out += "</ol>\n</nav>\n";
}

// One project's summary, contents and findings; `level` is the heading level of its parts.
void write_project(const rules::Report& r, const Ids& ids, int level, std::string& out) {
  out += "<table class=\"summary\">\n" + summary_head("") + "<tr>" + summary_cells(r, ids) + "</tr>\n</table>\n";
  if (r.findings.empty() && r.load_errors.empty()) {
    out += "<p>No findings.</p>\n";
  } else {
    write_contents(r, ids, out);
  }
  if (!r.load_errors.empty()) {
    out += heading(level, ids("load-errors"), "Descriptors that did not load") + "<pre>";
    for (const auto& e : r.load_errors) out += escape::xml(format_error(e));
    out += "</pre>\n";
  }
  if (!r.load_warnings.empty()) {
    out += "<h2>Descriptor warnings</h2>\n<pre>";
    for (const auto& e : r.load_warnings) out += escape::xml(format_warning(e));
    out += "</pre>\n";
  }
  size_t n = 0;
  for (const auto& g : detail::group_findings(r)) {
    if (g.findings.empty()) continue;
    out += heading(level, ids(g.key), std::string(g.title) + " (" + std::to_string(g.findings.size()) + ")");
    for (const auto* f : g.findings) write_finding(r, *f, ids.finding(++n), level + 1, out);
  }
  if (!r.waiver_problems.empty()) {
    out += heading(level, ids("waiver-problems"), "Waiver problems") + "<ul>\n";
    for (const auto& p : r.waiver_problems)
      out += "<li>" + escape::xml(detail::waiver_problem_line(p)) + "</li>\n";
    out += "</ul>\n";
  }
}

std::string project_name(const rules::Report& r) { return r.project_name.empty() ? r.project : r.project_name; }

// "Project examples/turbine · generated 2026-12-01 00:00 UTC · seam 0.4.0", or a part of it.
std::string meta_line(const rules::Report& r, bool with_project, bool with_stamp) {
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : " &#183; ") + part; };
  if (with_project && !r.project.empty())
    add("Project <span title=\"" + escape::xml(r.project_root.empty() ? r.project : r.project_root, true) + "\">" +
        escape::xml(r.project) + "</span>");
  if (with_stamp && !r.generated_at.empty()) add("generated " + time_html(r.generated_at));
  if (with_stamp && !r.seam_version.empty()) add("seam " + escape::xml(r.seam_version));
  return out.empty() ? out : "<p class=\"meta\">" + out + "</p>\n";
}

}  // namespace

std::string findings_html(const rules::Report& r) {
  const std::string name = project_name(r);
  const std::string title = "seam check" + (name.empty() ? std::string() : ": " + escape::xml(name));
  std::string out = detail::html_page_begin(title, kStyle) + "<h1>" + title + "</h1>\n" + meta_line(r, true, true);
  write_project(r, Ids{}, 2, out);
  return out.append(detail::html_page_end());
}

std::string findings_html_batch(std::span<const rules::Report> reports) {
  const std::string title = "seam check: " + detail::count(static_cast<int>(reports.size()), "project");
  std::string out = detail::html_page_begin(title, kStyle) + "<h1>" + title + "</h1>\n";
  if (!reports.empty()) out += meta_line(reports.front(), false, true);
  // The projects table is the page's contents: one row per project, linking to its part.
  out += "<table class=\"summary\">\n" + summary_head("<th>Project</th>");
  for (size_t i = 0; i < reports.size(); ++i) {
    const Ids ids{"p" + std::to_string(i + 1) + "-"};
    out += "<tr><td class=\"name\"><a href=\"#" + ids("project") + "\">" + escape::xml(project_name(reports[i])) +
           "</a></td>" + summary_cells(reports[i], ids) + "</tr>\n";
  }
  out += "</table>\n";
  for (size_t i = 0; i < reports.size(); ++i) {
    const Ids ids{"p" + std::to_string(i + 1) + "-"};
    out += "<section class=\"project\" id=\"" + ids("project") + "\">\n" +
           heading(2, "", escape::xml(project_name(reports[i]))) + meta_line(reports[i], true, false);
    write_project(reports[i], ids, 3, out);
    out += "</section>\n";
  }
  if (reports.empty()) out += "<p>No projects.</p>\n";
  return out.append(detail::html_page_end());
}

}  // namespace seam::report
