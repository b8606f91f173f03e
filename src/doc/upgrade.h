// Upgrading documents written in older versions of the descriptor format.
//
// seam reads format versions 1.0, 1.1 and 1.2 and works on 1.2 internally. Each step is
// the set of renames and restructurings between two adjacent versions; nothing a user
// wrote is dropped: a field that has no place in the newer format stays as an extra field.
//
// Thread safety: upgrade() changes only the tree it is given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/descriptor.h"
#include "doc/node.h"

namespace seam::doc {

// Rewrites `root`, a document of version `from` (one of kKnownVersions), into the current
// version in place, and returns one line per change made, for --verbose output.
std::vector<std::string> upgrade(Descriptor d, std::string_view from, Node& root);

// The 1.2 item type for a free-text 1.0/1.1 type ("int", "double", "text", ...), or
// "Other" when it names none of Integer, Float, String or Image.
std::string_view item_type_from_text(std::string_view type);

}  // namespace seam::doc
