// JSON pointers (RFC 6901): how seam names a field in messages and reports.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"
#include "util/result.h"

namespace seam::doc {

// Escapes one reference token: '~' becomes "~0" and '/' becomes "~1".
std::string escape_token(std::string_view token);

// The path to the value being visited, kept as a stack while walking a tree, and turned
// into a pointer string only when a message needs it.
class PathStack {
 public:
  void push(std::string_view key) { tokens_.push_back({key, 0, false}); }
  void push(size_t index) { tokens_.push_back({{}, index, true}); }
  void pop() { tokens_.pop_back(); }
  std::string pointer() const;
  std::string pointer_to(std::string_view child) const { return pointer() + "/" + escape_token(child); }

 private:
  struct Token {
    std::string_view key;
    size_t index;
    bool is_index;
  };
  std::vector<Token> tokens_;
};

// For errors found while a tree is built (nesting too deep, a duplicate key): the error is
// raised where the walk is, and each level names itself as the error unwinds, which costs
// nothing when there is no error. A list index is added only below a key, so the pointer
// ends at the deepest field rather than deep inside a bare list.
Error within_key(Error e, std::string_view key);
Error within_index(Error e, size_t index);

// The node a pointer names, or nullptr when it names nothing.
const Node* resolve(const Node& root, std::string_view pointer);

}  // namespace seam::doc
