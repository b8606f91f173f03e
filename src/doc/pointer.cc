#include "doc/pointer.h"

#include <charconv>

namespace seam::doc {

std::string escape_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string PathStack::pointer() const {
  std::string out;
  for (const auto& t : tokens_) {
    out += '/';
    out += t.is_index ? std::to_string(t.index) : escape_token(t.key);
  }
  return out;
}

// Appending into a fresh string, not "/" + token + pointer, which GCC 12 mistakes for an
// overlapping copy (-Wrestrict).
static Error prefixed(Error e, const std::string& token) {
  std::string out;
  out.reserve(1 + token.size() + e.pointer.size());
  out += '/';
  out += token;
  out += e.pointer;
  e.pointer = std::move(out);
  return e;
}

Error within_key(Error e, std::string_view key) { return prefixed(std::move(e), escape_token(key)); }

Error within_index(Error e, size_t index) {
  return e.pointer.empty() ? e : prefixed(std::move(e), std::to_string(index));
}

const Node* resolve(const Node& root, std::string_view pointer) {
  const Node* node = &root;
  while (!pointer.empty()) {
    if (pointer[0] != '/') return nullptr;
    pointer.remove_prefix(1);
    const size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token;
    for (size_t i = 0; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end) {
        token += pointer[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    pointer.remove_prefix(end);
    if (node->kind == Kind::Object) {
      node = node->find(token);
    } else if (node->kind == Kind::Array) {
      size_t index = 0;
      auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec != std::errc() || p != token.data() + token.size() || index >= node->items.size()) return nullptr;
      node = &node->items[index];
    } else {
      return nullptr;
    }
    if (!node) return nullptr;
  }
  return node;
}

}  // namespace seam::doc
