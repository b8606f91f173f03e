// Records from bytes that arrive in pieces: standard input, or a file that is still being
// written. The readers of reader.h need the whole file up front to split it; a stream is
// read as it comes instead, one piece at a time, with the same dialects and the same bad
// records (reader.h).
//
// Each piece is appended to what is pending, and every record that the pending bytes hold
// complete goes to the sink at once; a partial last record waits for the next piece. A CSV
// record is complete at a newline outside quotes, a TSV or JSONL record at any newline.
//
// Memory is bounded by the limits: a record that grows past max_record_bytes without ending
// is skipped to its next newline and counted as one bad record. For CSV this includes a quote
// that is never closed, which in a file would make the rest of the file one bad record; in a
// stream that never ends, the reader must recover, so it starts again at the next newline.
//
// A stream may be several files one after the other (a log that is rotated): restart() marks
// where a new file begins. For CSV and TSV, a new file's first record is skipped when it is
// the header again, and read as data otherwise; its line numbers start again at 1.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "data/reader.h"
#include "util/result.h"

namespace seam::data {

class StreamReader {
 public:
  // A bad record: its line (1-based, in its file), its first line's text (at most 64 KiB) and why.
  using BadSink = std::function<void(uint64_t line, std::string_view text, const std::string& message)>;

  StreamReader(Format f, RecordSink& sink, ReadLimits limits = {}, BadSink bad = nullptr);

  // Reads every record that `bytes` complete. Error (Invalid, with its line) only when the
  // stream's first record cannot be a header: it is too long, or a JSONL line that is not a
  // flat object. Records after it never fail the stream.
  Status feed(std::string_view bytes);
  // The current file has ended (its last line needs no newline) and a new one begins.
  Status restart();
  // The stream has ended: what is pending is the last record.
  Status finish();

  // Good and bad records so far; `bad` holds the first kMaxBadRows.
  const ReadResult& result() const { return result_; }
  // The column names, once the header has been read; empty before.
  const std::vector<std::string>& columns() const { return names_; }

 private:
  class Records;
  size_t complete_prefix();
  Status parse(size_t end);
  Status read_header(size_t end, size_t* consumed);
  void consume(size_t n);
  void skip_long_record();
  void report_bad(uint64_t rel_line, std::string message);
  void report_bad_text(uint64_t line, std::string_view text, std::string message);

  Format format_;
  RecordSink& sink_;
  ReadLimits limits_;
  BadSink on_bad_;
  std::string pending_;        // bytes not yet read as records; starts at a record boundary
  size_t scanned_ = 0;         // pending_ bytes already searched for the complete prefix
  size_t complete_ = 0;        // pending_[0, complete_) holds whole records
  bool in_quotes_ = false;     // CSV: at scanned_, inside a quoted field
  bool skipping_ = false;      // dropping a record longer than the limit, up to its newline
  bool need_header_ = true;    // the next record is the header (the stream's first file)
  bool maybe_header_ = false;  // the next record is the header again, or data (a later file)
  std::vector<std::string> names_;
  uint64_t lines_before_ = 0;   // newlines of the current file before pending_
  uint64_t offset_ = 0;         // bytes of the current file before pending_
  uint64_t text_line_ = 1;      // report_bad's place in the piece being parsed: its line,
  size_t text_pos_ = 0;         // and where that line starts in pending_
  ReadResult result_;
};

}  // namespace seam::data
