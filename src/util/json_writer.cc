#include "util/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace seam {

namespace {

// Whether any of the 8 bytes in `w` is a control character, '"' or '\\': the bytes JSON
// must escape. Word-at-a-time tests (the classic "has zero byte" trick) let long messages
// and rationales be copied eight bytes per step.
[[maybe_unused]] inline bool needs_escape(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [&](uint64_t x) { return (x - ones) & ~x & highs; };
  const uint64_t control = (w - ones * 0x20) & ~w & highs;  // some byte < 0x20
  return control | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'));
}

// The length of the longest prefix of `s` that JSON can take as it is: s.size() for most
// strings. Sixteen bytes per step with SSE2 (part of x86-64 itself, so no dispatch), else
// eight with word tricks; a short string or the tail is tested as one block padded with
// spaces.
size_t clean_prefix(std::string_view s) {
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1f);
  auto dirty = [&](__m128i v) {  // a bit per byte that must be escaped
    const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, control), control);  // v <= 0x1f
    return _mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
  };
  size_t i = 0;
  for (; i + 16 <= s.size(); i += 16)
    if (const int m = dirty(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)))) return i + __builtin_ctz(m);
  if (i == s.size()) return i;
  char tail[16];
  std::memset(tail, ' ', sizeof tail);
  std::memcpy(tail, s.data() + i, s.size() - i);
  const int m = dirty(_mm_loadu_si128(reinterpret_cast<const __m128i*>(tail)));
  return m ? i + __builtin_ctz(m) : s.size();
#else
  size_t i = 0;
  uint64_t w;
  for (; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (needs_escape(w)) break;
  }
  if (i + 8 > s.size()) {
    w = 0x2020202020202020ull;
    if (i < s.size()) std::memcpy(&w, s.data() + i, s.size() - i);
    if (!needs_escape(w)) return s.size();
  }
  for (;; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
#endif
}

// memcpy, with the short copies that make up most of a document done inline rather than by
// a call into the C library.
inline void copy(char* to, const char* from, size_t n) {
  if (n > 16) {
    std::memcpy(to, from, n);
  } else if (n >= 8) {
    uint64_t a, b;
    std::memcpy(&a, from, 8);
    std::memcpy(&b, from + n - 8, 8);
    std::memcpy(to, &a, 8);
    std::memcpy(to + n - 8, &b, 8);
  } else {
    for (size_t i = 0; i < n; ++i) to[i] = from[i];
  }
}

}  // namespace

void JsonWriter::escape(std::string_view s, std::string& out) {
  // Most strings need no escape at all: find the first byte that does, and copy everything
  // before it in one append.
  size_t i = clean_prefix(s);
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  out.append(s.data(), i);
  size_t run = i;  // start of the pending run of characters that need no escape
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s, run, i - run);
    run = ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
        out += buf;
      }
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

std::string JsonWriter::quoted(std::string_view s) {
  std::string out;
  escape(s, out);
  return out;
}

char* JsonWriter::room(size_t n) {
  if (len_ + n > cap_) {
    // Uninitialised growth: std::string::resize would zero what is about to be written.
    const size_t cap = std::max(cap_ * 2, len_ + n + 4096);
    std::unique_ptr<char[]> grown(new char[cap]);
    if (len_) std::memcpy(grown.get(), buf_.get(), len_);
    buf_ = std::move(grown);
    cap_ = cap;
  }
  return buf_.get() + len_;
}

void JsonWriter::put(std::string_view s) {
  copy(room(s.size()), s.data(), s.size());
  len_ += s.size();
}

void JsonWriter::put_string(std::string_view s) {
  if (clean_prefix(s) < s.size()) {  // rare: an escape is needed
    std::string quoted;
    escape(s, quoted);
    return put(quoted);
  }
  char* p = room(s.size() + 2);
  p[0] = '"';
  copy(p + 1, s.data(), s.size());
  p[s.size() + 1] = '"';
  len_ += s.size() + 2;
}

const std::string& JsonWriter::str() const {
  out_.assign(buf_.get(), len_);
  return out_;
}

void JsonWriter::newline() {
  if (indent_ <= 0) return;
  const size_t n = 1 + has_items_.size() * static_cast<size_t>(indent_);
  char* p = room(n);
  p[0] = '\n';
  std::memset(p + 1, ' ', n - 1);
  len_ += n;
}

void JsonWriter::before_value() {
  if (after_key_) { after_key_ = false; return; }
  if (has_items_.empty()) return;
  if (has_items_.back()) put(',');
  has_items_.back() = true;
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  put('{');
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  const bool had = has_items_.back();
  has_items_.pop_back();
  if (had) newline();
  put(bracket);
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::begin_array() {
  before_value();
  put('[');
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  put_string(k);
  put(indent_ > 0 ? std::string_view(": ") : std::string_view(":"));
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  put_string(s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  put(b ? std::string_view("true") : std::string_view("false"));
  return *this;
}

JsonWriter& JsonWriter::value(int64_t n) {
  before_value();
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, n);
  put(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  before_value();
  if (!std::isfinite(d)) { put("null"); return *this; }  // JSON has no NaN or infinity
  // Negative zero is written 0: "-0" reads back as the integer 0 in most parsers (seam's
  // included), so the text would change on every round trip.
  if (d == 0) d = 0;
  // The shortest text that reads back as the same double: 0.41, not 0.40999999999999998.
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  // Shortest can mean 20 digits with no point (1.8446744073709552e19 as 18446744073709551616),
  // which readers, seam's included, take for an integer past 64 bits: keep the exponent.
  if (std::fabs(d) >= 9e18 && std::string_view(buf, res.ptr).find_first_of(".e") == std::string_view::npos)
    res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  put(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  put("null");
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  put(json.empty() ? std::string_view("null") : json);
  return *this;
}

}  // namespace seam
