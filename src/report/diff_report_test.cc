#include "report/diff_report.h"

#include <gtest/gtest.h>

#include "doc/parse.h"

namespace seam::report {
namespace {

doc::Diff sample() {
  auto d = doc::diff_texts("old.yaml", "gpu: 1\nname: a\nlist: [1]\n",
                           "new.yaml", "gpu: '1'\nlist: [1, {k: v}]\nnote: " + std::string(100, 'x') + "\n");
  EXPECT_TRUE(d.ok());
  return d.ok() ? std::move(d).value() : doc::Diff();
}

TEST(DiffReport, TextShowsOneLinePerChangeWithCompactValues) {
  const std::string x58(58, 'x');
  EXPECT_EQ(diff_text(sample()),
            "~ /gpu: 1 -> \"1\"\n"
            "+ /list/1: {\"k\":\"v\"}\n"
            "+ /note: \"" + x58 + "…\n"
            "- /name: \"a\"\n");
}

TEST(DiffReport, TextNamesTheWholeDocumentAndSaysWhenNothingChanged) {
  EXPECT_EQ(diff_text({}), "no changes\n");
  EXPECT_EQ(diff_text({{doc::ChangeOp::Changed, "", "1", "[]"}}), "~ (document): 1 -> []\n");
}

TEST(DiffReport, TextCutsLongValuesBetweenCharacters) {
  std::string wide = "\"a";
  for (int i = 0; i < 40; ++i) wide += "é";  // two bytes each
  wide += "\"";
  // A cut after 59 bytes would split the 29th "é"; it falls before that character instead.
  EXPECT_EQ(diff_text({{doc::ChangeOp::Added, "/s", std::nullopt, wide}}), "+ /s: " + wide.substr(0, 58) + "…\n");
}

TEST(DiffReport, JsonListsEveryChangeLeavingOutAbsentValues) {
  auto parsed = doc::parse_json(doc::Source("d.json", diff_json(sample())));
  ASSERT_TRUE(parsed.ok()) << diff_json(sample());
  const doc::Node& arr = parsed.value();
  ASSERT_EQ(arr.kind, doc::Kind::Array);
  ASSERT_EQ(arr.items.size(), 4u);
  EXPECT_EQ(doc::to_json(arr.items[0]), R"({"op":"changed","pointer":"/gpu","before":1,"after":"1"})");
  EXPECT_EQ(doc::to_json(arr.items[1]), R"({"op":"added","pointer":"/list/1","after":{"k":"v"}})");
  EXPECT_EQ(doc::to_json(arr.items[3]), R"({"op":"removed","pointer":"/name","before":"a"})");
  EXPECT_EQ(diff_json({}), "[]\n");
}

TEST(DiffReport, FormatsAreRegistered) {
  ASSERT_NE(find_format(diff_formats(), "json"), nullptr);
  StringWriter out;
  find_format(diff_formats(), "text")->render(sample(), out);
  EXPECT_EQ(out.str(), diff_text(sample()));
  EXPECT_EQ(format_names(diff_formats()), "text or json");
}

}  // namespace
}  // namespace seam::report
