// Streaming readers for the data files that `seam profile` inspects: CSV, TSV and JSONL.
//
// A file is split into byte ranges at record boundaries so that ranges can be read in
// parallel; each range is streamed through a bounded buffer, so memory does not grow with
// the file. Records that cannot be read (ragged, broken quoting, invalid UTF-8, broken
// JSON) are skipped and reported with their line, never fatal.
//
// Dialects:
// - CSV follows RFC 4180: ',' separates fields, a field may be quoted ("" inside quotes is
//   one quote) and may then hold commas and newlines. A quote anywhere else makes the record
//   bad. A UTF-8 BOM at the start is skipped, CRLF and LF both end lines, blank lines are
//   skipped (before the header, so are lines of only spaces and tabs), and a last line
//   without a newline is a record. A quote never closed makes the rest of the file one bad
//   record.
// - TSV is a CSV with '\t' as separator and no quoting (the IANA text/tab-separated-values
//   form): quotes are ordinary characters, so one stray quote cannot swallow the rest of
//   the file, and a record is exactly one line.
// - JSONL holds one flat JSON object per line; the keys of the first object are the
//   columns (a broken first line is an error). Strings are unescaped, numbers keep their
//   text, true/false are "true"/"false", null and missing keys are null fields. An unknown
//   or repeated key, a nested value, a number beyond 64-bit integers or doubles, or a line
//   that is not a JSON object makes the record bad.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace seam::data {

enum class Format : uint8_t { Csv, Tsv, Jsonl };

// "csv", "tsv", "jsonl" (any case); nullopt for anything else.
std::optional<Format> format_from_name(std::string_view name);
// .tsv/.tab -> Tsv, .jsonl/.ndjson -> Jsonl, else Csv; after a .gz, .zst or .zstd is dropped.
Format format_for_path(const std::string& path);

struct Field {
  std::string_view text;  // unescaped value; valid only during the record() call
  bool null = false;      // JSON null, or a key absent from this JSONL object
};

// Receives the records of one byte range of a file.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Called once per range before any record, with the column names (the CSV/TSV header;
  // for JSONL the keys of the first object of the file, in order).
  virtual void columns(const std::vector<std::string>& names) = 0;
  // One good record: exactly names.size() fields, in column order. `line` is the 1-based
  // physical line of the file where the record starts.
  virtual void record(const Field* fields, size_t n, uint64_t line) = 0;
  // Good records in file order, `count` of them with n fields each, row after row:
  // fields[r * n + c] is field c of record r, which starts on lines[r]. Readers pass records
  // this way so that a sink can work a column at a time; the default calls record() for each.
  virtual void records(const Field* fields, size_t n, size_t count, const uint64_t* lines) {
    for (size_t r = 0; r < count; ++r) record(fields + r * n, n, lines[r]);
  }
};

struct BadRow {
  uint64_t line;  // 1-based physical line where the record starts
  std::string message;
};

struct ReadResult {
  uint64_t records = 0;      // good records passed to the sink
  uint64_t bad_records = 0;  // skipped records
  std::vector<BadRow> bad;   // the first kMaxBadRows of them, in file order
  uint64_t bytes = 0;        // bytes consumed in the range
};

inline constexpr size_t kMaxBadRows = 100;

// What one record may cost. A record longer than max_record_bytes is a bad row; a header
// with more than max_columns names (a CSV/TSV header, or the keys of the first JSON line)
// is an error. Both name the limit; the CLI raises them with --max-record and --max-columns.
struct ReadLimits {
  size_t max_record_bytes = size_t{64} << 20;
  size_t max_columns = size_t{1} << 20;
};

class DataFile;
namespace detail {
struct Limits;
Result<ReadResult> read_range(const DataFile& file, Format f, uint64_t begin, uint64_t end,
                              RecordSink& sink, std::atomic<uint64_t>* progress, const Limits& limits);
Result<uint64_t> newlines_before(const DataFile& file, uint64_t offset);
Result<std::vector<std::string>> read_header(const DataFile& file, Format f, const Limits& limits,
                                             uint64_t* header_end);
}  // namespace detail

// An open data file. Copies share the descriptor; all methods are const and may be called
// from several threads at once (they use pread; the only shared state is a locked cache of
// line counts at split points).
class DataFile {
 public:
  // Opens a file for reading; Io error (missing, permission, directory) naming the path.
  // A gzip or zstd file (by its first bytes, whatever its name) is decompressed as it is read.
  static Result<DataFile> open(const std::string& path, ReadLimits limits = {});
  // The data's size; UINT64_MAX for a compressed file, whose size is only known once read.
  uint64_t size() const { return size_; }
  bool compressed() const;
  // The open file that copies share (data/scan.h); internal to the readers.
  struct State;
  const std::string& path() const { return path_; }
  // Byte offsets that split the file into up to n ranges at record boundaries: range i is
  // [p[i], p[i+1]), p.front() == 0, p.back() == size(). CSV boundaries are newlines outside
  // quotes, found by a quote-parity scan from the start of the file; TSV and JSONL split at
  // any newline. No boundary falls inside the CSV/TSV header. The pass also counts the
  // lines before each boundary, so that reading from one starts with its line number.
  // A compressed file is one range ({0, size()}): it is read from its start.
  Result<std::vector<uint64_t>> split_points(Format f, size_t n) const;
  // The same, with a boundary at or after each of the (ascending) offsets instead of the even
  // ones, where the data has one: a compressed file can be split this way too, since the
  // scan reads forward only, but each range after the first decompresses what comes before it.
  Result<std::vector<uint64_t>> split_points_after(Format f, const std::vector<uint64_t>& offsets) const;
  // The column names (CSV/TSV: the first non-blank record; JSONL: keys of the first
  // object). Invalid "empty file: no header" when there is none.
  Result<std::vector<std::string>> header(Format f) const;
  // Streams the records in [begin, end) to `sink`, calling sink.columns(header) first. The
  // range starting at 0 skips the CSV/TSV header. Memory is bounded: a 4 MiB buffer, grown
  // only for a single longer record, up to 64 MiB; a longer record is bad. Lines are
  // absolute in the file (a range that split_points did not return pays for counting the
  // newlines before it). `progress`, if given, is advanced by the bytes read, as they are.
  Result<ReadResult> read(Format f, uint64_t begin, uint64_t end, RecordSink& sink,
                          std::atomic<uint64_t>* progress = nullptr) const;

 private:
  friend Result<ReadResult> detail::read_range(const DataFile&, Format, uint64_t, uint64_t, RecordSink&,
                                               std::atomic<uint64_t>*, const detail::Limits&);
  friend Result<std::vector<std::string>> detail::read_header(const DataFile&, Format,
                                                              const detail::Limits&, uint64_t*);
  friend Result<uint64_t> detail::newlines_before(const DataFile&, uint64_t);
  std::shared_ptr<State> state_;
  std::string path_;
  uint64_t size_ = 0;
  ReadLimits limits_;
};

}  // namespace seam::data
