// The document tree that every loader produces and every later layer reads.
//
// JSON and YAML both load into Node, so validation, upgrades and rules see one model.
// Each node remembers the byte offset of its value in the source text; Source::locate
// turns that into a line and column only when a message needs one, which keeps loading fast.
//
// Thread safety: a parsed tree is immutable once built; read it from any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seam::doc {

enum class Kind : uint8_t { Null, Bool, Int, Float, String, Array, Object };

// "null", "boolean", ... as JSON Schema names the types; used in messages.
std::string_view kind_name(Kind k);

struct Member;

struct Node {
  // User-provided so that value-initialisation (vector::emplace_back()) does not zero the
  // whole node before the member initialisers run: that zeroing was a third of parse time.
  // Defined below Member, which `members` needs complete (clang insists).
  Node() noexcept;

  Kind kind = Kind::Null;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;          // also set for Int, so numeric checks need not branch
  std::string text;           // String value
  std::vector<Node> items;    // Array elements
  std::vector<Member> members;  // Object members, in source order
  uint32_t offset = 0;        // byte offset of the value in its source

  bool is_number() const { return kind == Kind::Int || kind == Kind::Float; }
  // Null, "" or []: what a document leaves out, for the checks of its structure (schema,
  // upgrades). Whether information was given is is_blank's question.
  bool is_absent() const {
    return kind == Kind::Null || (kind == Kind::String && text.empty()) || (kind == Kind::Array && items.empty());
  }
  // Effectively blank: what a form left untouched stores, which tells nothing (docs/rules.md,
  // "Blank"). Null; a string of nothing but white space; a list whose items are all blank; an
  // object whose members are all blank or at a form's default (0 or false). A number or a
  // boolean on its own is information, 0 and false included: a model that needs 0 GPUs says so.
  bool is_blank() const;

  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  // The same, looking first at member `hint` and leaving there the index where `key` was
  // found: documents of one kind list their fields in one order, so a hint kept from the last
  // lookup of the key nearly always hits, and a rule's paths need no scan.
  const Node* find(std::string_view key, uint32_t& hint) const;
  // The member holding `key`, or members.size().
  size_t index_of(std::string_view key) const;
  // Adds or replaces a member; returns the stored value.
  Node& set(std::string_view key, Node value, uint32_t key_offset);
  bool remove(std::string_view key);

  static Node string(std::string s, uint32_t offset);
  static Node object(uint32_t offset);
  // Deep equality as JSON Schema defines it: 1 and 1.0 are equal, member order is not.
  bool equals(const Node& other) const;
  // A short rendering for messages: strings quoted, containers abbreviated.
  std::string describe() const;
};

// The first place where two trees differ in kind, value, source offset, key or member order,
// as a path and what differs; empty when they are identical. For checking that two readers of
// one text agree (yaml_block.h).
std::string first_difference(const Node& a, const Node& b);

struct Member {
  Member() noexcept {}  // see Node()
  Member(std::string k, uint32_t offset, Node v) : key(std::move(k)), key_offset(offset), value(std::move(v)) {}

  std::string key;
  uint32_t key_offset = 0;
  Node value;
};

inline Node::Node() noexcept {}

// The value as compact JSON, members in their order; a non-finite number becomes null.
std::string to_json(const Node& n);

}  // namespace seam::doc
