#include "util/text.h"

#include <gtest/gtest.h>

namespace seam::text {
namespace {

TEST(Utf8, AcceptsValidTextIncludingMultibyte) {
  EXPECT_EQ(find_invalid_utf8("plain"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), std::nullopt);
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(find_invalid_utf8("ab\xC3"), 2u);            // truncated sequence
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
}

TEST(Utf8, LengthCountsCharactersNotBytes) { EXPECT_EQ(utf8_length("caf\xC3\xA9"), 4u); }

TEST(Cell, CutsAtCharacterBoundariesAndPadsByCharacters) {
  EXPECT_EQ(cell("caf\xC3\xA9 au lait", 4), "caf\xC3\xA9");
  EXPECT_EQ(cell("caf\xC3\xA9", 6), "caf\xC3\xA9  ");
  EXPECT_EQ(cell("\xE2\x82\xAC" "1", 3, true), " \xE2\x82\xAC" "1");
  EXPECT_EQ(cell("", 2), "  ");
}

TEST(Suggest, FindsCloseWordsOnly) {
  const std::vector<std::string> words = {"validate", "init", "help"};
  EXPECT_EQ(closest("valdate", words), "validate");
  EXPECT_EQ(closest("INIT", words), "init");
  EXPECT_EQ(closest("zzzzzz", words), std::nullopt);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Quote, EscapesControlCharactersAndShortensLongText) {
  EXPECT_EQ(quote("a\nb"), "'a\\nb'");
  EXPECT_EQ(quote("a\rb\x7f"), "'a\\rb\\x7f'");
  EXPECT_EQ(quote(std::string(100, 'x')), "'" + std::string(60, 'x') + "...'");
  EXPECT_EQ(quote(std::string(59, 'x') + "\xC3\xA9\xC3\xA9"), "'" + std::string(59, 'x') + "\xC3\xA9...'");  // cut between characters
}

TEST(SplitList, DropsEmptyParts) {
  EXPECT_EQ(split_list("a,,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(split_list("").empty());
}

}  // namespace
}  // namespace seam::text
