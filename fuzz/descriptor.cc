// One descriptor file as `seam validate` loads it: parse, upgrade from older TEC formats, and
// validate against the compiled JSON Schema, with unknown fields reported. The first byte picks
// the descriptor and whether the text is read as YAML or JSON; the rest is the file.
#include "doc/load.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  if (size == 0) return 0;
  const auto d = doc::kAllDescriptors[fuzz::descriptor_index(data[0])];
  const std::string path = std::string(doc::descriptor_id(d)) + (data[0] & 0x80 ? ".json" : ".yaml");
  doc::LoadOptions options;
  options.strict = data[0] & 0x40;
  auto loaded = doc::load_document_text(path, fuzz::text(data + 1, size - 1), d, options);
  for (const auto& e : loaded.errors) fuzz::expect_named(e, path);
  for (const auto& w : loaded.warnings) fuzz::expect_named(w, path);
  if (loaded.valid() && !loaded.root) std::abort();  // valid means there is a document
  // Validation errors point at the field they are about.
  for (const auto& e : loaded.errors)
    if (!e.pointer.empty()) fuzz::expect(e.line >= 1, "a field error has a line", e);
  return 0;
}
