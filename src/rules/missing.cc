#include "rules/missing.h"

#include <set>

#include "doc/descriptor.h"

namespace seam::rules {
namespace {

// A short name for a list element in messages: its first naming field.
std::string element_name(const doc::Node& n) {
  static const char* const keys[] = {"item_name", "field_name", "component_name", "metric", "label", "log",
                                     "short_name", "feedback", "name", "id", "goal", "parameter_name"};
  for (const char* k : keys)
    if (const doc::Node* v = n.find(k); v && v->kind == doc::Kind::String && !v->text.empty()) return v->text;
  return {};
}

std::string escape_pointer(std::string_view key) {
  std::string out;
  for (const char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

class Walker {
 public:
  Walker(const Subject& s, int doc, std::set<std::string>& seen, std::vector<Item>& out)
      : s_(s), doc_(doc), seen_(seen), out_(out) {}

  // Follows `segments` from `node`; `label` is the readable path so far.
  void walk(const doc::Node& node, const std::vector<std::string>& segments, size_t i, const std::string& pointer,
            const std::string& label, const std::string& owner) {
    if (i == segments.size()) return;
    const bool each = segments[i].ends_with("[]");
    const std::string key = each ? segments[i].substr(0, segments[i].size() - 2) : segments[i];
    const std::string here = pointer + "/" + escape_pointer(key);
    const std::string name = label.empty() ? key : label + "." + key;
    const doc::Node* child = node.kind == doc::Kind::Object ? node.find(key) : nullptr;
    if (!child || child->is_absent() || (child->kind == doc::Kind::Object && child->members.empty())) {
      report(node, here, name, owner);
      return;
    }
    if (!each) return walk(*child, segments, i + 1, here, name, owner);
    if (child->kind != doc::Kind::Array) return;
    for (size_t k = 0; k < child->items.size(); ++k) {
      const std::string who = element_name(child->items[k]);
      walk(child->items[k], segments, i + 1, here + "/" + std::to_string(k), name + "[" + std::to_string(k) + "]",
           who.empty() ? owner : who);
    }
  }

 private:
  void report(const doc::Node& parent, const std::string& pointer, const std::string& name, const std::string& owner) {
    if (!seen_.insert(pointer).second) return;  // a missing parent covers all its fields
    for (const auto& p : seen_)
      if (p != pointer && pointer.compare(0, p.size(), p) == 0 && pointer[p.size()] == '/') return;
    Item item;
    item.text = name + " is not provided" + (owner.empty() ? "" : " (for '" + owner + "')");
    item.values.push_back({"field", "\"" + name + "\""});
    item.locations.push_back(locate(s_, doc_, &parent, pointer));
    out_.push_back(std::move(item));
  }

  const Subject& s_;
  int doc_;
  std::set<std::string>& seen_;
  std::vector<Item>& out_;
};

}  // namespace

std::vector<Item> missing_items(const Rule& check, const Subject& subject) {
  std::vector<Item> out;
  if (check.when) {
    std::vector<Value> env(check.slots);
    for (int d = 0; d < 8; ++d) env[d] = Value::of(subject.roots[d], d);
    for (const auto& p : check.params) env[p.slot] = p.expr->literal;
    if (!truthy(evaluate(*check.when, env))) return out;
  }
  std::set<std::string> seen;
  std::set<int> absent;
  for (const auto& f : check.fields) {
    const doc::Node* root = subject.roots[f.descriptor];
    if (!root) {
      if (!absent.insert(f.descriptor).second) continue;
      Item item;
      const auto id = doc::descriptor_id(doc::kAllDescriptors[f.descriptor]);
      item.text = std::string("the ").append(id).append(" descriptor is not provided");
      item.values.push_back({"field", std::string("\"").append(id).append("\"")});
      item.locations.push_back(locate(subject, f.descriptor, nullptr));
      out.push_back(std::move(item));
      continue;
    }
    Walker(subject, f.descriptor, seen, out).walk(*root, f.segments, 0, "", "", "");
  }
  return out;
}

}  // namespace seam::rules
