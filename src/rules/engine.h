// The analyzer: runs a rule catalogue over the descriptors of one project.
// Thread safety: analyse() may run in any number of threads over the same catalogue and
// project; a Subject borrows the project's documents, which must outlive it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "doc/load.h"
#include "rules/finding.h"
#include "rules/rule.h"

namespace seam::rules {

// The documents a rule run sees, by descriptor (index in doc::kAllDescriptors). A null root
// means the descriptor is absent. Roots must outlive the analysis.
struct Subject {
  std::array<const doc::Node*, doc::kDescriptorCount> roots{};
  std::array<const doc::Source*, doc::kDescriptorCount> sources{};  // for line and column; may be null
  std::array<std::string, doc::kDescriptorCount> files;           // as shown in locations
};

// Every document of the project that parsed, valid or not: the analysis runs on whatever
// loaded, and the validation errors are reported beside it.
Subject subject_of(const doc::Project& project);

// Runs every rule, with `params` overriding rule parameters. Findings come ordered by
// severity; within one severity, mismatches in catalogue order, then missing information by
// importance, most important first. The findings own all their data (no pointers into the
// documents). Thread-safe: reads the catalogue, the params and the subject, writes nothing shared.
// A rule that spends its evaluation budget (budget.h) gives no finding; an error naming it
// goes to `errors` when given.
std::vector<Finding> analyse(const Catalogue& catalogue, const Subject& subject, const Params& params = {},
                             std::vector<Error>* errors = nullptr);

}  // namespace seam::rules
