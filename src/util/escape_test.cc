#include "util/escape.h"

#include <gtest/gtest.h>

namespace seam::escape {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD, what XML cannot hold becomes

TEST(EscapeXml, EscapesMarkupAndKeepsText) {
  EXPECT_EQ(xml("a < b & \"c\" > 'd'"), "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;");
  EXPECT_EQ(xml("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(xml(""), "");
}

TEST(EscapeXml, WhitespaceSurvivesAttributeNormalization) {
  EXPECT_EQ(xml("a\tb\nc\rd"), "a\tb\nc&#13;d");
  EXPECT_EQ(xml("a\tb\nc\rd", true), "a&#9;b&#10;c&#13;d");
}

TEST(EscapeXml, ReplacesWhatXmlForbids) {
  EXPECT_EQ(xml(std::string("a\0b\x1b", 4)), "a" + kFffd + "b" + kFffd);
  EXPECT_EQ(xml("\xEF\xBF\xBE"), kFffd);                    // U+FFFE
  EXPECT_EQ(xml("ok\xFF"), "ok" + kFffd);                    // not UTF-8
  EXPECT_EQ(xml("\xC3"), kFffd);                             // truncated
  EXPECT_EQ(xml("\xC0\xAF<"), kFffd + kFffd + "&lt;");       // overlong: each byte replaced
  EXPECT_EQ(xml("\xED\xA0\x80"), kFffd + kFffd + kFffd);     // UTF-16 surrogate
}

TEST(EscapeMarkdown, BackslashesMarkupAndBreaksLines) {
  EXPECT_EQ(markdown("*a* _b_ `c` [d](e) <f> | # ~ & \\"), "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\| \\# \\~ \\& \\\\");
  EXPECT_EQ(markdown("one\r\ntwo"), "one<br>two");
  EXPECT_EQ(markdown("plain text, 1.5"), "plain text, 1.5");
}

TEST(EscapeMarkdownCode, FenceOutlastsBackticks) {
  EXPECT_EQ(markdown_code("x", false), "`x`");
  EXPECT_EQ(markdown_code("a``b", false), "```a``b```");
  EXPECT_EQ(markdown_code("`a", false), "`` `a ``");  // padded so the fence stays apart
  EXPECT_EQ(markdown_code("", false), "(empty)");
}

TEST(EscapeMarkdownCode, PipesOnlyMatterInTables) {
  EXPECT_EQ(markdown_code("a|b", true), "`a\\|b`");
  EXPECT_EQ(markdown_code("a|b", false), "`a|b`");
  EXPECT_EQ(markdown_code("a\nb\rc", true), "`a b c`");
}

TEST(EscapeControl, ShowsControlCharactersAsEscapes) {
  EXPECT_EQ(control("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(control(std::string("\0\x1b\x7f", 3)), "\\x00\\x1b\\x7f");
  EXPECT_EQ(control("caf\xC3\xA9 \\ \"q\""), "caf\xC3\xA9 \\ \"q\"");  // only control characters change
}

TEST(EscapeMaskControl, OneCharacterForOne) {
  EXPECT_EQ(mask_control(std::string("a\0b\tc\x1b\x7f", 7)), "a?b\tc??");
  EXPECT_EQ(mask_control("caf\xC3\xA9"), "caf\xC3\xA9");
}

}  // namespace
}  // namespace seam::escape
