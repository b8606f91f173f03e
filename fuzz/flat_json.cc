// A JSON-lines record as the one-pass reader takes it (data/flat_json.h): whatever it takes,
// simdjson must read as the same object, member by member (data/flat_json_oracle.h).
#include <cstdio>
#include <cstdlib>

#include "data/flat_json_oracle.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // a record; longer inputs only slow the search
  const std::string line = seam::fuzz::text(data, size);
  const std::string why = seam::data::detail::flat_json_disagreement(line);
  if (!why.empty()) {
    std::fprintf(stderr, "broken promise: the one-pass reader and simdjson disagree (%s) on: %s\n", why.c_str(), line.c_str());
    std::abort();
  }
  return 0;
}
