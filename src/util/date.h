// The calendar date that reports and reviews use.
#pragma once

#include <string>

namespace seam {

// Today's date in UTC, YYYY-MM-DD. When SOURCE_DATE_EPOCH is set to a number of seconds (the
// reproducible-builds convention), that instant is "now", so a report made today can be
// rebuilt byte for byte later. Thread-safe.
std::string today_utc();

}  // namespace seam
