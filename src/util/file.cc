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
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    struct stat link;
    if (err == ELOOP) return io_error(path, "is a symbolic link that loops back on itself");
    if (err == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
      return io_error(path, "is a symbolic link to a file that does not exist");
    return io_error(path, std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) return io_error(path, "is a directory, not a " + std::string(what));
  if (S_ISFIFO(st.st_mode)) return io_error(path, "is a named pipe (FIFO), not a regular " + std::string(what));
  if (S_ISSOCK(st.st_mode)) return io_error(path, "is a socket, not a regular " + std::string(what));
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return io_error(path, "is a device, not a regular " + std::string(what));
  if (!S_ISREG(st.st_mode)) return io_error(path, "not a regular file");
  return static_cast<uint64_t>(st.st_size);
}

}  // namespace seam
