// Structural differences between two versions of a document, by JSON pointer: what one
// revision of a descriptor changed against another.
//
// Objects compare by key (member order does not matter), arrays by index (an item appended
// is "added" at its index), scalars by type and value: 1 and "1" differ, 1 and 1.0 do not.
// The walk is linear in the size of the two trees, so two 16 MiB documents diff quickly.
//
// Thread safety: pure functions of their arguments; a Diff owns all its data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"
#include "util/result.h"

namespace seam::doc {

enum class ChangeOp : uint8_t { Added, Removed, Changed };
std::string_view op_name(ChangeOp op);  // "added", "removed", "changed"

struct Change {
  ChangeOp op = ChangeOp::Changed;
  std::string pointer;                // RFC 6901 ("~0", "~1" escaped); "" is the whole document
  std::optional<std::string> before;  // the old value as compact JSON; absent when Added
  std::optional<std::string> after;   // the new value as compact JSON; absent when Removed
};
using Diff = std::vector<Change>;

// What turns `before` into `after`; empty when they are equal. Ordered as `after` reads,
// with an object's removed keys after its other members (in `before`'s order) and an
// array's removed tail after its kept items. Never fails.
Diff diff(const Node& before, const Node& after);

// Parses two texts as written (JSON or YAML, chosen as doc::parse chooses, by each path's
// extension or first character; no upgrade) and diffs them. Fails with the parse error of
// the first text that does not parse, located in the file its path names, or that is larger
// than kMaxDescriptorBytes.
Result<Diff> diff_texts(std::string before_path, std::string before_text, std::string after_path,
                        std::string after_text);

}  // namespace seam::doc
