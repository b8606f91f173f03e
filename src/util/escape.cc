#include "util/escape.h"

#include <algorithm>
#include <cstdint>

#include "util/text.h"

namespace seam::escape {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// The XML for one valid code point, `bytes` being its UTF-8 form.
void append_xml(uint32_t cp, std::string_view bytes, bool attribute, std::string& out) {
  switch (cp) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    case '\t': out += attribute ? "&#9;" : "\t"; break;
    case '\n': out += attribute ? "&#10;" : "\n"; break;
    case '\r': out += "&#13;"; break;  // a raw CR would be folded into LF by the parser
    default:
      if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) out += kReplacement;
      else out += bytes;
  }
}

}  // namespace

std::string xml(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t len = text::decode_utf8(s, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    append_xml(cp, s.substr(i, len), attribute, out);
    i += len;
  }
  return out;
}

// Backslash-escapes what Markdown would otherwise read as markup, so that values taken
// from descriptors show literally. Newlines become <br>: inside a table a raw newline
// ends the row, and elsewhere it could start a heading or a list.
std::string markdown(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '#': case '~': case '&':
        out += '\\';
        out += c;
        break;
      case '\r': break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

// A code span whose fence is longer than any backtick run inside, as CommonMark requires.
// Pipes still need a backslash: GitHub splits table cells before it parses code spans.
std::string markdown_code(std::string_view s, bool in_table) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  std::string body;
  for (char c : s) {
    if (c == '|' && in_table) body += "\\|";
    else if (c == '\n' || c == '\r') body += ' ';
    else body += c;
  }
  if (body.empty()) return "(empty)";
  const bool pad = body.front() == '`' || body.back() == '`';
  return fence + (pad ? " " + body + " " : body) + fence;
}

std::string control(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (!is_control(c)) { out += ch; continue; }
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: ((out += "\\x") += kHex[c >> 4]) += kHex[c & 0xF];
    }
  }
  return out;
}

std::string mask_control(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (is_control(static_cast<unsigned char>(c)) && c != '\t') c = '?';
  return out;
}

}  // namespace seam::escape
