// The I/O boundary: everything seam reads as a document (projects, waivers, TRL cards, rule
// files, profiles) and everything it saves goes through a FileSystem, so the same code runs
// on the disk, on files held in memory (tests, uploads) and, later, on the database.
//
// Thread safety: disk() may be used from any number of threads. A MemoryFileSystem may be
// read from many threads at once, but writing to it needs exclusive access.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace seam {

enum class PathKind : uint8_t { Missing, File, Directory, Other };
struct FileStat {
  PathKind kind = PathKind::Missing;
  uint64_t size = 0;  // of a file
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual FileStat stat(const std::string& path) const = 0;
  // The whole of a regular file. Io error (naming the path) when it is missing, unreadable or
  // not a regular file; Invalid when it is larger than `max_bytes`, checked before reading.
  // `what` names the kind of file the caller expects, in those messages.
  virtual Result<std::string> read(const std::string& path, uint64_t max_bytes, std::string_view what = "file") const = 0;
  // The names (not paths) of the entries of a directory, sorted. Io error when it cannot be listed.
  virtual Result<std::vector<std::string>> list(const std::string& dir) const = 0;
  // Replaces the file with `bytes` atomically: a reader sees the old or the new content,
  // never a mix, and a failure leaves the old file as it was.
  virtual Status write(const std::string& path, std::string_view bytes) = 0;
  // Creates a directory and its parents; succeeds when it exists already.
  virtual Status make_directories(const std::string& path) = 0;
  // The absolute path of an existing entry, symbolic links and "." resolved, so that "."
  // can be named by its own name and paths can become file URIs; "" when it does not exist
  // or the file system has no such paths (files in memory).
  virtual std::string real_path(const std::string& path) const { (void)path; return {}; }
};

// The real file system. Writes go to a temporary file in the same directory, which is
// flushed and then renamed over the target.
FileSystem& disk();

// Files held in memory, keyed by path ("dir/name"); directories are implied by the paths
// below them. For tests and for documents that arrive over the network.
class MemoryFileSystem : public FileSystem {
 public:
  FileStat stat(const std::string& path) const override;
  Result<std::string> read(const std::string& path, uint64_t max_bytes, std::string_view what = "file") const override;
  Result<std::vector<std::string>> list(const std::string& dir) const override;
  Status write(const std::string& path, std::string_view bytes) override;
  Status make_directories(const std::string& path) override;

  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> dirs_;  // made with make_directories, possibly empty
};

// "dir" + "/" + "name", without doubling a trailing slash.
std::string join_path(const std::string& dir, std::string_view name);

}  // namespace seam
