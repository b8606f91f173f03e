// Profiling data files: streams the records of byte ranges of each file, in parallel, into
// profile builders, and merges their profiles.
#pragma once

#include <atomic>
#include <functional>
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

// The type rule's second half, for any source of records: an inferred number, boolean or
// timestamp column that later values do not fit is profiled again, in a second pass, as
// categorical (or text when most of its values are distinct), so that the type fits every
// value, however late the first misfit comes. A type given in options.types is kept; misfits
// count as invalid. `again` profiles the same records under the options it is given (the
// misfit columns and their new types); their profiles replace the first ones, and
// ProfileRun::notes says why. profile_files and profile_table share it.
Result<ProfileRun> retype_misfits(Result<ProfileRun> run, const ColumnOptions& options,
                                  const std::function<Result<ProfileRun>(const ColumnOptions&)>& again);

}  // namespace seam::stats
