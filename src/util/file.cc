#include "util/file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "util/text.h"

namespace seam {

Error io_error(const std::string& path, std::string message) {
  Error e = Error::io(std::move(message));
  e.file = path;
  return e;
}

namespace {

// Why `path` could not be stat'ed, with the causes a user can act on spelt out.
Error stat_error(const std::string& path, int err) {
  struct stat link;
  if (err == ELOOP) return io_error(path, "is a symbolic link that loops back on itself");
  if (err == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
    return io_error(path, "is a symbolic link to a file that does not exist");
  return io_error(path, std::strerror(err));
}

}  // namespace

Result<uint64_t> regular_file_size(const std::string& path, std::string_view what) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return stat_error(path, errno);
  return regular_size(path, st, what);
}

Result<uint64_t> regular_size(const std::string& path, const struct stat& st, std::string_view what) {
  if (S_ISDIR(st.st_mode)) return io_error(path, "is a directory, not a " + std::string(what));
  if (S_ISFIFO(st.st_mode)) return io_error(path, "is a named pipe (FIFO), not a regular " + std::string(what));
  if (S_ISSOCK(st.st_mode)) return io_error(path, "is a socket, not a regular " + std::string(what));
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return io_error(path, "is a device, not a regular " + std::string(what));
  if (!S_ISREG(st.st_mode)) return io_error(path, "not a regular file");
  return static_cast<uint64_t>(st.st_size);
}

Error too_large(const std::string& path, uint64_t size, uint64_t max_bytes, std::string_view what) {
  Error e = Error::invalid("file is " + text::mib(size) + "; " + std::string(what) + "s are limited to " + text::mib(max_bytes));
  e.file = path;
  return e;
}

}  // namespace seam
