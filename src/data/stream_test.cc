#include "data/stream.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "data/test_util.h"

namespace seam::data {
namespace {

using testing_util::bad_lines;
using testing_util::CollectSink;
using testing_util::read_all;
using testing_util::row;
using testing_util::write_temp;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Streamed {
  CollectSink sink;
  ReadResult result;
  std::vector<std::pair<uint64_t, std::string>> bad_text;
};

// Feeds `text` in pieces cut at `cuts` (ascending offsets) and ends the stream.
void stream(Streamed& out, Format f, std::string_view text, const std::vector<size_t>& cuts, ReadLimits limits = {}) {
  StreamReader r(f, out.sink, limits, [&](uint64_t line, std::string_view t, const std::string&) {
    out.bad_text.emplace_back(line, std::string(t));
  });
  size_t at = 0;
  for (size_t c : cuts) {
    ASSERT_TRUE(r.feed(text.substr(at, c - at)).ok());
    at = c;
  }
  ASSERT_TRUE(r.feed(text.substr(at)).ok());
  ASSERT_TRUE(r.finish().ok());
  out.result = r.result();
}

// Whatever the pieces, a stream reads as the file with the same bytes does.
void expect_same_as_file(Format f, const std::string& text, const std::string& name) {
  const auto file = read_all(write_temp(name, text), f);
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    std::vector<size_t> cuts;
    if (round == 0)
      for (size_t i = 1; i < text.size(); ++i) cuts.push_back(i);  // one byte at a time
    else
      for (size_t i = 0; i < 1 + rng() % 6; ++i) cuts.push_back(rng() % (text.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    Streamed s;
    stream(s, f, text, cuts);
    EXPECT_EQ(s.sink.names, file.names) << round;
    EXPECT_EQ(s.sink.rows, file.rows) << round;
    EXPECT_EQ(s.sink.lines, file.lines) << round;
    EXPECT_EQ(bad_lines(s.result), bad_lines(file.result)) << round;
    EXPECT_EQ(s.result.records, file.result.records) << round;
    EXPECT_EQ(s.sink.columns_calls, 1);
  }
}

TEST(StreamReader, CsvInAnyPiecesReadsAsTheFile) {
  expect_same_as_file(Format::Csv,
                      "\xEF\xBB\xBF\n\nid,text\r\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n\n3,\"two\nlines\"\n4,x,y\n5,\"\xff\"\n6,last",
                      "stream.csv");
}

TEST(StreamReader, TsvAndJsonlInAnyPiecesReadAsTheFile) {
  expect_same_as_file(Format::Tsv, "a\tb\n1\t\"x\n2\t3\t4\n\n5\t6\n", "stream.tsv");
  expect_same_as_file(Format::Jsonl,
                      "\n{\"a\": 1, \"b\": \"x\"}\n{\"b\": null}\nnot json\n{\"a\": [1]}\n{\"a\": 2.50, \"b\": \"\\u00e9\"}",
                      "stream.jsonl");
}

TEST(StreamReader, BadRecordsComeWithTheirText) {
  Streamed s;
  stream(s, Format::Csv, "a,b\n1,2\n3\n4,5\n6,7,8\r\n", {6, 11});
  EXPECT_THAT(s.bad_text, ElementsAre(std::pair<uint64_t, std::string>{3, "3"},
                                      std::pair<uint64_t, std::string>{5, "6,7,8"}));
  EXPECT_EQ(s.result.bad_records, 2u);
}

TEST(StreamReader, ARecordPastTheLimitIsSkippedToItsNewline) {
  // A line with no end, and a quote never closed: each is a bad record, and reading goes on
  // after a newline instead of waiting for the end of the stream. The line after the open
  // quote is too long in its own right.
  Streamed s;
  const std::string longline(300, 'x');
  ReadLimits limits;
  limits.max_record_bytes = 100;
  const std::string text = "a,b\n1,2\n" + longline + longline + "\n3,4\n5,\"open\n" + longline + "\n6,7\n";
  std::vector<size_t> cuts;
  for (size_t i = 50; i < text.size(); i += 50) cuts.push_back(i);
  stream(s, Format::Csv, text, cuts, limits);
  EXPECT_THAT(s.sink.rows, ElementsAre(row({"1", "2"}), row({"3", "4"}), row({"6", "7"})));
  EXPECT_THAT(s.sink.lines, ElementsAre(2u, 4u, 7u));
  EXPECT_THAT(bad_lines(s.result), ElementsAre(3u, 5u, 6u));
  EXPECT_THAT(s.result.bad[0].message, HasSubstr("100"));
}

TEST(StreamReader, ANewFileSkipsARepeatedHeaderAndCountsLinesAgain) {
  CollectSink sink;
  StreamReader r(Format::Csv, sink);
  ASSERT_TRUE(r.feed("a,b\n1,2\n3,4").ok());
  ASSERT_TRUE(r.restart().ok());  // the last line of the old file had no newline: still a record
  ASSERT_TRUE(r.feed("\na,b\n5,6\n").ok());
  ASSERT_TRUE(r.restart().ok());
  ASSERT_TRUE(r.feed("7,8\n").ok());  // no header this time: data
  ASSERT_TRUE(r.finish().ok());
  EXPECT_THAT(sink.rows, ElementsAre(row({"1", "2"}), row({"3", "4"}), row({"5", "6"}), row({"7", "8"})));
  EXPECT_THAT(sink.lines, ElementsAre(2u, 3u, 3u, 1u));
  EXPECT_EQ(sink.columns_calls, 1);
}

TEST(StreamReader, AJsonlStreamMustStartWithAnObject) {
  CollectSink sink;
  StreamReader r(Format::Jsonl, sink);
  EXPECT_TRUE(r.feed("\n").ok());
  const Status s = r.feed("[1, 2]\n{\"a\": 1}\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().line, 2u);
  EXPECT_THAT(s.error().message, HasSubstr("header"));
}

TEST(StreamReader, AnEmptyStreamHasNoColumns) {
  CollectSink sink;
  StreamReader r(Format::Csv, sink);
  ASSERT_TRUE(r.feed("\n\n").ok());
  ASSERT_TRUE(r.finish().ok());
  EXPECT_TRUE(r.columns().empty());
  EXPECT_EQ(sink.columns_calls, 0);
}

}  // namespace
}  // namespace seam::data
