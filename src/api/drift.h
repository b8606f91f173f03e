// The drift use-case: each side is a data file or a stored profile; data is profiled with
// the reference's column types, keeping raw values so numeric tests are exact when they fit.
//
// Thread safety: drift() may run in many threads at once; the report owns its data.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "stats/drift.h"
#include "stats/profiler.h"
#include "util/fs.h"

namespace seam::api {

// Raw numeric values kept per column for exact tests; beyond this, sketches are used and
// their error is reported. 1M doubles is 8 MB per column.
inline constexpr size_t kExactValues = 1'000'000;

struct DriftRequest {
  std::string reference, current;  // paths of data files or profiles
  stats::ProfileOptions data;      // how data files are read (format, types, label, threads)
  stats::DriftOptions drift;       // which columns, methods, thresholds, critical columns, exit policy
  // A project directory: the columns its training_data descriptor names under schema
  // (labels and features) are critical too (drift.critical keeps its own reasons).
  std::string descriptors;
};

// Fails when a side cannot be read or profiled, when the drift options do not fit the
// data, or when `descriptors` has no training_data descriptor with a schema.
Result<stats::DriftReport> drift(const DriftRequest& request);

// Drift between two profiles the caller holds already (the team server keeps profiles, never
// data). `descriptors` adds critical columns as in DriftRequest, read through `fs`.
Result<stats::DriftReport> drift_profiles(const stats::DriftInput& reference, const stats::DriftInput& current,
                                          stats::DriftOptions options, const std::string& descriptors = "",
                                          const FileSystem& fs = disk());

// The drift options of `seam drift` from their text, shared by the command line and the
// server's query string. `values(NAME)` gives every value given for the option NAME, in
// order: columns, method, threshold, dataset-share, bins, raw-wasserstein (a flag: any value
// but "false"), critical, fail-on; of columns and critical the last value counts, a comma
// list. `prefix` is how messages name an option ("--" on the command line). Usage error
// for a malformed value.
using OptionValues = std::function<std::vector<std::string>(const std::string& name)>;
Result<stats::DriftOptions> drift_options(const OptionValues& values, const std::string& prefix);

}  // namespace seam::api
