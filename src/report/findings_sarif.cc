#include "report/findings.h"

#include <filesystem>

#include "report/findings_common.h"
#include "util/json_writer.h"

namespace seam::report {
namespace {

// SARIF wants a URI reference, not a file path: characters that a URI may not hold are
// percent-encoded, and a first segment with ':' gets "./" so that it is not read as a scheme.
std::string to_uri(std::string_view path) {
  static constexpr std::string_view kSafe = "-._~/!$&'()*+,;=:@";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || kSafe.find(ch) != std::string_view::npos) { out += ch; continue; }
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  const auto colon = out.find(':'), slash = out.find('/');
  if (colon != std::string::npos && colon < slash) out = "./" + out;
  return out;
}

// Files in the project are named relative to it, against this base (run.originalUriBaseIds),
// so that a log means the same on every machine that has the project.
constexpr std::string_view kBase = "PROJECTROOT";

std::string file_uri(const std::filesystem::path& absolute) { return "file://" + to_uri(absolute.lexically_normal().string()); }

void write_artifact(JsonWriter& w, const rules::Report& r, const std::string& file) {
  w.key("artifactLocation").begin_object();
  const std::string rel = detail::relative_to_project(r, file);
  const std::filesystem::path path(file);
  if (detail::inside_project(rel)) w.key("uri").value(to_uri(rel)).key("uriBaseId").value(kBase);
  else if (!rel.empty() && !r.project_root.empty()) w.key("uri").value(file_uri(std::filesystem::path(r.project_root) / rel));
  else if (path.is_absolute()) w.key("uri").value(file_uri(path));
  else w.key("uri").value(to_uri(file));  // relative to where seam ran; nothing better is known
  w.end_object();
}

void write_physical(JsonWriter& w, const rules::Report& r, const std::string& file, uint32_t line, uint32_t column) {
  w.key("physicalLocation").begin_object();
  write_artifact(w, r, file);
  // SARIF lines and columns start at 1; a field absent from the file has no region at all.
  if (line > 0) {
    w.key("region").begin_object().key("startLine").value(line);
    if (column > 0) w.key("startColumn").value(column);
    w.end_object();
  }
  w.end_object();
}

void write_rule(JsonWriter& w, const rules::RuleRun& rr) {
  w.begin_object();
  w.key("id").value(rr.id);
  w.key("shortDescription").begin_object().key("text").value(rr.message).end_object();
  w.key("fullDescription").begin_object().key("text").value(rr.rationale).end_object();
  w.key("defaultConfiguration").begin_object().key("level").value(detail::sarif_level(rr.severity));
  w.end_object();
  w.key("properties").begin_object();
  w.key("category").value(rr.category);
  w.key("subcategory").value(rr.subcategory);
  if (!rr.tec_rule.empty()) w.key("tec_rule").value(rr.tec_rule);
  w.key("kind").value(rules::kind_name(rr.kind));
  w.end_object();
  w.end_object();
}

// Items of subsumed rules folded into this one: SARIF's relatedLocations, each with the
// subsumed rule's message, so code-scanning views show them beside the result.
void write_related(JsonWriter& w, const rules::Report& r, const rules::Item& item) {
  int64_t id = 0;
  bool open = false;
  for (const auto& rel : item.related) {
    for (const auto& l : rel.locations) {
      if (l.file.empty()) continue;
      if (!open) w.key("relatedLocations").begin_array();
      open = true;
      w.begin_object().key("id").value(id++);
      write_physical(w, r, l.file, l.line, l.column);
      w.key("message").begin_object().key("text")
          .value("related: " + std::string(rules::severity_name(rel.severity)) + "[" + rel.rule + "] " + rel.text)
          .end_object();
      w.end_object();
    }
  }
  if (open) w.end_array();
}

void write_result(JsonWriter& w, const rules::Report& r, const rules::Finding& f, const rules::Item& item, size_t index) {
  w.begin_object();
  w.key("ruleId").value(f.rule);
  w.key("ruleIndex").value(static_cast<int64_t>(index));
  w.key("level").value(detail::sarif_level(f.severity));
  w.key("message").begin_object().key("text").value(detail::message_with_item(f.message, item.text)).end_object();
  if (!item.locations.empty()) {
    w.key("locations").begin_array();
    for (const auto& l : item.locations) {
      w.begin_object();
      if (!l.file.empty()) write_physical(w, r, l.file, l.line, l.column);
      w.key("logicalLocations").begin_array().begin_object();
      w.key("fullyQualifiedName").value(l.descriptor + l.pointer);
      w.key("kind").value("member");
      w.end_object().end_array();
      w.end_object();
    }
    w.end_array();
  }
  write_related(w, r, item);
  if (f.waived) {
    w.key("suppressions").begin_array().begin_object();
    w.key("kind").value("external").key("justification").value(f.waiver_reason);
    w.end_object().end_array();
  }
  w.key("properties").begin_object();
  w.key("finding_kind").value(rules::kind_name(f.kind));
  w.key("pointers").begin_array();
  for (const auto& l : item.locations) w.value(l.descriptor + l.pointer);
  w.end_array();
  w.key("values").begin_object();
  for (const auto& v : item.values) w.key(v.name).raw(v.json);
  w.end_object();
  w.end_object();
  w.end_object();
}

// Load errors and waiver problems are not results (no rule produced them); SARIF's place
// for them is the invocation's notifications.
void write_notification(JsonWriter& w, const rules::Report& r, std::string_view level, const std::string& text,
                        const std::string& file, uint32_t line, uint32_t column) {
  w.begin_object();
  w.key("level").value(level);
  w.key("message").begin_object().key("text").value(text).end_object();
  if (!file.empty()) {
    w.key("locations").begin_array().begin_object();
    write_physical(w, r, file, line, column);
    w.end_object().end_array();
  }
  w.end_object();
}

void write_base(JsonWriter& w, const rules::Report& r) {
  w.key("originalUriBaseIds").begin_object().key(kBase).begin_object();
  // A base URI ends with a slash (SARIF 3.14.14); without a real path the consumer supplies it.
  if (!r.project_root.empty()) w.key("uri").value(file_uri(std::filesystem::path(r.project_root) / ""));
  w.key("description").begin_object().key("text").value("The project directory that seam checked.").end_object();
  w.end_object().end_object();
}

void write_invocation(JsonWriter& w, const rules::Report& r) {
  w.key("invocations").begin_array().begin_object();
  // Descriptors that failed to load were not analysed, so the analysis is incomplete.
  w.key("executionSuccessful").value(r.load_errors.empty());
  w.key("toolExecutionNotifications").begin_array();
  for (const auto& e : r.load_errors)
    write_notification(w, r, "error", (e.pointer.empty() ? "" : e.pointer + ": ") + e.message, e.file, e.line, e.column);
  for (const auto& e : r.load_warnings)
    write_notification(w, r, "warning", (e.pointer.empty() ? "" : e.pointer + ": ") + e.message, e.file, e.line, e.column);
  w.end_array();
  w.key("toolConfigurationNotifications").begin_array();
  for (const auto& p : r.waiver_problems)
    write_notification(w, r, "warning", "waiver for " + p.rule + ": " + (p.detail.empty() ? p.problem : p.detail), p.file,
                       p.line, 0);
  w.end_array();
  w.end_object().end_array();
}

// One run per project: its rules, where its files lie, what went wrong and what it found.
void write_run(JsonWriter& w, const rules::Report& r) {
  const auto catalogue = detail::all_rules(r);
  w.begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").value("seam");
  if (!r.seam_version.empty()) w.key("version").value(r.seam_version);
  w.key("rules").begin_array();
  for (const auto& rr : catalogue) write_rule(w, rr);
  w.end_array();
  w.end_object().end_object();
  // Code-scanning services keep the runs of one log apart by this id ("category/").
  const std::string name = r.project_name.empty() ? r.project : r.project_name;
  if (!name.empty()) w.key("automationDetails").begin_object().key("id").value("seam/" + name + "/").end_object();
  write_base(w, r);
  write_invocation(w, r);
  w.key("results").begin_array();
  for (const auto& f : r.findings) {
    size_t index = 0;
    while (index < catalogue.size() && catalogue[index].id != f.rule) ++index;
    // A finding without items is still a result; dashboards would otherwise never see it.
    if (f.items.empty()) write_result(w, r, f, rules::Item{}, index);
    for (const auto& item : f.items) write_result(w, r, f, item, index);
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string findings_sarif(const rules::Report& r) { return findings_sarif_batch({&r, 1}); }

std::string findings_sarif_batch(std::span<const rules::Report> reports) {
  JsonWriter w(2);
  w.begin_object();
  w.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("version").value("2.1.0");
  w.key("runs").begin_array();
  for (const auto& r : reports) write_run(w, r);
  w.end_array();
  w.end_object();
  return w.str() + "\n";
}

}  // namespace seam::report
