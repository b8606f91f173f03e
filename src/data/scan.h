// Internals of the data readers: the bounded read window, the record handlers and the
// per-format scanners. Not part of the public API; tests use Limits to force small buffers.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "data/reader.h"
#include "data/source.h"

namespace seam::data {

// Shared by the copies of a DataFile; closes the descriptor when the last one goes.
struct DataFile::State {
  State(int f, detail::Compression c) : fd(f), compression(c) {}
  ~State();
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  const int fd;
  const detail::Compression compression;
  // Newlines before each offset that split_points returned, so that a range read from one
  // knows its first line without counting; bounded by clearing.
  std::mutex mu;
  std::map<uint64_t, uint64_t> newlines_before;
  static constexpr size_t kMaxRemembered = size_t{1} << 16;
};

}  // namespace seam::data

namespace seam::data::detail {

struct Limits {
  size_t buffer = size_t{4} << 20;       // initial window size
  size_t max_record = size_t{64} << 20;  // the window grows up to this for one record
  size_t max_columns = size_t{1} << 20;  // names in a header
  static Limits of(const ReadLimits& r) { return Limits{size_t{512} << 10, r.max_record_bytes, r.max_columns}; }
};

// A window onto [begin, end) of a file's data (decompressed, for a compressed file), filled
// from its own Source. The bytes past size() are readable padding (64 bytes for block scans
// plus what simdjson reads past a document). A compressed file's size is not known: its
// last range ends at UINT64_MAX, and the window is at its end when the data is.
class Window {
 public:
  // `progress`, if given, is advanced by the file bytes read.
  Window(const DataFile::State& file, uint64_t begin, uint64_t end, const Limits& limits,
         std::atomic<uint64_t>* progress = nullptr);
  // A window onto [begin, end) of any source (memory_source, for a stream's pending bytes).
  Window(std::unique_ptr<Source> source, uint64_t begin, uint64_t end, const Limits& limits);

  const char* data() const { return buf_.get(); }
  size_t size() const { return size_; }
  uint64_t offset() const { return offset_; }  // file offset of data()[0]
  // Readable bytes from `pos` to the end of the allocation, padding included.
  size_t capacity_from(size_t pos) const { return cap_ + kPadding - pos; }
  bool at_end() const { return eof_ || offset_ + size_ == end_; }  // holds the rest of the range
  bool can_grow() const { return cap_ < max_; }
  size_t max_record() const { return max_; }

  // Drops the bytes before `keep`, moves the rest to the front and reads on. When nothing
  // can be dropped and the window is full it doubles (callers check can_grow() first).
  Status refill(size_t keep);

 private:
  static constexpr size_t kPadding = 128;
  std::unique_ptr<Source> source_;
  bool eof_ = false;  // a compressed file's data ended
  uint64_t end_;
  uint64_t offset_;
  size_t size_ = 0, cap_, max_;
  std::unique_ptr<char[]> buf_;
};

// Where scanners deliver records. `line` is relative to the start of the range (1-based:
// the range's first line is 1). Returning false stops the scan.
class Records {
 public:
  virtual ~Records() = default;
  virtual bool good(const Field* fields, size_t n, uint64_t line) = 0;
  // Records in order, row after row (see RecordSink::records).
  virtual bool good_batch(const Field* fields, size_t n, size_t count, const uint64_t* lines) {
    for (size_t r = 0; r < count; ++r)
      if (!good(fields + r * n, n, lines[r])) return false;
    return true;
  }
  virtual bool bad(uint64_t line, std::string message) = 0;
};

// How a scan treats the first record of the file.
enum class HeaderMode : uint8_t {
  None,     // the range holds only data
  Skip,     // the range starts the file: its first non-blank record is the header, skipped
  Capture,  // deliver the first non-blank record (any field count) and stop
};

struct CsvConfig {
  char delim = ',';
  bool quotes = true;  // false for TSV: quotes are ordinary characters
  size_t ncols = 0;    // expected fields per record; 0 in Capture mode
  HeaderMode header = HeaderMode::None;
  size_t max_columns = size_t{1} << 20;  // fields a header may have (Capture mode)
};

// The scanner settings of format f (Csv or Tsv).
inline CsvConfig csv_config(Format f, size_t ncols, HeaderMode mode, size_t max_columns) {
  return CsvConfig{f == Format::Tsv ? '\t' : ',', f == Format::Csv, ncols, mode, max_columns};
}

// Keeps the first record (a header), or the first error, and stops the scan.
class HeaderRecords final : public Records {
 public:
  bool good(const Field* fields, size_t n, uint64_t) override {
    for (size_t i = 0; i < n; ++i) names.emplace_back(fields[i].text);
    found = true;
    return false;
  }
  bool bad(uint64_t line, std::string message) override {
    error = Error::invalid("header: " + message);
    error->line = static_cast<uint32_t>(std::min<uint64_t>(line, UINT32_MAX));
    return false;
  }
  std::vector<std::string> names;
  bool found = false;
  std::optional<Error> error;
};

// Scans CSV/TSV records from the window (already positioned at a record start) to its end.
// `*stopped_at`, if given, receives the file offset after the last record delivered.
Status scan_csv(Window& win, const CsvConfig& cfg, Records& out, uint64_t* stopped_at = nullptr);

// Scans JSONL lines. With `names` == nullptr, delivers the keys of the first non-blank line
// as the fields of one record and stops (header capture).
Status scan_jsonl(Window& win, const std::vector<std::string>* names, Records& out, size_t max_columns = size_t{1} << 20);

// Number of '\n' bytes in [begin, end) of the file's data (to its end, if that comes first).
Result<uint64_t> count_newlines(const DataFile::State& file, uint64_t begin, uint64_t end);

std::string record_too_long(size_t limit);
std::string too_many_columns(size_t limit);
std::string invalid_utf8_message(std::string_view record);

}  // namespace seam::data::detail
