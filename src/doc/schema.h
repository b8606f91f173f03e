// A JSON Schema (draft-07) validator for the keywords seam's schemas need.
//
// Why not a general library: seam's messages must say what was expected and what was
// found, point at the exact node (and so at a line and column), and treat null and "" as
// "not provided". Compiling the schema once into this tree keeps validation in the same
// microsecond range as parsing.
//
// Supported: type, enum, const, properties, required, additionalProperties, items (one
// schema or a tuple), additionalItems, minItems, maxItems, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, minLength, maxLength, allOf, anyOf, oneOf, not,
// format ("date" is checked; other formats are annotations, as draft-07 allows).
// Ignored annotations: $schema, $id, $comment, title, description, default, examples.
// Recorded annotation: deprecated (from draft 2019-09): a field that is read and checked
// but that nobody should write any more, such as a key of an older TEC format.
// Anything else is refused at compile time, so a schema never silently means less than
// it says.
//
// Thread safety: a compiled Schema is immutable; validate from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "doc/node.h"
#include "util/result.h"

namespace seam::doc {

struct SchemaNode;

struct Violation {
  std::string pointer;  // JSON pointer of the offending value (or of the missing field)
  uint32_t offset = 0;  // where to point in the source
  std::string message;  // "expected ...; found ..."
};

struct ValidateOptions {
  // seam's reading: null, "" and [] mean "not provided", so they are skipped rather than
  // type-checked, and a required field holding one counts as missing. Off for plain
  // JSON Schema semantics (the conformance suite).
  bool absent_means_missing = true;
};

class Schema {
 public:
  // Compiles a schema document. Fails on unsupported keywords or malformed keyword values,
  // naming the JSON pointer inside the schema.
  static Result<Schema> compile(const Node& schema);

  // Appends every violation of `doc` to `out` (empty means valid).
  void validate(const Node& doc, std::vector<Violation>& out, const ValidateOptions& opts = {}) const;

  // Appends a violation for each object member that the schema does not define, with the
  // closest defined field as a suggestion: a mistyped field name would otherwise read as
  // "not provided". Only objects whose fields the schema lists without additionalProperties
  // or combinators are closed; members named "x-..." are extensions and always allowed.
  void unknown_fields(const Node& doc, std::vector<Violation>& out) const;

  const SchemaNode& root() const { return *root_; }

 private:
  std::shared_ptr<const SchemaNode> root_;
};

// The compiled form, readable by tools that walk a schema (templates, documentation).
struct SchemaNode {
  // Bit in `types` for "integer": also admits floats with no fractional part (draft-06+).
  static constexpr uint8_t kIntegralFloat = 1u << 7;

  bool reject_all = false;  // the schema `false`
  uint8_t types = 0;        // bit (1 << Kind) per allowed kind; 0 allows any
  std::vector<Node> enum_values;
  std::optional<Node> const_value;
  std::vector<std::pair<std::string, std::unique_ptr<SchemaNode>>> properties;
  std::vector<std::string> required;
  std::unique_ptr<SchemaNode> additional_properties;  // null: anything goes
  std::unique_ptr<SchemaNode> items;                   // every element
  std::vector<std::unique_ptr<SchemaNode>> tuple_items;
  std::unique_ptr<SchemaNode> additional_items;
  std::optional<uint64_t> min_items, max_items, min_length, max_length;
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::vector<std::unique_ptr<SchemaNode>> all_of, any_of, one_of;
  std::unique_ptr<SchemaNode> not_schema;
  std::string format, title, description;
  bool deprecated = false;  // accepted, not suggested, left out of templates and docs

  bool allows(Kind k) const { return types == 0 || (types >> static_cast<int>(k)) & 1; }
  const SchemaNode* property(std::string_view name) const;
};

}  // namespace seam::doc
