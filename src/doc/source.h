// Reading descriptor files safely, and mapping byte offsets back to lines and columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/fs.h"
#include "util/result.h"

namespace seam::doc {

// Descriptors are small documents; anything larger is refused before it is read, so a
// stray data file or a hostile input cannot exhaust memory.
inline constexpr uint64_t kMaxDescriptorBytes = 16u << 20;  // 16 MiB

struct LineCol {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in characters
};

// An immutable text with its line index, built at construction: any number of threads may
// locate offsets in one Source at once.
class Source {
 public:
  Source(std::string path, std::string text);

  const std::string& path() const { return path_; }
  // The text with any UTF-8 byte order mark removed; offsets are relative to it. Its
  // capacity leaves room for the padding simdjson reads past the end.
  const std::string& text() const { return text_; }

  LineCol locate(uint32_t offset) const;
  std::string_view line_text(uint32_t line) const;
  // An Invalid error about this source at `offset`, with line, column and snippet filled.
  // An offset at the end of the text stands for the end of its last non-blank line.
  Error error_at(uint32_t offset, std::string message, std::string pointer = {}) const;
  // Byte offset of a 1-based line and a 0-based byte column, clamped to the text.
  uint32_t offset_of(uint32_t line, uint32_t byte_column) const;

 private:
  void index_lines();
  // Characters in text_[0, offset).
  size_t chars_before(uint32_t offset) const;

  static constexpr uint32_t kBlock = 4096;
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // offset of each line's first byte
  // Only for a text with a line longer than kBlock (minified JSON, deep flow YAML): the
  // characters before each kBlock-th byte, so that a column costs at most a block's count.
  std::vector<uint32_t> block_chars_;
};

// Reads `path` into a Source. Fails with Io when the path is missing, unreadable or not a
// regular file, and with Invalid when the file is too large, empty, binary (holds NUL
// bytes) or not UTF-8. A UTF-8 byte order mark is accepted and dropped.
Result<Source> read_source(const std::string& path, const FileSystem& fs = disk(),
                           uint64_t max_bytes = kMaxDescriptorBytes);

// Applies the same checks to text that did not come from a file (tests, templates).
Result<Source> make_source(std::string path, std::string text);

}  // namespace seam::doc
