// The YAML reader with source positions (doc::parse_yaml), as every descriptor, rule file,
// waiver file and TRL card goes through it. Every node it returns must point inside the
// text, and the tree must survive a trip through JSON. Where the block reader takes the text
// (yaml_block.h), libyaml must take it too and build the same tree, offsets included.
#include <cstdlib>

#include "doc/parse.h"
#include "doc/yaml_block.h"
#include "fuzz.h"

namespace {

bool same_tree(const seam::doc::Node& a, const seam::doc::Node& b) {
  if (a.kind != b.kind || a.offset != b.offset || a.text != b.text || a.boolean != b.boolean || a.integer != b.integer ||
      (a.number != b.number && a.number == a.number) || a.items.size() != b.items.size() || a.members.size() != b.members.size())
    return false;
  for (size_t i = 0; i < a.items.size(); ++i)
    if (!same_tree(a.items[i], b.items[i])) return false;
  for (size_t i = 0; i < a.members.size(); ++i)
    if (a.members[i].key != b.members[i].key || a.members[i].key_offset != b.members[i].key_offset ||
        !same_tree(a.members[i].value, b.members[i].value))
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  const std::string path = "fuzz.yaml";
  auto src = doc::make_source(path, fuzz::text(data, size));
  if (!src.ok()) {
    fuzz::expect_located(src.error(), path);
    return 0;
  }
  if (auto block = doc::parse_yaml_block(src.value())) {
    auto events = doc::parse_yaml_events(src.value());
    if (!events.ok()) fuzz::broken("the block reader took YAML that libyaml refuses", events.error());
    if (!same_tree(*block, events.value())) std::abort();  // the two readers disagree
  }
  auto root = doc::parse_yaml(src.value());
  if (!root.ok()) {
    fuzz::expect_located(root.error(), path);
    return 0;
  }
  fuzz::expect_inside(root.value(), src.value());
  // A document that was read can be written as JSON and read back unchanged (the server
  // stores descriptors that way). Only objects: a descriptor's JSON form must be one.
  if (root.value().kind != doc::Kind::Object) return 0;
  fuzz::expect_json_round_trip(root.value());
  return 0;
}
