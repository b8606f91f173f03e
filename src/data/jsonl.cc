// JSONL scanning: one flat JSON object per line. The common line (no escapes, no nesting)
// is read in one pass by parse_flat_object, its values left in the window and passed on in
// batches like CSV records; any other line goes to simdjson's DOM parser, in place in the
// window (the window's padding is what it reads past the end of a line), which reads it or
// names what is wrong. Not On-Demand: without -march flags its inline code compiles to
// simdjson's scalar fallback kernel, while the DOM parser picks the best kernel at run time.
// DOM does not keep a number's text, so decimals are cut from the line by a small walk
// (raw_values).
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "data/flat_json.h"
#include "data/scan.h"
#include "util/text.h"

namespace seam::data::detail {
namespace {

namespace dom = simdjson::dom;
// Records go out in batches of about this many fields (see csv.cc).
constexpr size_t kBatchFields = 8192;
static_assert(simdjson::SIMDJSON_PADDING <= 64, "Window's padding is too small for simdjson");

bool all_space(const char* p, size_t n) {
  return std::all_of(p, p + n, [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The text of each value of a flat JSON object that simdjson has accepted, in order. Stops
// at a nested value, which makes the record bad anyway.
void raw_values(std::string_view line, std::vector<std::string_view>& out) {
  const char* p = line.data();
  const char* e = p + line.size();
  auto skip_space = [&] {
    while (p < e && json_space(*p)) ++p;
  };
  auto skip_string = [&] {  // p is at the opening quote
    for (++p; p < e; ++p) {
      if (*p == '\\') ++p;
      else if (*p == '"') return (void)++p;
    }
  };
  skip_space();
  ++p;  // '{'
  for (;;) {
    skip_space();
    if (p >= e || *p == '}') return;
    skip_string();
    skip_space();
    ++p;  // ':'
    skip_space();
    const char* v = p;
    if (p < e && (*p == '{' || *p == '[')) return;
    if (p < e && *p == '"') skip_string();
    else while (p < e && *p != ',' && *p != '}' && !json_space(*p)) ++p;
    out.emplace_back(v, static_cast<size_t>(p - v));
    skip_space();
    if (p < e && *p == ',') ++p;
  }
}

// Whether a JSON number token fits the 64 bits simdjson parses into.
bool fits_64_bits(std::string_view num) {
  const char* first = num.data();
  const char* last = first + num.size();
  if (num.find_first_of(".eE") != std::string_view::npos) return !std::isinf(std::strtod(std::string(num).c_str(), nullptr));
  int64_t i;
  uint64_t u;
  return std::from_chars(first, last, i).ec == std::errc() || (num[0] != '-' && std::from_chars(first, last, u).ec == std::errc());
}

// The line with each number too wide for 64 bits turned into a string of the same text.
// A data value such as 99999999999999999999 or 1e999 is valid JSON; kept as text, it is
// profiled like any other value written that way instead of spoiling the whole record.
std::string quote_wide_numbers(std::string_view line) {
  std::string out;
  out.reserve(line.size() + 16);
  for (size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (c == '"') {  // copy a string whole, escapes included
      size_t j = i + 1;
      while (j < line.size() && line[j] != '"') j += line[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, line.size());
      out.append(line.substr(i, j - i));
      i = j;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t j = i + 1;
      while (j < line.size() && std::string_view("0123456789.eE+-").find(line[j]) != std::string_view::npos) ++j;
      const std::string_view num = line.substr(i, j - i);
      if (fits_64_bits(num)) out.append(num);
      else out.append(1, '"').append(num).append(1, '"');
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string json_error(simdjson::error_code e) {
  if (e == simdjson::UTF8_ERROR) return "invalid UTF-8";
  return std::string("invalid JSON: ") + simdjson::error_message(e);
}

class JsonlScan {
 public:
  JsonlScan(Window& win, const std::vector<std::string>* names, Records& out, size_t max_columns)
      : win_(win), names_(names), out_(out), max_columns_(max_columns) {
    if (!names_) return;
    per_batch_ = std::max<size_t>(1, kBatchFields / std::max<size_t>(names_->size(), 1));
    fields_.resize(names_->size());
    stamp_.resize(names_->size());
    digits_.resize(names_->size());
    for (size_t i = 0; i < names_->size(); ++i) index_.emplace((*names_)[i], i);
  }

  Status run() {
    if (Status s = win_.refill(0); !s.ok()) return s;
    size_t pos = 0;
    if (win_.offset() == 0 && win_.size() >= 3 && std::memcmp(win_.data(), "\xEF\xBB\xBF", 3) == 0) pos = 3;
    for (;;) {
      const char* d = win_.data();
      const size_t n = win_.size();
      check_utf8(pos);
      while (!stop_ && pos < n) {
        const void* nl = std::memchr(d + pos, '\n', n - pos);
        if (!nl) break;
        const size_t end = static_cast<size_t>(static_cast<const char*>(nl) - d);
        if (skipping_) skipping_ = false;
        else line(pos, end);
        pos = end + 1;
        ++line_;
      }
      if (stop_) return Ok{};
      if (win_.at_end()) {
        if (!skipping_ && pos < n) line(pos, n);
        if (!stop_) flush();
        return Ok{};
      }
      if (!flush()) return Ok{};  // the batch's fields point into the window
      size_t keep = pos;  // the start of the unfinished line
      if (!skipping_ && pos == 0 && !win_.can_grow()) {
        bad(record_too_long(win_.max_record()));
        if (stop_) return Ok{};
        skipping_ = true;
      }
      if (skipping_) keep = n;
      if (Status s = win_.refill(keep); !s.ok()) return s;
      pos = 0;
    }
  }

 private:
  void line(size_t begin, size_t end) {
    const char* d = win_.data();
    if (end > begin && d[end - 1] == '\r') --end;
    if (all_space(d + begin, end - begin)) return;  // blank line
    line_text_ = std::string_view(d + begin, end - begin);
    if (names_ && (!utf8_dirty_ || simdjson::validate_utf8(line_text_.data(), line_text_.size())) &&
        parse_flat_object(line_text_, members_)) {
      if (fill_flat()) batch();
      return;
    }
    if (!flush()) return;  // this record's values live in the parser: it goes alone
    raw_.clear();
    raw_done_ = false;
    dom::element doc;
    auto e = parser_.parse(line_text_.data(), line_text_.size(), false).get(doc);
    if (e == simdjson::NUMBER_ERROR) {
      wide_ = quote_wide_numbers(line_text_);
      line_text_ = wide_;
      e = parser_.parse(wide_).get(doc);  // copies into a padded buffer
    }
    if (e) return bad(json_error(e));
    dom::object obj;
    if (doc.get_object().get(obj)) return bad("not a JSON object");
    if (names_ ? fill(obj) : capture(obj))
      if (!out_.good(fields_.data(), fields_.size(), line_)) stop_ = true;
  }

  // simdjson's check runs at memory speed; only when it fails are lines checked one by one
  // (and the bad ones left to simdjson, which reports them). It stops at the last newline,
  // so a character split by the window's end is not seen.
  void check_utf8(size_t from) {
    size_t to = win_.size();
    if (!win_.at_end()) {
      const void* nl = memrchr(win_.data() + from, '\n', to - from);
      to = nl ? static_cast<size_t>(static_cast<const char*>(nl) - win_.data()) + 1 : from;
    }
    utf8_dirty_ = !simdjson::validate_utf8(win_.data() + from, to - from);
  }

  // The record's fields from a line parse_flat_object took, with the checks fill makes.
  bool fill_flat() {
    start_record();
    for (size_t k = 0; k < members_.size(); ++k) {
      const FlatMember& m = members_[k];
      const size_t i = column(m.key, k);
      if (i == kNoColumn) return false;
      fields_[i] = Field{m.null ? std::string_view() : m.text, m.null};
    }
    return true;
  }

  // Every field null until the record's members set them.
  void start_record() {
    ++generation_;
    std::fill(fields_.begin(), fields_.end(), Field{{}, true});
  }

  static constexpr size_t kNoColumn = ~size_t{0};
  // The column of the record's k-th member, or kNoColumn when the key is unknown or repeated
  // (reported as a bad record). Objects usually list their keys in the header's order; that
  // is tried before hashing.
  size_t column(std::string_view key, size_t k) {
    const std::vector<std::string>& names = *names_;
    size_t i = k;
    if (i >= names.size() || names[i] != key) {
      const auto it = index_.find(key);
      if (it == index_.end()) return bad("unexpected field " + text::quote(key)), kNoColumn;
      i = it->second;
    }
    if (stamp_[i] == generation_) return bad("duplicate field " + text::quote(key)), kNoColumn;
    stamp_[i] = generation_;
    return i;
  }

  void batch() {
    batch_.insert(batch_.end(), fields_.begin(), fields_.end());
    lines_.push_back(line_);
    if (lines_.size() == per_batch_) flush();
  }

  // Passes the batch on; false when the receiver asks to stop.
  bool flush() {
    if (lines_.empty()) return !stop_;
    const bool go = out_.good_batch(batch_.data(), fields_.size(), lines_.size(), lines_.data());
    batch_.clear();
    lines_.clear();
    if (!go) stop_ = true;
    return go;
  }

  // The keys of the first object become the columns; the values are read with the data.
  bool capture(dom::object obj) {
    std::unordered_set<std::string_view> seen;  // a line may hold tens of thousands of keys
    for (const dom::key_value_pair kv : obj) {
      if (!seen.insert(kv.key).second) return bad("duplicate field " + text::quote(kv.key)), false;
      if (seen.size() > max_columns_) return bad(too_many_columns(max_columns_)), false;
      keys_.emplace_back(kv.key);
    }
    for (const std::string& k : keys_) fields_.push_back(Field{k, false});
    return true;
  }

  bool fill(dom::object obj) {
    start_record();
    size_t k = 0;  // position in the object
    for (const dom::key_value_pair kv : obj) {
      const size_t i = column(kv.key, k);
      if (i == kNoColumn || !value(kv.value, k++, kv.key, i)) return false;
    }
    return true;
  }

  bool value(dom::element v, size_t k, std::string_view key, size_t i) {
    Field& out = fields_[i];
    out.null = false;
    switch (v.type()) {
      case dom::element_type::STRING:
        out.text = v.get_string().value_unsafe();
        return true;
      case dom::element_type::INT64:
      case dom::element_type::UINT64: {
        // An integer prints as written, except -0; that saves the walk over the line.
        char* buf = digits_[i].data();
        const auto r = v.type() == dom::element_type::INT64
                           ? std::to_chars(buf, buf + 24, v.get_int64().value_unsafe())
                           : std::to_chars(buf, buf + 24, v.get_uint64().value_unsafe());
        if (r.ptr != buf + 1 || *buf != '0') {
          out.text = std::string_view(buf, static_cast<size_t>(r.ptr - buf));
          return true;
        }
        [[fallthrough]];
      }
      case dom::element_type::DOUBLE:
        if (!raw_done_) raw_values(line_text_, raw_);
        raw_done_ = true;
        out.text = k < raw_.size() ? raw_[k] : std::string_view();
        return true;
      case dom::element_type::BOOL:
        out.text = v.get_bool().value_unsafe() ? "true" : "false";
        return true;
      case dom::element_type::NULL_VALUE:
        out = Field{{}, true};
        return true;
      case dom::element_type::ARRAY:
      case dom::element_type::OBJECT:
        break;
    }
    return bad("nested value in field " + text::quote(key)), false;
  }

  void bad(std::string message) {
    if (!out_.bad(line_, std::move(message))) stop_ = true;
  }

  Window& win_;
  const std::vector<std::string>* names_;  // nullptr: capture the header
  Records& out_;
  size_t max_columns_;
  dom::parser parser_;
  std::vector<Field> fields_;
  std::vector<FlatMember> members_;  // of a line parse_flat_object took
  std::vector<Field> batch_;         // records taken in one pass, row after row
  std::vector<uint64_t> lines_;      // their lines
  size_t per_batch_ = 1;
  bool utf8_dirty_ = false;          // the window failed the UTF-8 check: check each line
  std::vector<std::array<char, 24>> digits_;  // printed integers, one slot per column
  std::vector<uint64_t> stamp_;               // generation_ of the record that last set each field
  uint64_t generation_ = 0;
  std::unordered_map<std::string_view, size_t> index_;
  std::vector<std::string> keys_;
  std::string_view line_text_;
  std::string wide_;  // the line rewritten by quote_wide_numbers, when it had to be
  std::vector<std::string_view> raw_;  // raw value texts of the line, computed on demand
  bool raw_done_ = false;
  uint64_t line_ = 1;  // relative to the range
  bool skipping_ = false, stop_ = false;
};

}  // namespace

Status scan_jsonl(Window& win, const std::vector<std::string>* names, Records& out, size_t max_columns) {
  return JsonlScan(win, names, out, max_columns).run();
}

}  // namespace seam::data::detail
