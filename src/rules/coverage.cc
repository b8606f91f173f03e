#include "rules/coverage.h"

namespace seam::rules {

Coverage coverage(const Catalogue& catalogue) {
  Coverage c;
  for (const auto& sub : catalogue.taxonomy().all()) {
    SubcategoryCoverage s{sub, {}, {}};
    for (const auto& r : catalogue.rules())
      if (r->info.category == sub.category && r->info.subcategory == sub.name)
        (r->info.kind == FindingKind::Mismatch ? s.rules : s.missing_checks).push_back(r->info.id);
    c.covered += s.covered();
    c.subcategories.push_back(std::move(s));
  }
  return c;
}

}  // namespace seam::rules
