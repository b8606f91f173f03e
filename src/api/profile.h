// The profile use-cases: profile data files (stats::profile_files, or a stats::ProfileBuilder
// for records that arrive another way) and merge stored profiles into the profile of the whole.
//
// Thread safety: merge_profiles may run in many threads at once; the result owns its data.
#pragma once

#include <string>
#include <vector>

#include "stats/profile.h"

namespace seam::api {

// Reads every profile and merges them in order. An error names the file it is about: one
// that cannot be read, or one whose columns differ from the first.
Result<stats::Profile> merge_profiles(const std::vector<std::string>& paths);

}  // namespace seam::api
