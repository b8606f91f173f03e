// The YAML reader with source positions (doc::parse_yaml), as every descriptor, rule file,
// waiver file and TRL card goes through it. Every node it returns must point inside the
// text, and the tree must survive a trip through JSON. Where the block reader takes the text
// (yaml_block.h), libyaml must take it too and build the same tree, offsets included.
#include <cstdio>
#include <cstdlib>

#include "doc/parse.h"
#include "doc/yaml_block.h"
#include "fuzz.h"

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
    if (const auto d = doc::first_difference(*block, events.value()); !d.empty()) {
      std::fprintf(stderr, "the block reader and libyaml disagree at %s\n", d.c_str());
      std::abort();
    }
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
