// The common JSON-lines record, read in one pass: a flat object whose strings hold no
// escapes. Data files are mostly made of such lines, and simdjson's general parser spent
// more time building its tape and turning numbers into binary (which profiling does again
// from the text) than profiling the values took. Anything else is left to simdjson.
#pragma once

#include <string_view>
#include <vector>

namespace seam::data::detail {

struct FlatMember {
  std::string_view key;
  std::string_view text;  // a string's contents, a number's token, "true" or "false"
  bool null = false;
};

// The members of `line` (UTF-8 already checked), in order, when it is one JSON object whose
// values are strings, numbers, true, false or null, and none of whose strings holds a
// backslash; false otherwise. Accepts only valid JSON (RFC 8259), so a line it takes reads
// as simdjson would read it; a line it refuses may still be valid (an escape, a nested value)
// and goes to simdjson, which reads it or says what is wrong.
bool parse_flat_object(std::string_view line, std::vector<FlatMember>& out);

}  // namespace seam::data::detail
