// Renderings of `seam rules coverage`: text (default), markdown and json.
//
// Thread safety: renderers are pure functions of their input; call them from any thread.
#pragma once

#include "report/format.h"
#include "rules/coverage.h"

namespace seam::report {

// json: {"subcategories": [{"category", "subcategory", "importance", "rules", "missing_checks",
//        "covered"}], "covered", "total"}. Markdown cells are escaped, so a name with '|' or
// '*' cannot break the table.
const Formats<rules::Coverage>& coverage_formats();

}  // namespace seam::report
