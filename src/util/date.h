// The calendar date that reports and reviews use.
#pragma once

#include <cstdint>
#include <string>

namespace seam {

// Today's date in UTC, YYYY-MM-DD. When SOURCE_DATE_EPOCH is set to a number of seconds (the
// reproducible-builds convention), that instant is "now", so a report made today can be
// rebuilt byte for byte later. Thread-safe.
std::string today_utc();

// The same instant with its time of day, ISO 8601 in UTC: "2026-12-01T00:00:00Z", for the
// "generated at" line of reports. Thread-safe.
std::string now_utc();

// The same format for a given Unix time in seconds. Thread-safe.
std::string iso_utc(int64_t unix_seconds);

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (negative before).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

// The inverse: the year, month and day of a day count.
void civil_from_days(int64_t days, int64_t& y, unsigned& m, unsigned& d);

// Days in month m (1-12) of year y.
unsigned days_in_month(int64_t y, unsigned m);

}  // namespace seam
