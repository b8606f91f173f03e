#include "util/json_writer.h"

#include <gtest/gtest.h>

namespace seam {
namespace {

TEST(JsonWriter, CompactObjectWithEscapes) {
  JsonWriter w;
  w.begin_object().key("a").value("x\"y\n").key("b").begin_array().value(1).value(true).null();
  w.end_array().end_object();
  EXPECT_EQ(w.str(), R"({"a":"x\"y\n","b":[1,true,null]})");
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

}  // namespace
}  // namespace seam
