// The JSON reader with source positions (doc::parse_json): descriptors, profiles and uploads
// over HTTP go through it. Every node it returns must point inside the
// text, and the tree must survive a trip through JSON.
#include "doc/parse.h"
#include "fuzz.h"

namespace {

void walk(const seam::doc::Node& n, const seam::doc::Source& src) {
  if (n.offset > src.text().size()) std::abort();
  (void)src.locate(n.offset);
  for (const auto& item : n.items) walk(item, src);
  for (const auto& m : n.members) {
    if (m.key_offset > src.text().size()) std::abort();
    walk(m.value, src);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  const std::string path = "fuzz.json";
  auto src = doc::make_source(path, fuzz::text(data, size));
  if (!src.ok()) {
    fuzz::expect_located(src.error(), path);
    return 0;
  }
  auto root = doc::parse_json(src.value());
  if (!root.ok()) {
    fuzz::expect_located(root.error(), path);
    return 0;
  }
  walk(root.value(), src.value());
  // Whatever was read can be written as JSON and read back unchanged (the server stores
  // descriptors that way).
  const std::string json = doc::to_json(root.value());
  auto again = doc::parse_json(doc::Source("again.json", json));
  if (!again.ok()) fuzz::broken("a parsed tree's JSON parses", again.error());
  if (doc::to_json(again.value()) != json) std::abort();
  return 0;
}
