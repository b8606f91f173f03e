// Values of the rule language.
//
// A value read from a descriptor keeps a pointer to its document node, so a finding can say
// exactly where the offending value sits (file, line, JSON pointer) without copying the
// document. Values computed by an expression (arithmetic, filter results, strings built by
// functions) own their data. Either way the value is cheap to copy.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"

namespace seam::rules {

class Value {
 public:
  enum class Type : uint8_t { Null, Bool, Int, Double, String, List, Object };

  Value() = default;
  static Value boolean(bool b);
  static Value integer(int64_t i);
  static Value number(double d);
  static Value string(std::string s);
  static Value list(std::vector<Value> items);
  // A value that is node `n` of descriptor `doc` (index into doc::kAllDescriptors).
  static Value of(const doc::Node* n, int doc);
  // A let not evaluated yet (engine.cc): null to everything but evaluate(), which computes it
  // when the let's slot is read.
  static Value pending() {
    Value v;
    v.pending_ = true;
    return v;
  }
  bool is_pending() const { return pending_; }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_number() const { return type_ == Type::Int || type_ == Type::Double; }
  // seam's "not provided": effectively blank, as doc::Node::is_blank defines it (null, white
  // space, lists of blanks, objects of blanks and form defaults); 0 and false are values.
  bool is_absent() const;

  bool as_bool() const { return type_ == Type::Bool && b_; }
  int64_t as_int() const { return type_ == Type::Int ? i_ : 0; }
  double as_double() const { return type_ == Type::Int ? static_cast<double>(i_) : type_ == Type::Double ? d_ : 0; }
  std::string_view as_string() const;

  size_t size() const;               // list length, string length, object member count
  Value at(size_t i) const;          // list element
  Value field(std::string_view name) const;  // object member; null when absent

  // Where this value came from, when it was read from a descriptor.
  const doc::Node* node() const { return node_; }
  // What walking this value costs: 1, or for a computed list its elements, nested included
  // (at most UINT32_MAX, far beyond any budget).
  uint64_t weight() const { return weight_; }
  int doc() const { return doc_; }

  // Scalars for messages: strings unquoted, numbers without trailing zeros.
  std::string to_text() const;
  // The value as JSON, for the "values" of a finding item.
  std::string to_json() const;
  // Deep equality; 1 == 1.0.
  bool equals(const Value& other) const;

  // This value without a share in its computed string or list: copying it costs no
  // reference counting, and it is valid while this value lives. For the literals of compiled
  // expressions, which live as long as the catalogue.
  Value borrowed() const {
    Value v = *this;
    if (heap_) v.heap_ = std::shared_ptr<const void>(std::shared_ptr<const void>(), heap_.get());
    return v;
  }

 private:
  const std::string& str() const { return *static_cast<const std::string*>(heap_.get()); }
  const std::vector<Value>& items() const { return *static_cast<const std::vector<Value>*>(heap_.get()); }

  // 40 bytes: values are copied and held in every environment slot.
  Type type_ = Type::Null;
  int8_t doc_ = -1;
  bool pending_ = false;
  uint32_t weight_ = 1;  // see weight() and budget.h
  union {
    bool b_;
    int64_t i_ = 0;
    double d_;
  };
  const doc::Node* node_ = nullptr;   // set for values read from documents
  // A computed string or list (by type_); shared, so that copies are cheap.
  std::shared_ptr<const void> heap_;
};
static_assert(sizeof(Value) == 40);

}  // namespace seam::rules
