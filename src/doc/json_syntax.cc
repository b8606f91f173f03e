#include "doc/json_syntax.h"

#include <cctype>

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
  bool fail(std::string msg) {
    if (!err_.found) err_ = {true, p_, "invalid JSON: " + std::move(msg)};
    return false;
  }
  bool at_end() const { return p_ >= t_.size(); }
  char peek() const { return at_end() ? '\0' : t_[p_]; }
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
        return fail(std::string("expected a value; found '") + peek() + "'");
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
          for (size_t k = 2; k < 6; ++k)
            if (p_ + k >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[p_ + k])))
              return fail("\\u must be followed by four hex digits");
          p_ += 6;
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
