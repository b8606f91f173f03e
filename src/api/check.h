// The check use-case: load a project, run the rule catalogue over it, apply its waivers.
// `seam check`, the TRL gates, the server and the Python module all check through here, so
// they agree on options, waivers and what counts as failing.
//
// Thread safety: an Analyzer is immutable once made; any number of threads may check
// projects with one Analyzer at once. Results own all their data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doc/load.h"
#include "rules/engine.h"
#include "rules/finding.h"
#include "util/fs.h"

namespace seam::api {

struct CheckOptions {
  std::vector<std::string> rule_files;  // rule files added to the built-in catalogue
  std::vector<std::string> params;      // parameter overrides, "rule-id.name=value"
  bool strict = false;                  // unknown fields in descriptors are errors, not warnings
};

// The catalogue with the options applied, ready to check any number of projects.
struct Analyzer {
  rules::Catalogue catalogue;
  rules::Params params;
  doc::LoadOptions load;  // how each project's descriptors are loaded
  // Every rule of the catalogue, for reports that list what ran (SARIF, JUnit); shared by
  // every report the analyzer makes.
  std::shared_ptr<const std::vector<rules::RuleRun>> rules_run;
};

// Fails on a rule file that cannot be read or compiled (Io or Invalid, located) and on a bad
// parameter override (Usage).
Result<Analyzer> make_analyzer(const CheckOptions& options, const FileSystem& fs = disk());

enum class FailOn : uint8_t { Error, Warning, Never };
std::optional<FailOn> fail_on_from_name(std::string_view name);  // "error", "warning", "never"
// The same, failing with a Usage error at "/fail_on" that suggests the closest level ("warn").
Result<FailOn> parse_fail_on(std::string_view name);

struct CheckResult {
  rules::Report report;               // every field filled, whatever the output format
  bool unreadable = false;            // a descriptor or the waivers file could not be read
  std::vector<std::string> present;   // ids of the descriptors the project has
};

// Checks the project in `dir` as of `today` (YYYY-MM-DD, for waiver expiry). Fails only when
// the directory cannot be listed or holds no descriptor (see doc::load_project); unreadable
// or invalid documents and a malformed waivers file are reported in report.load_errors,
// unknown fields in report.load_warnings (load_errors when strict), and the analysis runs on
// what did load.
Result<CheckResult> check_project(const Analyzer& analyzer, const std::string& dir, const std::string& today,
                                  const FileSystem& fs = disk());

// Whether a checked project fails under `fail_on`: an unreadable project or an invalid
// document always does (unless Never), as does a finding of that severity or worse that is
// not waived; under Warning, so does a load warning.
bool fails(const CheckResult& result, FailOn fail_on);

}  // namespace seam::api
