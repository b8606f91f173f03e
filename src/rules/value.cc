#include "rules/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "rules/budget.h"
#include "util/json_writer.h"

namespace seam::rules {

Value Value::boolean(bool b) {
  Value v;
  v.type_ = Type::Bool;
  v.b_ = b;
  return v;
}

Value Value::integer(int64_t i) {
  Value v;
  v.type_ = Type::Int;
  v.i_ = i;
  return v;
}

Value Value::number(double d) {
  Value v;
  v.type_ = Type::Double;
  v.d_ = d;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.type_ = Type::String;
  v.heap_ = std::make_shared<const std::string>(std::move(s));
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.type_ = Type::List;
  uint64_t weight = 1;
  for (const Value& i : items) weight += i.weight_;
  EvalBudget::charge(weight);
  v.weight_ = static_cast<uint32_t>(std::min<uint64_t>(weight, UINT32_MAX));
  v.heap_ = std::make_shared<const std::vector<Value>>(std::move(items));
  return v;
}

Value Value::of(const doc::Node* n, int doc) {
  Value v;
  if (!n) return v;
  v.node_ = n;
  v.doc_ = static_cast<int8_t>(doc);
  switch (n->kind) {
    case doc::Kind::Null: v.type_ = Type::Null; break;
    case doc::Kind::Bool: v.type_ = Type::Bool; v.b_ = n->boolean; break;
    case doc::Kind::Int: v.type_ = Type::Int; v.i_ = n->integer; break;
    case doc::Kind::Float: v.type_ = Type::Double; v.d_ = n->number; break;
    case doc::Kind::String: v.type_ = Type::String; break;
    case doc::Kind::Array: v.type_ = Type::List; break;
    case doc::Kind::Object: v.type_ = Type::Object; break;
  }
  return v;
}

bool Value::is_absent() const {
  switch (type_) {
    case Type::String:  // a name of only spaces names nothing
      for (const char c : as_string())
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
      return true;
    case Type::Null: return true;
    case Type::List:
    case Type::Object:
      if (node_) return node_->is_blank();
      for (size_t i = 0; i < size(); ++i)
        if (!at(i).is_absent()) return false;
      return true;
    default: return false;
  }
}

std::string_view Value::as_string() const {
  if (type_ != Type::String) return {};
  return node_ ? std::string_view(node_->text) : std::string_view(str());
}

size_t Value::size() const {
  switch (type_) {
    case Type::String: return as_string().size();
    case Type::List: return node_ ? node_->items.size() : items().size();
    case Type::Object: return node_ ? node_->members.size() : 0;
    default: return 0;
  }
}

Value Value::at(size_t i) const {
  if (type_ != Type::List || i >= size()) return {};
  return node_ ? of(&node_->items[i], doc_) : items()[i];
}

Value Value::field(std::string_view name) const {
  if (type_ != Type::Object || !node_) return {};
  return of(node_->find(name), doc_);
}

namespace {

// As printf's "%.0f" for whole numbers and "%.10g" otherwise, which to_chars matches by
// definition, without printf's locale and format parsing.
std::string format_number(double d) {
  char buf[64];
  const bool whole = std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15;
  const auto r = whole ? std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, 0)
                       : std::to_chars(buf, buf + sizeof buf, d, std::chars_format::general, 10);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string Value::to_text() const {
  switch (type_) {
    case Type::Null: return "null";
    case Type::Bool: return b_ ? "true" : "false";
    case Type::Int: return std::to_string(i_);
    case Type::Double: return format_number(d_);
    case Type::String: return std::string(as_string());
    case Type::List: {
      std::string out = "[";
      for (size_t i = 0; i < size(); ++i) out.append(i ? ", " : "").append(at(i).to_text());
      return out + "]";
    }
    case Type::Object: return node_ ? node_->describe() : "{}";
  }
  return {};
}

std::string Value::to_json() const {
  switch (type_) {
    case Type::Null: return "null";
    case Type::Bool: return b_ ? "true" : "false";
    case Type::Int: return std::to_string(i_);
    case Type::Double: return std::isfinite(d_) ? format_number(d_) : "null";
    case Type::String: {
      std::string out;
      JsonWriter::escape(as_string(), out);  // adds the quotes
      return out;
    }
    case Type::List: {
      std::string out = "[";
      for (size_t i = 0; i < size(); ++i) out.append(i ? "," : "").append(at(i).to_json());
      return out + "]";
    }
    case Type::Object: {
      std::string out = "{";
      for (size_t i = 0; node_ && i < node_->members.size(); ++i) {
        const auto& m = node_->members[i];
        if (i) out += ',';
        JsonWriter::escape(m.key, out);
        out += ':' + of(&m.value, doc_).to_json();
      }
      return out + "}";
    }
  }
  return "null";
}

bool Value::equals(const Value& o) const {
  if (is_number() && o.is_number())
    return type_ == Type::Int && o.type_ == Type::Int ? i_ == o.i_ : as_double() == o.as_double();
  if (type_ != o.type_) return false;
  switch (type_) {
    case Type::Null: return true;
    case Type::Bool: return b_ == o.b_;
    case Type::String: return as_string() == o.as_string();
    case Type::List: {
      if (size() != o.size()) return false;
      for (size_t i = 0; i < size(); ++i)
        if (!at(i).equals(o.at(i))) return false;
      return true;
    }
    case Type::Object: return node_ && o.node_ && node_->equals(*o.node_);
    default: return false;
  }
}

}  // namespace seam::rules
