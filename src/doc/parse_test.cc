#include "doc/parse.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace seam::doc {
namespace {

Result<Node> parse_text(const std::string& path, const std::string& text) {
  auto src = make_source(path, text);
  if (!src.ok()) return src.error();
  return parse(src.value());
}

TEST(ParseJson, BuildsTreeWithTypesAndOffsets) {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": [true, null, 2.5, \"x\\n\"],\n  \"c\": {\"d\": -3}\n}";
  auto r = parse_text("f.json", text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Node& root = r.value();
  ASSERT_EQ(root.kind, Kind::Object);
  EXPECT_EQ(root.find("a")->integer, 1);
  const Node& b = *root.find("b");
  ASSERT_EQ(b.items.size(), 4u);
  EXPECT_EQ(b.items[0].kind, Kind::Bool);
  EXPECT_EQ(b.items[1].kind, Kind::Null);
  EXPECT_DOUBLE_EQ(b.items[2].number, 2.5);
  EXPECT_EQ(b.items[3].text, "x\n");
  EXPECT_EQ(root.find("c")->find("d")->integer, -3);
  EXPECT_EQ(b.offset, text.find('['));
  EXPECT_EQ(root.members[1].key_offset, text.find("\"b\""));
}

// parse_json takes offsets from simdjson's token index; a scan of the text, its fallback,
// must find the same ones, here over every JSON file of the repository's examples and schemas.
void expect_same_places(const Node& a, const Node& b, const std::string& where) {
  ASSERT_EQ(a.offset, b.offset) << where;
  ASSERT_EQ(a.items.size(), b.items.size()) << where;
  ASSERT_EQ(a.members.size(), b.members.size()) << where;
  for (size_t i = 0; i < a.items.size(); ++i) expect_same_places(a.items[i], b.items[i], where + "/" + std::to_string(i));
  for (size_t i = 0; i < a.members.size(); ++i) {
    ASSERT_EQ(a.members[i].key_offset, b.members[i].key_offset) << where;
    expect_same_places(a.members[i].value, b.members[i].value, where + "/" + a.members[i].key);
  }
}

TEST(ParseJson, TokenIndexAndScanFindTheSamePlaces) {
  size_t files = 0;
  for (const char* dir : {"examples", "schemas", "docs/examples"}) {
    const std::filesystem::path root = std::filesystem::path(SEAM_SOURCE_DIR) / dir;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      if (e.path().extension() != ".json") continue;
      std::ifstream in(e.path());
      std::stringstream text;
      text << in.rdbuf();
      Source src(e.path().string(), text.str());
      auto fast = parse_json(src), scanned = parse_json_scanning(src);
      ASSERT_EQ(fast.ok(), scanned.ok()) << e.path();
      if (fast.ok()) expect_same_places(fast.value(), scanned.value(), e.path().string());
      ++files;
    }
  }
  EXPECT_GT(files, 10u);
  // And on text with every kind of token, escapes and white space in odd places.
  Source odd("odd.json", "[ {\"a\\\"b\" :\t[1 , -2.5e3,true,false ,null, \"x\\\\\" ] , \"\" : {} } ,[],\r\n{\"k\":[[]]} ]");
  auto fast = parse_json(odd), scanned = parse_json_scanning(odd);
  ASSERT_TRUE(fast.ok()) << fast.error().message;
  ASSERT_TRUE(scanned.ok());
  expect_same_places(fast.value(), scanned.value(), "odd");
}

TEST(ParseJson, SyntaxErrorHasLineAndColumn) {
  auto r = parse_text("f.json", "{\n  \"a\": 1,\n  \"b\" 2\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file, "f.json");
  EXPECT_EQ(r.error().line, 3u);
  EXPECT_NE(r.error().message.find("invalid JSON"), std::string::npos);
  EXPECT_EQ(r.error().snippet, "  \"b\" 2");
}

TEST(ParseJson, UnclosedObjectIsAnError) {
  auto r = parse_text("f.json", "{\"a\": [1, 2");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("invalid JSON"), std::string::npos);
  r = parse_text("f.json", "{\"version\": \"1.2\",\n \"a\": 1\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "invalid JSON: the object is not closed");
  EXPECT_EQ(std::pair(r.error().line, r.error().column), std::pair(2u, 8u));
  EXPECT_EQ(r.error().snippet, " \"a\": 1");
}

TEST(ParseJson, TrailingTextIsAnError) {
  auto r = parse_text("f.json", "{\"a\": 1} x");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("after the top-level value"), std::string::npos);
}

TEST(ParseJson, DuplicateKeyIsAnErrorAtTheSecondKey) {
  auto r = parse_text("f.json", "{\"a\": 1,\n \"a\": 2}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "duplicate key 'a' in this object");
  EXPECT_EQ(r.error().line, 2u);
  EXPECT_EQ(r.error().column, 2u);
}

TEST(ParseJson, DuplicateKeyInLargeObject) {
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": 1, ";
  text += "\"k7\": 2}";
  auto r = parse_text("f.json", text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "duplicate key 'k7' in this object");
}

TEST(ParseJson, HundredThousandLevelsAreRefusedWithoutOverflow) {
  const std::string text = std::string(100000, '[') + std::string(100000, ']');
  auto r = parse_text("f.json", text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("nesting is deeper than 64 levels"), std::string::npos);
  EXPECT_EQ(r.error().line, 1u);
  EXPECT_EQ(r.error().column, 65u);
}

// Sixteen MiB of small values would take a gigabyte as nodes; the count is capped.
TEST(ParseJson, TooManyValuesAreRefused) {
  std::string text = "{\"a\": [0";
  for (size_t i = 0; i < kMaxNodes; ++i) text += ",0";
  text += "]}";
  auto r = parse_text("f.json", text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "the document holds more than 1000000 values");
  EXPECT_EQ(r.error().pointer, "/a");
}

TEST(ParseJson, BareValueAtTopLevelIsRefused) {
  auto r = parse_text("f.json", "\"just a string\"");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("top level"), std::string::npos);
}

TEST(ParseYaml, ResolvesCoreSchemaScalars) {
  auto r = parse_text("f.yaml",
                      "s: hello\nq: '12'\ni: 12\nh: 0x1F\nf: 2.5e3\nb: true\nn: ~\ne:\nlist:\n  - 1\n  - two\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Node& root = r.value();
  EXPECT_EQ(root.find("s")->text, "hello");
  EXPECT_EQ(root.find("q")->kind, Kind::String);  // quoted: always a string
  EXPECT_EQ(root.find("i")->integer, 12);
  EXPECT_EQ(root.find("h")->integer, 31);
  EXPECT_DOUBLE_EQ(root.find("f")->number, 2500);
  EXPECT_TRUE(root.find("b")->boolean);
  EXPECT_EQ(root.find("n")->kind, Kind::Null);
  EXPECT_EQ(root.find("e")->kind, Kind::Null);
  EXPECT_EQ(root.find("list")->items[1].text, "two");
}

// Found by fuzz/yaml: yaml-cpp, the parser before libyaml, decoded \_ and \N to lone
// Latin-1 bytes, which made invalid UTF-8 in every report that quoted the value.
TEST(ParseYaml, EscapesDecodeToUtf8) {
  auto r = parse_text("f.yaml", "a: \"x\\_y\\Nz \xC3\xA0\\_\"\n\"k\\_\": \"\\x41\\u00e9\\L\"\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().find("a")->text, "x\xC2\xA0y\xC2\x85z \xC3\xA0\xC2\xA0");
  EXPECT_EQ(r.value().find("k\xC2\xA0")->text, "A\xC3\xA9\xE2\x80\xA8");
}

TEST(ParseYaml, NodesPointAtTheirSource) {
  const std::string text = "version: '1.2'\noutput_spec:\n  - item_type: Str\n";
  auto src = make_source("f.yaml", text);
  ASSERT_TRUE(src.ok());
  auto r = parse(src.value());
  ASSERT_TRUE(r.ok());
  const Node& type = *r.value().find("output_spec")->items[0].find("item_type");
  const LineCol lc = src.value().locate(type.offset);
  EXPECT_EQ(lc.line, 3u);
  EXPECT_EQ(lc.column, 16u);
}

TEST(ParseYaml, ColumnsCountCharactersAfterNonAscii) {
  const std::string text = "{version: '1.2', model_name: '\xC3\xA9\xC3\xA9', ensemble: 7}\n";
  auto src = make_source("f.yaml", text);
  ASSERT_TRUE(src.ok());
  auto r = parse(src.value());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(src.value().locate(r.value().find("ensemble")->offset).column, 46u);
}

TEST(ParseYaml, SyntaxErrorHasLineAndColumn) {
  auto r = parse_text("f.yaml", "a: 1\nb: [1, 2\nc: 3\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("invalid YAML"), std::string::npos);
  EXPECT_GE(r.error().line, 2u);
}

// A flow collection left open runs into the end of the file: the error still shows a line.
TEST(ParseYaml, SyntaxErrorAtTheEndShowsTheLastLine) {
  auto r = parse_text("f.yaml", "version: '1.2'\nfoo: {a: 1\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "invalid YAML: did not find expected ',' or '}' while parsing a flow mapping");
  EXPECT_EQ(std::pair(r.error().line, r.error().column), std::pair(2u, 11u));
  EXPECT_EQ(r.error().snippet, "foo: {a: 1");
}

TEST(ParseYaml, DuplicateKeyIsAnError) {
  auto r = parse_text("f.yaml", "a: 1\nb: 2\na: 3\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "duplicate key 'a' in this mapping");
  EXPECT_EQ(r.error().line, 3u);
  EXPECT_EQ(r.error().column, 1u);
}

// Errors found while the tree is built name the field they are in.
TEST(Parse, DeepNestingAndDuplicateKeysNameTheirField) {
  const std::string deep = std::string(70, '[') + std::string(70, ']');
  auto r = parse_text("f.yaml", "version: '1.2'\nschema:\n  - field_name: a\n    expected_values: " + deep + "\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "/schema/0/expected_values");
  EXPECT_EQ(std::pair(r.error().line, r.error().column), std::pair(4u, 83u));
  r = parse_text("f.json", "{\"version\": \"1.2\",\n \"schema\": [{\"x\": " + deep + "}]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "/schema/0/x");
  EXPECT_EQ(r.error().line, 2u);
  r = parse_text("f.json", "{\"schema\": [{\"a\": 1,\n \"a\": 2}]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "/schema/0/a");
  r = parse_text("f.yaml", "schema:\n  - a: 1\n    a: 2\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "/schema/0/a");
  // At the top level there is no field to name.
  r = parse_text("f.json", deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().pointer, "");
}

TEST(ParseYaml, QuoteLeftOpenIsAnErrorNotTheRestOfTheFile) {
  for (const char* text : {"version: '1.2'\nmodel_name: \"abc\nensemble: true\n", "version: '1.2'\nmodel_name: 'it''s\n"}) {
    auto r = parse_text("f.yaml", text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().message, "invalid YAML: the quoted text is not closed; the file ends inside it");
    EXPECT_EQ(r.error().pointer, "/model_name");
    EXPECT_EQ(std::pair(r.error().line, r.error().column), std::pair(2u, 13u));
  }
  // Escaped quotes, '' and quoted text over several lines close where YAML says.
  auto r = parse_text("f.yaml", "a: \"x \\\" y\"\nb: 'it''s'\nc: \"two\n  lines\"\nd: [&q \"z\", *q]\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().find("a")->text, "x \" y");
  EXPECT_EQ(r.value().find("b")->text, "it's");
  EXPECT_EQ(r.value().find("c")->text, "two lines");
}

TEST(ParseYaml, DeepNestingIsRefusedWithoutOverflow) {
  const std::string text = std::string(100000, '[') + std::string(100000, ']');
  auto r = parse_text("f.yaml", text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file, "f.yaml");
  EXPECT_GE(r.error().line, 1u);
}

// A 200 KB line of flow nesting: the depth limit is named where it is passed, and the
// message shows a window of the line around that place, not the whole line.
TEST(ParseYaml, DeepFlowNestingOnALongLineShowsAWindow) {
  const std::string text = "version: '1.2'\nx: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  auto r = parse_text("f.yaml", text);
  ASSERT_FALSE(r.ok());
  const Error& e = r.error();
  EXPECT_EQ(e.message, "nesting is deeper than 64 levels");
  EXPECT_EQ(std::pair(e.line, e.column), std::pair(2u, 67u));  // the 64th '[' is depth 65
  EXPECT_EQ(e.snippet, "..." + std::string(120, '[') + "...");
  EXPECT_EQ(e.snippet[e.snippet_column - 1], '[');
  EXPECT_EQ(e.snippet_column, 64u);
  // A short line is shown whole.
  r = parse_text("f.yaml", "a: 1\na: 2\n");
  EXPECT_EQ(r.error().snippet, "a: 2");
  EXPECT_EQ(r.error().snippet_column, 0u);
}

TEST(ParseYaml, AliasBombIsRefused) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", " : "") + "*" + prev;
    text += "]\n";
  }
  auto r = parse_text("f.yaml", text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("expands to more than"), std::string::npos);
}

// Each anchored value is kept as a copy; nested anchors must not multiply the document.
TEST(ParseYaml, NestedAnchorsCountTheirCopies) {
  std::string text = "a: ";
  for (int i = 0; i < 60; ++i) text += "&a" + std::to_string(i) + " [";
  for (int i = 0; i < 20000; ++i) text += i ? ", x" : "x";
  text += std::string(60, ']') + "\n";
  auto r = parse_text("f.yaml", text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "document expands to more than 1000000 values (are YAML aliases nested?)");
}

TEST(ParseYaml, SeveralDocumentsAreRefused) {
  auto r = parse_text("f.yaml", "a: 1\n---\nb: 2\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "expected one YAML document; more text follows its end");
  EXPECT_EQ(r.error().line, 2u);
}

// yaml-cpp, the parser before libyaml, read "{}," as an endless run of empty documents; its
// LoadAll never returned and grew without bound. seam stops at the second document.
TEST(ParseYaml, TextAfterTheDocumentEndsQuickly) {
  for (const char* text : {"{},", "[],", "{}, {}", "a: 1\n...\n,"}) {
    auto r = parse_text("f.yaml", text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().message, "expected one YAML document; more text follows its end") << text;
    EXPECT_EQ(r.error().file, "f.yaml");
  }
  auto r = parse_text("f.yaml", "# only a comment\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "expected one YAML document; the file holds none");
}

TEST(ParseYaml, MergeKeysAddTheMembersAMappingLacks) {
  auto r = parse_text("f.yaml",
                      "base: &b {x: 1, y: 2}\nmore: &m {y: 20, z: 30}\n"
                      "one:\n  <<: *b\n  y: 3\nboth:\n  <<: [*b, *m]\n  w: 0\nquoted: {'<<': 1}\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Node& one = *r.value().find("one");
  ASSERT_EQ(one.members.size(), 2u);
  EXPECT_EQ(one.find("x")->integer, 1);
  EXPECT_EQ(one.find("y")->integer, 3);  // the mapping's own value wins
  const Node& both = *r.value().find("both");
  EXPECT_EQ(both.find("y")->integer, 2);  // the earlier merged mapping wins
  EXPECT_EQ(both.find("z")->integer, 30);
  EXPECT_EQ(both.find("<<"), nullptr);
  EXPECT_EQ(r.value().find("quoted")->find("<<")->integer, 1);  // a quoted key is only a key

  r = parse_text("f.yaml", "a:\n  <<: 5\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "a merge key ('<<') takes a mapping or a list of mappings, not a value of type integer");
  EXPECT_EQ(r.error().pointer, "/a/<<");
  EXPECT_EQ(r.error().line, 2u);
}

// An alias copies its value where it is used, so it must not carry the tree past the
// depth limit either.
TEST(ParseYaml, AliasesCannotNestPastTheDepthLimit) {
  std::string text = "a: &a " + std::string(60, '[') + std::string(60, ']') + "\nb: " + std::string(10, '[') + "*a" +
                     std::string(10, ']') + "\n";
  auto r = parse_text("f.yaml", text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "nesting is deeper than 64 levels");
  EXPECT_EQ(r.error().pointer, "/b");
  EXPECT_EQ(r.error().line, 2u);
}

TEST(Parse, ChoosesParserByExtensionThenContent) {
  EXPECT_TRUE(parse_text("f.json", "{\"a\": 1}").ok());
  EXPECT_FALSE(parse_text("f.json", "a: 1").ok());  // YAML in a .json file is a JSON error
  EXPECT_TRUE(parse_text("f.txt", "a: 1").ok());
  EXPECT_TRUE(parse_text("f.txt", "{\"a\": 1}").ok());
}

}  // namespace
}  // namespace seam::doc
