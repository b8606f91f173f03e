// The analyzer: runs a rule catalogue over the descriptors of one project.
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
  std::array<const doc::Node*, 8> roots{};
  std::array<const doc::Source*, 8> sources{};  // for line and column; may be null
  std::array<std::string, 8> files;             // as shown in locations
};

// Every document of the project that parsed, valid or not: the analysis runs on whatever
// loaded, and the validation errors are reported beside it.
Subject subject_of(const doc::Project& project);

// Runs every rule. Findings come ordered by severity; within one severity, mismatches in
// catalogue order, then missing information by importance, most important first.
std::vector<Finding> analyse(const Catalogue& catalogue, const Subject& subject);

}  // namespace seam::rules
