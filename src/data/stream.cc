#include "data/stream.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "data/blocks.h"
#include "data/scan.h"

namespace seam::data {
namespace {

constexpr size_t kMaxBadText = size_t{64} << 10;

}  // namespace

// Records of one parsed piece, with lines made absolute in the file.
class StreamReader::Records final : public detail::Records {
 public:
  explicit Records(StreamReader& r) : r_(r) {}
  bool good(const Field* fields, size_t n, uint64_t line) override {
    const uint64_t l = r_.lines_before_ + line;
    r_.sink_.record(fields, n, l);
    ++r_.result_.records;
    return true;
  }
  bool good_batch(const Field* fields, size_t n, size_t count, const uint64_t* lines) override {
    lines_.assign(lines, lines + count);
    for (uint64_t& l : lines_) l += r_.lines_before_;
    r_.sink_.records(fields, n, count, lines_.data());
    r_.result_.records += count;
    return true;
  }
  bool bad(uint64_t line, std::string message) override {
    r_.report_bad(line, std::move(message));
    return true;
  }

 private:
  StreamReader& r_;
  std::vector<uint64_t> lines_;
};

StreamReader::StreamReader(Format f, RecordSink& sink, ReadLimits limits, BadSink bad)
    : format_(f), sink_(sink), limits_(limits), on_bad_(std::move(bad)) {}

Status StreamReader::feed(std::string_view bytes) {
  if (skipping_) {  // the rest of a record too long to keep: drop it up to its newline
    const size_t nl = bytes.find('\n');
    offset_ += nl == std::string_view::npos ? bytes.size() : nl + 1;
    if (nl == std::string_view::npos) return Ok{};
    ++lines_before_;
    skipping_ = false;
    bytes.remove_prefix(nl + 1);
  }
  pending_.append(bytes);
  if (const size_t end = complete_prefix(); end > 0) {
    if (Status s = parse(end); !s.ok()) return s;
  }
  if (pending_.size() > limits_.max_record_bytes) skip_long_record();
  return Ok{};
}

Status StreamReader::restart() {
  Status s = finish();
  lines_before_ = offset_ = 0;
  maybe_header_ = !need_header_ && format_ != Format::Jsonl;
  return s;
}

Status StreamReader::finish() {
  skipping_ = false;
  if (pending_.empty()) return Ok{};
  complete_prefix();
  return parse(pending_.size());
}

// The length of the longest prefix of pending_ that holds whole records; the search goes on
// where the last one stopped, so each byte is looked at once.
size_t StreamReader::complete_prefix() {
  const char* d = pending_.data();
  const size_t n = pending_.size() - scanned_;
  // Without a quote in the new bytes (CSV) the last newline ends the prefix, as for TSV and
  // JSONL: memchr and memrchr find both at memory speed.
  if (format_ != Format::Csv || (!in_quotes_ && !std::memchr(d + scanned_, '"', n))) {
    if (const void* nl = ::memrchr(d + scanned_, '\n', n)) complete_ = static_cast<size_t>(static_cast<const char*>(nl) - d) + 1;
  } else {
    for (size_t i = scanned_; i < pending_.size(); ++i) {
      if (d[i] == '"') in_quotes_ = !in_quotes_;
      else if (d[i] == '\n' && !in_quotes_) complete_ = i + 1;
    }
  }
  scanned_ = pending_.size();
  return complete_;
}

// Reads the records of pending_[0, end) and drops them.
Status StreamReader::parse(size_t end) {
  if (need_header_ || maybe_header_) {
    size_t header = 0;
    Status s = read_header(end, &header);
    if (!s.ok()) return consume(end), s;
    consume(header);
    end -= header;
    if (need_header_) return Ok{};
  }
  if (end == 0) return Ok{};
  detail::Limits limits = detail::Limits::of(limits_);
  detail::Window win(detail::memory_source(pending_.data(), offset_), offset_, offset_ + end, limits);
  Records out(*this);
  text_line_ = 1;
  text_pos_ = 0;
  const Status s = format_ == Format::Jsonl
                       ? detail::scan_jsonl(win, &names_, out, limits.max_columns)
                       : detail::scan_csv(win, detail::csv_config(format_, names_.size(), detail::HeaderMode::None, limits.max_columns), out);
  consume(end);
  return s;
}

// The header, at the start of pending_[0, end): `*consumed` is set to its length (0 for JSONL,
// whose first record is data too). A stream that holds only blank lines so far goes on
// waiting. In a later file, a first record that is not the header is data.
Status StreamReader::read_header(size_t end, size_t* consumed) {
  detail::Limits limits = detail::Limits::of(limits_);
  detail::Window win(detail::memory_source(pending_.data(), offset_), offset_, offset_ + end, limits);
  detail::HeaderRecords first;
  uint64_t stopped = offset_;
  const Status s = format_ == Format::Jsonl
                       ? detail::scan_jsonl(win, nullptr, first, limits.max_columns)
                       : detail::scan_csv(win, detail::csv_config(format_, 0, detail::HeaderMode::Capture, limits.max_columns), first, &stopped);
  if (!s.ok()) return s;
  *consumed = first.found ? static_cast<size_t>(stopped - offset_) : end;
  if (format_ == Format::Jsonl && first.found) *consumed = 0;
  if (maybe_header_) {
    if (!first.found && !first.error) return Ok{};  // blank lines: the header may still come
    maybe_header_ = false;
    if (first.error || first.names != names_) *consumed = 0;
    return Ok{};
  }
  if (first.error) {
    Error e = *first.error;
    e.line = static_cast<uint32_t>(std::min<uint64_t>(lines_before_ + e.line, UINT32_MAX));
    return e;
  }
  if (!first.found) return Ok{};
  if (first.names.empty()) return Error::invalid("header: the first JSON object has no fields");
  names_ = std::move(first.names);
  need_header_ = false;
  sink_.columns(names_);
  return Ok{};
}

// Drops pending_[0, n), counting its lines.
void StreamReader::consume(size_t n) {
  lines_before_ += detail::count_byte(pending_.data(), n, '\n');
  offset_ += n;
  pending_.erase(0, n);
  scanned_ = n <= scanned_ ? scanned_ - n : 0;
  complete_ = n <= complete_ ? complete_ - n : 0;
  if (scanned_ == 0) in_quotes_ = false;
}

// pending_ holds more than a record may without ending one: report it and start again at its
// last newline, or drop what follows up to the next one.
void StreamReader::skip_long_record() {
  report_bad_text(lines_before_ + 1, std::string_view(pending_).substr(0, kMaxBadText),
                  detail::record_too_long(limits_.max_record_bytes));
  const size_t nl = pending_.rfind('\n');
  skipping_ = nl == std::string::npos;
  consume(skipping_ ? pending_.size() : nl + 1);
  scanned_ = complete_ = 0;
  in_quotes_ = false;
  complete_prefix();
}

void StreamReader::report_bad(uint64_t rel_line, std::string message) {
  // Bad records come in order: find the line from where the last one was.
  const char* d = pending_.data();
  while (text_line_ < rel_line) {
    const void* nl = std::memchr(d + text_pos_, '\n', pending_.size() - text_pos_);
    if (!nl) break;
    text_pos_ = static_cast<size_t>(static_cast<const char*>(nl) - d) + 1;
    ++text_line_;
  }
  std::string_view text(d + text_pos_, pending_.size() - text_pos_);
  text = text.substr(0, std::min(text.find('\n'), kMaxBadText));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  report_bad_text(lines_before_ + rel_line, text, std::move(message));
}

void StreamReader::report_bad_text(uint64_t line, std::string_view text, std::string message) {
  ++result_.bad_records;
  if (on_bad_) on_bad_(line, text, message);
  if (result_.bad.size() < kMaxBadRows) result_.bad.push_back(BadRow{line, std::move(message)});
}

}  // namespace seam::data
