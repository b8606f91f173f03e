// Options that `seam profile` and `seam drift` share: how to read data files.
#pragma once

#include <string>

#include "cli/args.h"
#include "stats/profiler.h"

namespace seam::cli {

// --format, --columns a,b, --types a=categorical,b=numeric, --label, --threads N, --sketch-k K.
Result<stats::ProfileOptions> profile_options(const Args& args);

uint64_t file_size(const std::string& path);                // 0 when unknown

}  // namespace seam::cli
