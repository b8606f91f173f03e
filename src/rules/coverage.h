// Which taxonomy subcategories the catalogue covers: `seam rules coverage`. Pure and
// thread-safe; the result owns its data.
#pragma once

#include <string>
#include <vector>

#include "rules/rule.h"

namespace seam::rules {

struct SubcategoryCoverage {
  Subcategory subcategory;
  std::vector<std::string> rules;           // mismatch rules, in catalogue order
  std::vector<std::string> missing_checks;  // missing-information checks
  bool covered() const { return !rules.empty() || !missing_checks.empty(); }
};

struct Coverage {
  std::vector<SubcategoryCoverage> subcategories;  // in taxonomy order
  size_t covered = 0;
};

Coverage coverage(const Catalogue& catalogue);

}  // namespace seam::rules
