#include "util/file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace seam {

Error io_error(const std::string& path, std::string message) {
  Error e = Error::io(std::move(message));
  e.file = path;
  return e;
}

Result<uint64_t> regular_file_size(const std::string& path, std::string_view what) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return io_error(path, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return io_error(path, "is a directory, not a " + std::string(what));
  if (!S_ISREG(st.st_mode)) return io_error(path, "not a regular file");
  return static_cast<uint64_t>(st.st_size);
}

}  // namespace seam
