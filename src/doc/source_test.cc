#include "doc/source.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace seam::doc {
namespace {

std::string temp_file(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() / ("seam_source_test_" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(Source, LocatesOffsetsAsLineAndCharacterColumn) {
  Source s("f.yaml", "a: 1\nname: caf\xC3\xA9 x\n");
  EXPECT_EQ(s.locate(0).line, 1u);
  const LineCol lc = s.locate(static_cast<uint32_t>(std::string("a: 1\nname: caf\xC3\xA9 ").size()));
  EXPECT_EQ(lc.line, 2u);
  EXPECT_EQ(lc.column, 12u);  // the accented e counts as one column
  EXPECT_EQ(s.line_text(2), "name: caf\xC3\xA9 x");
}

TEST(Source, ErrorAtTheEndPointsAfterTheLastCharacterWritten) {
  Source s("f.json", "{\"a\": [1, 2\n\n");
  const Error e = s.error_at(static_cast<uint32_t>(s.text().size()), "the array is not closed");
  EXPECT_EQ(std::pair(e.line, e.column), std::pair(1u, 12u));
  EXPECT_EQ(e.snippet, "{\"a\": [1, 2");
}

TEST(Source, StripsByteOrderMark) {
  auto s = make_source("f.json", "\xEF\xBB\xBF{\"version\": \"1.2\"}");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s.value().text()[0], '{');
}

TEST(Source, RejectsEmptyFile) {
  auto s = make_source("f.yaml", "  \n\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("empty file"), std::string::npos);
  EXPECT_EQ(s.error().kind, ErrorKind::Invalid);
}

TEST(Source, RejectsBinaryFileWithLocation) {
  auto s = make_source("f.yaml", std::string("ab\ncd\0ef", 8));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("binary file"), std::string::npos);
  EXPECT_EQ(s.error().line, 2u);
  EXPECT_EQ(s.error().column, 3u);
}

// A file saved as UTF-16 or UTF-32 is named as such, not called binary.
TEST(Source, NamesUtf16AndUtf32) {
  const struct {
    std::string text;
    const char* encoding;
  } cases[] = {
      {std::string("\xFF\xFEv\0e\0", 6), "UTF-16 (little-endian)"},
      {std::string("\xFE\xFF\0v\0e", 6), "UTF-16 (big-endian)"},
      {std::string("v\0e\0r\0", 6), "UTF-16 (little-endian)"},
      {std::string("\0v\0e\0r", 6), "UTF-16 (big-endian)"},
      {std::string("\xFF\xFE\0\0v\0\0\0", 8), "UTF-32 (little-endian)"},
      {std::string("v\0\0\0e\0\0\0", 8), "UTF-32 (little-endian)"},
      {std::string("\0\0\0v\0\0\0e", 8), "UTF-32 (big-endian)"},
  };
  for (const auto& c : cases) {
    auto r = make_source("f.yaml", c.text);
    ASSERT_FALSE(r.ok()) << c.encoding;
    EXPECT_EQ(r.error().message, std::string("the file is ") + c.encoding + "; descriptors are UTF-8 text (save it as UTF-8)");
  }
  // NUL bytes later in UTF-8 text still mean a binary file.
  EXPECT_EQ(make_source("f.yaml", std::string("version: 1\0", 11)).error().message,
            "binary file: found a NUL byte; descriptors are UTF-8 text");
}

TEST(Source, RejectsInvalidUtf8WithLocation) {
  auto s = make_source("f.yaml", "version: '1.2'\nname: \xFF\xFE\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("invalid UTF-8: byte 0xFF"), std::string::npos);
  EXPECT_EQ(s.error().line, 2u);
  EXPECT_EQ(s.error().column, 7u);
}

TEST(Source, MissingFileIsAnIoError) {
  auto s = read_source("/nonexistent/seam/trained_model.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::Io);
  EXPECT_EQ(s.error().file, "/nonexistent/seam/trained_model.yaml");
  EXPECT_NE(s.error().message.find("No such file"), std::string::npos);
}

TEST(Source, DirectoryIsAnIoError) {
  auto s = read_source(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::Io);
}

TEST(Source, RefusesFilesOverTheLimitWithoutReadingThem) {
  // A sparse 100 MB file: the size check must come before any read.
  const std::string path = temp_file("big.json", "");
  ASSERT_EQ(::truncate(path.c_str(), 100ll << 20), 0);
  auto s = read_source(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::Invalid);
  EXPECT_EQ(s.error().message, "file is 100.0 MiB; descriptor files are limited to 16.0 MiB");
  std::filesystem::remove(path);
}

TEST(Source, ReadsAFile) {
  const std::string path = temp_file("ok.yaml", "version: '1.2'\n");
  auto s = read_source(path);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s.value().text(), "version: '1.2'\n");
  EXPECT_EQ(s.value().path(), path);
}

}  // namespace
}  // namespace seam::doc
