// CSV/TSV scanning. The window is classified 64 bytes at a time into bit masks (quotes,
// separators, newlines); a prefix XOR over the quote bits marks the quoted regions, so the
// loop below visits only separators and newlines outside quotes, plus the rare quotes. The
// same quote parity decides record boundaries here and in DataFile::split_points, which is
// what makes ranges read in parallel agree with one sequential read.
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "data/blocks.h"
#include "data/scan.h"

namespace seam::data::detail {
namespace {

// Records go out in batches of about this many fields, so that a sink can work a column at a
// time over many records while the fields stay in cache.
constexpr size_t kBatchFields = 8192;

bool all_space(const char* p, size_t n) {
  return std::all_of(p, p + n, [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

template <bool kQuotes>
class CsvScan {
 public:
  CsvScan(Window& win, const CsvConfig& cfg, Records& out)
      : win_(win), cfg_(cfg), out_(out), header_(cfg.header),
        per_batch_(cfg.ncols ? std::max<size_t>(1, kBatchFields / cfg.ncols) : 1),
        fields_(cfg.ncols ? cfg.ncols * per_batch_ : 16) {}

  Status run() {
    if (Status s = win_.refill(0); !s.ok()) return s;
    d_ = win_.data();
    size_t pos = 0;
    if (win_.offset() == 0 && win_.size() >= 3 && std::memcmp(d_, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    rec_ = fstart_ = pos;
    for (;;) {
      check_utf8(pos);
      scan(pos);
      if (stop_) return Ok{};
      if (win_.at_end()) break;
      if (!flush()) return Ok{};  // the batch's fields point into the window
      // The window is full and ends inside a record: keep that record and read on.
      size_t keep = rec_;
      if (!skipping_ && rec_ == 0 && !win_.can_grow()) {
        bad(record_too_long(win_.max_record()));
        if (stop_) return Ok{};
        skipping_ = true;
      }
      if (skipping_) keep = win_.size();  // the scan state carries over; the bytes are not needed
      if (Status s = win_.refill(keep); !s.ok()) return s;
      d_ = win_.data();
      pos = 0;
      if (!skipping_) {  // rescan the partial record from its start
        rec_ = fstart_ = nf_ = field_quotes_ = 0;
        messy_ = false;
        inq_ = 0;
        nl_before_ = rec_line_ - 1;
      }
    }
    finish();
    if (!stop_) flush();
    return Ok{};
  }

  uint64_t position() const { return win_.offset() + rec_; }

 private:
  // simdjson's check runs at memory speed; only when it fails are records checked one by
  // one. It stops at the last newline, so a character split by the window end is not seen.
  void check_utf8(size_t from) {
    size_t to = win_.size();
    if (!win_.at_end()) {
      const void* nl = memrchr(d_ + from, '\n', to - from);
      to = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d_) + 1 : from;
    }
    utf8_dirty_ = !simdjson::validate_utf8(d_ + from, to - from);
  }

  void scan(size_t pos) {
    const size_t n = win_.size();
    for (; pos < n; pos += 64) {
      const BlockMasks m = classify(d_ + pos, cfg_.delim);
      const uint64_t valid = low_bits(n - pos);
      const uint64_t nl = m.newline & valid;
      uint64_t q = 0, in = inq_;
      if constexpr (kQuotes) {
        q = m.quote & valid;
        if (q) {
          in = prefix_xor(q) ^ inq_;
          inq_ = uint64_t{0} - (in >> 63);
        }
      }
      // Line numbers count record ends one by one and quoted newlines per block: popcount
      // is a library call without -mpopcnt, so it is avoided in the common case.
      const uint64_t quoted_nl = nl & in;
      uint64_t ends = 0;
      uint64_t bits = (((m.delim & valid) | nl) & ~in) | q;
      while (bits) {
        const unsigned i = static_cast<unsigned>(__builtin_ctzll(bits));
        const uint64_t bit = bits & (0 - bits);
        bits ^= bit;
        if (q & bit) {
          ++field_quotes_;
          continue;
        }
        const size_t p = pos + i;
        if (!(nl & bit)) {
          if (!skipping_) add_field(p);
          continue;
        }
        if (skipping_) {
          skipping_ = false;
        } else {
          const size_t end = p > rec_ && d_[p - 1] == '\r' ? p - 1 : p;  // CRLF
          add_field(end);
          end_record(end);
        }
        rec_ = fstart_ = p + 1;
        nf_ = field_quotes_ = 0;
        messy_ = false;
        rec_line_ = nl_before_ + ++ends + 1;
        if (quoted_nl) rec_line_ += static_cast<uint64_t>(__builtin_popcountll(quoted_nl & low_bits(i)));
        if (stop_) return;
      }
      nl_before_ += ends;
      if (quoted_nl) nl_before_ += static_cast<uint64_t>(__builtin_popcountll(quoted_nl));
    }
  }

  // The window holds the rest of the range; what follows the last newline is a record.
  void finish() {
    const size_t n = win_.size();
    if (skipping_) return;
    if (inq_) return bad("quote opened here is never closed");
    if (rec_ < n) {
      const size_t end = d_[n - 1] == '\r' ? n - 1 : n;
      add_field(end);
      end_record(end);
      rec_ = n;
    }
  }

  void add_field(size_t end) {
    std::string_view t(d_ + fstart_, end - fstart_);
    if (field_quotes_) {
      // Two quotes, first and last, are a plain quoted field; anything else (escapes or
      // misplaced quotes) is left raw for unquote().
      if (field_quotes_ == 2 && t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
      else messy_ = true;
      field_quotes_ = 0;
    }
    if (nf_ < (cfg_.ncols ? cfg_.ncols : fields_.size())) {
      fields_[base_ + nf_].text = t;
    } else if (cfg_.ncols == 0 && fields_.size() < cfg_.max_columns) {
      fields_.resize(std::min(fields_.size() * 2, cfg_.max_columns));
      fields_[nf_].text = t;
    }
    ++nf_;
    fstart_ = end + 1;
  }

  // `end` is the offset of the record's line end (its CR if CRLF).
  void end_record(size_t end) {
    if (nf_ == 1 && end == rec_) return;  // blank line
    if (header_ != HeaderMode::None) {
      if (all_space(d_ + rec_, end - rec_)) return;
      if (header_ == HeaderMode::Skip) {  // already checked by DataFile::header
        header_ = HeaderMode::None;
        return;
      }
    }
    if (cfg_.ncols != 0 && nf_ != cfg_.ncols)
      return bad("expected " + std::to_string(cfg_.ncols) + " fields, found " + std::to_string(nf_));
    if (nf_ > fields_.size() || (cfg_.ncols == 0 && nf_ > cfg_.max_columns)) return bad(too_many_columns(cfg_.max_columns));
    if constexpr (kQuotes) {
      if (messy_ && !unquote(end)) return;
    }
    if (utf8_dirty_ && !simdjson::validate_utf8(d_ + rec_, end - rec_))
      return bad(invalid_utf8_message(std::string_view(d_ + rec_, end - rec_)));
    if (cfg_.ncols == 0) {  // a header: its field count is not known in advance
      if (!out_.good(fields_.data(), nf_, rec_line_)) stop_ = true;
      return;
    }
    lines_.push_back(rec_line_);
    base_ += cfg_.ncols;
    if (++batched_ == per_batch_) flush();
  }

  // Passes the batch on; false when the receiver asks to stop.
  bool flush() {
    if (batched_ == 0) return true;
    const bool go = out_.good_batch(fields_.data(), cfg_.ncols, batched_, lines_.data());
    batched_ = base_ = 0;
    lines_.clear();
    if (scratch_.size() > 1) scratch_.erase(scratch_.begin(), scratch_.end() - 1);
    scratch_used_ = 0;
    stop_ = !go;
    return go;
  }

  // Room for `n` bytes of unescaped text that stays where it is until the batch is passed on:
  // the batch's earlier fields may point into the chunks before.
  char* scratch(size_t n) {
    if (scratch_.empty() || scratch_used_ + n > scratch_cap_) {
      scratch_cap_ = std::max<size_t>(n, size_t{64} << 10);
      scratch_.push_back(std::make_unique<char[]>(scratch_cap_));
      scratch_used_ = 0;
    }
    char* p = scratch_.back().get() + scratch_used_;
    scratch_used_ += n;
    return p;
  }

  // Unquotes the fields that still hold quotes (add_field strips plain ones), turning ""
  // into " in scratch (sized up front, so earlier fields' views stay valid). Reports
  // quotes that RFC 4180 does not allow.
  bool unquote(size_t end) {
    char* out = scratch(end - rec_);
    Field* fields = fields_.data() + base_;
    auto fail = [&](size_t i, const char* what) {
      bad("field " + std::to_string(i + 1) + ": " + what);
      return false;
    };
    for (size_t i = 0; i < nf_; ++i) {
      std::string_view t = fields[i].text;
      if (t.find('"') == std::string_view::npos) continue;
      if (t.front() != '"') return fail(i, "quote inside an unquoted field");
      if (t.size() < 2 || t.back() != '"') return fail(i, "text after the closing quote");
      t = t.substr(1, t.size() - 2);
      size_t q = t.find('"');
      if (q == std::string_view::npos) {
        fields[i].text = t;
        continue;
      }
      char* start = out;
      while (q != std::string_view::npos) {
        if (q + 1 >= t.size() || t[q + 1] != '"') return fail(i, "text after the closing quote");
        std::memcpy(out, t.data(), q + 1);  // the text and one quote of the pair
        out += q + 1;
        t.remove_prefix(q + 2);
        q = t.find('"');
      }
      std::memcpy(out, t.data(), t.size());
      out += t.size();
      fields[i].text = std::string_view(start, static_cast<size_t>(out - start));
    }
    return true;
  }

  void bad(std::string message) {
    if (!out_.bad(rec_line_, std::move(message))) stop_ = true;
  }

  Window& win_;
  const CsvConfig cfg_;
  Records& out_;
  HeaderMode header_;
  const size_t per_batch_;     // records per batch (1 for a header)
  std::vector<Field> fields_;  // the batch's records, row after row (a header's fields)
  std::vector<uint64_t> lines_;  // the batch's lines
  size_t batched_ = 0;         // records in the batch
  size_t base_ = 0;            // where the current record's fields go in fields_
  // Unescaped text of quoted fields with "" in them, in chunks that never move.
  std::vector<std::unique_ptr<char[]>> scratch_;
  size_t scratch_cap_ = 0, scratch_used_ = 0;  // of the last chunk
  const char* d_ = nullptr;    // win_.data(), refreshed after each refill
  size_t rec_ = 0;             // window offset of the current record
  size_t fstart_ = 0;          // window offset of the current field
  size_t nf_ = 0;              // fields seen in the current record
  uint64_t rec_line_ = 1;      // line of the current record, relative to the range
  uint64_t nl_before_ = 0;     // newlines in the range before the block being scanned
  uint64_t inq_ = 0;           // all ones while inside quotes at the end of the last block
  size_t field_quotes_ = 0;    // quotes seen in the current field
  bool messy_ = false;         // a field of the record has escaped or misplaced quotes
  bool utf8_dirty_ = false;    // the window failed the UTF-8 check: check each record
  bool skipping_ = false;      // inside a record too long for the window
  bool stop_ = false;
};

template <bool kQuotes>
Status run_scan(Window& win, const CsvConfig& cfg, Records& out, uint64_t* stopped_at) {
  CsvScan<kQuotes> scan(win, cfg, out);
  Status s = scan.run();
  if (stopped_at) *stopped_at = scan.position();
  return s;
}

}  // namespace

Status scan_csv(Window& win, const CsvConfig& cfg, Records& out, uint64_t* stopped_at) {
  return cfg.quotes ? run_scan<true>(win, cfg, out, stopped_at) : run_scan<false>(win, cfg, out, stopped_at);
}

}  // namespace seam::data::detail
