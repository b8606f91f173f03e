// Timestamps as profiling reads them: ISO 8601 dates and date-times, as data files and logs
// write them, turned into seconds since 1970-01-01T00:00:00Z so that the numeric summaries
// (moments, quantiles, histograms, distinct counts) and drift tests apply unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seam::stats {

// How a timestamp was written.
enum class TimeForm : uint8_t {
  Date,       // 2026-03-01: midnight UTC
  Local,      // 2026-03-01T12:30:00 (or with a space): no zone, read as UTC
  Zoned,      // 2026-03-01T12:30:00.125+01:00, ...Z: an instant
};

// What a number in a timestamp column counts since 1970-01-01T00:00:00Z. Numbers are read as
// instants only where the user declares the unit (--types c=timestamp:ms): a bare number could
// as well be a count or an id, so it is never taken for a time by inference.
enum class EpochUnit : uint8_t { None, Seconds, Milliseconds };
// "", "s", "ms"
std::string_view epoch_unit_name(EpochUnit u);
std::optional<EpochUnit> epoch_unit_from_name(std::string_view name);
// Seconds per unit.
inline double epoch_scale(EpochUnit u) { return u == EpochUnit::Milliseconds ? 1e-3 : 1.0; }
// `count` units since the epoch as seconds; false without a unit or outside the years
// 0000-9999 that ISO dates cover (which is how milliseconds declared as seconds show: as
// instants that cannot be).
bool epoch_instant(double count, EpochUnit unit, double& seconds);

// Reads YYYY-MM-DD, optionally followed by 'T' or one space and hh:mm, hh:mm:ss or
// hh:mm:ss.fraction (any number of digits), optionally followed by 'Z' or an offset +hh:mm,
// +hhmm or +hh (or -). Fields must be in range (months 1-12, days of that month in that
// year, hours 0-23, minutes 0-59, seconds 0-60 where 60 is a leap second, offsets up to
// 23:59); years 0000-9999. Nothing else is a timestamp: no week or ordinal dates, no
// surrounding space. Returns false for anything else.
bool parse_timestamp(std::string_view s, double& seconds, TimeForm& form);

// The last date parse_timestamp read: logs write many instants of one day in a row, and a
// value that starts with the same ten bytes skips reading and checking them again.
struct DayCache {
  char text[10] = {};  // YYYY-MM-DD; all zeros (which no value starts with) before the first
  double seconds = 0;  // its midnight
};
// The same, with a column's cache.
bool parse_timestamp(std::string_view s, double& seconds, TimeForm& form, DayCache& cache);

// The instant as YYYY-MM-DDThh:mm:ssZ, with milliseconds when it has a fraction of a second;
// a whole day as YYYY-MM-DD when `date_only`. Out-of-range or non-finite: "".
std::string format_timestamp(double seconds, bool date_only = false);

}  // namespace seam::stats
