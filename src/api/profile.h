// The profile use-cases: profile data files (stats::profile_files, or a stats::ProfileBuilder
// for records that arrive another way) and merge stored profiles into the profile of the whole.
//
// Thread safety: merge_profiles may run in many threads at once; the result owns its data.
#pragma once

#include <string>
#include <vector>

#include "stats/profile_builder.h"

namespace seam::api {

// Adds one "COLUMN=TYPE" to options.types: numeric, categorical, boolean, text, timestamp, or
// timestamp:s and timestamp:ms, which also read numbers as instants since the epoch. The last
// type given for a column wins. Usage error at /types for anything else. The command line's
// --types and the Python module's types= both come here.
Status add_column_type(std::string_view spec, stats::ColumnOptions& options);

// Reads every profile and merges them in order. An error names the file it is about: one
// that cannot be read, or one whose columns differ from the first.
Result<stats::Profile> merge_profiles(const std::vector<std::string>& paths);

}  // namespace seam::api
