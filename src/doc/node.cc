#include "doc/node.h"

#include <cstring>

#include <algorithm>
#include <cstdio>

#include "util/json_writer.h"
#include "util/text.h"

namespace seam::doc {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Bool: return "boolean";
    case Kind::Int: return "integer";
    case Kind::Float: return "number";
    case Kind::String: return "string";
    case Kind::Array: return "array";
    case Kind::Object: return "object";
  }
  return "?";
}

size_t Node::index_of(std::string_view key) const {
  // Rules look up fields millions of times; checking length and first byte before memcmp
  // skips almost every non-matching key without a call.
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string& k = members[i].key;
    if (k.size() == key.size() && (key.empty() || (k[0] == key[0] && std::memcmp(k.data(), key.data(), key.size()) == 0)))
      return i;
  }
  return members.size();
}

bool Node::is_blank() const {
  switch (kind) {
    case Kind::Null: return true;
    case Kind::String: return text::trim(text).empty();
    case Kind::Array: return std::all_of(items.begin(), items.end(), [](const Node& n) { return n.is_blank(); });
    case Kind::Object:
      return std::all_of(members.begin(), members.end(), [](const Member& m) {
        const Node& v = m.value;
        return v.is_blank() || (v.is_number() && v.number == 0) || (v.kind == Kind::Bool && !v.boolean);
      });
    default: return false;
  }
}

const Node* Node::find(std::string_view key) const {
  const size_t i = index_of(key);
  return i < members.size() ? &members[i].value : nullptr;
}

const Node* Node::find(std::string_view key, uint32_t& hint) const {
  if (hint < members.size() && members[hint].key == key) return &members[hint].value;
  const size_t i = index_of(key);
  if (i == members.size()) return nullptr;
  hint = static_cast<uint32_t>(i);
  return &members[i].value;
}

Node* Node::find(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->find(key));
}

Node& Node::set(std::string_view key, Node value, uint32_t key_offset) {
  if (Node* existing = find(key)) return *existing = std::move(value);
  // cppcheck-suppress accessMoved ; the line above returns when it moves value
  members.emplace_back(std::string(key), key_offset, std::move(value));
  return members.back().value;
}

bool Node::remove(std::string_view key) {
  auto it = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.key == key; });
  if (it == members.end()) return false;
  members.erase(it);
  return true;
}

Node Node::string(std::string s, uint32_t offset) {
  Node n;
  n.kind = Kind::String;
  n.text = std::move(s);
  n.offset = offset;
  return n;
}

Node Node::object(uint32_t offset) {
  Node n;
  n.kind = Kind::Object;
  n.offset = offset;
  return n;
}

bool Node::equals(const Node& o) const {
  if (is_number() && o.is_number()) {
    if (kind == Kind::Int && o.kind == Kind::Int) return integer == o.integer;
    return number == o.number;
  }
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::Null: return true;
    case Kind::Bool: return boolean == o.boolean;
    case Kind::String: return text == o.text;
    case Kind::Array:
      return std::equal(items.begin(), items.end(), o.items.begin(), o.items.end(),
                        [](const Node& a, const Node& b) { return a.equals(b); });
    case Kind::Object:
      if (members.size() != o.members.size()) return false;
      for (const auto& m : members) {
        const Node* other = o.find(m.key);
        if (!other || !m.value.equals(*other)) return false;
      }
      return true;
    default: return false;
  }
}

std::string Node::describe() const {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return boolean ? "true" : "false";
    case Kind::Int: return std::to_string(integer);
    case Kind::Float: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", number);
      return buf;
    }
    case Kind::String: return text::quote(text);
    case Kind::Array: return "an array of " + std::to_string(items.size()) + " items";
    case Kind::Object: return "an object";
  }
  return "?";
}

static void write_json(JsonWriter& w, const Node& n) {
  switch (n.kind) {
    case Kind::Null: w.null(); break;
    case Kind::Bool: w.value(n.boolean); break;
    case Kind::Int: w.value(n.integer); break;
    case Kind::Float: w.value(n.number); break;
    case Kind::String: w.value(n.text); break;
    case Kind::Array:
      w.begin_array();
      for (const auto& item : n.items) write_json(w, item);
      w.end_array();
      break;
    case Kind::Object:
      w.begin_object();
      for (const auto& m : n.members) write_json(w.key(m.key), m.value);
      w.end_object();
      break;
  }
}

std::string to_json(const Node& n) {
  JsonWriter w;
  write_json(w, n);
  return w.str();
}

namespace {

std::string difference(const Node& a, const Node& b, const std::string& at) {
  auto where = [&](const std::string& what) { return (at.empty() ? "/" : at) + ": " + what; };
  if (a.kind != b.kind) return where("kind " + std::string(kind_name(a.kind)) + " vs " + std::string(kind_name(b.kind)));
  if (a.offset != b.offset) return where("offset " + std::to_string(a.offset) + " vs " + std::to_string(b.offset));
  if (a.text != b.text) return where("text '" + a.text + "' vs '" + b.text + "'");
  if (a.boolean != b.boolean || a.integer != b.integer || (a.number != b.number && a.number == a.number)) return where("value");
  if (a.items.size() != b.items.size()) return where("list length");
  if (a.members.size() != b.members.size()) return where("member count");
  for (size_t i = 0; i < a.items.size(); ++i)
    if (auto d = difference(a.items[i], b.items[i], at + "/" + std::to_string(i)); !d.empty()) return d;
  for (size_t i = 0; i < a.members.size(); ++i) {
    if (a.members[i].key != b.members[i].key || a.members[i].key_offset != b.members[i].key_offset)
      return where("member " + std::to_string(i) + " key '" + a.members[i].key + "' vs '" + b.members[i].key + "'");
    if (auto d = difference(a.members[i].value, b.members[i].value, at + "/" + a.members[i].key); !d.empty()) return d;
  }
  return "";
}

}  // namespace

std::string first_difference(const Node& a, const Node& b) { return difference(a, b, ""); }

}  // namespace seam::doc
