#include "monitor/sinks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/file.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::monitor {

Result<LineLog> LineLog::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(path, std::strerror(errno));
  return LineLog(path, fd);
}

LineLog::LineLog(LineLog&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) { other.fd_ = -1; }

LineLog::~LineLog() {
  if (fd_ >= 0) ::close(fd_);
}

Status LineLog::append(std::string_view lines) {
  while (!lines.empty()) {
    const ssize_t n = ::write(fd_, lines.data(), lines.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path_, std::strerror(errno));
    lines.remove_prefix(static_cast<size_t>(n));
  }
  return Ok{};
}

Status Quarantine::add(uint64_t line, std::string_view text, const std::string& message) {
  const uint64_t n = seen_++;
  if (n >= kKeepAll && (n - kKeepAll) % kKeepEvery != 0) return Ok{};
  ++kept_;
  JsonWriter w;
  w.begin_object().key("source").value(source_).key("line").value(static_cast<int64_t>(line));
  w.key("error").value(valid_utf8(message)).key("record").value(valid_utf8(text)).end_object();
  std::string out = w.str();
  out += '\n';
  return log_.append(out);
}

std::string valid_utf8(std::string_view s) {
  auto bad = text::find_invalid_utf8(s);
  if (!bad) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = 0;
    const size_t len = text::decode_utf8(s, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace seam::monitor
