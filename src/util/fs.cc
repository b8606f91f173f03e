#include "util/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/file.h"
#include "util/text.h"

namespace seam {
namespace {

// The file a path names after following symbolic links; the path itself when it is not
// a link (or a link that cannot be resolved, which then fails where it is written).
std::string link_target(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) return path;
  std::string out(real);
  std::free(real);
  return out;
}

void sync_directory(const std::string& file) {
  const size_t slash = file.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : file.substr(0, slash);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes all of `bytes` to an open descriptor; false with errno set when that fails.
bool write_all(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

Status write_in_place(const std::string& path, const std::string& target, std::string_view bytes) {
  const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, std::string("cannot write: ") + std::strerror(errno));
  const bool ok = write_all(fd, bytes);
  const int err = ok ? 0 : errno ? errno : EIO;
  ::close(fd);
  if (!ok) return io_error(path, std::string("cannot write: ") + std::strerror(err));
  return Ok{};
}

// The `size` bytes of an open file.
Result<std::string> read_all(int fd, const std::string& path, uint64_t size) {
  std::string text(static_cast<size_t>(size), '\0');
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  if (got != text.size()) return io_error(path, "read failed");
  return text;
}

class Disk : public FileSystem {
 public:
  FileStat stat(const std::string& path) const override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return {};
    const PathKind k = S_ISREG(st.st_mode) ? PathKind::File : S_ISDIR(st.st_mode) ? PathKind::Directory : PathKind::Other;
    return {k, static_cast<uint64_t>(st.st_size)};
  }

  // Opens first and asks fstat what was opened: one path lookup instead of two, which is a
  // fifth of the system calls of checking a project. O_NONBLOCK keeps the open of a FIFO from
  // waiting for a writer; the FIFO is then refused like any other file that is not regular.
  Result<std::string> read(const std::string& path, uint64_t max_bytes, std::string_view what) const override {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      const int err = errno;
      auto size = regular_file_size(path, what);  // names broken and looping links
      return size.ok() ? io_error(path, std::strerror(err)) : std::move(size).take_error();
    }
    struct stat st;
    auto size = ::fstat(fd, &st) == 0 ? regular_size(path, st, what) : io_error(path, std::strerror(errno));
    Result<std::string> out = !size.ok() ? std::move(size).take_error()
                              : size.value() > max_bytes ? too_large(path, size.value(), max_bytes, what)
                                                         : read_all(fd, path, size.value());
    ::close(fd);
    return out;
  }

  Result<std::vector<std::string>> list(const std::string& dir) const override {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return io_error(dir, std::strerror(errno));
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(d))
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
  }

  Status write(const std::string& path, std::string_view bytes) override {
    // A symbolic link stays one: the file it points to is replaced. An existing file keeps
    // its permissions (a card kept at 0600 stays private).
    const std::string target = link_target(path);
    struct stat old;
    const bool found = ::stat(target.c_str(), &old) == 0;
    // A device or a pipe (-o /dev/null, /dev/stdout, a FIFO) is written as it is: a file
    // renamed over it would replace the device itself.
    if (found && !S_ISREG(old.st_mode) && !S_ISDIR(old.st_mode)) return write_in_place(path, target, bytes);
    const bool existed = found && S_ISREG(old.st_mode);
    // The temporary name is unique per process, so two writers never share one.
    const std::string tmp = target + ".seam-tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);  // less the umask
    if (fd < 0) return io_error(path, std::string("cannot write: ") + std::strerror(errno));
    bool ok = write_all(fd, bytes);
    int err = ok ? 0 : errno ? errno : EIO;
    if (ok && existed && ::fchmod(fd, old.st_mode & 07777) != 0) ok = false, err = errno;
    if (ok && ::fsync(fd) != 0) ok = false, err = errno;
    if (::close(fd) != 0 && ok) ok = false, err = errno;
    if (ok && ::rename(tmp.c_str(), target.c_str()) != 0) ok = false, err = errno;
    if (!ok) {
      ::unlink(tmp.c_str());
      return io_error(path, std::string("cannot write: ") + std::strerror(err));
    }
    sync_directory(target);  // the rename itself survives a power cut only once its directory is synced
    return Ok{};
  }

  Status make_directories(const std::string& path) override {
    std::string part;
    for (size_t i = 0; i <= path.size(); ++i) {
      if (i < path.size() && path[i] != '/') continue;
      part = path.substr(0, i);
      if (part.empty() || stat(part).kind == PathKind::Directory) continue;
      if (::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return io_error(path, std::string("cannot create directory: ") + std::strerror(errno));
    }
    if (stat(path).kind != PathKind::Directory) return io_error(path, "cannot create directory: not a directory");
    return Ok{};
  }

  std::string real_path(const std::string& path) const override {
    char* real = ::realpath(path.c_str(), nullptr);
    if (!real) return {};
    std::string out(real);
    std::free(real);
    return out;
  }
};

}  // namespace

FileSystem& disk() {
  static Disk d;
  return d;
}

std::string join_path(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  return dir.back() == '/' ? dir + std::string(name) : dir + "/" + std::string(name);
}

FileStat MemoryFileSystem::stat(const std::string& path) const {
  if (auto f = files_.find(path); f != files_.end()) return {PathKind::File, f->second.size()};
  if (dirs_.count(path)) return {PathKind::Directory, 0};
  const std::string prefix = path + "/";
  auto it = files_.lower_bound(prefix);
  const bool below = it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
  return {below ? PathKind::Directory : PathKind::Missing, 0};
}

Result<std::string> MemoryFileSystem::read(const std::string& path, uint64_t max_bytes, std::string_view what) const {
  auto it = files_.find(path);
  if (it == files_.end())
    return io_error(path, stat(path).kind == PathKind::Directory ? "is a directory, not a " + std::string(what) : "No such file or directory");
  if (it->second.size() > max_bytes) return too_large(path, it->second.size(), max_bytes, what);
  return it->second;
}

Result<std::vector<std::string>> MemoryFileSystem::list(const std::string& dir) const {
  if (stat(dir).kind != PathKind::Directory) return io_error(dir, "No such file or directory");
  const std::string prefix = dir + "/";
  std::vector<std::string> names;
  auto add = [&](const std::string& path) {
    if (path.compare(0, prefix.size(), prefix) != 0 || path.size() == prefix.size()) return;
    // Up to the next '/', or to the end when find gives npos (substr clamps the length).
    std::string name = path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size());
    if (names.empty() || names.back() != name) names.push_back(std::move(name));
  };
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) add(it->first);
  for (const auto& [d, unused] : dirs_) add(d);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

Status MemoryFileSystem::write(const std::string& path, std::string_view bytes) {
  if (stat(path).kind == PathKind::Directory) return io_error(path, "cannot write: is a directory");
  files_[path] = std::string(bytes);
  return Ok{};
}

Status MemoryFileSystem::make_directories(const std::string& path) {
  if (files_.count(path)) return io_error(path, "cannot create directory: not a directory");
  dirs_[path] = true;
  return Ok{};
}

}  // namespace seam
