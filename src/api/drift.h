// The drift use-case: each side is a data file or a stored profile; data is profiled with
// the reference's column types, keeping raw values so numeric tests are exact when they fit.
//
// Thread safety: drift() may run in many threads at once; the report owns its data.
#pragma once

#include <string>

#include "stats/drift.h"
#include "stats/profiler.h"

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

}  // namespace seam::api
