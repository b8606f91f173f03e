// One column's drift test, with the interval of its statistic and its three-valued verdict;
// internal to src/stats (compare() in drift.cc runs it over the shared columns).
#pragma once

#include "stats/drift.h"

namespace seam::stats::detail {

// Tests column ri of the reference against column ci of the current data (same name and
// type). Fails when the method does not fit the column type.
Result<ColumnDrift> test_column(const DriftInput& ref, const DriftInput& cur, size_t ri, size_t ci, const DriftOptions& o);

// What the ranges of a timestamp column on the two sides say: where each begins and ends,
// and whether the current data overlaps the reference or how many days lie between them.
std::string time_ranges_note(const ColumnProfile& ref, const ColumnProfile& cur);

}  // namespace seam::stats::detail
