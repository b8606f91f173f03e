#include "rules/missing.h"

#include <algorithm>
#include <unordered_set>

#include "doc/descriptor.h"
#include "util/text.h"

namespace seam::rules {
namespace {

// A short name for a list element in messages: its first naming field.
std::string_view element_name(const doc::Node& n) {
  static const char* const keys[] = {"item_name", "field_name", "component_name", "id", "name", "metric", "label",
                                     "log", "short_name", "feedback", "goal", "parameter_name"};
  for (const char* k : keys)
    if (const doc::Node* v = n.find(k); v && v->kind == doc::Kind::String && !v->text.empty()) return v->text;
  return {};
}

const doc::Member* find_member(const doc::Node& object, std::string_view key) {
  for (const auto& m : object.members)
    if (m.key == key) return &m;
  return nullptr;
}

// The pointers reported so far. Heterogeneous lookup lets a prefix be tested as a view.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Reported = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

// One step of the path walked so far: a key, or a list index when `key` is empty.
struct Step {
  std::string_view key;
  size_t index = 0;
};

// Follows a field path through a document. Strings for pointers and labels are built only
// for fields that turn out to be missing: most walks find everything present.
class Walker {
 public:
  Walker(const Subject& s, int doc, Reported& reported, std::vector<Item>& out)
      : s_(s), doc_(doc), reported_(reported), out_(out) {}

  void walk(const doc::Node& node, const std::vector<std::string>& segments, size_t i, std::string_view owner) {
    if (i == segments.size()) return;
    const bool each = segments[i].ends_with("[]");
    const std::string_view key = std::string_view(segments[i]).substr(0, segments[i].size() - (each ? 2 : 0));
    const doc::Member* member = node.kind == doc::Kind::Object ? find_member(node, key) : nullptr;
    const doc::Node* child = member ? &member->value : nullptr;
    steps_.push_back({key, 0});
    if (!child || child->is_blank()) {
      report(node, member, owner);
    } else if (!each) {
      walk(*child, segments, i + 1, owner);
    } else if (child->kind == doc::Kind::Array) {
      for (size_t k = 0; k < child->items.size(); ++k) {
        const std::string_view who = element_name(child->items[k]);
        steps_.push_back({{}, k});
        walk(child->items[k], segments, i + 1, who.empty() ? owner : who);
        steps_.pop_back();
      }
    }
    steps_.pop_back();
  }

 private:
  // `member` is the field when it is written but blank, and null when absent.
  void report(const doc::Node& parent, const doc::Member* member, std::string_view owner) {
    std::string pointer, label;
    for (const auto& st : steps_) {
      pointer += '/';
      if (st.key.empty()) {
        pointer += std::to_string(st.index);
        label.append("[").append(std::to_string(st.index)).append("]");
        continue;
      }
      for (const char c : st.key) c == '~' ? pointer += "~0" : c == '/' ? pointer += "~1" : pointer += c;
      if (!label.empty()) label += '.';
      label += st.key;
    }
    // A missing parent covers its fields: report it once, and not its children. The
    // pointer's own prefixes are looked up, so the cost does not grow with the reports.
    for (size_t cut = pointer.find('/', 1); cut != std::string::npos; cut = pointer.find('/', cut + 1))
      if (reported_.count(std::string_view(pointer).substr(0, cut))) return;
    if (!reported_.insert(pointer).second) return;
    Item item;
    item.text = label + " is not provided";
    if (!owner.empty()) item.text.append(" (for '").append(owner).append("')");
    item.values.push_back({"field", "\"" + label + "\""});
    Location loc = locate(s_, doc_, &parent, std::move(pointer));
    // A field written as [] or "" is shown at its key, where the user fills it in; an
    // absent one at the object that would hold it.
    if (member && s_.sources[doc_]) {
      const auto lc = s_.sources[doc_]->locate(member->key_offset);
      loc.line = lc.line;
      loc.column = lc.column;
    }
    item.locations.push_back(std::move(loc));
    out_.push_back(std::move(item));
  }

  const Subject& s_;
  int doc_;
  Reported& reported_;
  std::vector<Item>& out_;
  std::vector<Step> steps_;
};

Item absent_descriptor(const Subject& subject, int d) {
  Item item;
  const auto id = doc::descriptor_id(doc::kAllDescriptors[d]);
  item.text = std::string("the ").append(id).append(" descriptor is not provided");
  item.values.push_back({"field", std::string("\"").append(id).append("\"")});
  item.locations.push_back(locate(subject, d, nullptr));
  return item;
}

}  // namespace

std::vector<Item> missing_items(const Rule& check, const Subject& subject) {
  std::vector<Item> out;
  if (check.when) {
    std::vector<Value> env(check.slots);
    for (int d = 0; d < doc::kDescriptorCount; ++d) env[d] = Value::of(subject.roots[d], d);
    for (const auto& p : check.params) env[p.slot] = p.expr->literal;
    if (!truthy(evaluate(*check.when, env))) return out;
  }
  Reported reported;
  std::vector<int> absent;
  for (const auto& f : check.fields) {
    const doc::Node* root = subject.roots[f.descriptor];
    if (root) {
      Walker(subject, f.descriptor, reported, out).walk(*root, f.segments, 0, {});
    } else if (std::find(absent.begin(), absent.end(), f.descriptor) == absent.end()) {
      absent.push_back(f.descriptor);
      out.push_back(absent_descriptor(subject, f.descriptor));
    }
  }
  return out;
}

}  // namespace seam::rules
