#include "rules/coverage.h"

namespace seam::rules {

std::string_view coverage_kind_name(CoverageKind k) {
  switch (k) {
    case CoverageKind::Mismatch: return "mismatch";
    case CoverageKind::MissingOnly: return "missing_only";
    case CoverageKind::None: return "none";
  }
  return "none";
}

Coverage coverage(const Catalogue& catalogue) {
  Coverage c;
  for (const auto& sub : catalogue.taxonomy().all()) {
    SubcategoryCoverage s{sub, {}, {}, {}};
    for (const auto& r : catalogue.rules()) {
      if (r->info.category != sub.category || r->info.subcategory != sub.name) continue;
      (r->info.kind == FindingKind::Mismatch ? s.rules : s.missing_checks).push_back(r->info.id);
      if (r->info.kind == FindingKind::Mismatch && r->from_text) s.text_rules.push_back(r->info.id);
    }
    c.covered += s.covered();
    c.by_mismatch += s.kind() == CoverageKind::Mismatch;
    c.by_structured += s.structured();
    c.text_only += s.kind() == CoverageKind::Mismatch && !s.structured();
    c.missing_only += s.kind() == CoverageKind::MissingOnly;
    c.subcategories.push_back(std::move(s));
  }
  return c;
}

}  // namespace seam::rules
