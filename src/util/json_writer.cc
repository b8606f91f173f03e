#include "util/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace seam {

namespace {

// Whether any of the 8 bytes in `w` is a control character, '"' or '\\': the bytes JSON
// must escape. Word-at-a-time tests (the classic "has zero byte" trick) let long messages
// and rationales be copied eight bytes per step.
inline bool needs_escape(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [&](uint64_t x) { return (x - ones) & ~x & highs; };
  const uint64_t control = (w - ones * 0x20) & ~w & highs;  // some byte < 0x20
  return control | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'));
}

// The length of the longest prefix of `s` that JSON can take as it is: s.size() for most
// strings. Eight bytes per step; a short string or the tail is tested as one word padded
// with spaces, so that no byte is looked at alone unless an escape is near.
size_t clean_prefix(std::string_view s) {
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

void JsonWriter::newline() {
  if (indent_ <= 0) return;
  out_ += '\n';
  out_.append(has_items_.size() * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) { after_key_ = false; return; }
  if (has_items_.empty()) return;
  if (has_items_.back()) out_ += ',';
  has_items_.back() = true;
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  const bool had = has_items_.back();
  has_items_.pop_back();
  if (had) newline();
  out_ += bracket;
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  escape(k, out_);
  out_ += indent_ > 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  escape(s, out_);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(int64_t n) {
  before_value();
  out_ += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  before_value();
  if (!std::isfinite(d)) { out_ += "null"; return *this; }  // JSON has no NaN or infinity
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
  out_.append(buf, res.ptr);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json.empty() ? std::string_view("null") : json;
  return *this;
}

}  // namespace seam
