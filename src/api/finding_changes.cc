#include "api/finding_changes.h"

#include <initializer_list>
#include <unordered_map>

#include "doc/parse.h"
#include "util/json_writer.h"

namespace seam::api {
namespace {

// A value as doc::to_json writes it, so that values from a report in memory (written by the
// rule engine, "%.10g") and values read back from stored JSON compare equal. Only numbers
// can be written two ways; a value without a digit is already canonical.
std::string canonical(const std::string& json) {
  if (json.find_first_of("0123456789") == std::string::npos) return json;
  auto wrapped = doc::parse_json(doc::Source("value", "[" + json + "]"));
  if (!wrapped.ok() || wrapped.value().items.size() != 1) return json;
  return doc::to_json(wrapped.value().items[0]);
}

// What makes an item the same item: everything but where it sits in the file's lines.
std::string identity(const FindingItem& item) {
  JsonWriter w;
  w.begin_array().value(item.rule).value(item.text).begin_array();
  for (const auto& v : item.values) w.begin_array().value(v.name).raw(v.json).end_array();
  w.end_array().begin_array();
  for (const auto& l : item.locations) w.begin_array().value(l.descriptor).value(l.pointer).end_array();
  w.end_array().end_array();
  return w.str();
}

// The items of `from` that `minus` does not hold, each equal item counted once per copy.
std::vector<FindingItem> difference(const std::vector<FindingItem>& from, const std::vector<FindingItem>& minus) {
  std::unordered_map<std::string, int> count;
  for (const auto& item : minus) ++count[identity(item)];
  std::vector<FindingItem> out;
  for (const auto& item : from) {
    auto it = count.find(identity(item));
    if (it != count.end() && it->second > 0) --it->second;
    else out.push_back(item);
  }
  return out;
}

const std::string& text_of(const doc::Node* n) {
  static const std::string empty;
  return n && n->kind == doc::Kind::String ? n->text : empty;
}

template <class Enum>
Result<Enum> enum_of(const doc::Node* n, std::initializer_list<Enum> all, std::string_view (*name)(Enum)) {
  for (Enum e : all)
    if (name(e) == text_of(n)) return e;
  return Error::invalid("findings JSON: unknown kind or severity '" + text_of(n) + "'");
}

Result<FindingItem> item_from_json(const doc::Node& finding, const doc::Node& item) {
  FindingItem out;
  auto kind = enum_of(finding.find("kind"), {rules::FindingKind::Mismatch, rules::FindingKind::Missing}, rules::kind_name);
  auto severity = enum_of(finding.find("severity"), {rules::Severity::Error, rules::Severity::Warning, rules::Severity::Info},
                          rules::severity_name);
  if (!kind.ok()) return std::move(kind).take_error();
  if (!severity.ok()) return std::move(severity).take_error();
  out.rule = text_of(finding.find("rule"));
  out.kind = kind.value();
  out.severity = severity.value();
  out.message = text_of(finding.find("message"));
  const doc::Node* waived = finding.find("waived");
  out.waived = waived && waived->kind == doc::Kind::Bool && waived->boolean;
  out.text = text_of(item.find("text"));
  if (const doc::Node* values = item.find("values"))
    for (const auto& m : values->members) out.values.push_back({m.key, doc::to_json(m.value)});
  if (const doc::Node* locations = item.find("locations"))
    for (const auto& l : locations->items)
      out.locations.push_back({text_of(l.find("descriptor")), text_of(l.find("pointer"))});
  return out;
}

}  // namespace

int FindingChanges::new_errors() const {
  int n = 0;
  for (const auto& item : introduced) n += item.severity == rules::Severity::Error && !item.waived;
  return n;
}

std::vector<FindingItem> finding_items(const rules::Report& report) {
  std::vector<FindingItem> out;
  for (const auto& f : report.findings) {
    for (const auto& item : f.items) {
      FindingItem& o = out.emplace_back();
      o.rule = f.rule;
      o.kind = f.kind;
      o.severity = f.severity;
      o.message = f.message;
      o.text = item.text;
      for (const auto& v : item.values) o.values.push_back({v.name, canonical(v.json)});
      for (const auto& l : item.locations) o.locations.push_back({l.descriptor, l.pointer});
      o.waived = f.waived;
    }
  }
  return out;
}

Result<std::vector<FindingItem>> finding_items_from_json(std::string_view findings_json) {
  auto root = doc::parse_json(doc::Source("findings.json", std::string(findings_json)));
  if (!root.ok()) return std::move(root).take_error();
  const doc::Node* findings = root.value().find("findings");
  if (!findings || findings->kind != doc::Kind::Array) return Error::invalid("findings JSON: no \"findings\" array");
  std::vector<FindingItem> out;
  for (const auto& f : findings->items) {
    const doc::Node* items = f.find("items");
    for (size_t i = 0; items && i < items->items.size(); ++i) {
      auto item = item_from_json(f, items->items[i]);
      if (!item.ok()) return std::move(item).take_error();
      out.push_back(std::move(item).value());
    }
  }
  return out;
}

FindingChanges finding_changes(const std::vector<FindingItem>& before, const std::vector<FindingItem>& after) {
  return {difference(after, before), difference(before, after)};
}

FindingChanges finding_changes(const rules::Report& before, const rules::Report& after) {
  return finding_changes(finding_items(before), finding_items(after));
}

std::string finding_items_json(const std::vector<FindingItem>& items) {
  JsonWriter w;
  w.begin_array();
  for (const auto& item : items) {
    w.begin_object();
    w.key("rule").value(item.rule);
    w.key("kind").value(rules::kind_name(item.kind));
    w.key("severity").value(rules::severity_name(item.severity));
    w.key("message").value(item.message);
    w.key("text").value(item.text);
    w.key("values").begin_object();
    for (const auto& v : item.values) w.key(v.name).raw(v.json);
    w.end_object();
    w.key("locations").begin_array();
    for (const auto& l : item.locations)
      w.begin_object().key("descriptor").value(l.descriptor).key("pointer").value(l.pointer).end_object();
    w.end_array();
    w.key("waived").value(item.waived);
    w.end_object();
  }
  w.end_array();
  return w.str();
}

}  // namespace seam::api
