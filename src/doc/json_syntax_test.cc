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
      {"{\"a\": \xEF\xBB\xBF 1}", 6, "invalid JSON: expected a value; found '\xEF\xBB\xBF'"},
  };
  for (const auto& c : cases) {
    const JsonSyntaxError e = find_json_syntax_error(c.text, 64);
    EXPECT_TRUE(e.found) << c.text;
    EXPECT_EQ(e.offset, c.offset) << c.text;
    EXPECT_EQ(e.message, c.message) << c.text;
  }
}

// simdjson rejects these without saying where; they are valid JSON that seam cannot hold.
TEST(JsonSyntax, NamesNumbersAndEscapesSeamCannotHold) {
  const struct {
    const char* text;
    size_t offset;
    const char* message;
  } cases[] = {
      {R"({"a": 1e999})", 6, "number 1e999 is too large for a 64-bit float (the largest is about 1.8e308)"},
      {R"({"a": 99999999999999999999})", 6, "integer 99999999999999999999 does not fit in 64 bits; quote it, or write it with an exponent (1e20)"},
      {R"({"a": [-9223372036854775809]})", 7, "integer -9223372036854775809 does not fit in 64 bits; quote it, or write it with an exponent (1e20)"},
      {R"({"a": "x\ud800"})", 8, "\\ud800 is the first half of a UTF-16 surrogate pair without its second; it is not a character"},
      {R"({"a": "\uDC00\ud800"})", 7, "\\uDC00 is the second half of a UTF-16 surrogate pair without its first; it is not a character"},
  };
  for (const auto& c : cases) {
    const JsonSyntaxError e = find_json_syntax_error(c.text, 64);
    EXPECT_TRUE(e.found) << c.text;
    EXPECT_EQ(e.offset, c.offset) << c.text;
    EXPECT_EQ(e.message, c.message) << c.text;
  }
  // The widest values that fit, a pair that makes one character, and underflow to zero.
  EXPECT_FALSE(find_json_syntax_error(R"([18446744073709551615, -9223372036854775808, 1e308, 1e-999, "\ud83d\ude00"])", 64).found);
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
