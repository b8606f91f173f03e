// Where a monitor's output goes besides standard output: append-only logs of events and of
// quarantined records.
//
// These logs are the one kind of file seam appends to instead of replacing through a
// temporary file: a monitor runs for days and its log is read while it grows. Each append
// is one write(2) of whole lines to a file opened with O_APPEND, so a reader (or a second
// monitor writing to the same log) never sees half a line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace seam::monitor {

class LineLog {
 public:
  // Opens `path` for appending, creating it (mode 0644) when it does not exist. Io error
  // naming the path.
  static Result<LineLog> open(const std::string& path);
  LineLog(LineLog&& other) noexcept;
  LineLog& operator=(LineLog&&) = delete;
  ~LineLog();

  // Appends `lines`, each ending in '\n'. Io error (the disk is full, say) naming the path.
  Status append(std::string_view lines);
  const std::string& path() const { return path_; }

 private:
  LineLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
};

// Bad records, sampled into a log as JSON lines: {"source", "line", "error", "record"}.
// All of the first kKeepAll are kept, then one in kKeepEvery, so that a stream of garbage
// cannot fill the disk while every kind of bad record still shows up early. Bytes of the
// record that are not UTF-8 become U+FFFD.
class Quarantine {
 public:
  static constexpr uint64_t kKeepAll = 1000, kKeepEvery = 100;
  Quarantine(LineLog log, std::string source) : log_(std::move(log)), source_(std::move(source)) {}
  // Io error when the log cannot be written.
  Status add(uint64_t line, std::string_view text, const std::string& message);
  uint64_t seen() const { return seen_; }
  uint64_t kept() const { return kept_; }

 private:
  LineLog log_;
  std::string source_;
  uint64_t seen_ = 0, kept_ = 0;
};

// `s` with every byte that breaks UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

}  // namespace seam::monitor
