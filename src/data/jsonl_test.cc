#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "data/reader.h"
#include "data/test_util.h"

namespace seam::data {
namespace {

using testing_util::bad_lines;
using testing_util::read_all;
using testing_util::row;
using testing_util::write_temp;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(JsonlReader, ValuesKeepTheirTextAndNullsAndMissingKeysAreNull) {
  const std::string text =
      "{\"id\": 1, \"name\": \"a\\\"b\", \"x\": 1.50, \"ok\": true}\n"
      "\n"
      "{\"ok\": false, \"id\": -0.5e3, \"name\": null, \"x\" : 2 }\r\n"
      "{\"id\": 3}\n"
      "{\"id\": -0, \"x\": 0}\n"
      "{\"name\": \"q\\\",}\\\\\", \"id\" : 2.0 ,\"x\":-1E+2}";  // decimals keep their text
  auto r = read_all(write_temp("good.jsonl", text), Format::Jsonl);
  EXPECT_THAT(r.names, ElementsAre("id", "name", "x", "ok"));
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "a\"b", "1.50", "true"}), row({"-0.5e3", nullptr, "2", "false"}),
                                  row({"3", nullptr, nullptr, nullptr}), row({"-0", nullptr, "0", nullptr}),
                                  row({"2.0", "q\",}\\", "-1E+2", nullptr})));
  EXPECT_EQ(r.result.bad_records, 0u);
}

// Numbers wider than 64 bits are valid JSON: each is kept as its text, as a CSV would give
// it, even in the first record, which names the columns.
TEST(JsonlReader, NumbersWiderThan64BitsKeepTheirText) {
  const std::string text = "{\"a\": 1e999, \"b\": \"1e999\"}\n{\"a\": -99999999999999999999, \"b\": 2.5}\n";
  auto r = read_all(write_temp("wide.jsonl", text), Format::Jsonl);
  EXPECT_THAT(r.names, ElementsAre("a", "b"));
  EXPECT_THAT(r.rows, ElementsAre(row({"1e999", "1e999"}), row({"-99999999999999999999", "2.5"})));
  EXPECT_EQ(r.result.bad_records, 0u);
}

// The first record names the columns; one with very many keys must not take quadratic time.
TEST(JsonlReader, AWideFirstRecordIsReadInLinearTime) {
  std::string line = "{";
  for (int i = 0; i < 40000; ++i) {
    const std::string n = std::to_string(i);
    line.append(i ? ",\"k" : "\"k").append(n).append("\": ").append(n);
  }
  line += "}\n";
  auto r = read_all(write_temp("wide-record.jsonl", line + line), Format::Jsonl);
  ASSERT_EQ(r.names.size(), 40000u);
  EXPECT_EQ(r.names.back(), "k39999");
  EXPECT_EQ(r.rows.size(), 2u);
}

TEST(JsonlReader, BadLinesAreSkippedWithTheirLines) {
  const std::string text =
      "{\"a\": 1, \"b\": \"x\"}\n"
      "{\"a\": 2, \"b\": \n"                 // 2: broken
      "{\"a\": {\"c\": 1}, \"b\": \"x\"}\n"  // 3: nested
      "{\"a\": 4, \"zz\": 1}\n"              // 4: extra key
      "[1, 2]\n"                             // 5: not an object
      "{\"a\": 6, \"a\": 7}\n"               // 6: duplicate key
      "{\"a\": 7} trailing\n"                // 7: text after the object
      "{\"a\": 01}\n"                        // 8: bad number
      "{\"a\": \"\xFF\"}\n"                  // 9: invalid UTF-8
      "{\"a\": [1], \"b\": \"y\"}\n"         // 10: nested
      "{\"b\": \"last\"}\n";
  auto r = read_all(write_temp("bad.jsonl", text), Format::Jsonl);
  EXPECT_THAT(r.rows, ElementsAre(row({"1", "x"}), row({nullptr, "last"})));
  EXPECT_EQ(r.result.bad_records, 9u);
  EXPECT_THAT(bad_lines(r.result), ElementsAre(2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 10u));
  EXPECT_THAT(r.result.bad[0].message, HasSubstr("invalid JSON"));
  EXPECT_EQ(r.result.bad[1].message, "nested value in field 'a'");
  EXPECT_EQ(r.result.bad[2].message, "unexpected field 'zz'");
  EXPECT_EQ(r.result.bad[3].message, "not a JSON object");
  EXPECT_EQ(r.result.bad[4].message, "duplicate field 'a'");
  EXPECT_THAT(r.result.bad[5].message, HasSubstr("invalid JSON"));
  EXPECT_THAT(r.result.bad[6].message, HasSubstr("invalid JSON"));
  EXPECT_EQ(r.result.bad[7].message, "invalid UTF-8");
}

TEST(JsonlReader, HeaderComesFromTheFirstObject) {
  auto file = DataFile::open(write_temp("header.jsonl", "\n  \n{\"k\": 1, \"j\": [1]}\n"));
  ASSERT_TRUE(file.ok());
  auto h = file.value().header(Format::Jsonl);
  ASSERT_TRUE(h.ok());
  EXPECT_THAT(h.value(), ElementsAre("k", "j"));
}

TEST(JsonlReader, EmptyFileAndBrokenFirstLineAreErrors) {
  for (const char* text : {"", "\n\n", "\xEF\xBB\xBF"}) {
    auto file = DataFile::open(write_temp("empty.jsonl", text));
    ASSERT_TRUE(file.ok());
    auto h = file.value().header(Format::Jsonl);
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.error().message, "empty file: no header");
  }
  auto file = DataFile::open(write_temp("broken_first.jsonl", "\n{\"a\": \n{\"a\": 1}\n"));
  ASSERT_TRUE(file.ok());
  auto h = file.value().header(Format::Jsonl);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().kind, ErrorKind::Invalid);
  EXPECT_EQ(h.error().line, 2u);
  EXPECT_THAT(h.error().message, HasSubstr("header: invalid JSON"));
}

TEST(JsonlReader, LongLinesWithSmallWindows) {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "{\"i\": " + std::to_string(i) + ", \"s\": \"" + std::string(static_cast<size_t>(i * 3), 'x') + "\"}\n";
  const std::string path = write_temp("windows.jsonl", text);
  auto big = read_all(path, Format::Jsonl);
  EXPECT_EQ(big.result.records, 200u);
  auto small = read_all(path, Format::Jsonl, detail::Limits{64, 4096});
  EXPECT_EQ(small.rows, big.rows);
  auto capped = read_all(path, Format::Jsonl, detail::Limits{64, 256});
  EXPECT_GT(capped.result.bad_records, 0u);
  EXPECT_EQ(capped.result.records + capped.result.bad_records, 200u);
  EXPECT_THAT(capped.result.bad[0].message, HasSubstr("record is longer than 256 bytes"));
}

}  // namespace
}  // namespace seam::data
