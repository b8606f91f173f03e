// Descriptor prose as the fact extractor reads it (facts/facts.h): whatever the text, every
// fact's span lies inside it, is not empty, and facts come in the order of their spans.
#include <cstdio>
#include <cstdlib>

#include "facts/facts.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // a field's text; longer inputs only slow the search
  const std::string text = seam::fuzz::text(data, size);
  const auto facts = seam::facts::extract(text);
  uint32_t last = 0;
  for (const auto& f : facts) {
    if (f.begin >= f.end || f.end > text.size() || f.begin < last || f.kind.empty()) {
      std::fprintf(stderr, "broken promise: fact %s spans [%u, %u) of %zu bytes after %u\n", f.name().c_str(), f.begin,
                   f.end, text.size(), last);
      std::abort();
    }
    last = f.begin;
  }
  (void)seam::facts::field_stem(text);
  return 0;
}
