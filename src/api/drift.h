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
  stats::DriftOptions drift;       // which columns, methods and thresholds
};

// Fails when a side cannot be read or profiled, or when the drift options do not fit the data.
Result<stats::DriftReport> drift(const DriftRequest& request);

}  // namespace seam::api
