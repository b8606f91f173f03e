#include "doc/diff.h"

#include <gtest/gtest.h>

#include "doc/parse.h"

namespace seam::doc {
namespace {

Node json(const std::string& text) {
  auto node = parse_json(Source("t.json", text));
  EXPECT_TRUE(node.ok()) << text;
  return node.ok() ? std::move(node).value() : Node();
}

// One line per change, "op pointer before after" with "-" for an absent value.
std::string lines(const Diff& d) {
  std::string out;
  for (const auto& c : d)
    out += std::string(op_name(c.op)) + " " + c.pointer + " " + c.before.value_or("-") + " " + c.after.value_or("-") + "\n";
  return out;
}

std::string diff_of(const std::string& before, const std::string& after) { return lines(diff(json(before), json(after))); }

TEST(Diff, EqualDocumentsHaveNoChangesWhateverTheKeyOrder) {
  EXPECT_EQ(diff_of(R"({"a":1,"b":{"c":[1,2],"d":null}})", R"({"b":{"d":null,"c":[1,2]},"a":1})"), "");
}

TEST(Diff, ScalarsCompareByTypeAndValue) {
  EXPECT_EQ(diff_of(R"({"n":1})", R"({"n":1.0})"), "");  // equal as numbers
  EXPECT_EQ(diff_of(R"({"n":1})", R"({"n":"1"})"), "changed /n 1 \"1\"\n");
  EXPECT_EQ(diff_of(R"({"n":true})", R"({"n":1})"), "changed /n true 1\n");
  EXPECT_EQ(diff_of(R"({"n":null})", R"({"n":""})"), "changed /n null \"\"\n");
  EXPECT_EQ(diff_of(R"({"n":0.5})", R"({"n":0.25})"), "changed /n 0.5 0.25\n");
}

TEST(Diff, KeysAddedAndRemovedFollowTheNewerDocumentThenTheRemovedKeys) {
  EXPECT_EQ(diff_of(R"({"gone":1,"a":1,"also_gone":{"x":[]},"b":2})", R"({"b":3,"new":{"x":1},"a":1})"),
            "changed /b 2 3\n"
            "added /new - {\"x\":1}\n"
            "removed /gone 1 -\n"
            "removed /also_gone {\"x\":[]} -\n");
}

TEST(Diff, ArraysCompareByIndex) {
  EXPECT_EQ(diff_of(R"({"l":[1,2]})", R"({"l":[1,2,{"k":"v"}]})"), "added /l/2 - {\"k\":\"v\"}\n");
  EXPECT_EQ(diff_of(R"({"l":[1,2,3]})", R"({"l":[1]})"), "removed /l/1 2 -\nremoved /l/2 3 -\n");
  EXPECT_EQ(diff_of(R"({"l":[1,{"a":1}]})", R"({"l":[0,{"a":2}]})"), "changed /l/0 1 0\nchanged /l/1/a 1 2\n");
}

TEST(Diff, AContainerOfAnotherKindIsReplacedWhole) {
  EXPECT_EQ(diff_of(R"({"v":{"a":1}})", R"({"v":[1]})"), "changed /v {\"a\":1} [1]\n");
  EXPECT_EQ(diff_of(R"({"v":[]})", R"({"v":"x"})"), "changed /v [] \"x\"\n");
  EXPECT_EQ(diff_of(R"({"a":1})", R"([1])"), "changed  {\"a\":1} [1]\n");  // "" is the whole document
}

TEST(Diff, PointersEscapeTildeAndSlash) {
  EXPECT_EQ(diff_of(R"({"a/b":{"c~d":1}})", R"({"a/b":{"c~d":2},"":0})"), "changed /a~1b/c~0d 1 2\nadded / - 0\n");
}

TEST(Diff, ValuesAreCompactJsonWithStringsEscaped) {
  EXPECT_EQ(diff_of(R"({"s":"a"})", R"({"s":"line\n\"quoted\""})"), "changed /s \"a\" \"line\\n\\\"quoted\\\"\"\n");
}

TEST(Diff, TextsParseAsTheirExtensionsSaySoYamlAndJsonOfOneDocumentAreEqual) {
  auto same = diff_texts("m.yaml", "version: '1.2'\nlist:\n  - 1\n  - x\n", "m.json", R"({"list":[1,"x"],"version":"1.2"})");
  ASSERT_TRUE(same.ok()) << same.error().message;
  EXPECT_EQ(lines(same.value()), "");
  auto changed = diff_texts("m.yaml", "a: 1\n\n\nb: 2\n", "m.yaml", "# a comment\nb: 2\na: 2\n");
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(lines(changed.value()), "changed /a 1 2\n");
  auto nan = diff_texts("m.yaml", "x: .nan\n", "m.yaml", "x: .nan\n");  // unequal to itself, yet unchanged
  ASSERT_TRUE(nan.ok());
  EXPECT_EQ(lines(nan.value()), "");
}

TEST(Diff, TextThatDoesNotParseFailsWithItsLocation) {
  auto bad = diff_texts("old.yaml", "a: 1\n", "new.json", "{\"a\": }");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().file, "new.json");
  EXPECT_EQ(bad.error().line, 1u);
  auto big = diff_texts("old.yaml", std::string(kMaxDescriptorBytes + 1, ' '), "new.yaml", "a: 1\n");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().file, "old.yaml");
}

// Two documents near the size limit, with every key moved: a quadratic walk would compare
// 10^11 key pairs and never finish within the test's time.
TEST(Diff, LargeDocumentsDiffInLinearTime) {
  const int n = 400'000;
  std::string forward = "{", backward = "{";
  for (int i = 0; i < n; ++i) {
    forward += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":[" + std::to_string(i) + "]";
    const int j = n - 1 - i;
    backward += (i ? ",\"k" : "\"k") + std::to_string(j) + "\":[" + std::to_string(j == 7 ? -1 : j) + "]";
  }
  forward += "}";
  backward += "}";
  ASSERT_GT(forward.size(), 6u << 20);
  auto d = diff_texts("a.json", forward, "b.json", backward);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(lines(d.value()), "changed /k7/0 7 -1\n");
}

}  // namespace
}  // namespace seam::doc
