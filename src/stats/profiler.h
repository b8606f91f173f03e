// Profiling data files: streams the records of byte ranges of each file, in parallel, into
// profile builders, and merges their profiles.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "data/reader.h"
#include "stats/profile_builder.h"

namespace seam::stats {

struct ProfileOptions : ColumnOptions {
  std::optional<data::Format> format;  // default: by file extension
  int threads = 1;
  data::ReadLimits limits;
  std::atomic<uint64_t>* progress = nullptr;  // bytes read so far, if wanted
};

// Profiles the files as one data set: they must have the same columns. Column types are
// fixed from the start of the first file (TypeSample); an inferred numeric, boolean or
// timestamp column that a later value does not fit is profiled again as categorical or text,
// with a note in ProfileRun::notes (docs/profile-format.md). Errors: unreadable files, an empty
// file, different columns, an unknown --columns/--types/--label name.
Result<ProfileRun> profile_files(const std::vector<std::string>& paths, const ProfileOptions& opts);

}  // namespace seam::stats
