#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "data/reader.h"
#include "data/test_util.h"

namespace seam::data {
namespace {

using testing_util::bad_lines;
using testing_util::CollectSink;
using testing_util::read_all;
using testing_util::Row;
using testing_util::write_temp;

// A CSV whose records hold quoted commas, quoted newlines (LF and CRLF) and escaped quotes,
// with some bad rows, so that a split inside a quoted field would show.
std::string tricky_csv() {
  std::string text = "\xEF\xBB\xBF\"id\",note,n\n";
  for (int i = 0; i < 400; ++i) {
    text += std::to_string(i) + ",";
    switch (i % 6) {
      case 0: text += "\"a, b\nc\n\nd\""; break;
      case 1: text += "\"he said \"\"x,\ny\"\"\""; break;
      case 2: text += "plain"; break;
      case 3: text += "\"\r\n\""; break;
      case 4: text.append("\"").append(static_cast<size_t>(i), ',').append("\""); break;
      default: text += "\"\""; break;
    }
    text += i % 37 == 36 ? "\n" : ",7\n";  // every 37th row is ragged
    if (i % 50 == 0) text += "\n";        // and some blank lines
  }
  return text;
}

struct Joined {
  std::vector<Row> rows;
  std::vector<uint64_t> lines;
  std::vector<uint64_t> bad;
  uint64_t bad_records = 0, bytes = 0;
};

Joined read_split(const std::string& path, Format f, size_t n, const detail::Limits& limits) {
  Joined out;
  auto file = DataFile::open(path);
  EXPECT_TRUE(file.ok());
  const DataFile& df = file.value();
  auto points = df.split_points(f, n);
  EXPECT_TRUE(points.ok()) << (points.ok() ? "" : points.error().message);
  if (!points.ok()) return out;
  const std::vector<uint64_t>& p = points.value();
  EXPECT_EQ(p.front(), 0u);
  EXPECT_EQ(p.back(), df.size());
  EXPECT_LE(p.size(), n + 1);
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    EXPECT_LT(p[i], p[i + 1]);
    CollectSink sink;
    std::atomic<uint64_t> progress{0};
    auto r = detail::read_range(df, f, p[i], p[i + 1], sink, &progress, limits);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return out;
    EXPECT_EQ(progress.load(), p[i + 1] - p[i]);
    out.rows.insert(out.rows.end(), sink.rows.begin(), sink.rows.end());
    out.lines.insert(out.lines.end(), sink.lines.begin(), sink.lines.end());
    for (uint64_t line : bad_lines(r.value())) out.bad.push_back(line);
    out.bad_records += r.value().bad_records;
    out.bytes += r.value().bytes;
  }
  return out;
}

void expect_splits_agree(const std::string& path, Format f) {
  const auto whole = read_all(path, f);
  ASSERT_GT(whole.result.records, 0u);
  for (const detail::Limits& limits : {detail::Limits{}, detail::Limits{64, 1 << 16}}) {
    for (size_t n = 1; n <= 8; ++n) {
      const Joined j = read_split(path, f, n, limits);
      EXPECT_EQ(j.rows, whole.rows) << "n=" << n;
      EXPECT_EQ(j.lines, whole.lines) << "n=" << n;
      EXPECT_EQ(j.bad, bad_lines(whole.result)) << "n=" << n;
      EXPECT_EQ(j.bad_records, whole.result.bad_records) << "n=" << n;
      EXPECT_EQ(j.bytes, whole.result.bytes) << "n=" << n;
    }
  }
}

TEST(SplitPoints, CsvRangesReadTheSameRecordsAsOneRange) {
  const std::string path = write_temp("split.csv", tricky_csv());
  const auto whole = read_all(path, Format::Csv);
  EXPECT_EQ(whole.result.records + whole.result.bad_records, 400u);
  EXPECT_EQ(whole.result.bad_records, 10u);
  EXPECT_EQ(whole.rows[0][1], "a, b\nc\n\nd");
  expect_splits_agree(path, Format::Csv);
}

TEST(SplitPoints, TsvAndJsonlRangesReadTheSameRecordsAsOneRange) {
  std::string tsv = "a\tb\n", jsonl;
  for (int i = 0; i < 500; ++i) {
    tsv += std::to_string(i) + (i % 29 != 28 ? "\t\"x\n" : "\n");
    jsonl += i % 31 != 30 ? "{\"a\": " + std::to_string(i) + ", \"b\": \"s\\n\"}\n" : "{broken\n";
  }
  expect_splits_agree(write_temp("split.tsv", tsv), Format::Tsv);
  expect_splits_agree(write_temp("split.jsonl", jsonl), Format::Jsonl);
}

// Every even split of this file falls inside one quoted field full of newlines.
TEST(SplitPoints, NeverInsideAQuotedField) {
  std::string text = "a,b\n1,\"";
  for (int i = 0; i < 2000; ++i) text += "x,\n";
  text += "\"\n2,3\n";
  const std::string path = write_temp("split_span.csv", text);
  auto file = DataFile::open(path);
  ASSERT_TRUE(file.ok());
  auto p = file.value().split_points(Format::Csv, 8);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value(), (std::vector<uint64_t>{0, text.size() - 4, text.size()}));
  expect_splits_agree(path, Format::Csv);
}

// A range that split_points did not return counts the lines before it.
TEST(SplitPoints, AnyRecordBoundaryGivesTrueLines) {
  const std::string text = "a,b\n1,\"x\ny\"\n\n2,3\n4\n";
  auto file = DataFile::open(write_temp("any_boundary.csv", text));
  ASSERT_TRUE(file.ok());
  CollectSink sink;
  auto r = file.value().read(Format::Csv, text.find("\n2,3") + 1, text.size(), sink);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sink.lines, (std::vector<uint64_t>{5}));
  ASSERT_EQ(r.value().bad.size(), 1u);
  EXPECT_EQ(r.value().bad[0].line, 6u);
}

TEST(SplitPoints, SmallFilesGiveFewerRanges) {
  auto file = DataFile::open(write_temp("tiny.csv", "a,b\n1,2\n"));
  ASSERT_TRUE(file.ok());
  auto p = file.value().split_points(Format::Csv, 8);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value(), (std::vector<uint64_t>{0, 8}));  // no range holds only the header
  auto one = file.value().split_points(Format::Csv, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one.value(), (std::vector<uint64_t>{0, 8}));
}

TEST(SplitPoints, UnterminatedQuoteKeepsTheRestInOneRange) {
  std::string text = "a,b\n";
  for (int i = 0; i < 100; ++i) text += "1,2\n";
  text += "3,\"open\n";
  for (int i = 0; i < 100; ++i) text += "1,2\n";
  const std::string path = write_temp("split_open.csv", text);
  const auto whole = read_all(path, Format::Csv);
  EXPECT_EQ(whole.result.records, 100u);
  EXPECT_EQ(bad_lines(whole.result), (std::vector<uint64_t>{102}));
  expect_splits_agree(path, Format::Csv);
}

}  // namespace
}  // namespace seam::data
