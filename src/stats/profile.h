// Data profiles: what `seam profile` records about each column of a data set.
//
// Every part of a profile is mergeable: counts add up, moments merge exactly (Chan et al.),
// and the sketches (HyperLogLog, KLL, frequent items) merge within their stated error. So
// a profile of shards, merged, equals the profile of the whole data set, which is what lets
// profiling run in parallel here and on a distributed engine later. The JSON format is
// versioned and documented in docs/profile-format.md.
//
// Thread safety: a Profile is a plain value; share it read-only, merge into one owned by the caller.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stats/frequent.h"
#include "stats/hll.h"
#include "stats/kll.h"
#include "stats/moments.h"
#include "stats/time.h"
#include "util/result.h"

namespace seam::stats {

enum class ColumnType : uint8_t { Numeric, Categorical, Boolean, Text, Timestamp };
// "numeric", "categorical", "boolean", "text", "timestamp"
std::string_view type_name(ColumnType t);
std::optional<ColumnType> type_from_name(std::string_view name);
// Numeric columns and timestamps (as seconds since the epoch) have moments and quantiles.
inline bool has_numbers(ColumnType t) { return t == ColumnType::Numeric || t == ColumnType::Timestamp; }

inline constexpr int kProfileFormatVersion = 1;
// The KLL k of numeric columns unless --sketch-k says otherwise: the common default of
// quantile sketches (DataSketches' KLL), a rank error of about 1-2% at 99% confidence.
inline constexpr int kDefaultSketchK = 200;

// What a timestamp column adds to the numeric summary of its instants (stats/time.h).
struct TimeSummary {
  uint64_t dates = 0;   // values that are dates only
  uint64_t local = 0;   // date-times without a zone (read as UTC)
  uint64_t zoned = 0;   // date-times with Z or an offset
  uint64_t epoch = 0;   // numbers: units since the epoch
  EpochUnit unit = EpochUnit::None;  // of those numbers, as declared (--types c=timestamp:ms)
  double first = NAN, last = NAN;  // the first and last instants in file order
  bool sorted = true;   // every instant at or after the one before it, in file order

  void add(double t) {
    if (t < last) sorted = false;  // false while last is NaN
    if (std::isnan(first)) first = t;
    last = t;
  }
  // Every instant was written as a date alone (so a day is the unit to show them in).
  bool dates_only() const { return local == 0 && zoned == 0 && epoch == 0; }
  // `o` follows this in file order.
  void merge(const TimeSummary& o);
};

struct ColumnProfile {
  std::string name;
  ColumnType type = ColumnType::Text;
  uint64_t count = 0;        // values seen, missing ones included
  uint64_t missing = 0;      // empty, null, or a missing-value token (NA, N/A, null, None)
  uint64_t non_finite = 0;   // numeric columns: NaN and infinities
  uint64_t invalid = 0;      // numeric and boolean columns: values that do not parse as such
  uint64_t first_invalid_line = 0;  // where the first of them was (0: none)
  uint64_t non_integral = 0; // numeric columns: finite values with a fractional part
  HyperLogLog distinct{12};
  Moments moments;           // numeric: finite values
  KllSketch quantiles{kDefaultSketchK};  // numeric: finite values
  FrequentItems values{1000, 1000};  // categorical, boolean, text; the classes of a numeric label
  TimeSummary time;          // timestamp columns

  Status merge(const ColumnProfile& o);
};

// A profile lists at most this many bad rows: enough to show what is wrong, however many there are.
inline constexpr size_t kMaxBadRowSamples = 20;

struct BadRowSample {
  std::string file;
  uint64_t line = 0;
  std::string message;
};

struct Profile {
  std::string seam_version;
  std::vector<std::string> sources;   // the files profiled, in order
  uint64_t rows = 0;                  // good records
  uint64_t bad_rows = 0;              // records skipped as malformed
  std::vector<BadRowSample> bad_row_samples;  // the first kMaxBadRowSamples, for the report
  std::string label;                  // the label column, or empty
  std::vector<ColumnProfile> columns;

  const ColumnProfile* find(std::string_view name) const;
  // Adds a profile of more rows of the same columns (same names and types, same order).
  Status merge(const Profile& o);
};

// JSON (docs/profile-format.md). Reading refuses a newer format version, and reports
// malformed profiles with the field that is wrong.
std::string to_json(const Profile& p);
Result<Profile> profile_from_json(const std::string& path, std::string text);
Result<Profile> read_profile(const std::string& path);
// Whether `text` looks like a seam profile (so that drift can take a profile or data).
bool looks_like_profile(std::string_view text);

}  // namespace seam::stats
