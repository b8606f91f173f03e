#include "doc/source.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "util/fs.h"
#include "util/text.h"

namespace seam::doc {
namespace {

constexpr size_t kParserPadding = simdjson::SIMDJSON_PADDING;

}  // namespace

Source::Source(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  text_.reserve(text_.size() + kParserPadding);
  index_lines();
}

void Source::index_lines() {
  line_starts_.push_back(0);
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  uint32_t longest = 0;
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))); ++p) {
    const auto next = static_cast<uint32_t>(p - begin + 1);
    longest = std::max(longest, next - line_starts_.back());
    line_starts_.push_back(next);
  }
  longest = std::max(longest, static_cast<uint32_t>(text_.size()) - line_starts_.back());
  if (longest <= kBlock) return;
  // Counted as text::utf8_length counts (bytes that start a character), which adds up
  // across any cut.
  size_t chars = 0;
  for (size_t at = 0; at < text_.size(); at += kBlock) {
    block_chars_.push_back(static_cast<uint32_t>(chars));
    chars += text::utf8_length(std::string_view(text_).substr(at, kBlock));
  }
  block_chars_.push_back(static_cast<uint32_t>(chars));  // for the offset at the end of a whole block
}

size_t Source::chars_before(uint32_t offset) const {
  const uint32_t block = offset / kBlock;
  return block_chars_[block] + text::utf8_length(std::string_view(text_).substr(size_t{block} * kBlock, offset % kBlock));
}

LineCol Source::locate(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  const uint32_t start = *it;
  const size_t col = offset - start <= kBlock ? text::utf8_length(std::string_view(text_).substr(start, offset - start))
                                              : chars_before(offset) - chars_before(start);
  return {static_cast<uint32_t>(it - line_starts_.begin() + 1), static_cast<uint32_t>(col + 1)};
}

std::string_view Source::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const uint32_t start = line_starts_[line - 1];
  const uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
  std::string_view s = std::string_view(text_).substr(start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

uint32_t Source::offset_of(uint32_t line, uint32_t byte_column) const {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return static_cast<uint32_t>(text_.size());
  return std::min<uint32_t>(line_starts_[line - 1] + byte_column, static_cast<uint32_t>(text_.size()));
}

namespace {

// A line of minified JSON or deep flow YAML can be megabytes long: show a window of it
// around the column, marked with "..." where it is cut.
void cut_snippet(Error& e, std::string_view line) {
  constexpr uint32_t kWidth = 120;
  std::vector<size_t> starts;  // byte offset of each character
  for (size_t i = 0; i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) starts.push_back(i);
  if (starts.size() <= kWidth) {
    e.snippet = std::string(line);
    return;
  }
  const uint32_t first = e.column > kWidth / 2 ? e.column - kWidth / 2 : 1;  // 1-based characters
  const size_t last = std::min<size_t>(first + kWidth - 1, starts.size());
  const size_t from = starts[first - 1];
  const size_t to = last < starts.size() ? starts[last] : line.size();
  e.snippet = (first > 1 ? "..." : "") + std::string(line.substr(from, to - from)) + (to < line.size() ? "..." : "");
  e.snippet_column = e.column - first + 1 + (first > 1 ? 3 : 0);
}

}  // namespace

Error Source::error_at(uint32_t offset, std::string message, std::string pointer) const {
  // A parser that runs out of text (an unclosed bracket or quote) reports the end, which
  // lies on the empty line after the final newline: point just after the last character
  // written instead, so the message shows that line and a caret like any other.
  if (offset >= text_.size()) {
    const size_t last = text_.find_last_not_of(" \t\r\n");
    offset = last == std::string::npos ? 0 : static_cast<uint32_t>(last + 1);
  }
  const LineCol lc = locate(offset);
  Error e = Error::invalid(std::move(message));
  e.file = path_;
  e.line = lc.line;
  e.column = lc.column;
  e.pointer = std::move(pointer);
  cut_snippet(e, line_text(lc.line));
  return e;
}

namespace {

// The encoding of text saved as UTF-16 or UTF-32, by its byte order mark or, without one,
// by the NUL bytes that ASCII text has in every other (or every fourth) byte; else null.
const char* utf16_or_32(std::string_view t) {
  if (t.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return "UTF-32 (little-endian)";
  if (t.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return "UTF-32 (big-endian)";
  if (t.starts_with("\xFF\xFE")) return "UTF-16 (little-endian)";
  if (t.starts_with("\xFE\xFF")) return "UTF-16 (big-endian)";
  if (t.size() >= 4 && t[0] != '\0' && t[1] == '\0' && t[2] == '\0' && t[3] == '\0') return "UTF-32 (little-endian)";
  if (t.size() >= 4 && t[0] == '\0' && t[1] == '\0' && t[2] == '\0' && t[3] != '\0') return "UTF-32 (big-endian)";
  if (t.size() >= 2 && t[0] != '\0' && t[1] == '\0') return "UTF-16 (little-endian)";
  if (t.size() >= 2 && t[0] == '\0' && t[1] != '\0') return "UTF-16 (big-endian)";
  return nullptr;
}

}  // namespace

Result<Source> make_source(std::string path, std::string text) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (std::string_view(text).substr(0, 3) == kBom) text.erase(0, 3);
  Source src(std::move(path), std::move(text));
  const std::string& t = src.text();
  if (text::trim(t).empty())
    return src.error_at(0, "empty file: expected a descriptor with at least a 'version' field");
  if (const auto encoding = utf16_or_32(t))
    return src.error_at(0, std::string("the file is ") + encoding + "; descriptors are UTF-8 text (save it as UTF-8)");
  if (const auto nul = t.find('\0'); nul != std::string::npos)
    return src.error_at(static_cast<uint32_t>(nul), "binary file: found a NUL byte; descriptors are UTF-8 text");
  // simdjson's SIMD check is about fifty times faster; the scalar scan only locates a failure.
  const auto bad = simdjson::validate_utf8(t.data(), t.size()) ? std::nullopt : text::find_invalid_utf8(t);
  if (bad) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(t[*bad]));
    return src.error_at(static_cast<uint32_t>(*bad), "invalid UTF-8: byte " + std::string(byte) +
                                                         " at offset " + std::to_string(*bad) + " does not start a valid character");
  }
  return src;
}

Result<Source> read_source(const std::string& path, const FileSystem& fs, uint64_t max_bytes) {
  auto text = fs.read(path, max_bytes, "descriptor file");
  if (!text.ok()) return std::move(text).take_error();
  return make_source(path, std::move(text).value());
}

}  // namespace seam::doc
