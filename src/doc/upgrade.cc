#include "doc/upgrade.h"

#include "util/text.h"

namespace seam::doc {
namespace {

// Renames `from` to `to` in an object, keeping the member's place and positions.
bool rename(Node& obj, std::string_view from, std::string_view to) {
  if (obj.kind != Kind::Object || obj.find(to)) return false;
  for (auto& m : obj.members) {
    if (m.key == from) {
      m.key = std::string(to);
      return true;
    }
  }
  return false;
}

// 1.0 -> 1.1: business goals became "goals" (with metric and baseline added, which a
// 1.0 document simply does not provide), and metrics map to goals through "goal_mapping".
void upgrade_1_0(Descriptor d, Node& root, std::vector<std::string>& notes) {
  if (d == Descriptor::SystemContext && rename(root, "business_goals", "goals"))
    notes.push_back("renamed business_goals to goals");
  if (d == Descriptor::TrainedModel) {
    Node* metrics = root.find("business_metrics");
    if (!metrics || metrics->kind != Kind::Array) return;
    for (auto& m : metrics->items)
      if (rename(m, "business_goal_mapping", "goal_mapping"))
        notes.push_back("renamed business_metrics[].business_goal_mapping to goal_mapping");
  }
}

// 1.1 -> 1.2: item types of model outputs and pipeline inputs became an enumeration with a
// structured item_specification. A free-text type is mapped onto the enumeration; one that
// fits none of its names becomes "Other", and the original text is kept in other_value.
// The old free-text expected_values stays beside it as an extra field.
void upgrade_items(Node& root, std::string_view list, std::vector<std::string>& notes) {
  Node* items = root.find(list);
  if (!items || items->kind != Kind::Array) return;
  for (size_t i = 0; i < items->items.size(); ++i) {
    Node& item = items->items[i];
    Node* type = item.find("item_type");
    if (item.kind != Kind::Object || !type || type->kind != Kind::String || type->is_absent()) continue;
    const std::string_view mapped = item_type_from_text(type->text);
    if (mapped == type->text) continue;
    const std::string original = type->text;
    const uint32_t at = type->offset;  // `type` dangles once `item` gains a member
    type->text = std::string(mapped);
    notes.push_back(std::string(list) + "/" + std::to_string(i) + "/item_type: '" + original + "' -> '" +
                    std::string(mapped) + "'");
    if (mapped != "Other") continue;
    Node* spec = item.find("item_specification");
    if (!spec) spec = &item.set("item_specification", Node::object(at), at);
    if (spec->kind == Kind::Object && !spec->find("other_value")) spec->set("other_value", Node::string(original, at), at);
  }
}

void upgrade_1_1(Descriptor d, Node& root, std::vector<std::string>& notes) {
  if (d == Descriptor::DataPipeline) upgrade_items(root, "input_spec", notes);
  if (d == Descriptor::TrainedModel) {
    upgrade_items(root, "output_spec", notes);
    upgrade_items(root, "final_output_spec", notes);
  }
}

}  // namespace

std::string_view item_type_from_text(std::string_view type) {
  static constexpr std::string_view kCurrent[] = {"Integer", "Float", "String", "Image", "Other"};
  for (auto t : kCurrent)
    if (t == type) return t;
  const std::string t = text::lower(text::trim(type));
  for (auto name : {"integer", "int", "int8", "int16", "int32", "int64", "long", "uint8", "uint16", "uint32", "uint64"})
    if (t == name) return "Integer";
  for (auto name : {"float", "double", "number", "numeric", "real", "decimal", "float16", "float32", "float64"})
    if (t == name) return "Float";
  for (auto name : {"string", "str", "text", "varchar", "char", "categorical"})
    if (t == name) return "String";
  for (auto name : {"image", "img", "picture"})
    if (t == name) return "Image";
  return "Other";
}

std::vector<std::string> upgrade(Descriptor d, std::string_view from, Node& root) {
  std::vector<std::string> notes;
  if (root.kind != Kind::Object || from == kCurrentVersion) return notes;
  if (from == "1.0") upgrade_1_0(d, root, notes);
  if (from == "1.0" || from == "1.1") upgrade_1_1(d, root, notes);
  Node* version = root.find("version");
  const uint32_t at = version ? version->offset : root.offset;
  root.set("version", Node::string(std::string(kCurrentVersion), at), at);
  notes.push_back("upgraded from format " + std::string(from) + " to " + std::string(kCurrentVersion));
  return notes;
}

}  // namespace seam::doc
