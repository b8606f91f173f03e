#include "data/flat_json.h"

#include <cstring>

namespace seam::data::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

class FlatParser {
 public:
  explicit FlatParser(std::string_view line) : p_(line.data()), e_(line.data() + line.size()) {}

  bool object(std::vector<FlatMember>& out) {
    space();
    if (!take('{')) return false;
    space();
    if (take('}')) return end();
    for (;;) {
      FlatMember m;
      if (!string(m.key)) return false;
      space();
      if (!take(':')) return false;
      space();
      if (!value(m)) return false;
      out.push_back(m);
      space();
      if (take('}')) return end();
      if (!take(',')) return false;
      space();
    }
  }

 private:
  bool take(char c) {
    if (p_ == e_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  void space() {
    while (p_ != e_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  bool end() {
    space();
    return p_ == e_;
  }

  // A string without escapes or control characters (which JSON forbids unescaped).
  bool string(std::string_view& text) {
    if (!take('"')) return false;
    const char* begin = p_;
    while (p_ != e_ && *p_ != '"') {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '\\' || c < 0x20) return false;
      ++p_;
    }
    if (p_ == e_) return false;
    text = std::string_view(begin, static_cast<size_t>(p_ - begin));
    ++p_;
    return true;
  }

  bool digits() {
    if (p_ == e_ || !digit(*p_)) return false;
    while (p_ != e_ && digit(*p_)) ++p_;
    return true;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number(std::string_view& text) {
    const char* begin = p_;
    take('-');
    if (!take('0') && !digits()) return false;
    if (take('.') && !digits()) return false;
    if (take('e') || take('E')) {
      if (!take('+')) take('-');
      if (!digits()) return false;
    }
    text = std::string_view(begin, static_cast<size_t>(p_ - begin));
    return true;
  }

  bool word(std::string_view w) {
    if (static_cast<size_t>(e_ - p_) < w.size() || std::memcmp(p_, w.data(), w.size()) != 0) return false;
    p_ += w.size();
    return true;
  }

  bool value(FlatMember& m) {
    if (p_ == e_) return false;
    switch (*p_) {
      case '"': return string(m.text);
      case 't': return word(m.text = "true");
      case 'f': return word(m.text = "false");
      case 'n': return m.null = true, word("null");
      default: return number(m.text);
    }
  }

  const char* p_;
  const char* const e_;
};

}  // namespace

bool parse_flat_object(std::string_view line, std::vector<FlatMember>& out) {
  out.clear();
  return FlatParser(line).object(out);
}

}  // namespace seam::data::detail
