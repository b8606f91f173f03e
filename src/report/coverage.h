// Renderings of `seam rules coverage`: text (default), markdown and json.
//
// Thread safety: renderers are pure functions of their input; call them from any thread.
#pragma once

#include "report/format.h"
#include "rules/coverage.h"

namespace seam::report {

// json: {"subcategories": [{"category", "code", "subcategory", "importance", "rules",
//        "missing_checks", "covered", "coverage"}], "covered", "by_mismatch", "missing_only",
//        "not_covered", "total"}, where "coverage" is "mismatch", "missing_only" or "none".
// Text and markdown show the same kinds apart, with a legend for the abbreviations they use.
// Markdown cells are escaped, so a name with '|' or '*' cannot break the table.
const Formats<rules::Coverage>& coverage_formats();

}  // namespace seam::report
