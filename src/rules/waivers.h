// Waivers: findings a team has looked at and accepted, kept in the project's waivers.yaml.
//
//   waivers:
//     - rule: model-output-type-downstream
//       match: fraud_probability     # optional: only items whose text or values contain this
//       reason: the scoring service rounds the score on purpose
//       accepted_by: Dana Ruiz
//       expires: 2027-03-31          # optional
//
// A waived finding stays in the report, marked as waived, and does not fail the run. A
// waiver that has expired no longer applies, and one that matches nothing is reported, so
// that the file does not rot.
//
// Thread safety: loading and apply_waivers touch only their arguments.
#pragma once

#include <string>
#include <vector>

#include "doc/load.h"
#include "rules/finding.h"
#include "util/fs.h"
#include "util/result.h"

namespace seam::rules {

struct Waiver {
  std::string rule;
  std::string match;
  std::string reason;
  std::string accepted_by;
  std::string expires;  // YYYY-MM-DD, or empty
  uint32_t line = 0;
};

struct WaiverFile {
  std::string path;  // empty when the project has none
  std::vector<Waiver> waivers;
};

// Reads the project's waivers.yaml (or .yml), which its listing (Project::ignored) names. No
// file is no waivers; a malformed file is an error located at its line and column.
Result<WaiverFile> load_waivers(const doc::Project& project, const FileSystem& fs = disk());
// The same from the bytes of a waivers file; `path` names it in messages.
Result<WaiverFile> waivers_from_text(const std::string& path, std::string text);

// Marks waived findings (splitting a finding when a waiver matches only some items) and
// reports expired and unused waivers. `today` is YYYY-MM-DD. `rule_ids`, the catalogue's
// rules, lets an unused waiver for a misspelt rule suggest the rule meant.
void apply_waivers(const WaiverFile& file, const std::string& today, std::vector<Finding>& findings,
                   std::vector<WaiverProblem>& problems, const std::vector<std::string>& rule_ids = {});

}  // namespace seam::rules
