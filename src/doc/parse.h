// Parsing descriptor text (JSON or YAML) into a Node tree with source offsets.
//
// Both parsers reject what a descriptor must never contain: duplicate keys, nesting
// deeper than kMaxDepth, and (YAML) alias expansions past kMaxNodes. Errors carry the
// file, line and column.
//
// Thread safety: parsing touches only its arguments; the tree is owned by the caller.
#pragma once

#include "doc/node.h"
#include "doc/source.h"
#include "util/result.h"

namespace seam::doc {

// Descriptors nest about six levels deep; 64 leaves room for extensions while keeping the
// recursive tree walks far from any stack limit.
inline constexpr int kMaxDepth = 64;
inline constexpr size_t kMaxNodes = 1'000'000;

Result<Node> parse_json(const Source& src);
// The same with every offset found by scanning the text, which parse_json falls back to when
// simdjson's token index does not match the text; tests and fuzzing check the two agree.
Result<Node> parse_json_scanning(const Source& src);
Result<Node> parse_yaml(const Source& src);
// The same through libyaml alone. parse_yaml reads plain block YAML itself (yaml_block.h) and
// falls back to this for the rest; tests and fuzzing check that the two agree.
Result<Node> parse_yaml_events(const Source& src);

// Chooses by extension: .json is JSON, .yaml/.yml is YAML; otherwise JSON when the first
// non-blank character is '{' or '[', YAML else.
Result<Node> parse(const Source& src);

}  // namespace seam::doc
