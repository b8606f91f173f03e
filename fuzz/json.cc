// The JSON reader with source positions (doc::parse_json): descriptors, profiles and uploads
// over HTTP go through it. Every node it returns must point inside the text, where the
// scanning fallback puts it too, and the tree must survive a trip through JSON.
#include "doc/parse.h"
#include "fuzz.h"

namespace {

// The offsets from simdjson's token index are the ones a scan of the text finds.
void expect_same_places(const seam::doc::Node& a, const seam::doc::Node& b) {
  if (a.offset != b.offset || a.items.size() != b.items.size() || a.members.size() != b.members.size()) std::abort();
  for (size_t i = 0; i < a.items.size(); ++i) expect_same_places(a.items[i], b.items[i]);
  for (size_t i = 0; i < a.members.size(); ++i) {
    if (a.members[i].key_offset != b.members[i].key_offset) std::abort();
    expect_same_places(a.members[i].value, b.members[i].value);
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
  auto scanned = doc::parse_json_scanning(src.value());
  if (root.ok() != scanned.ok()) std::abort();
  if (!root.ok()) {
    fuzz::expect_located(root.error(), path);
    return 0;
  }
  fuzz::expect_inside(root.value(), src.value());
  expect_same_places(root.value(), scanned.value());
  // Whatever was read can be written as JSON and read back unchanged (the server stores
  // descriptors that way).
  fuzz::expect_json_round_trip(root.value());
  return 0;
}
