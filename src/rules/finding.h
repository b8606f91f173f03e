// What the analysis reports: findings, their items and where each item sits in the sources.
//
// This is the data behind every output format of `seam check` (text, JSON, Markdown, HTML,
// SARIF, JUnit). The JSON field names are a contract for CI and the server: keep them.
//
// Thread safety: plain values that own all their data (no pointers into documents).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace seam::rules {

enum class Severity : uint8_t { Error, Warning, Info };
enum class FindingKind : uint8_t { Mismatch, Missing };

std::string_view severity_name(Severity s);     // "error", "warning", "info"
std::string_view kind_name(FindingKind k);      // "mismatch", "missing"

// A place in a descriptor file. line/column are 1-based, 0 when the field is absent from the
// file (then the location names the nearest enclosing field that exists).
struct Location {
  std::string descriptor;  // "trained_model"
  std::string pointer;     // JSON pointer, "/output_spec/0/item_type"
  std::string file;        // path as given on the command line; empty if no file
  uint32_t line = 0;
  uint32_t column = 0;
};

struct ItemValue {
  std::string name;
  std::string json;  // the value, already encoded as JSON ("12", "\"Float\"", "null")
};

// An item of another rule about the same fields, folded into this item because this item's
// rule subsumes that rule (`subsumes:` in the rule file): one cause, one finding.
struct Related {
  std::string rule;
  Severity severity = Severity::Warning;
  std::string text;
  std::vector<Location> locations;
};

// Words in a descriptor's prose that a rule relied on (rules reading facts from text).
struct Evidence {
  std::string fact;   // what was read, "not hardware:gpu", "quantity:duration"
  std::string quote;  // the words, as written
  Location location;  // where they are; the column is the quote's own where it can be known
};

// One offending value: a rule that fires on three outputs gives three items.
struct Item {
  std::string text;
  std::vector<ItemValue> values;
  std::vector<Location> locations;
  std::vector<Related> related = {};  // items of subsumed rules about the same fields
  std::vector<Evidence> evidence = {};  // for findings from text: the words they rest on
};

struct Finding {
  std::string rule;       // rule id, e.g. "model-output-type-downstream"
  std::string tec_rule;   // "3A"...; empty when the rule has no TEC counterpart
  FindingKind kind = FindingKind::Mismatch;
  Severity severity = Severity::Warning;
  std::string category;     // taxonomy category, e.g. "Trained Model"
  std::string subcategory;  // taxonomy subcategory, e.g. "API/Specifications"
  std::string message;
  std::string rationale;
  std::vector<std::string> reads;  // fields the rule read, "trained_model.output_spec[].item_type"
  bool from_text = false;  // the rule reads facts from prose ("basis": "text" in JSON)
  bool waived = false;
  std::string waiver_reason;  // with waived: why, and who accepted it
  std::vector<Item> items;
};

// A waiver that no longer does its job: it expired, or it matched nothing.
struct WaiverProblem {
  std::string rule;
  std::string problem;  // "expired" or "unused"
  std::string detail;   // e.g. "expired on 2026-01-31"
  std::string file;
  uint32_t line = 0;
};

// A rule that ran, whether or not it fired: SARIF lists these as its rules and JUnit as its
// test cases.
struct RuleRun {
  std::string id;
  std::string tec_rule;
  FindingKind kind = FindingKind::Mismatch;
  Severity severity = Severity::Warning;
  std::string category;
  std::string subcategory;
  std::string message;
  std::string rationale;
};

struct Report {
  std::string seam_version;
  std::string project;       // the directory as given
  std::string project_name;  // for titles: the directory's own name ("." resolved)
  std::string project_root;  // the directory's absolute path, a base for URIs; may be empty
  std::string generated_at;  // when the check ran, "2026-12-01T00:00:00Z"; may be empty
  std::vector<Error> load_errors;  // documents that did not load or validate
  std::vector<Error> load_warnings;  // problems that do not make a document invalid: unknown fields
  std::vector<Finding> findings;   // in output order: severity, then rule order
  std::vector<WaiverProblem> waiver_problems;
  // Every rule that ran, in catalogue order; shared, because it is the same for every
  // project a catalogue checks. May be null (then only the rules that fired are known).
  std::shared_ptr<const std::vector<RuleRun>> rules_run;

  // Findings per severity, not counting waived ones; waived counts those.
  struct Summary { int error = 0, warning = 0, info = 0, waived = 0; };
  Summary summary() const;
};

}  // namespace seam::rules
