#include "report/findings_common.h"

#include <filesystem>

namespace seam::report::detail {

std::vector<Group> group_findings(const rules::Report& r) {
  std::vector<Group> g = {{"error", "Errors", {}}, {"warning", "Warnings", {}},
                          {"info", "Info", {}}, {"waived", "Waived", {}}};
  for (const auto& f : r.findings) {
    if (f.waived) g[3].findings.push_back(&f);
    else g[static_cast<size_t>(f.severity)].findings.push_back(&f);
  }
  return g;
}

std::string count(int n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string summary_line(const rules::Report::Summary& s) {
  // "info" and "waived" read the same in the plural.
  return count(s.error, "error") + ", " + count(s.warning, "warning") + ", " +
         std::to_string(s.info) + " info, " + std::to_string(s.waived) + " waived";
}

std::string tec_label(std::string_view tec_rule) {
  return tec_rule.empty() ? std::string() : "(TEC " + std::string(tec_rule) + ") ";
}

std::string taxonomy(std::string_view category, std::string_view subcategory) {
  if (subcategory.empty()) return std::string(category);
  if (category.empty()) return std::string(subcategory);
  return std::string(category) + " / " + std::string(subcategory);
}

std::string place(const rules::Location& l) {
  if (l.file.empty()) return "(no " + l.descriptor + " descriptor)";
  if (l.line == 0) return l.file + " (not present)";
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

std::string location_line(const rules::Location& l) {
  // Without a file there is nothing to point into; naming the descriptor says what to add.
  if (l.file.empty()) return place(l);
  if (l.line == 0) return "at " + l.file + " " + l.pointer + " (not present)";
  return "at " + place(l) + " " + l.pointer;
}

std::string indent_lines(std::string_view s, std::string_view indent) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

std::string_view sarif_level(rules::Severity s) {
  switch (s) {
    case rules::Severity::Error: return "error";
    case rules::Severity::Warning: return "warning";
    case rules::Severity::Info: return "note";
  }
  return "warning";
}

const rules::RuleRun* find_rule(const rules::Report& r, std::string_view id) {
  if (!r.rules_run) return nullptr;
  for (const auto& rr : *r.rules_run)
    if (rr.id == id) return &rr;
  return nullptr;
}

std::vector<rules::RuleRun> all_rules(const rules::Report& r) {
  std::vector<rules::RuleRun> out = r.rules_run ? *r.rules_run : std::vector<rules::RuleRun>{};
  for (const auto& f : r.findings) {
    bool known = false;
    for (const auto& rr : out) known = known || rr.id == f.rule;
    if (!known)
      out.push_back({f.rule, f.tec_rule, f.kind, f.severity, f.category, f.subcategory,
                     f.message, f.rationale});
  }
  return out;
}

std::string relative_to_project(const rules::Report& r, std::string_view file) {
  namespace fs = std::filesystem;
  fs::path project = fs::path(r.project.empty() ? "." : r.project).lexically_normal();
  if (!project.has_filename() && project.has_parent_path()) project = project.parent_path();  // "p/" is "p"
  return fs::path(file).lexically_normal().lexically_relative(project).string();
}

bool inside_project(std::string_view relative) {
  return !relative.empty() && relative != "." && relative != ".." && !relative.starts_with("../");
}

std::string message_with_item(std::string_view message, std::string_view item) {
  std::string out(message);
  if (item.empty()) return out;
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  if (out.empty()) return std::string(item);
  (out += out.back() == ':' ? " " : ": ") += item;
  const char last = out.back();
  if (last != '.' && last != '!' && last != '?' && last != '\n') out += '.';
  return out;
}

std::string waiver_problem_line(const rules::WaiverProblem& p) {
  std::string out = p.file.empty() ? std::string("waivers") : p.file;
  if (p.line) (out += ':') += std::to_string(p.line);
  out += ": warning: waiver for " + p.rule + " ";
  if (!p.detail.empty()) out += p.detail;
  else if (p.problem == "unused") out += "matched no finding";
  else out += p.problem;
  return out;
}

}  // namespace seam::report::detail
