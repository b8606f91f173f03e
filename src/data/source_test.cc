#include "data/source.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <string>

#include "data/reader.h"
#include "data/test_util.h"

namespace seam::data {
namespace {

using testing_util::read_all;
using testing_util::write_temp;

std::string gzip(const std::string& text) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Quoted fields with line breaks, a blank line, CRLF: enough that records cross the
// small test windows and the compressed reads.
std::string sample_csv(int rows) {
  std::string out = "id,note,x\n";
  for (int i = 0; i < rows; ++i) {
    out += std::to_string(i) + (i % 7 == 0 ? ",\"two\nlines, \"\"quoted\"\"\"," : ",plain,") + std::to_string(i * 0.5) +
           (i % 5 == 0 ? "\r\n" : "\n");
    if (i % 100 == 0) out += "\n";
  }
  return out;
}

TEST(Compressed, GzipAndZstdReadAsThePlainFile) {
  const std::string text = sample_csv(20000);
  const auto plain = read_all(write_temp("plain.csv", text), Format::Csv);
  ASSERT_EQ(plain.rows.size(), 20000u);
  // Each member or frame compressed apart and concatenated, as `cat a.gz b.gz` makes them.
  const std::string half = text.substr(0, text.size() / 2), rest = text.substr(text.size() / 2);
  for (const auto& [name, data] : {std::pair<std::string, std::string>{"a.csv.gz", gzip(text)},
                                   {"b.csv.zst", zstd(text)},
                                   {"two-members.csv.gz", gzip(half) + gzip(rest)},
                                   {"two-frames.csv.zst", zstd(half) + zstd(rest)},
                                   {"no-extension", gzip(text)}}) {
    const std::string path = write_temp(name, data);
    auto file = DataFile::open(path);
    ASSERT_TRUE(file.ok());
    EXPECT_TRUE(file.value().compressed()) << name;
    for (size_t buffer : {size_t{4} << 20, size_t{4096}}) {
      detail::Limits small;
      small.buffer = buffer;
      const auto got = read_all(path, Format::Csv, small);
      EXPECT_EQ(got.names, plain.names) << name;
      EXPECT_EQ(got.rows, plain.rows) << name;
      EXPECT_EQ(got.lines, plain.lines) << name;
      EXPECT_EQ(got.result.bytes, text.size()) << name;
    }
  }
}

// The ranges profiling reads a compressed file in (the sample, then the rest) hold the
// records of one whole read, with their lines.
TEST(Compressed, RangesAfterAnOffsetReadTheSameRecords) {
  const std::string text = sample_csv(30000);
  const std::string path = write_temp("ranges.csv.zst", zstd(text));
  auto file = DataFile::open(path);
  ASSERT_TRUE(file.ok());
  auto points = file.value().split_points_after(Format::Csv, {100000});
  ASSERT_TRUE(points.ok()) << points.error().message;
  ASSERT_EQ(points.value().size(), 3u);
  EXPECT_EQ(points.value().back(), UINT64_MAX);
  testing_util::CollectSink parts;
  for (size_t i = 0; i + 1 < points.value().size(); ++i)
    ASSERT_TRUE(file.value().read(Format::Csv, points.value()[i], points.value()[i + 1], parts).ok());
  const auto whole = read_all(path, Format::Csv);
  EXPECT_EQ(parts.rows, whole.rows);
  EXPECT_EQ(parts.lines, whole.lines);
}

TEST(Compressed, TruncatedOrCorruptDataIsAnErrorNamingTheFile) {
  const std::string text = sample_csv(5000);
  const std::string gz = gzip(text), zs = zstd(text);
  std::string flipped = gz;
  flipped[flipped.size() / 2] ^= 0x55;
  for (const auto& [name, data, message] :
       {std::tuple<std::string, std::string, std::string>{"cut.csv.gz", gz.substr(0, gz.size() / 2), "truncated gzip data"},
        {"cut.csv.zst", zs.substr(0, zs.size() / 2), "truncated zstd data"},
        {"bad.csv.gz", flipped, "gzip data"}}) {
    const std::string path = write_temp(name, data);
    auto file = DataFile::open(path);
    ASSERT_TRUE(file.ok());
    testing_util::CollectSink sink;
    auto r = file.value().read(Format::Csv, 0, file.value().size(), sink);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().file, path);
    EXPECT_NE(r.error().message.find(message), std::string::npos) << r.error().message;
  }
}

TEST(Compressed, FormatComesFromTheNameWithoutTheCompressionSuffix) {
  EXPECT_EQ(format_for_path("logs/a.jsonl.gz"), Format::Jsonl);
  EXPECT_EQ(format_for_path("a.TSV.zst"), Format::Tsv);
  EXPECT_EQ(format_for_path("a.csv.zstd"), Format::Csv);
}

}  // namespace
}  // namespace seam::data
