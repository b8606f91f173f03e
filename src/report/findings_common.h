// Pieces shared by the findings renderers; internal to src/report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.h"

namespace seam::report::detail {

// One block of findings as every format shows it: errors, warnings, info, then waived.
struct Group {
  std::string_view key;    // "error", "warning", "info", "waived"
  std::string_view title;  // "Errors", "Warnings", "Info", "Waived"
  std::vector<const rules::Finding*> findings;
};

// The four groups in display order; empty groups are kept so callers can show "none".
std::vector<Group> group_findings(const rules::Report& r);

// "1 error", "2 warnings": `word` is the singular, plural adds "s".
std::string count(int n, std::string_view word);

// "2 errors, 1 warning, 0 info, 1 waived"
std::string summary_line(const rules::Report::Summary& s);

// "(TEC 3A) " or "" when the rule has no TEC counterpart.
std::string tec_label(std::string_view tec_rule);

// "Trained Model / API/Specifications", leaving out whichever part is empty.
std::string taxonomy(std::string_view category, std::string_view subcategory);

// Where a location points, for people: "a.yaml:3:7", "a.yaml (not present)" when the
// field is absent, "(no raw_data descriptor)" when the descriptor was not given.
std::string place(const rules::Location& l);

// One location as the text and JUnit outputs list it: "at a.yaml:3:7 /ptr",
// "at a.yaml /ptr (not present)", or "(no raw_data descriptor)".
std::string location_line(const rules::Location& l);

// `s` with every line after the first indented by `indent`, so multi-line values stay
// inside their list entry.
std::string indent_lines(std::string_view s, std::string_view indent);

// "error", "warning" or "note": SARIF's names, also used for JUnit failure types.
std::string_view sarif_level(rules::Severity s);

// The rule of the report's catalogue with this id, or nullptr.
const rules::RuleRun* find_rule(const rules::Report& r, std::string_view id);

// rules_run plus one entry, built from the finding, for every rule that fired but is not
// in rules_run, so that SARIF indexes and JUnit cases cover every finding.
std::vector<rules::RuleRun> all_rules(const rules::Report& r);

// Where `file` lies relative to the report's project directory, worked out from the two
// paths alone: "trained_model.yaml", "../rules.yaml"; "" when that cannot be said (say, an
// absolute file in a project given as a relative path).
std::string relative_to_project(const rules::Report& r, std::string_view file);

// Whether a relative_to_project result names something inside the project.
bool inside_project(std::string_view relative);

// A finding's message and one item's text as one sentence: "The model needs more memory than
// production has: the model needs 64 GiB.", without the message's own full stop in between.
std::string message_with_item(std::string_view message, std::string_view item);

// "waivers.yaml:12: warning: waiver for RULE expired on 2026-01-31"
std::string waiver_problem_line(const rules::WaiverProblem& p);

}  // namespace seam::report::detail
