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

// A rule id named in a rule file (`subsumes:`), with where it was written, so that a wrong id
// can be reported at its place once every rule it may name has loaded.
struct RuleRef {
  std::string id;
  uint32_t offset = 0;   // in the rule's file
  std::string pointer;   // "/rules/3/subsumes/0"
};

struct Rule {
  RuleRun info;                       // id, taxonomy, severity, message, rationale
  std::string file;                   // where the rule was defined
  uint32_t line = 0;
  std::vector<std::string> reads;     // fields the rule reads
  bool from_text = false;             // it reads facts from prose (says, amount...)
  std::vector<int> requires_docs;     // descriptors that must be present for the rule to run
  bool requires_given = false;        // written in the rule (maybe []), not derived
  std::vector<Binding> params;        // constants, overridable with --set RULE.NAME=VALUE
  std::vector<Binding> for_each;      // nested loops, outermost first
  std::vector<Binding> lets;          // per item, in order; their values become item values
  ExprPtr when;                       // fires when true (mismatch rules), or gates a check
  std::string when_text;              // as written
  Template item;                      // the item text
  std::vector<ExprPtr> locate;        // values whose places are the item's locations
  std::vector<FieldPath> fields;      // missing-information checks only
  // Rules whose items about the same fields are folded into this rule's items as related.
  std::vector<RuleRef> subsumes;
  double importance = 0;              // of the subcategory, from the taxonomy survey
  size_t slots = 0;                   // environment size
};

// Parameter overrides for one analysis ("statistic-differs.tolerance=0.1"), checked against
// a catalogue. They are passed into analyse(), never written into the rules, so one shared
// catalogue serves analyses with different parameters. Immutable once made; owns its values.
class Params {
 public:
  struct Override {
    const Rule* rule;  // owned by the catalogue the Params were made for
    int slot;
    Value value;
  };
  const Value* find(const Rule& rule, int slot) const;
  bool empty() const { return overrides_.empty(); }

 private:
  friend class Catalogue;
  std::vector<Override> overrides_;
};

// A compiled rule catalogue. Building one (add_file, add_text) is not thread-safe; once built
// it is read-only, and any number of threads may analyse with it at once. Copies are cheap:
// they share the compiled rules, which stay alive as long as any copy does.
class Catalogue {
 public:
  // The built-in catalogue (rules/*.yaml, embedded in the binary as JSON converted at build
  // time by scripts/rules_to_json.cc), compiled once per process on first use. Thread-safe. The test suite checks the embedded rules, so a failure
  // to compile them is a build defect and aborts.
  static const Catalogue& builtin();
  // Adds the rules in one YAML file. Errors name the file, line and column of the fault. The
  // ids a rule names (subsumes) must be rules of the catalogue once the file is added; on any
  // error the catalogue is left as it was.
  Status add_file(const std::string& path, const FileSystem& fs = disk());
  Status add_text(const std::string& path, std::string text);
  // Checks overrides written "rule-id.name=value" and converts each value to the parameter's
  // type. Fails, with a Usage error at "/params", on an unknown rule or parameter or a value of
  // the wrong type.
  Result<Params> params(const std::vector<std::string>& assignments) const;

  const std::vector<std::shared_ptr<const Rule>>& rules() const { return rules_; }
  const Rule* find(std::string_view id) const;
  std::vector<std::string> ids() const;  // every rule id, in catalogue order
  const Taxonomy& taxonomy() const { return Taxonomy::builtin(); }

 private:
  Status override_one(const std::string& assignment, Params& out) const;
  // Without link(). `json`: the text is JSON (the built-in files, converted at build time).
  Status load_text(const std::string& path, std::string text, bool json = false);
  // Checks the rule ids named by rules_[first...] against the whole catalogue.
  Status link(size_t first) const;
  Status link_one(const Rule& r) const;

  std::vector<std::shared_ptr<const Rule>> rules_;
  std::vector<std::shared_ptr<const doc::Source>> sources_;  // keep rule texts for later messages
};

}  // namespace seam::rules
