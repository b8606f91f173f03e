// The JSON reader with source positions (doc::parse_json): descriptors, profiles and uploads
// over HTTP go through it. Every node it returns must point inside the
// text, and the tree must survive a trip through JSON.
#include "doc/parse.h"
#include "fuzz.h"

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
  fuzz::expect_inside(root.value(), src.value());
  // Whatever was read can be written as JSON and read back unchanged (the server stores
  // descriptors that way).
  fuzz::expect_json_round_trip(root.value());
  return 0;
}
