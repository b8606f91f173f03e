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

// The two halves of retype_misfits, for a caller that runs the passes itself (the Python
// module's Dask helpers run each on many workers). plan_retyping: the misfit columns of a
// first-pass profile made under `options`, as the options of the second pass (only those
// columns, with their new types), and the notes that say why; no columns when none misfit.
struct Retyping {
  ColumnOptions again;
  std::vector<std::string> notes;
};
Retyping plan_retyping(const Profile& first, const ColumnOptions& options);
// Puts the second pass's columns in place of the first pass's, and its notes in the run.
void apply_retyping(ProfileRun& run, Profile second, std::vector<std::string> notes);

// The column types profile_files would fix for `path` as the first of its files: from the
// records in its first kTypeSampleBytes, or as options.types gives them. Only the columns
// to profile (options.columns, with the label), in file order. Errors as profile_files.
Result<std::vector<std::pair<std::string, ColumnType>>> sample_types(const std::string& path, const ProfileOptions& options);

}  // namespace seam::stats
