#include "util/text.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "util/escape.h"

namespace seam::text {

size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len;
  if (c < 0x80) { cp = c; return 1; }
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong encodings, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::optional<size_t> find_invalid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    const size_t len = decode_utf8(s, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string cell(std::string_view s, size_t width, bool right) {
  size_t end = 0, chars = 0;
  while (end < s.size() && chars < width) {
    ++end;
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
    ++chars;
  }
  const std::string pad(width - chars, ' ');
  return right ? pad + std::string(s.substr(0, end)) : std::string(s.substr(0, end)) + pad;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  // A suggestion is only useful when it is nearer to the word than to a random string:
  // allow about one edit per three characters, and always accept a case-only difference.
  const std::string w = lower(word);
  std::optional<std::string> best;
  if (w.size() >= 2) {  // an abbreviation ("Str" for "String") is the likeliest intent
    for (const auto& c : candidates)
      if (lower(c).rfind(w, 0) == 0) return c;
  }
  size_t best_d = std::max<size_t>(1, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const size_t d = edit_distance(w, lower(c));
    if (d < best_d) { best_d = d; best = c; }
  }
  return best;
}

std::string quote(std::string_view s) {
  constexpr size_t kMax = 60;  // characters shown
  size_t cut = 0, chars = 0;
  for (; cut < s.size(); ++cut)
    if ((static_cast<unsigned char>(s[cut]) & 0xC0) != 0x80 && chars++ == kMax) break;
  std::string out = "'";
  out += escape::control(s.substr(0, cut));
  out += cut < s.size() ? "...'" : "'";
  return out;
}

std::string mib(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1u << 20));
  return buf;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t comma; (comma = s.find(',', start)) != std::string_view::npos; start = comma + 1)
    if (comma > start) out.emplace_back(s.substr(start, comma - start));
  if (start < s.size()) out.emplace_back(s.substr(start));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  auto strip = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t first = 0, last = s.size();
  while (first < last && strip(s[first])) ++first;
  while (last > first && strip(s[last - 1])) --last;
  return s.substr(first, last - first);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto near = closest(word, candidates);
  return near ? " (did you mean '" + *near + "'?)" : "";
}

}  // namespace seam::text
