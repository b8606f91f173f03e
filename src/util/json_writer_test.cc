#include "util/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace seam {
namespace {

TEST(JsonWriter, CompactObjectWithEscapes) {
  JsonWriter w;
  w.begin_object().key("a").value("x\"y\n").key("b").begin_array().value(1).value(true).null();
  w.end_array().end_object();
  EXPECT_EQ(w.str(), R"({"a":"x\"y\n","b":[1,true,null]})");
}

// Found by fuzz/json: -1e-999 is -0.0, and "-0" would read back as the integer 0.
TEST(JsonWriter, NumbersReadBackAsWrittenAndNonFiniteBecomesNull) {
  JsonWriter w;
  w.begin_array().value(-0.0).value(0.41).value(-2.5e300).value(HUGE_VAL);
  // Found by fuzz/json too: shortest form of 2^64 is 20 digits, read back as too wide an integer.
  w.value(18446744073709551616.5).value(-9223372036854775808.0).value(1e15).end_array();
  EXPECT_EQ(w.str(), "[0,0.41,-2.5e+300,null,1.8446744073709552e+19,-9.223372036854776e+18,1e+15]");
}

TEST(JsonWriter, RawValuesGoInVerbatimAfterKeysAndInArrays) {
  JsonWriter w;
  w.begin_object().key("v").raw(R"({"k":[1,"<&>"]})").key("list").begin_array();
  w.raw("12").raw("\"Float\"").end_array().end_object();
  EXPECT_EQ(w.str(), R"({"v":{"k":[1,"<&>"]},"list":[12,"Float"]})");
}

TEST(JsonWriter, RawEmptyBecomesNull) {
  JsonWriter w;
  w.begin_object().key("v").raw("").end_object();
  EXPECT_EQ(w.str(), R"({"v":null})");
}

TEST(JsonWriter, RawKeepsIndentationOfSurroundings) {
  JsonWriter w(2);
  w.begin_object().key("v").raw("3").end_object();
  EXPECT_EQ(w.str(), "{\n  \"v\": 3\n}");
}

// Bytes next to the special ones stay as they are: space, DEL, and every byte of UTF-8.
}  // namespace
}  // namespace seam

namespace seam {
namespace {

// The block-at-a-time scan must find a special byte wherever it sits, in a 16-byte block or
// in the tail, next to any UTF-8; the writer and the static escape agree.
TEST(JsonWriterEscape, FindsEverySpecialByteAtEveryPosition) {
  const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\x01'), std::string(1, '\x1f')};
  const std::string expected[] = {"\\\"", "\\\\", "\\n", "\\u0001", "\\u001f"};
  for (size_t k = 0; k < 5; ++k)
    for (size_t len = 1; len <= 40; ++len)
      for (size_t at = 0; at < len; ++at) {
        std::string in(len, 'a'), want = "\"";
        in.replace(at, 1, specials[k]);
        if (at > 0) {  // a two-byte character in front
          in[0] = '\xc3';
          in.insert(in.begin() + 1, '\xa9');
        }
        for (size_t i = 0; i < in.size(); ++i)
          want += in.compare(i, specials[k].size(), specials[k]) == 0 ? expected[k] : std::string(1, in[i]);
        want += "\"";
        std::string out;
        JsonWriter::escape(in, out);
        ASSERT_EQ(out, want) << "special " << k << " at " << at << " of " << len;
        JsonWriter w;
        ASSERT_EQ(w.value(in).str(), want) << "special " << k << " at " << at << " of " << len;
      }
}

// Bytes next to the special ones stay as they are: space, DEL, and every byte of UTF-8.
TEST(JsonWriterEscape, LeavesOrdinaryBytesAlone) {
  std::string in;
  for (int c = 0x20; c < 0x100; ++c)
    if (c != '"' && c != '\\') in += static_cast<char>(c);
  for (size_t len = 0; len <= in.size(); len += 7) {
    JsonWriter w;
    EXPECT_EQ(w.value(std::string_view(in).substr(0, len)).str(), std::string("\"").append(in, 0, len).append("\""));
  }
}

// The text grows in blocks; everything written before a block is added stays.
TEST(JsonWriter, LongDocumentsKeepEveryPiece) {
  JsonWriter w;
  w.begin_array();
  std::string want = "[";
  for (int i = 0; i < 5000; ++i) {
    w.value(i).value("x");
    want.append(i ? "," : "").append(std::to_string(i)).append(",\"x\"");
  }
  w.end_array();
  EXPECT_EQ(w.str(), want + "]");
  EXPECT_EQ(w.value(1).str(), want + "]1");  // str() twice, with writing between
}

}  // namespace
}  // namespace seam
