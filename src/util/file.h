// Checks shared by everything that reads a user's file.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace seam {

// The size of `path` if it is a regular file; otherwise an Io error naming the path. `what`
// names the expected kind in the message ("is a directory, not a data file"). Uses stat
// rather than open, because opening a FIFO for reading would block until it had a writer.
Result<uint64_t> regular_file_size(const std::string& path, std::string_view what);
// The same checks on what stat or fstat found.
Result<uint64_t> regular_size(const std::string& path, const struct stat& st, std::string_view what);
// "file is 100.0 MiB; descriptor files are limited to 16.0 MiB", naming the path.
Error too_large(const std::string& path, uint64_t size, uint64_t max_bytes, std::string_view what);

// An Io error about `path`, from errno.
Error io_error(const std::string& path, std::string message);

}  // namespace seam
