#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "data/blocks.h"
#include "data/scan.h"
#include "util/text.h"

namespace seam::data {
DataFile::State::~State() { ::close(fd); }
}  // namespace seam::data

namespace seam::data::detail {

// Reads exactly `n` bytes at `offset`; a short read means the file shrank under us.
Status pread_all(int fd, char* dst, size_t n, uint64_t offset) {
  while (n > 0) {
    const ssize_t got = ::pread(fd, dst, n, static_cast<off_t>(offset));
    if (got < 0) {
      if (errno == EINTR) continue;
      return Error::io(std::strerror(errno));
    }
    if (got == 0) return Error::io("file shrank while it was being read");
    dst += got;
    n -= static_cast<size_t>(got);
    offset += static_cast<uint64_t>(got);
  }
  return Ok{};
}

Window::Window(int fd, uint64_t begin, uint64_t end, const Limits& limits, std::atomic<uint64_t>* progress)
    : fd_(fd), progress_(progress), end_(end), offset_(begin), max_(std::max<size_t>(limits.max_record, 64)) {
  // A small range gets a small buffer, so that many small files or ranges stay cheap.
  const uint64_t want = std::max<uint64_t>(end - begin, 4096);
  cap_ = static_cast<size_t>(std::min<uint64_t>({want, limits.buffer, max_}));
  cap_ = std::max<size_t>(cap_, 64);
  buf_.reset(new char[cap_ + kPadding]());
}

Status Window::refill(size_t keep) {
  if (keep == 0 && size_ == cap_) {
    const size_t cap = std::min(cap_ * 2, max_);
    std::unique_ptr<char[]> grown(new char[cap + kPadding]());
    std::memcpy(grown.get(), buf_.get(), size_);
    buf_ = std::move(grown);
    cap_ = cap;
  }
  std::memmove(buf_.get(), buf_.get() + keep, size_ - keep);
  offset_ += keep;
  size_ -= keep;
  const uint64_t n = std::min<uint64_t>(cap_ - size_, end_ - (offset_ + size_));
  if (Status s = pread_all(fd_, buf_.get() + size_, static_cast<size_t>(n), offset_ + size_); !s.ok())
    return s;
  size_ += static_cast<size_t>(n);
  if (progress_) progress_->fetch_add(n, std::memory_order_relaxed);
  return Ok{};
}

Result<uint64_t> count_newlines(int fd, uint64_t begin, uint64_t end) {
  constexpr size_t kChunk = size_t{1} << 20;
  std::unique_ptr<char[]> buf(new char[kChunk]);
  uint64_t count = 0;
  for (uint64_t off = begin; off < end;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(kChunk, end - off));
    if (Status s = pread_all(fd, buf.get(), n, off); !s.ok()) return s.error();
    count += count_byte(buf.get(), n, '\n');
    off += n;
  }
  return count;
}

std::string too_many_columns(size_t limit) {
  return "more than " + std::to_string(limit) + " columns (the limit; raise it with --max-columns)";
}

std::string record_too_long(size_t limit) {
  const std::string size = limit >= (size_t{1} << 20) ? std::to_string(limit >> 20) + " MiB"
                                                      : std::to_string(limit) + " bytes";
  return "record is longer than " + size + " (the limit; raise it with --max-record); skipped up to its end";
}

std::string invalid_utf8_message(std::string_view record) {
  const auto bad = text::find_invalid_utf8(record);
  if (!bad) return "invalid UTF-8";
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(record[*bad]));
  return "invalid UTF-8: byte " + std::string(byte) + " does not start a valid character";
}

}  // namespace seam::data::detail
