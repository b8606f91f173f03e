#include "data/reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "data/scan.h"
#include "util/file.h"
#include "util/text.h"

namespace seam::data {

std::optional<Format> format_from_name(std::string_view name) {
  const std::string n = text::lower(name);
  if (n == "csv") return Format::Csv;
  if (n == "tsv") return Format::Tsv;
  if (n == "jsonl") return Format::Jsonl;
  return std::nullopt;
}

Format format_for_path(const std::string& path) {
  std::string p = text::lower(path);
  for (std::string_view z : {".gz", ".zst", ".zstd"})  // a compressed file is named for what it holds
    if (p.ends_with(z)) p.resize(p.size() - z.size());
  if (p.ends_with(".tsv") || p.ends_with(".tab")) return Format::Tsv;
  if (p.ends_with(".jsonl") || p.ends_with(".ndjson")) return Format::Jsonl;
  return Format::Csv;
}

Result<DataFile> DataFile::open(const std::string& path, ReadLimits limits) {
  auto size = regular_file_size(path, "data file");
  if (!size.ok()) return std::move(size).take_error();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, std::strerror(errno));
  auto compression = detail::sniff_compression(fd);
  if (!compression.ok()) {
    ::close(fd);
    return io_error(path, compression.error().message);
  }
  DataFile f;
  f.state_ = std::make_shared<State>(fd, compression.value());
  f.path_ = path;
  // The size from stat: a file that grows while it is read is read as it was.
  f.size_ = f.compressed() ? UINT64_MAX : size.value();
  f.limits_ = limits;
  return f;
}

bool DataFile::compressed() const { return state_->compression != detail::Compression::None; }

Result<std::vector<std::string>> DataFile::header(Format f) const {
  return detail::read_header(*this, f, detail::Limits::of(limits_), nullptr);
}

Result<ReadResult> DataFile::read(Format f, uint64_t begin, uint64_t end, RecordSink& sink,
                                  std::atomic<uint64_t>* progress) const {
  return detail::read_range(*this, f, begin, end, sink, progress, detail::Limits::of(limits_));
}

namespace detail {
namespace {

Error with_file(Error e, const std::string& path) {
  e.file = path;
  return e;
}

// Turns range-relative lines into file lines: `newlines` is the count before the range.
class ReadRecords final : public Records {
 public:
  ReadRecords(RecordSink& sink, uint64_t newlines) : sink_(sink), newlines_(newlines) {}
  bool good(const Field* fields, size_t n, uint64_t line) override {
    sink_.record(fields, n, newlines_ + line);
    ++result.records;
    return true;
  }
  bool good_batch(const Field* fields, size_t n, size_t count, const uint64_t* lines) override {
    lines_.assign(lines, lines + count);
    for (uint64_t& l : lines_) l += newlines_;
    sink_.records(fields, n, count, lines_.data());
    result.records += count;
    return true;
  }
  bool bad(uint64_t line, std::string message) override {
    ++result.bad_records;
    if (result.bad.size() < kMaxBadRows) result.bad.push_back(BadRow{newlines_ + line, std::move(message)});
    return true;
  }
  ReadResult result;

 private:
  RecordSink& sink_;
  uint64_t newlines_;
  std::vector<uint64_t> lines_;  // a batch's lines, in the file
};

}  // namespace

Result<std::vector<std::string>> read_header(const DataFile& file, Format f, const Limits& limits,
                                             uint64_t* header_end) {
  // Headers are short: start small, the window grows if one is not.
  Limits small = limits;
  small.buffer = std::min<size_t>(limits.buffer, 64 << 10);
  Window win(*file.state_, 0, file.size_, small);
  HeaderRecords out;
  uint64_t end = 0;
  const Status s = f == Format::Jsonl ? scan_jsonl(win, nullptr, out, limits.max_columns)
                                      : scan_csv(win, csv_config(f, 0, HeaderMode::Capture, limits.max_columns), out, &end);
  if (!s.ok()) return with_file(s.error(), file.path_);
  if (out.error) return with_file(*out.error, file.path_);
  if (!out.found) return with_file(Error::invalid("empty file: no header"), file.path_);
  if (out.names.empty()) return with_file(Error::invalid("header: the first JSON object has no fields"), file.path_);
  if (header_end) *header_end = f == Format::Jsonl ? 0 : end;
  return std::move(out.names);
}

Result<ReadResult> read_range(const DataFile& file, Format f, uint64_t begin, uint64_t end, RecordSink& sink,
                              std::atomic<uint64_t>* progress, const Limits& limits) {
  if (begin > end || end > file.size_)
    return with_file(Error::usage("byte range [" + std::to_string(begin) + ", " + std::to_string(end) +
                                  ") is not inside the file of " + std::to_string(file.size_) + " bytes"),
                     file.path_);
  uint64_t header_end = 0;
  auto names = read_header(file, f, limits, &header_end);
  if (!names.ok()) return names.error();
  if (begin > 0 && begin < header_end)
    return with_file(Error::usage("byte range starts inside the header"), file.path_);
  auto newlines = begin == 0 ? Result<uint64_t>(0) : newlines_before(file, begin);
  if (!newlines.ok()) return with_file(newlines.error(), file.path_);
  sink.columns(names.value());
  ReadRecords out(sink, newlines.value());
  Window win(*file.state_, begin, end, limits, progress);
  const HeaderMode header = begin == 0 ? HeaderMode::Skip : HeaderMode::None;
  const Status s = f == Format::Jsonl ? scan_jsonl(win, &names.value(), out, limits.max_columns)
                                      : scan_csv(win, csv_config(f, names.value().size(), header, limits.max_columns), out);
  if (!s.ok()) return with_file(s.error(), file.path_);
  // A compressed file's last range ends at UINT64_MAX: what it held is what the window read.
  out.result.bytes = file.compressed() ? win.offset() + win.size() - begin : end - begin;
  return std::move(out.result);
}

}  // namespace detail
}  // namespace seam::data
