#include "doc/schema.h"

#include <cmath>
#include <functional>

#include "doc/pointer.h"

namespace seam::doc {
namespace {

constexpr uint8_t bit(Kind k) { return static_cast<uint8_t>(1u << static_cast<int>(k)); }
constexpr uint8_t kIntegralFloat = SchemaNode::kIntegralFloat;

using SchemaPtr = std::unique_ptr<SchemaNode>;

// ---- compiling ---------------------------------------------------------------------

class Compiler {
 public:
  Result<SchemaPtr> compile(const Node& s, const std::string& at) {
    auto out = std::make_unique<SchemaNode>();
    if (s.kind == Kind::Bool) {
      out->reject_all = !s.boolean;
      return out;
    }
    if (s.kind != Kind::Object) return bad(at, "a schema must be an object or a boolean");
    for (const auto& m : s.members) {
      if (auto st = keyword(m.key, m.value, *out, at + "/" + escape_token(m.key)); !st.ok())
        return std::move(st).take_error();
    }
    return out;
  }

 private:
  static Error bad(const std::string& at, const std::string& msg) {
    Error e = Error::invalid("schema " + (at.empty() ? std::string("root") : at) + ": " + msg);
    e.pointer = at;
    return e;
  }

  Status keyword(const std::string& k, const Node& v, SchemaNode& out, const std::string& at) {
    if (k == "$schema" || k == "$id" || k == "$comment" || k == "title" || k == "description" ||
        k == "default" || k == "examples") {
      if (k == "title") out.title = v.text;
      if (k == "description") out.description = v.text;
      return Ok{};
    }
    // "x-" keywords annotate the schema for other tools (the web UI's pick-lists); they
    // never change what is valid.
    if (k.starts_with("x-")) return Ok{};
    if (k == "deprecated") {
      if (v.kind != Kind::Bool) return bad(at, "'deprecated' must be true or false");
      return out.deprecated = v.boolean, Ok{};
    }
    if (k == "type") return types(v, out, at);
    if (k == "enum") {
      if (v.kind != Kind::Array) return bad(at, "'enum' must be an array");
      out.enum_values = v.items;
      return Ok{};
    }
    if (k == "const") return out.const_value = v, Ok{};
    if (k == "format") return out.format = v.text, Ok{};
    if (k == "required") return strings(v, out.required, at);
    if (k == "properties") return properties(v, out, at);
    if (k == "additionalProperties") return sub(v, out.additional_properties, at);
    if (k == "items") {
      if (v.kind != Kind::Array) return sub(v, out.items, at);
      return list(v, out.tuple_items, at);
    }
    if (k == "additionalItems") return sub(v, out.additional_items, at);
    if (k == "allOf") return list(v, out.all_of, at);
    if (k == "anyOf") return list(v, out.any_of, at);
    if (k == "oneOf") return list(v, out.one_of, at);
    if (k == "not") return sub(v, out.not_schema, at);
    if (k == "minItems") return count(v, out.min_items, at);
    if (k == "maxItems") return count(v, out.max_items, at);
    if (k == "minLength") return count(v, out.min_length, at);
    if (k == "maxLength") return count(v, out.max_length, at);
    if (k == "minimum") return number(v, out.minimum, at);
    if (k == "maximum") return number(v, out.maximum, at);
    if (k == "exclusiveMinimum") return number(v, out.exclusive_minimum, at);
    if (k == "exclusiveMaximum") return number(v, out.exclusive_maximum, at);
    return bad(at, "keyword '" + k + "' is not supported by seam's validator");
  }

  Status types(const Node& v, SchemaNode& out, const std::string& at) {
    std::vector<std::string> names;
    if (v.kind == Kind::String) names.push_back(v.text);
    else if (auto st = strings(v, names, at); !st.ok()) return st;
    for (const auto& n : names) {
      if (n == "null") out.types |= bit(Kind::Null);
      else if (n == "boolean") out.types |= bit(Kind::Bool);
      else if (n == "integer") out.types |= bit(Kind::Int) | kIntegralFloat;
      else if (n == "number") out.types |= bit(Kind::Int) | bit(Kind::Float);
      else if (n == "string") out.types |= bit(Kind::String);
      else if (n == "array") out.types |= bit(Kind::Array);
      else if (n == "object") out.types |= bit(Kind::Object);
      else return bad(at, "unknown type '" + n + "'");
    }
    return Ok{};
  }

  Status strings(const Node& v, std::vector<std::string>& out, const std::string& at) {
    if (v.kind != Kind::Array) return bad(at, "expected an array of strings");
    for (const auto& item : v.items) {
      if (item.kind != Kind::String) return bad(at, "expected an array of strings");
      out.push_back(item.text);
    }
    return Ok{};
  }

  Status properties(const Node& v, SchemaNode& out, const std::string& at) {
    if (v.kind != Kind::Object) return bad(at, "'properties' must be an object");
    for (const auto& m : v.members) {
      auto r = compile(m.value, at + "/" + escape_token(m.key));
      if (!r.ok()) return std::move(r).take_error();
      out.properties.emplace_back(m.key, std::move(r).value());
    }
    return Ok{};
  }

  Status sub(const Node& v, SchemaPtr& out, const std::string& at) {
    auto r = compile(v, at);
    if (!r.ok()) return std::move(r).take_error();
    out = std::move(r).value();
    return Ok{};
  }

  Status list(const Node& v, std::vector<SchemaPtr>& out, const std::string& at) {
    if (v.kind != Kind::Array) return bad(at, "expected an array of schemas");
    for (size_t i = 0; i < v.items.size(); ++i) {
      auto r = compile(v.items[i], at + "/" + std::to_string(i));
      if (!r.ok()) return std::move(r).take_error();
      out.push_back(std::move(r).value());
    }
    return Ok{};
  }

  static Status count(const Node& v, std::optional<uint64_t>& out, const std::string& at) {
    if (!v.is_number() || v.number < 0 || v.number != std::floor(v.number))
      return bad(at, "expected a non-negative integer");
    out = static_cast<uint64_t>(v.number);
    return Ok{};
  }

  static Status number(const Node& v, std::optional<double>& out, const std::string& at) {
    if (!v.is_number()) return bad(at, "expected a number");
    out = v.number;
    return Ok{};
  }
};

}  // namespace

const SchemaNode* SchemaNode::property(std::string_view name) const {
  for (const auto& [key, schema] : properties)
    if (key == name) return schema.get();
  return nullptr;
}

Result<Schema> Schema::compile(const Node& schema) {
  auto r = Compiler().compile(schema, "");
  if (!r.ok()) return std::move(r).take_error();
  Schema s;
  s.root_ = std::move(r).value();
  return s;
}

}  // namespace seam::doc
