#include "report/findings_common.h"

#include <algorithm>

#include <cstdint>

namespace seam::report::detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes the UTF-8 sequence at s[i]; returns its length, or 0 when the bytes there are
// not valid UTF-8 (truncated, overlong, surrogate, past U+10FFFF).
size_t decode(std::string_view s, size_t i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len;
  if (c < 0x80) { cp = c; return 1; }
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

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

std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t len = decode(s, i, cp);
    if (len == 0) { out += kReplacement; ++i; continue; }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;  // a raw CR would be folded into LF by the parser
      default:
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) out += kReplacement;
        else out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
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

std::string waiver_problem_line(const rules::WaiverProblem& p) {
  std::string out = p.file.empty() ? std::string("waivers") : p.file;
  if (p.line) (out += ':') += std::to_string(p.line);
  out += ": warning: waiver for " + p.rule + " ";
  if (!p.detail.empty()) out += p.detail;
  else if (p.problem == "unused") out += "matched no finding";
  else out += p.problem;
  return out;
}

// Backslash-escapes what Markdown would otherwise read as markup, so that values taken
// from descriptors show literally. Newlines become <br>: inside a table a raw newline
// ends the row, and elsewhere it could start a heading or a list.
std::string md(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '#': case '~': case '&':
        out += '\\';
        out += c;
        break;
      case '\r': break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

// A code span whose fence is longer than any backtick run inside, as CommonMark requires.
// Pipes still need a backslash: GitHub splits table cells before it parses code spans.
std::string code(std::string_view s, bool in_table) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  std::string body;
  for (char c : s) {
    if (c == '|' && in_table) body += "\\|";
    else if (c == '\n' || c == '\r') body += ' ';
    else body += c;
  }
  if (body.empty()) return "(empty)";
  const bool pad = body.front() == '`' || body.back() == '`';
  return fence + (pad ? " " + body + " " : body) + fence;
}

}  // namespace seam::report::detail
