// Rules as data: the catalogue in rules/*.yaml, and the user's own files given with --rules.
//
// A rule names its place in the mismatch taxonomy, iterates over descriptor items, tests a
// condition written in the expression language (expr.h), and turns each item it fires on
// into one item of a finding. A missing-information check lists the fields that matter for
// a taxonomy subcategory. docs/rules.md documents the file format.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doc/source.h"
#include "rules/expr.h"
#include "rules/finding.h"
#include "rules/taxonomy.h"

namespace seam::rules {

// Message text with {expression} holes, compiled like any other expression.
struct Template {
  std::vector<std::string> literals;  // literals.size() == holes.size() + 1
  std::vector<ExprPtr> holes;
};

struct Binding {
  std::string name;
  int slot = -1;
  ExprPtr expr;
  std::string text;  // as written, for `seam rules show`
  bool hoisted = false;  // a let that reads no loop variable: evaluated once, before the loops
};

// One field a missing-information check asks for: "trained_model.output_spec[].item_type".
struct FieldPath {
  std::string text;
  int descriptor = -1;                // index into doc::kAllDescriptors
  std::vector<std::string> segments;  // "output_spec[]", "item_type"
};

struct Rule {
  RuleRun info;                       // id, taxonomy, severity, message, rationale
  std::string file;                   // where the rule was defined
  uint32_t line = 0;
  std::vector<std::string> reads;     // fields the rule reads
  std::vector<int> requires_docs;     // descriptors that must be present for the rule to run
  std::vector<Binding> params;        // constants, overridable with --set RULE.NAME=VALUE
  std::vector<Binding> for_each;      // nested loops, outermost first
  std::vector<Binding> lets;          // per item, in order; their values become item values
  ExprPtr when;                       // fires when true (mismatch rules), or gates a check
  std::string when_text;              // as written
  Template item;                      // the item text
  std::vector<ExprPtr> locate;        // values whose places are the item's locations
  std::vector<FieldPath> fields;      // missing-information checks only
  double importance = 0;              // of the subcategory, from the taxonomy survey
  size_t slots = 0;                   // environment size
};

class Catalogue {
 public:
  // The built-in catalogue, compiled into the binary from rules/*.yaml.
  static Result<Catalogue> builtin();
  // Adds the rules in one YAML file. Errors name the file, line and column of the fault.
  Status add_file(const std::string& path);
  Status add_text(const std::string& path, std::string text);
  // Overrides a parameter: "rule-id.name=value". Fails on an unknown rule or parameter.
  Status set_param(const std::string& assignment);

  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const Rule* find(std::string_view id) const;
  const Taxonomy& taxonomy() const { return Taxonomy::builtin(); }

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<std::shared_ptr<const doc::Source>> sources_;  // keep rule texts for later messages
};

}  // namespace seam::rules
