#include "report/findings.h"

#include "report/diagnostic.h"
#include "util/json_writer.h"

namespace seam::report {
namespace {

// Absent data is null rather than "" or 0, so consumers can tell "unknown" from a value.
void string_or_null(JsonWriter& w, const std::string& s) { s.empty() ? w.null() : w.value(s); }
void number_or_null(JsonWriter& w, uint32_t n) { n ? w.value(n) : w.null(); }

void write_place(JsonWriter& w, const rules::Location& l) {
  w.key("descriptor").value(l.descriptor);
  w.key("pointer").value(l.pointer);
  w.key("file");
  string_or_null(w, l.file);
  w.key("line");
  number_or_null(w, l.line);
  w.key("column");
  number_or_null(w, l.column);
}

void write_locations(JsonWriter& w, const std::vector<rules::Location>& locations) {
  w.key("locations").begin_array();
  for (const auto& l : locations) {
    w.begin_object();
    write_place(w, l);
    w.end_object();
  }
  w.end_array();
}

// The words a finding from text relied on, each with its place.
void write_evidence(JsonWriter& w, const std::vector<rules::Evidence>& evidence) {
  w.key("evidence").begin_array();
  for (const auto& e : evidence) {
    w.begin_object();
    w.key("fact").value(e.fact);
    w.key("quote").value(e.quote);
    write_place(w, e.location);
    w.end_object();
  }
  w.end_array();
}

void write_item(JsonWriter& w, const rules::Item& item) {
  w.begin_object();
  w.key("text").value(item.text);
  w.key("values").begin_object();
  for (const auto& v : item.values) w.key(v.name).raw(v.json);
  w.end_object();
  write_locations(w, item.locations);
  w.key("related").begin_array();
  for (const auto& r : item.related) {
    w.begin_object();
    w.key("rule").value(r.rule);
    w.key("severity").value(rules::severity_name(r.severity));
    w.key("text").value(r.text);
    write_locations(w, r.locations);
    w.end_object();
  }
  w.end_array();
  write_evidence(w, item.evidence);
  w.end_object();
}

void write_finding(JsonWriter& w, const rules::Finding& f) {
  w.begin_object();
  w.key("rule").value(f.rule);
  w.key("tec_rule");
  string_or_null(w, f.tec_rule);
  w.key("kind").value(rules::kind_name(f.kind));
  w.key("severity").value(rules::severity_name(f.severity));
  w.key("category").value(f.category);
  w.key("subcategory").value(f.subcategory);
  w.key("message").value(f.message);
  w.key("rationale").value(f.rationale);
  w.key("reads").begin_array();
  for (const auto& r : f.reads) w.value(r);
  w.end_array();
  w.key("basis").value(f.from_text ? "text" : "structured");
  w.key("waived").value(f.waived);
  if (f.waived) w.key("waiver_reason").value(f.waiver_reason);
  w.key("items").begin_array();
  for (const auto& item : f.items) write_item(w, item);
  w.end_array();
  w.end_object();
}

}  // namespace

std::string findings_json(const rules::Report& r, int indent) {
  JsonWriter w(indent);
  w.begin_object();
  w.key("seam_version").value(r.seam_version);
  w.key("project").value(r.project);

  w.key("findings").begin_array();
  for (const auto& f : r.findings) write_finding(w, f);
  w.end_array();

  for (const auto& [key, list] : {std::pair{"load_errors", &r.load_errors}, std::pair{"load_warnings", &r.load_warnings}}) {
    w.key(key).begin_array();
    for (const auto& e : *list) {
      w.begin_object();
      w.key("file");
      string_or_null(w, e.file);
      write_error_fields(w, e);
      w.end_object();
    }
    w.end_array();
  }

  w.key("waiver_problems").begin_array();
  for (const auto& p : r.waiver_problems) {
    w.begin_object();
    w.key("rule").value(p.rule);
    w.key("problem").value(p.problem);
    w.key("detail").value(p.detail);
    w.key("file").value(p.file);
    w.key("line");
    number_or_null(w, p.line);
    w.end_object();
  }
  w.end_array();

  const auto s = r.summary();
  w.key("summary").begin_object();
  w.key("error").value(s.error);
  w.key("warning").value(s.warning);
  w.key("info").value(s.info);
  w.key("waived").value(s.waived);
  w.end_object();

  w.end_object();
  return w.str() + "\n";
}

}  // namespace seam::report
