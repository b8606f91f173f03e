// JSON loading with simdjson's On-Demand API, which exposes where each token starts in the
// input, so nodes get their source offsets without a second pass.
#include <simdjson.h>

#include <unordered_set>

#include "doc/parse.h"

namespace seam::doc {
namespace {

namespace od = simdjson::ondemand;

class JsonBuilder {
 public:
  JsonBuilder(const Source& src, const char* base, od::document& doc) : src_(src), base_(base), doc_(doc) {}

  Status build(od::value v, Node& out, int depth) {
    out.offset = offset_of(v.raw_json_token().data());
    if (depth > kMaxDepth)
      return src_.error_at(out.offset, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
    od::json_type type;
    if (auto e = v.type().get(type)) return fail(e, out.offset);
    switch (type) {
      case od::json_type::object: return build_object(v, out, depth);
      case od::json_type::array: return build_array(v, out, depth);
      case od::json_type::string: return build_string(v, out);
      case od::json_type::number: return build_number(v, out);
      case od::json_type::boolean:
        out.kind = Kind::Bool;
        if (auto e = v.get_bool().get(out.boolean)) return fail(e, out.offset);
        return Ok{};
      case od::json_type::null:
        out.kind = Kind::Null;
        if (!v.is_null()) return fail(simdjson::INCORRECT_TYPE, out.offset);
        return Ok{};
    }
    return fail(simdjson::TAPE_ERROR, out.offset);
  }

  Error fail(simdjson::error_code e, uint32_t offset) const {
    return src_.error_at(offset, std::string("invalid JSON: ") + describe(e));
  }
  // An error found while iterating: simdjson knows where it stopped.
  Error fail(simdjson::error_code e) const {
    const char* p = nullptr;
    const bool known = doc_.current_location().get(p) == simdjson::SUCCESS && p;
    return fail(e, known ? offset_of(p) : static_cast<uint32_t>(src_.text().size()));
  }

  uint32_t offset_of(const char* p) const { return static_cast<uint32_t>(p - base_); }

 private:
  static const char* describe(simdjson::error_code e) {
    switch (e) {
      case simdjson::TAPE_ERROR: return "unexpected character or missing ',' / ':' here";
      case simdjson::UNCLOSED_STRING: return "a string is not closed";
      case simdjson::STRING_ERROR: return "bad escape sequence in a string";
      case simdjson::NUMBER_ERROR: return "malformed number";
      case simdjson::T_ATOM_ERROR: return "expected 'true'";
      case simdjson::F_ATOM_ERROR: return "expected 'false'";
      case simdjson::N_ATOM_ERROR: return "expected 'null'";
      case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "an object or array is not closed";
      case simdjson::UTF8_ERROR: return "invalid UTF-8";
      case simdjson::EMPTY: return "no JSON value found";
      case simdjson::TRAILING_CONTENT: return "unexpected text after the top-level value";
      default: return simdjson::error_message(e);
    }
  }

  Status build_object(od::value v, Node& out, int depth) {
    out.kind = Kind::Object;
    od::object obj;
    if (auto e = v.get_object().get(obj)) return fail(e, out.offset);
    for (auto field_result : obj) {
      od::field field;
      if (auto e = std::move(field_result).get(field)) return fail(e);
      // raw() points just past the opening quote. It must be read before unescaped_key(),
      // which consumes the key.
      const uint32_t key_offset = offset_of(field.key().raw()) - 1;
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return fail(e);
      out.members.push_back({std::string(key), key_offset, {}});
      if (auto st = build(field.value(), out.members.back().value, depth + 1); !st.ok()) return st;
    }
    return check_duplicates(out);
  }

  Status build_array(od::value v, Node& out, int depth) {
    out.kind = Kind::Array;
    od::array arr;
    if (auto e = v.get_array().get(arr)) return fail(e, out.offset);
    for (auto element : arr) {
      od::value item;
      if (auto e = std::move(element).get(item)) return fail(e);
      out.items.emplace_back();
      if (auto st = build(item, out.items.back(), depth + 1); !st.ok()) return st;
    }
    return Ok{};
  }

  Status build_string(od::value v, Node& out) {
    out.kind = Kind::String;
    std::string_view s;
    if (auto e = v.get_string().get(s)) return fail(e, out.offset);
    out.text.assign(s);
    return Ok{};
  }

  Status build_number(od::value v, Node& out) {
    od::number_type nt;
    if (auto e = v.get_number_type().get(nt)) return fail(e, out.offset);
    if (nt == od::number_type::signed_integer) {
      out.kind = Kind::Int;
      if (auto e = v.get_int64().get(out.integer)) return fail(e, out.offset);
      out.number = static_cast<double>(out.integer);
      return Ok{};
    }
    // Integers beyond int64 are kept as doubles, as most JSON readers do.
    out.kind = Kind::Float;
    if (auto e = v.get_double().get(out.number)) return fail(e, out.offset);
    return Ok{};
  }

  Status check_duplicates(const Node& obj) {
    const auto& m = obj.members;
    auto dup = [&](size_t i) {
      return src_.error_at(m[i].key_offset, "duplicate key '" + m[i].key + "' in this object");
    };
    if (m.size() <= 16) {  // quadratic is cheapest for the small objects descriptors hold
      for (size_t i = 1; i < m.size(); ++i)
        for (size_t j = 0; j < i; ++j)
          if (m[i].key == m[j].key) return dup(i);
      return Ok{};
    }
    std::unordered_set<std::string_view> seen;
    for (size_t i = 0; i < m.size(); ++i)
      if (!seen.insert(m[i].key).second) return dup(i);
    return Ok{};
  }

  const Source& src_;
  const char* base_;  // the buffer simdjson reads; offsets are relative to it
  od::document& doc_;
};

}  // namespace

Result<Node> parse_json(const Source& src) {
  // One parser per thread: it keeps its buffers between calls, which is most of the speed.
  thread_local od::parser parser;
  const std::string& text = src.text();
  simdjson::padded_string copy;
  simdjson::padded_string_view input;
  if (text.capacity() >= text.size() + simdjson::SIMDJSON_PADDING) {
    input = simdjson::padded_string_view(text.data(), text.size(), text.capacity());
  } else {
    copy = simdjson::padded_string(text);
    input = copy;
  }
  od::document doc;
  JsonBuilder builder(src, input.data(), doc);
  if (auto e = parser.iterate(input).get(doc)) return builder.fail(e, 0);
  od::json_type type;
  if (auto e = doc.type().get(type)) return builder.fail(e);
  if (type != od::json_type::object && type != od::json_type::array) {
    return src.error_at(0, "expected an object at the top level; found a bare value");
  }
  od::value root;
  if (auto e = doc.get_value().get(root)) return builder.fail(e);
  Node out;
  if (auto st = builder.build(root, out, 1); !st.ok()) return std::move(st).take_error();
  // current_location() succeeds only while unread tokens remain.
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS) return builder.fail(simdjson::TRAILING_CONTENT);
  return out;
}

}  // namespace seam::doc
