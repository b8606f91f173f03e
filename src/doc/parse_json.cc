// JSON loading. simdjson's DOM parser (SIMD, picked at run time for the CPU) validates and
// parses the text. Its DOM keeps no positions, so a cursor that moves in step with the walk
// over the DOM gives every node its source offset: over simdjson's own index of token starts,
// or, should that ever disagree with the text, over the text itself. When simdjson rejects
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

// Where each value and key starts, found by scanning the text in step with the DOM walk.
class TextCursor {
 public:
  explicit TextCursor(std::string_view text) : text_(text) {}

  uint32_t value() {  // the value about to be built starts here
    skip_space();
    return static_cast<uint32_t>(pos_);
  }
  void past_scalar(bool string) { string ? skip_string() : skip_atom(); }
  void open() { ++pos_; }  // '{' or '['
  uint32_t key() {
    skip_space();
    const auto at = static_cast<uint32_t>(pos_);
    skip_string();
    skip_space();
    ++pos_;  // ':'
    return at;
  }
  void separator() {  // ',' or the closing bracket
    skip_space();
    ++pos_;
  }
  void close_empty(char close) {
    while (pos_ < text_.size() && text_[pos_] != close) ++pos_;
    ++pos_;
  }
  bool lost() const { return false; }

 private:
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

  std::string_view text_;
  size_t pos_ = 0;
};

// The same from simdjson's stage-1 index, which lists where every bracket, colon, comma, key
// and scalar starts, in document order: a step per token instead of a scan of every byte.
// The index is an internal of simdjson's parser, so each step checks the character it lands
// on; on any surprise the cursor is `lost` and the tree is built again with a TextCursor.
class IndexCursor {
 public:
  IndexCursor(std::string_view text, const uint32_t* index, uint32_t count) : text_(text), index_(index), count_(count) {}

  uint32_t value() { return at(); }
  void past_scalar(bool string) { check(string == (take() == '"')); }
  void open() {
    const char c = take();
    check(c == '{' || c == '[');
  }
  uint32_t key() {
    const uint32_t key = at();
    check(take() == '"');
    check(take() == ':');
    return key;
  }
  void separator() {
    const char c = take();
    check(c == ',' || c == '}' || c == ']');
  }
  void close_empty(char close) { check(take() == close); }
  bool lost() const { return lost_; }

 private:
  uint32_t at() {
    if (k_ < count_) return index_[k_];
    lost_ = true;
    return static_cast<uint32_t>(text_.size());
  }
  // The character at the current token, moving past it; NUL (and lost) past the text.
  char take() {
    const uint32_t i = at();
    ++k_;
    check(i < text_.size());
    return i < text_.size() ? text_[i] : '\0';
  }
  void check(bool ok) { lost_ = lost_ || !ok; }

  std::string_view text_;
  const uint32_t* index_;
  uint32_t count_;
  uint32_t k_ = 0;
  bool lost_ = false;
};

template <class Cursor>
class JsonBuilder {
 public:
  JsonBuilder(const Source& src, Cursor cursor) : src_(src), cursor_(cursor) {}

  bool lost() const { return cursor_.lost(); }

  Status build(dom::element e, Node& out, int depth) {
    out.offset = cursor_.value();
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
        cursor_.past_scalar(true);
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
    cursor_.past_scalar(false);
    return Ok{};
  }

 private:
  Status build_object(dom::object obj, Node& out, int depth) {
    out.kind = Kind::Object;
    out.members.reserve(obj.size());
    cursor_.open();
    for (const auto field : obj) {
      const uint32_t key_offset = cursor_.key();
      Member& member = out.members.emplace_back();
      member.key.assign(field.key);
      member.key_offset = key_offset;
      if (auto st = build(field.value, member.value, depth + 1); !st.ok())
        return within_key(std::move(st).take_error(), member.key);
      cursor_.separator();
    }
    if (out.members.empty()) cursor_.close_empty('}');
    return check_duplicates(out);
  }

  Status build_array(dom::array arr, Node& out, int depth) {
    out.kind = Kind::Array;
    out.items.reserve(arr.size());
    cursor_.open();
    for (const auto item : arr) {
      out.items.emplace_back();
      if (auto st = build(item, out.items.back(), depth + 1); !st.ok())
        return within_index(std::move(st).take_error(), out.items.size() - 1);
      cursor_.separator();
    }
    if (out.items.empty()) cursor_.close_empty(']');
    return Ok{};
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
  Cursor cursor_;
  size_t nodes_ = 0;  // values built so far
  std::vector<uint32_t> sigs_;  // scratch for check_duplicates
};

// One parser per thread: it keeps its buffers between calls, which is most of the speed.
thread_local dom::parser parser;

// simdjson's DOM of the text, or the error located where json_syntax.cc finds it.
Result<dom::element> dom_of(const Source& src) {
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
  return root;
}

Result<Node> build_scanning(const Source& src, dom::element root) {
  Node out;
  JsonBuilder<TextCursor> builder(src, TextCursor(src.text()));
  if (auto st = builder.build(root, out, 1); !st.ok()) return std::move(st).take_error();
  return out;
}

}  // namespace

Result<Node> parse_json(const Source& src) {
  auto root = dom_of(src);
  if (!root.ok()) return std::move(root).take_error();
  const auto& stage1 = *parser.implementation;
  Node out;
  JsonBuilder<IndexCursor> builder(src, IndexCursor(src.text(), stage1.structural_indexes.get(), stage1.n_structural_indexes));
  auto st = builder.build(root.value(), out, 1);
  if (builder.lost()) return build_scanning(src, root.value());
  if (!st.ok()) return std::move(st).take_error();
  return out;
}

Result<Node> parse_json_scanning(const Source& src) {
  auto root = dom_of(src);
  if (!root.ok()) return std::move(root).take_error();
  return build_scanning(src, root.value());
}

}  // namespace seam::doc
