#include "doc/json_syntax.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "util/text.h"

namespace seam::doc {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, int max_depth) : t_(text), max_depth_(max_depth) {}

  JsonSyntaxError run() {
    space();
    if (!value(1)) return err_;
    space();
    if (p_ < t_.size()) fail("unexpected text after the top-level value");
    return err_;
  }

 private:
  bool fail(std::string msg) { return refuse("invalid JSON: " + std::move(msg)); }
  // For valid JSON that seam cannot hold (numbers past 64 bits, lone surrogates).
  bool refuse(std::string msg) {
    if (!err_.found) err_ = {true, p_, std::move(msg)};
    return false;
  }
  bool at_end() const { return p_ >= t_.size(); }
  char peek() const { return at_end() ? '\0' : t_[p_]; }
  // The character at the cursor, whole: quoting one byte of a multi-byte character would put
  // invalid UTF-8 into the message, and so into every report that repeats it.
  std::string_view character() const {
    uint32_t cp = 0;
    return t_.substr(p_, std::max<size_t>(1, text::decode_utf8(t_, p_, cp)));
  }
  void space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++p_;
  }

  bool value(int depth) {
    if (depth > max_depth_) {
      err_ = {true, p_, "nesting is deeper than " + std::to_string(max_depth_) + " levels"};
      return false;
    }
    switch (peek()) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return word("true");
      case 'f': return word("false");
      case 'n': return word("null");
      case '\0': return fail(at_end() ? "the text ends where a value was expected" : "NUL byte where a value was expected");
      default:
        if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek()))) return number();
        return fail("expected a value; found " + text::quote(character()));
    }
  }

  bool object(int depth) {
    ++p_;
    space();
    if (peek() == '}') return ++p_, true;
    for (;;) {
      space();
      if (peek() != '"') return fail("expected a quoted key");
      if (!string()) return false;
      space();
      if (peek() != ':') return fail("expected ':' after the key");
      ++p_;
      space();
      if (!value(depth + 1)) return false;
      space();
      if (peek() == ',') { ++p_; continue; }
      if (peek() == '}') return ++p_, true;
      return fail(at_end() ? "the object is not closed" : "expected ',' or '}' after a member");
    }
  }

  bool array(int depth) {
    ++p_;
    space();
    if (peek() == ']') return ++p_, true;
    for (;;) {
      space();
      if (!value(depth + 1)) return false;
      space();
      if (peek() == ',') { ++p_; continue; }
      if (peek() == ']') return ++p_, true;
      return fail(at_end() ? "the array is not closed" : "expected ',' or ']' after an element");
    }
  }

  bool string() {
    const size_t start = p_++;
    while (!at_end()) {
      const char c = t_[p_];
      if (c == '"') return ++p_, true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character inside a string (escape it)");
      if (c == '\\') {
        const char e = p_ + 1 < t_.size() ? t_[p_ + 1] : '\0';
        if (e == 'u') {
          if (!unicode_escape()) return false;
          continue;
        }
        if (!e || std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos)
          return fail("unknown escape sequence");
        p_ += 2;
        continue;
      }
      ++p_;
    }
    p_ = start;
    return fail("the string is not closed");
  }

  // The four hex digits at p_ + 2, or -1.
  int hex4(size_t at) const {
    if (at + 6 > t_.size() || t_[at] != '\\' || t_[at + 1] != 'u') return -1;
    int v = 0;
    for (size_t k = at + 2; k < at + 6; ++k) {
      const int c = static_cast<unsigned char>(t_[k]);
      if (!std::isxdigit(c)) return -1;
      v = v * 16 + (std::isdigit(c) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
    return v;
  }

  // \uXXXX, where a UTF-16 surrogate must come as a high-low pair to stand for a character.
  bool unicode_escape() {
    const int v = hex4(p_);
    if (v < 0) return fail("\\u must be followed by four hex digits");
    const std::string esc(t_.substr(p_, 6));
    if (v >= 0xDC00 && v <= 0xDFFF) return refuse(esc + " is the second half of a UTF-16 surrogate pair without its first; it is not a character");
    if (v >= 0xD800 && v <= 0xDBFF) {
      const int low = hex4(p_ + 6);
      if (low < 0xDC00 || low > 0xDFFF) return refuse(esc + " is the first half of a UTF-16 surrogate pair without its second; it is not a character");
      p_ += 6;
    }
    p_ += 6;
    return true;
  }

  bool word(std::string_view w) {
    if (t_.substr(p_, w.size()) != w) return fail("expected '" + std::string(w) + "'");
    p_ += w.size();
    return true;
  }

  bool number() {
    const size_t start = p_;
    auto digits = [&] {
      const size_t from = p_;
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++p_;
      return p_ > from;
    };
    if (peek() == '-') ++p_;
    if (peek() == '0') ++p_;
    else if (!digits()) return p_ = start, fail("malformed number");
    if (peek() == '.') {
      ++p_;
      if (!digits()) return p_ = start, fail("malformed number: digits expected after '.'");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++p_;
      if (peek() == '+' || peek() == '-') ++p_;
      if (!digits()) return p_ = start, fail("malformed number: digits expected in the exponent");
    }
    return in_range(start);
  }

  // JSON puts no bound on numbers, but seam holds them in 64 bits, as simdjson does.
  bool in_range(size_t start) {
    const std::string_view num = t_.substr(start, p_ - start);
    const std::string shown = num.size() > 40 ? std::string(num.substr(0, 40)) + "..." : std::string(num);
    const char* first = num.data();
    const char* last = first + num.size();
    if (num.find_first_of(".eE") == std::string_view::npos) {
      int64_t i;
      uint64_t u;
      if (std::from_chars(first, last, i).ec == std::errc() || (num[0] != '-' && std::from_chars(first, last, u).ec == std::errc()))
        return true;
      p_ = start;
      return refuse("integer " + shown + " does not fit in 64 bits; quote it, or write it with an exponent (1e20)");
    }
    if (std::isinf(std::strtod(std::string(num).c_str(), nullptr))) {
      p_ = start;
      return refuse("number " + shown + " is too large for a 64-bit float (the largest is about 1.8e308)");
    }
    return true;
  }

  std::string_view t_;
  int max_depth_;
  size_t p_ = 0;
  JsonSyntaxError err_;
};

}  // namespace

JsonSyntaxError find_json_syntax_error(std::string_view text, int max_depth) {
  return Scanner(text, max_depth).run();
}

}  // namespace seam::doc
