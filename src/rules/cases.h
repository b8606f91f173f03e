// Rule test cases as data: each case is a small project written inline (or a path to a
// project directory) plus the items one rule must report on it.
//
//   rule: goal-without-metric
//   cases:
//     - name: a goal no metric maps to
//       project:
//         system_context: {version: "1.2", goals: [{id: G1, goal: cut losses}]}
//         trained_model: {version: "1.2"}
//       expect: ["G1"]       # one entry per expected item: text it must contain
//     - name: every goal has a metric
//       project: ...
//       expect: []
//
// Thread safety: run_cases reads the catalogue only; results own their data.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace seam::rules {

struct CaseResult {
  std::string file;
  uint32_t line = 0;
  std::string rule;
  std::string name;
  bool fires = false;     // the case expects at least one item
  bool passed = false;
  std::string problem;    // why it failed
};

// Runs every case in `path` (a file, or a directory searched for *.yaml). Errors are
// about the case files themselves (syntax, unknown rule, invalid descriptor).
Result<std::vector<CaseResult>> run_cases(const Catalogue& catalogue, const std::string& path, const Params& params = {});

}  // namespace seam::rules
