// JSON loading. simdjson's DOM parser (SIMD, picked at run time for the CPU) validates and
// parses the text; a second, cheap walk over the text in the same order gives every node
// its source offset, since simdjson's DOM does not keep positions. When simdjson rejects
// the text, json_syntax.cc finds where and why.
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <tuple>
#include <vector>

#include "doc/json_syntax.h"
#include "doc/parse.h"
#include "doc/pointer.h"

namespace seam::doc {
namespace {

namespace dom = simdjson::dom;

class JsonBuilder {
 public:
  explicit JsonBuilder(const Source& src) : src_(src), text_(src.text()) {}

  Status build(dom::element e, Node& out, int depth) {
    skip_space();
    out.offset = static_cast<uint32_t>(pos_);
    if (depth > kMaxDepth)
      return src_.error_at(out.offset, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
    // A value costs a hundred bytes as a Node: 16 MiB of "[1,1,1,..." would take a gigabyte.
    if (++nodes_ > kMaxNodes)
      return src_.error_at(out.offset, "the document holds more than " + std::to_string(kMaxNodes) + " values");
    switch (e.type()) {
      case dom::element_type::OBJECT: return build_object(e.get_object().value_unsafe(), out, depth);
      case dom::element_type::ARRAY: return build_array(e.get_array().value_unsafe(), out, depth);
      case dom::element_type::STRING:
        out.kind = Kind::String;
        out.text.assign(e.get_string().value_unsafe());
        skip_string();
        return Ok{};
      case dom::element_type::INT64:
        out.kind = Kind::Int;
        out.integer = e.get_int64().value_unsafe();
        out.number = static_cast<double>(out.integer);
        break;
      case dom::element_type::UINT64:  // beyond int64: kept as a double, as most readers do
      case dom::element_type::DOUBLE:
        out.kind = Kind::Float;
        out.number = e.get_double().value_unsafe();
        break;
      case dom::element_type::BOOL:
        out.kind = Kind::Bool;
        out.boolean = e.get_bool().value_unsafe();
        break;
      case dom::element_type::NULL_VALUE: out.kind = Kind::Null; break;
    }
    skip_atom();
    return Ok{};
  }

 private:
  Status build_object(dom::object obj, Node& out, int depth) {
    out.kind = Kind::Object;
    out.members.reserve(obj.size());
    ++pos_;  // '{'
    for (const auto field : obj) {
      skip_space();
      const auto key_offset = static_cast<uint32_t>(pos_);
      skip_string();
      skip_space();
      ++pos_;  // ':'
      Member& member = out.members.emplace_back();
      member.key.assign(field.key);
      member.key_offset = key_offset;
      if (auto st = build(field.value, member.value, depth + 1); !st.ok())
        return within_key(std::move(st).take_error(), member.key);
      skip_space();
      ++pos_;  // ',' or '}'
    }
    if (out.members.empty()) skip_past('}');
    return check_duplicates(out);
  }

  Status build_array(dom::array arr, Node& out, int depth) {
    out.kind = Kind::Array;
    out.items.reserve(arr.size());
    ++pos_;  // '['
    for (const auto item : arr) {
      out.items.emplace_back();
      if (auto st = build(item, out.items.back(), depth + 1); !st.ok())
        return within_index(std::move(st).take_error(), out.items.size() - 1);
      skip_space();
      ++pos_;  // ',' or ']'
    }
    if (out.items.empty()) skip_past(']');
    return Ok{};
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t'))
      ++pos_;
  }

  // Moves past a string known to be well formed; memchr keeps long descriptions cheap.
  void skip_string() {
    size_t i = pos_ + 1;
    for (;;) {
      const void* q = std::memchr(text_.data() + i, '"', text_.size() - i);
      if (!q) { pos_ = text_.size(); return; }
      const size_t quote = static_cast<const char*>(q) - text_.data();
      size_t backslashes = 0;
      while (quote - backslashes > pos_ + 1 && text_[quote - backslashes - 1] == '\\') ++backslashes;
      i = quote + 1;
      if (backslashes % 2 == 0) break;  // not escaped
    }
    pos_ = i;
  }

  void skip_atom() {  // numbers, true, false, null
    while (pos_ < text_.size() && !std::strchr(",}] \t\r\n", text_[pos_])) ++pos_;
  }

  void skip_past(char close) {
    while (pos_ < text_.size() && text_[pos_] != close) ++pos_;
    ++pos_;
  }

  // Quadratic, but over 32-bit signatures (length, first and last byte), so the common case
  // costs a few hundred integer compares and no allocation; only equal signatures are
  // compared as strings. A hash set cost a quarter of the parse time here.
  Status check_duplicates(const Node& obj) {
    const auto& m = obj.members;
    auto duplicate = [&](size_t i) {
      return within_key(src_.error_at(m[i].key_offset, "duplicate key '" + m[i].key + "' in this object"), m[i].key);
    };
    if (m.size() > 64) {  // a huge object must not make this quadratic: sort instead
      std::vector<size_t> order(m.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::tie(m[a].key, a) < std::tie(m[b].key, b); });
      for (size_t i = 1; i < order.size(); ++i)
        if (m[order[i]].key == m[order[i - 1]].key) return duplicate(order[i]);
      return Ok{};
    }
    sigs_.clear();
    for (const auto& member : m) {
      const std::string& k = member.key;
      const uint32_t first = k.empty() ? 0 : static_cast<unsigned char>(k.front());
      const uint32_t last = k.empty() ? 0 : static_cast<unsigned char>(k.back());
      sigs_.push_back(static_cast<uint32_t>(k.size()) << 16 | first << 8 | last);
    }
    for (size_t i = 1; i < m.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (sigs_[i] == sigs_[j] && m[i].key == m[j].key) return duplicate(i);
    return Ok{};
  }

  const Source& src_;
  const std::string& text_;
  size_t pos_ = 0;
  size_t nodes_ = 0;  // values built so far
  std::vector<uint32_t> sigs_;  // scratch for check_duplicates
};

}  // namespace

Result<Node> parse_json(const Source& src) {
  // One parser per thread: it keeps its buffers between calls, which is most of the speed.
  thread_local dom::parser parser;
  const std::string& text = src.text();
  dom::element root;
  simdjson::error_code error;
  if (text.capacity() >= text.size() + simdjson::SIMDJSON_PADDING) {
    error = parser.parse(text.data(), text.size(), false).get(root);
  } else {
    error = parser.parse(text).get(root);  // copies into a padded buffer
  }
  if (error) {
    // simdjson says only what went wrong, not where; find the place ourselves.
    const JsonSyntaxError where = find_json_syntax_error(text, kMaxDepth);
    return src.error_at(where.offset, where.found ? where.message
                                                  : std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  if (!root.is_object() && !root.is_array())
    return src.error_at(0, "expected an object at the top level; found a bare value");
  Node out;
  JsonBuilder builder(src);
  if (auto st = builder.build(root, out, 1); !st.ok()) return std::move(st).take_error();
  return out;
}

}  // namespace seam::doc
