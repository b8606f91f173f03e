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

Window::Window(const DataFile::State& file, uint64_t begin, uint64_t end, const Limits& limits,
               std::atomic<uint64_t>* progress)
    : Window(open_source(file.fd, file.compression, progress), begin, end, limits) {}

Window::Window(std::unique_ptr<Source> source, uint64_t begin, uint64_t end, const Limits& limits)
    : source_(std::move(source)),
      end_(end),
      offset_(begin),
      max_(std::max<size_t>(limits.max_record, 64)) {
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
  const auto n = static_cast<size_t>(std::min<uint64_t>(cap_ - size_, end_ - (offset_ + size_)));
  auto got = source_->read(buf_.get() + size_, n, offset_ + size_);
  if (!got.ok()) return got.error();
  size_ += got.value();
  eof_ = got.value() < n;  // only a compressed file's data ends before the range does
  return Ok{};
}

Result<uint64_t> count_newlines(const DataFile::State& file, uint64_t begin, uint64_t end) {
  constexpr size_t kChunk = size_t{1} << 20;
  std::unique_ptr<char[]> buf(new char[kChunk]);
  const auto source = open_source(file.fd, file.compression);
  uint64_t count = 0;
  for (uint64_t off = begin; off < end;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(kChunk, end - off));
    auto got = source->read(buf.get(), n, off);
    if (!got.ok()) return got.error();
    count += count_byte(buf.get(), got.value(), '\n');
    if (got.value() < n) break;
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
