#include "doc/json_syntax.h"

#include <gtest/gtest.h>

namespace seam::doc {
namespace {

struct Case {
  const char* text;
  size_t offset;
  const char* message;
};

TEST(JsonSyntax, NamesTheFirstProblemAndWhere) {
  const Case cases[] = {
      {R"({"a": })", 6, "invalid JSON: expected a value; found '}'"},
      {R"({"a" 1})", 5, "invalid JSON: expected ':' after the key"},
      {R"({"a": 1 "b": 2})", 8, "invalid JSON: expected ',' or '}' after a member"},
      {R"([1, 2)", 5, "invalid JSON: the array is not closed"},
      {R"({"a": "x)", 6, "invalid JSON: the string is not closed"},
      {R"({"a": "\q"})", 7, "invalid JSON: unknown escape sequence"},
      {R"({"a": 01})", 7, "invalid JSON: expected ',' or '}' after a member"},
      {R"({"a": 1.})", 6, "invalid JSON: malformed number: digits expected after '.'"},
      {R"({"a": tru})", 6, "invalid JSON: expected 'true'"},
      {R"({a: 1})", 1, "invalid JSON: expected a quoted key"},
      {R"({} {})", 3, "invalid JSON: unexpected text after the top-level value"},
      {"{\"a\": \"x\ny\"}", 8, "invalid JSON: control character inside a string (escape it)"},
  };
  for (const auto& c : cases) {
    const JsonSyntaxError e = find_json_syntax_error(c.text, 64);
    EXPECT_TRUE(e.found) << c.text;
    EXPECT_EQ(e.offset, c.offset) << c.text;
    EXPECT_EQ(e.message, c.message) << c.text;
  }
}

TEST(JsonSyntax, AcceptsWellFormedText) {
  EXPECT_FALSE(find_json_syntax_error(R"({"a": [1, -2.5e3, true, null, "\u00e9\n"], "b": {}})", 64).found);
}

TEST(JsonSyntax, StopsAtTheDepthLimit) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const JsonSyntaxError e = find_json_syntax_error(deep, 64);
  EXPECT_TRUE(e.found);
  EXPECT_EQ(e.offset, 64u);
  EXPECT_EQ(e.message, "nesting is deeper than 64 levels");
}

}  // namespace
}  // namespace seam::doc
