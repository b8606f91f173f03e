// Profiling data files: streams records through per-column accumulators, in parallel over
// byte ranges of each file, and merges the partial profiles.
#pragma once

#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "data/reader.h"
#include "stats/profile.h"

namespace seam::stats {

struct ProfileOptions {
  std::optional<data::Format> format;                          // default: by file extension
  std::vector<std::string> columns;                            // only these (empty: all)
  std::vector<std::pair<std::string, ColumnType>> types;       // --types a=categorical
  std::string label;                                           // --label COLUMN
  int threads = 1;
  // Keep up to this many raw numeric values per column (for exact drift tests); 0: none.
  size_t keep_values = 0;
  std::atomic<uint64_t>* progress = nullptr;                   // bytes read so far, if wanted
};

struct ProfileRun {
  Profile profile;
  // With keep_values: the finite values of each numeric column (same order as columns), and
  // whether all of them fit.
  std::vector<std::vector<double>> raw;
  std::vector<bool> raw_complete;
};

// Profiles the files as one data set: they must have the same columns. Errors: unreadable
// files, an empty file, different columns, an unknown --columns/--types/--label name.
Result<ProfileRun> profile_files(const std::vector<std::string>& paths, const ProfileOptions& opts);

// The type a column's values suggest: numeric if they all parse as numbers, boolean if they
// are all true/false words, categorical if few distinct values repeat, text otherwise.
ColumnType infer_type(const std::vector<std::string>& sample);

// How a value is read: missing-value tokens, booleans, numbers (exposed for tests).
bool is_missing_token(std::string_view s);
std::optional<bool> parse_bool(std::string_view s);
std::optional<double> parse_number(std::string_view s);

}  // namespace seam::stats
