#include "doc/yaml_block.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "doc/parse.h"

namespace seam::doc {
namespace {

// Whether the block reader takes the text; when it does, its tree must be libyaml's.
bool agrees(const std::string& name, const std::string& text) {
  auto src = make_source(name, text);
  if (!src.ok()) return false;
  auto block = parse_yaml_block(src.value());
  if (!block) return false;
  auto events = parse_yaml_events(src.value());
  EXPECT_TRUE(events.ok()) << name << ": the block reader took what libyaml refuses: " << events.error().message;
  if (events.ok()) {
    EXPECT_EQ(first_difference(*block, events.value()), "") << name << "\n" << text;
  }
  return true;
}

TEST(YamlBlock, ReadsWhatDescriptorsHoldAsLibyamlDoes) {
  const char* cases[] = {
      "a: 1\nb: two\nc: 2.5\nd: true\ne: null\nf: ~\ng:\nh: 'it''s'\ni: \"x y\"\n",
      "version: \"1.2\"\nschema:\n  - field_name: amount\n    field_type: Float\n  - field_name: hour\n    field_type: Integer\n",
      "list:\n- a\n- b\nafter: 1\n",
      "list:\n  - a\n  -\n  - c  # note\n# comment\nnext: [x, 'y', 3, \"z\"]\nempty: []\nobj: {}\n",
      "text: |\n  line one\n  line two\n\n  after a blank\nmore: 1\n",
      "text: >-\n  folded one\n  folded two\n\n  new paragraph\n\n\nkeep: |+\n  kept\n\nlast: x\n",
      "---\nnested:\n  deeper:\n    deepest: value with:colon inside, and a # not a comment\n",
      "nested:\n  deeper:\n    deepest: 'value: quoted'\n  back: 2\ntop: 3\n",
      "url: http://example.com/a#b\ntime: 12:30\nneg: -5\nhex: 0x1F\nsci: 1e3\ndash: -x\n",
      "a:\n  - b: 1\n    c:\n      - d\n  - e: 2\n",
      "k: v   \n  \n# trailing comment\n",
      "\xc3\xa9t\xc3\xa9: caf\xc3\xa9\nnext: \xe2\x82\xac 5\n",
      "a: |-\n    indented four\n    lines\nb: >\n  one\n  two\n",
      "- top\n- level: list\n  of: maps\n",
      "k:\n  text on the next line\nn: 1\nl:\n  -\n    item below its dash\n  - {}\n",
      "A deli|berately broken de.i,}}: \nnull after a space: \nlist:\n  - \n  -   # note\n",
      "- a:\n  - x\n  - y\n  b: |+\n    kept\n\n\n- c\n",
      "e: \"tab\\there \\\"quoted\\\" back\\\\slash \\u00e9 \\x41 \\U0001F600 \\/ \\0\"\n",
      "rows:\n  - {name: a, type: 'int', tags: [x, \"y\"], deep: {k: [1, {m: n}]}}\n  - {}\n",
  };
  for (const char* c : cases) EXPECT_TRUE(agrees("case.yaml", c)) << "declined:\n" << c;
}

TEST(YamlBlock, DeclinesWhatItDoesNotRead) {
  const char* cases[] = {
      "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: \"esc\\q\"\n", "a: \"\\ud800\"\n", "a: plain\n  continued\n",
      "a: 'open\n  quote'\n", "<<: {a: 1}\n", "a: 1\na: 2\n", "\ta: 1\n", "a: 1\r\nb: 2\r\n", "? a\n: b\n",
      "a: 1\n---\nb: 2\n", "plain scalar\n", "", "# only a comment\n", "a: |2\n  x\n", "a: >\n  x\n    more\n  y\n",
      "a: b: c\n", "- - a\n", "a: [1, 2,]\n", "a: 'x' y\n", "a: |\n  no final break", "a: x\xc2\x85y\n", "a: 1\n...\n", "a: {b: [1,\n 2]}\n", "a: {b}\n",
      "...   ememory:     ", "a: 1\n... \nb: 2\n", "a: 1\n---\n",
  };
  for (const char* c : cases) {
    auto src = make_source("case.yaml", c);
    if (src.ok()) {
      EXPECT_FALSE(parse_yaml_block(src.value())) << "took:\n" << c;
    }
  }
  // An implicit key is at most 1024 characters: longer ones are libyaml's to refuse.
  for (const std::string& c : {std::string(1025, 'k') + ": 1\n", "a: {" + std::string(1025, 'k') + ": 1}\n"}) {
    auto src = make_source("case.yaml", c);
    ASSERT_TRUE(src.ok());
    EXPECT_FALSE(parse_yaml_block(src.value())) << c.size();
  }
  EXPECT_TRUE(parse_yaml_block(make_source("case.yaml", std::string(1000, 'k') + ": 1\n").value()));
}

// Near the nesting limit, the libyaml path decides, and refuses with its message.
TEST(YamlBlock, LeavesDeepNestingToTheLimitsOfTheOtherPath) {
  for (const int depth : {63, 64, 65}) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += std::string(static_cast<size_t>(2 * i), ' ') + "k:\n";
    text += std::string(static_cast<size_t>(2 * depth), ' ') + "v\n";
    auto src = make_source("deep.yaml", text);
    ASSERT_TRUE(src.ok());
    EXPECT_FALSE(parse_yaml_block(src.value())) << depth;
    EXPECT_EQ(parse_yaml(src.value()).ok(), parse_yaml_events(src.value()).ok()) << depth;
  }
}

// Every YAML file in the repository: rules, lexicon, examples, TRL cards, the scenario corpus.
TEST(YamlBlock, AgreesWithLibyamlOnTheRepositorysYaml) {
  size_t files = 0, taken = 0;
  for (const char* dir : {"examples", "rules", "trl", "tests/scenarios", "schemas", "docs"}) {
    const std::filesystem::path root = std::filesystem::path(SEAM_SOURCE_DIR) / dir;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      if (e.path().extension() != ".yaml" && e.path().extension() != ".yml") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      ++files;
      taken += agrees(e.path().string(), text.str());
    }
  }
  EXPECT_GT(files, 50u);
  // Most of them are plain block YAML: the fast reader is what reads them.
  EXPECT_GT(taken * 10, files * 8) << taken << " of " << files;
}

TEST(YamlBlock, ReadsTheBundledExamplesItself) {
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(SEAM_SOURCE_DIR) / "examples/turbine-maintenance")) {
    if (e.path().extension() != ".yaml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_TRUE(agrees(e.path().string(), text.str())) << e.path() << " was left to libyaml";
  }
}

}  // namespace
}  // namespace seam::doc
