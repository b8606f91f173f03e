// Which taxonomy subcategories the catalogue covers: `seam rules coverage`. Pure and
// thread-safe; the result owns its data.
//
// A subcategory is covered by a mismatch rule when some rule compares descriptors for it,
// and only by a missing-information check when all the catalogue can do is ask for the
// fields; the two are counted apart, since only the first finds a mismatch. Mismatch rules
// that compare structured fields are told apart from those that read facts from prose
// (Rule::from_text), whose findings are weaker evidence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace seam::rules {

enum class CoverageKind : uint8_t { Mismatch, MissingOnly, None };

// "mismatch", "missing_only", "none": the names in JSON.
std::string_view coverage_kind_name(CoverageKind k);

struct SubcategoryCoverage {
  Subcategory subcategory;
  std::vector<std::string> rules;           // mismatch rules, in catalogue order
  std::vector<std::string> text_rules;      // those of them that read facts from prose
  std::vector<std::string> missing_checks;  // missing-information checks
  bool covered() const { return !rules.empty() || !missing_checks.empty(); }
  bool structured() const { return rules.size() > text_rules.size(); }
  CoverageKind kind() const {
    return !rules.empty() ? CoverageKind::Mismatch : missing_checks.empty() ? CoverageKind::None : CoverageKind::MissingOnly;
  }
};

struct Coverage {
  std::vector<SubcategoryCoverage> subcategories;  // in taxonomy order
  size_t covered = 0;       // by anything
  size_t by_mismatch = 0;   // by at least one mismatch rule
  size_t by_structured = 0;  // by at least one mismatch rule on structured fields
  size_t text_only = 0;      // by mismatch rules that all read prose
  size_t missing_only = 0;  // by missing-information checks alone
};

Coverage coverage(const Catalogue& catalogue);

}  // namespace seam::rules
