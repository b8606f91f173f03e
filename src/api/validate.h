// The validate use-case: check descriptor files and project directories against the schemas.
//
// Thread safety: validate() may run in many threads at once; results own their data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc/descriptor.h"
#include "report/diagnostic.h"
#include "util/fs.h"

namespace seam::api {

struct Validation {
  std::vector<report::FileResult> files;  // one per document, in the order given
  std::vector<std::string> ignored;       // files in project directories that are not descriptors
  bool all_readable = true;               // false when some path or file could not be read at all

  bool all_valid() const;
};

struct ValidateOptions {
  std::optional<doc::Descriptor> as;  // read every file as this descriptor, whatever its name
  bool strict = false;                // unknown fields are errors, not warnings
};

// Each path is a project directory or one descriptor file, read as `options.as` when given
// and otherwise as the descriptor its name says. A directory with no descriptor file, like
// a path that does not exist, counts as unreadable.
Validation validate(const std::vector<std::string>& paths, const ValidateOptions& options, const FileSystem& fs = disk());

// One document held in memory (an upload), read as descriptor `d`; `path` names it in messages.
report::FileResult validate_text(const std::string& path, std::string text, doc::Descriptor d, bool strict = false);

}  // namespace seam::api
