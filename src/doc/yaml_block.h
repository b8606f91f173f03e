// Inside the YAML reader (parse_yaml.cc): the fast reader of plain block YAML and the scalar
// resolution both readers share.
#pragma once

#include <optional>
#include <string_view>

#include "doc/node.h"
#include "doc/source.h"

namespace seam::doc {

// A plain scalar as the YAML 1.2 core schema reads it: null, a boolean, an integer, a float,
// or else text.
void resolve_plain_scalar(std::string_view s, Node& out);

// The document, when it is written in the block style that descriptors use: block mappings
// and lists indented with spaces, one-line plain and quoted scalars, literal and folded block
// scalars, one-line flow lists of scalars, and comments. Anything else (anchors, tags, flow
// mappings, multi-line plain or quoted scalars, escapes, tabs, a BOM, CRLF), and anything
// wrong, gives nullopt, and libyaml reads the text instead, reporting what is wrong. Both
// give the same tree with the same offsets (tests and the yaml fuzzer compare them).
std::optional<Node> parse_yaml_block(const Source& src);

}  // namespace seam::doc
