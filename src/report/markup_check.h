// For tests of the HTML and XML renderers: a small well-formedness check (tags balance,
// attributes are quoted, every '&' starts a known reference, no stray '>' and no control
// character). Returns "" when the markup is fine, else what is wrong and where.
#pragma once

#include <cctype>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace seam::report {

// How often `what` occurs in `s` (overlaps included).
inline size_t occurrences(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

inline std::string markup_problem(const std::string& x) {
  std::vector<std::string> open;
  auto bad_ref = [&](size_t at) {
    static const char* kRefs[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (const char* ref : kRefs)
      if (x.compare(at, std::strlen(ref), ref) == 0) return false;
    if (x.compare(at, 2, "&#") != 0) return true;
    size_t i = at + 2, digits = 0;
    if (i < x.size() && x[i] == 'x') ++i;
    while (i < x.size() && std::isxdigit(static_cast<unsigned char>(x[i]))) ++i, ++digits;
    return digits == 0 || i >= x.size() || x[i] != ';';
  };
  for (size_t i = 0; i < x.size(); ++i) {
    const auto c = static_cast<unsigned char>(x[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "control character at " + std::to_string(i);
    if (c == '&' && bad_ref(i)) return "bad reference at " + std::to_string(i);
    if (c == '>') return "stray '>' at " + std::to_string(i);
    if (c != '<') continue;
    if (x.compare(i, 2, "<?") == 0 || x.compare(i, 2, "<!") == 0) {
      i = x.find('>', i);
      if (i == std::string::npos) return "unterminated declaration";
      continue;
    }
    const size_t end = x.find('>', i);
    if (end == std::string::npos) return "unterminated tag";
    std::string tag = x.substr(i + 1, end - i - 1);
    if (tag.empty()) return "empty tag at " + std::to_string(i);
    for (size_t k = 0; k < tag.size(); ++k) {
      if (tag[k] == '<') return "'<' inside a tag at " + std::to_string(i);
      if (tag[k] == '&' && bad_ref(i + 1 + k)) return "bad reference in tag at " + std::to_string(i);
    }
    if (occurrences(tag, "\"") % 2) return "unbalanced quotes in <" + tag + ">";
    if (tag.front() == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return "mismatched </" + tag.substr(1) + "> at " + std::to_string(i);
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find_first_of(" \t\n")));
    }
    i = end;
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

}  // namespace seam::report
