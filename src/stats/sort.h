// Sorting doubles faster than std::sort: the KLL sketch sorts each batch it takes, and the
// KS test sorts each window's values.
#pragma once

#include <span>

namespace seam::stats {

// Sorts ascending (-0 before +0; NaNs, which callers drop first, after +inf or before -inf by
// their sign). An LSD radix sort over the 32 highest bits that differ, then std::sort within
// runs alike in those bits.
void sort_doubles(std::span<double> v);

}  // namespace seam::stats
