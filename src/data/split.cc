// Splitting a file into ranges at record boundaries, for parallel reading.
#include <algorithm>
#include <cstring>
#include <memory>

#include "data/blocks.h"
#include "data/reader.h"
#include "data/scan.h"

namespace seam::data {
namespace {

constexpr size_t kChunk = size_t{1} << 20;

struct Boundary {
  uint64_t offset;
  uint64_t newlines_before;
};

// One pass from the start of the file. With quoting, a newline ends a record only when an
// even number of quotes precede it, so quotes are counted all along (at memchr speed);
// newlines are counted too, which gives each boundary its line number. The pass stops
// after the last boundary.
Status find_boundaries(const DataFile::State& file, uint64_t size, const std::vector<uint64_t>& starts, bool quotes,
                       std::vector<Boundary>& out) {
  std::unique_ptr<char[]> buf(new char[kChunk]);
  const auto source = detail::open_source(file.fd, file.compression);
  size_t next = 0;
  uint64_t parity = 0, newlines = 0;
  bool seeking = false;
  for (uint64_t off = 0; off < size && next < starts.size();) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(kChunk, size - off));
    auto got = source->read(buf.get(), want, off);
    if (!got.ok()) return got.error();
    const size_t len = got.value();
    if (len < want) size = off + len;  // a compressed file's data ends here
    const char* b = buf.get();
    size_t pos = 0;  // the counts cover the bytes before off + pos
    auto advance = [&](size_t to) {
      if (quotes) parity ^= detail::count_byte(b + pos, to - pos, '"') & 1;
      newlines += detail::count_byte(b + pos, to - pos, '\n');
      pos = to;
    };
    while (next < starts.size()) {
      if (!seeking) {
        const uint64_t s = starts[next];
        if (s >= off + len) break;
        if (s > off + pos) advance(static_cast<size_t>(s - off));
        seeking = true;
      }
      const void* nl = std::memchr(b + pos, '\n', len - pos);
      if (!nl) break;
      advance(static_cast<size_t>(static_cast<const char*>(nl) - b));  // no newline before nl
      ++newlines;
      ++pos;
      if (parity) continue;  // a newline inside a quoted field
      seeking = false;
      if (off + pos < size) out.push_back({off + pos, newlines});
      while (next < starts.size() && starts[next] < off + pos) ++next;
    }
    advance(len);
    off += len;
  }
  return Ok{};
}

}  // namespace

Result<std::vector<uint64_t>> DataFile::split_points(Format f, size_t n) const {
  if (compressed()) return split_points_after(f, {});
  std::vector<uint64_t> evens;
  for (size_t i = 1; i < n; ++i) evens.push_back(size_ / n * i + size_ % n * i / n);
  return split_points_after(f, evens);
}

Result<std::vector<uint64_t>> DataFile::split_points_after(Format f, const std::vector<uint64_t>& offsets) const {
  uint64_t header_end = 0;
  auto header = detail::read_header(*this, f, detail::Limits{}, &header_end);
  if (!header.ok()) return header.error();
  // Start each search one byte before the offset, so that an offset that already falls on
  // a boundary stays there; none may fall inside the header.
  std::vector<uint64_t> starts;
  for (uint64_t at : offsets) starts.push_back(std::max(at, header_end + 1) - 1);
  std::vector<Boundary> found;
  if (Status s = find_boundaries(*state_, size_, starts, f == Format::Csv, found); !s.ok()) {
    Error e = s.error();
    e.file = path_;
    return e;
  }
  std::vector<uint64_t> points{0};
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (state_->newlines_before.size() + found.size() > State::kMaxRemembered) state_->newlines_before.clear();
    for (const Boundary& b : found) {
      points.push_back(b.offset);
      state_->newlines_before[b.offset] = b.newlines_before;
    }
  }
  points.push_back(size_);  // not empty: the file has a header
  return points;
}

namespace detail {

// From the nearest remembered offset at or before `offset`, counting the rest.
Result<uint64_t> newlines_before(const DataFile& file, uint64_t offset) {
  uint64_t from = 0, count = 0;
  {
    std::lock_guard<std::mutex> lock(file.state_->mu);
    const auto& known = file.state_->newlines_before;
    if (auto it = known.upper_bound(offset); it != known.begin()) {
      --it;
      from = it->first;
      count = it->second;
    }
  }
  if (from == offset) return count;
  auto more = count_newlines(*file.state_, from, offset);
  if (!more.ok()) return more.error();
  return count + more.value();
}

}  // namespace detail
}  // namespace seam::data
