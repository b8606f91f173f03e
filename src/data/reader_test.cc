#include "data/reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>
#include <sys/stat.h>

#include "data/test_util.h"

namespace seam::data {
namespace {

using testing_util::bad_lines;
using testing_util::read_all;
using testing_util::row;
using testing_util::write_temp;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ReaderFormat, NamesAndExtensions) {
  EXPECT_EQ(format_from_name("csv"), Format::Csv);
  EXPECT_EQ(format_from_name("TSV"), Format::Tsv);
  EXPECT_EQ(format_from_name("jsonl"), Format::Jsonl);
  EXPECT_EQ(format_from_name("json"), std::nullopt);
  EXPECT_EQ(format_for_path("a/b.TSV"), Format::Tsv);
  EXPECT_EQ(format_for_path("b.tab"), Format::Tsv);
  EXPECT_EQ(format_for_path("b.ndjson"), Format::Jsonl);
  EXPECT_EQ(format_for_path("b.jsonl"), Format::Jsonl);
  EXPECT_EQ(format_for_path("b.txt"), Format::Csv);
}

TEST(CsvReader, PlainRecordsAndLastLineWithoutNewline) {
  auto r = read_all(write_temp("plain.csv", "a,b,c\n1,2,3\n4,,6"), Format::Csv);
  EXPECT_THAT(r.names, ElementsAre("a", "b", "c"));
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "2", "3"}), row({"4", "", "6"})));
  EXPECT_EQ(r.result.records, 2u);
  EXPECT_EQ(r.result.bad_records, 0u);
  EXPECT_EQ(r.result.bytes, 16u);
}

TEST(CsvReader, QuotedFieldsWithEscapesCommasAndNewlines) {
  const std::string text = "id,text\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"\"\n4,\"two\nlines\"\n5,x,y\n";
  auto r = read_all(write_temp("quotes.csv", text), Format::Csv);
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "a,b"}), row({"2", "say \"hi\""}), row({"3", ""}),
                                  row({"4", "two\nlines"})));
  // The quoted newline is a physical line: the ragged row starts on line 7.
  EXPECT_THAT(r.lines, ElementsAre(2u, 3u, 4u, 5u));
  EXPECT_THAT(bad_lines(r.result), ElementsAre(7u));
  EXPECT_EQ(r.result.bad[0].message, "expected 2 fields, found 3");
}

TEST(CsvReader, CrlfBomAndBlankLines) {
  const std::string text = "\xEF\xBB\xBF\r\n\"a\",b\r\n1,\"x\r\ny\"\r\n\r\n\n2,3\r\n";
  auto r = read_all(write_temp("crlf.csv", text), Format::Csv);
  EXPECT_THAT(r.names, ElementsAre("a", "b"));
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "x\r\ny"}), row({"2", "3"})));
  EXPECT_THAT(r.lines, ElementsAre(3u, 7u));
  EXPECT_EQ(r.result.bad_records, 0u);
}

TEST(CsvReader, RaggedRowsAreSkippedWithTheirLines) {
  auto r = read_all(write_temp("ragged.csv", "a,b,c,d,e\n1,2,3\n1,2,3,4,5\n1,2,3,4,5,6\n"), Format::Csv);
  EXPECT_EQ(r.result.records, 1u);
  EXPECT_EQ(r.result.bad_records, 2u);
  ASSERT_EQ(r.result.bad.size(), 2u);
  EXPECT_EQ(r.result.bad[0].line, 2u);
  EXPECT_EQ(r.result.bad[0].message, "expected 5 fields, found 3");
  EXPECT_EQ(r.result.bad[1].line, 4u);
  EXPECT_EQ(r.result.bad[1].message, "expected 5 fields, found 6");
}

TEST(CsvReader, UnterminatedQuoteIsOneBadRowToTheEnd) {
  auto r = read_all(write_temp("open.csv", "a,b\n1,2\n3,\"never\n4,5\n6,7\n"), Format::Csv);
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "2"})));
  EXPECT_EQ(r.result.bad_records, 1u);
  ASSERT_EQ(r.result.bad.size(), 1u);
  EXPECT_EQ(r.result.bad[0].line, 3u);
  EXPECT_EQ(r.result.bad[0].message, "quote opened here is never closed");
}

TEST(CsvReader, QuotesThatRfc4180DoesNotAllow) {
  auto r = read_all(write_temp("stray.csv", "a,b\nx,ab\"c\"\n\"q\"z,1\nok,1\n"), Format::Csv);
  EXPECT_THAT(r.rows, ElementsAre(row({"ok", "1"})));
  ASSERT_EQ(r.result.bad.size(), 2u);
  EXPECT_EQ(r.result.bad[0].message, "field 2: quote inside an unquoted field");
  EXPECT_EQ(r.result.bad[1].message, "field 1: text after the closing quote");
  EXPECT_THAT(bad_lines(r.result), ElementsAre(2u, 3u));
}

TEST(CsvReader, InvalidUtf8RecordIsBad) {
  auto r = read_all(write_temp("utf8.csv", "a,b\n1,\xC3\xA9\n2,\xFF\xFE\n3,ok\n"), Format::Csv);
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "\xC3\xA9"}), row({"3", "ok"})));
  ASSERT_EQ(r.result.bad.size(), 1u);
  EXPECT_EQ(r.result.bad[0].line, 3u);
  EXPECT_THAT(r.result.bad[0].message, HasSubstr("invalid UTF-8: byte 0xFF"));
}

TEST(CsvReader, HeaderOnlyHasNoRecords) {
  for (const char* text : {"a,b\n", "a,b", "\n\na,b\r\n\n"}) {
    auto r = read_all(write_temp("header_only.csv", text), Format::Csv);
    EXPECT_THAT(r.names, ElementsAre("a", "b"));
    EXPECT_TRUE(r.rows.empty());
    EXPECT_EQ(r.result.bad_records, 0u);
  }
}

TEST(CsvReader, EmptyFileHasNoHeader) {
  for (const char* text : {"", "\xEF\xBB\xBF", " \r\n\n \t\n"}) {
    const std::string path = write_temp("empty.csv", text);
    auto file = DataFile::open(path);
    ASSERT_TRUE(file.ok());
    auto h = file.value().header(Format::Csv);
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.error().kind, ErrorKind::Invalid);
    EXPECT_EQ(h.error().message, "empty file: no header");
    EXPECT_EQ(h.error().file, path);
    testing_util::CollectSink sink;
    EXPECT_FALSE(file.value().read(Format::Csv, 0, file.value().size(), sink).ok());
    EXPECT_FALSE(file.value().split_points(Format::Csv, 4).ok());
  }
}

TEST(CsvReader, BrokenHeaderIsAnError) {
  auto file = DataFile::open(write_temp("bad_header.csv", "\na,\"b\n1,2\n"));
  ASSERT_TRUE(file.ok());
  auto h = file.value().header(Format::Csv);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().message, "header: quote opened here is never closed");
  EXPECT_EQ(h.error().line, 2u);
}

// A header past the column limit is an error naming the limit, in both formats; the
// limit is the caller's to raise.
TEST(CsvReader, HeaderPastTheColumnLimitIsAnError) {
  const ReadLimits three{.max_record_bytes = 1 << 20, .max_columns = 3};
  for (const auto& [name, text, format] : {std::tuple{"wide.csv", "a,b,c,d\n1,2,3,4\n", Format::Csv},
                                           std::tuple{"wide.jsonl", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}\n", Format::Jsonl}}) {
    const std::string path = write_temp(name, text);
    auto h = DataFile::open(path, three).value().header(format);
    ASSERT_FALSE(h.ok()) << name;
    EXPECT_THAT(h.error().message, HasSubstr("more than 3 columns (the limit; raise it with --max-columns)")) << name;
    EXPECT_EQ(h.error().file, path);
    EXPECT_TRUE(DataFile::open(path, {.max_record_bytes = 1 << 20, .max_columns = 4}).value().header(format).ok()) << name;
  }
}

TEST(ReaderOpen, MissingFileAndDirectoryAreIoErrors) {
  const std::string missing = ::testing::TempDir() + "seam_data_does_not_exist.csv";
  auto r = DataFile::open(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::Io);
  EXPECT_EQ(r.error().file, missing);
  const std::string dir = ::testing::TempDir() + "seam_data_dir";
  ::mkdir(dir.c_str(), 0700);
  auto d = DataFile::open(dir);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ErrorKind::Io);
  EXPECT_EQ(d.error().file, dir);
}

TEST(ReaderRange, OutsideTheFileIsAUsageError) {
  auto file = DataFile::open(write_temp("range.csv", "a\n1\n"));
  ASSERT_TRUE(file.ok());
  testing_util::CollectSink sink;
  auto r = file.value().read(Format::Csv, 0, 99, sink);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::Usage);
}

TEST(CsvReader, TsvTreatsQuotesLiterally) {
  auto r = read_all(write_temp("t.tsv", "a\tb\n5\" screen\t\"x\"\"y\"\n1\t2\t3\n"), Format::Tsv);
  EXPECT_THAT(r.names, ElementsAre("a", "b"));
  EXPECT_THAT(r.rows, ElementsAre(row({"5\" screen", "\"x\"\"y\""})));
  EXPECT_THAT(bad_lines(r.result), ElementsAre(3u));
}

TEST(CsvReader, KeepsTheFirstHundredBadRows) {
  std::string text = "a,b\n";
  for (int i = 0; i < 250; ++i) text += i % 2 ? "1,2\n" : "1\n";
  auto r = read_all(write_temp("many_bad.csv", text), Format::Csv);
  EXPECT_EQ(r.result.records, 125u);
  EXPECT_EQ(r.result.bad_records, 125u);
  ASSERT_EQ(r.result.bad.size(), kMaxBadRows);
  EXPECT_EQ(r.result.bad.back().line, 200u);
}

// Tiny windows force records across refills, window growth and over-long records.
TEST(CsvReader, SmallWindowsGiveTheSameRecords) {
  std::string text = "id,text,n\n";
  for (int i = 0; i < 300; ++i) {
    text += std::to_string(i) + ",";
    text += i % 7 == 0 ? "\"multi\nline, \"\"quoted\"\"\"" : "plain";
    text += i % 11 == 0 ? ",1,extra\n" : ",1\n";
  }
  const std::string path = write_temp("small_window.csv", text);
  auto big = read_all(path, Format::Csv);
  for (size_t buffer : {64, 100, 1000}) {
    auto small = read_all(path, Format::Csv, detail::Limits{buffer, 4096});
    EXPECT_EQ(small.rows, big.rows) << buffer;
    EXPECT_EQ(bad_lines(small.result), bad_lines(big.result)) << buffer;
  }
  EXPECT_EQ(big.result.records + big.result.bad_records, 300u);
}

TEST(CsvReader, RecordLongerThanTheLimitIsBadAndSkipped) {
  const std::string text = "a,b\n1,2\n3,\"" + std::string(5000, 'x') + "\n" + std::string(300, 'y') + "\"\n5,6\n";
  auto r = read_all(write_temp("long.csv", text), Format::Csv, detail::Limits{64, 1024});
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "2"}), row({"5", "6"})));
  ASSERT_EQ(r.result.bad.size(), 1u);
  EXPECT_EQ(r.result.bad[0].line, 3u);
  EXPECT_THAT(r.result.bad[0].message, HasSubstr("record is longer than 1024 bytes"));
}

}  // namespace
}  // namespace seam::data
