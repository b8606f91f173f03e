// Finding where JSON text goes wrong. simdjson reports only an error code; this scanner
// re-reads rejected text to name the first problem and its byte offset. It runs only on
// failure, so it favours clear messages over speed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace seam::doc {

struct JsonSyntaxError {
  bool found = false;  // false when the text looks well formed to this scanner
  size_t offset = 0;
  std::string message;  // "invalid JSON: expected ',' or '}' after a member"
};

// Checks `text` as one JSON value, nesting at most `max_depth` levels.
JsonSyntaxError find_json_syntax_error(std::string_view text, int max_depth);

}  // namespace seam::doc
