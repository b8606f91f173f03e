#include "report/diagnostic.h"

#include <gtest/gtest.h>

namespace seam::report {
namespace {

Error located() {
  Error e = Error::invalid("expected one of Integer, Float; found 'Str'");
  e.file = "p/trained_model.yaml";
  e.line = 5;
  e.column = 16;
  e.pointer = "/output_spec/0/item_type";
  e.snippet = "    item_type: Str";
  return e;
}

TEST(FormatError, CompilerStyleWithCaret) {
  EXPECT_EQ(format_error(located()),
            "p/trained_model.yaml:5:16: /output_spec/0/item_type: expected one of Integer, Float; found 'Str'\n"
            "      item_type: Str\n"
            "                 ^\n");
}

TEST(FormatError, CaretCountsCharactersAndKeepsTabs) {
  Error e = located();
  e.snippet = "\tn\xC3\xA9: x";
  e.column = 5;
  EXPECT_NE(format_error(e).find("\n  \t   ^\n"), std::string::npos);
}

// A snippet cut from a long line carries its own column for the caret.
TEST(FormatError, CaretFollowsTheColumnInACutSnippet) {
  Error e = located();
  e.column = 5000;
  e.snippet = "...abcdef...";
  e.snippet_column = 6;
  EXPECT_EQ(format_error(e).substr(format_error(e).find('\n')), "\n  ...abcdef...\n       ^\n");
}

TEST(FormatError, LeavesOutUnknownParts) {
  Error e = Error::io("No such file or directory");
  e.file = "missing.yaml";
  EXPECT_EQ(format_error(e), "missing.yaml: No such file or directory\n");
}

TEST(ValidationJson, FollowsTheContract) {
  std::vector<FileResult> files = {{"a/trained_model.yaml", "trained_model", "1.1", {located()}, {}, {}},
                                   {"a/raw_data.json", "raw_data", "", {}, {located()}, {}}};
  const std::string json = validation_json(files);
  EXPECT_NE(json.find("\"path\": \"a/trained_model.yaml\""), std::string::npos);
  EXPECT_NE(json.find("\"valid\": false"), std::string::npos);
  EXPECT_NE(json.find("\"pointer\": \"/output_spec/0/item_type\""), std::string::npos);
  EXPECT_NE(json.find("\"line\": 5"), std::string::npos);
  EXPECT_NE(json.find("\"version\": null"), std::string::npos);
  EXPECT_NE(json.find("\"errors\": []"), std::string::npos);
  EXPECT_NE(json.find("\"warnings\": []"), std::string::npos);
  EXPECT_NE(json.find("\"warnings\": [\n        {\n          \"pointer\": \"/output_spec/0/item_type\""), std::string::npos)
      << json;
}

TEST(ValidationText, SummarisesAtTheEnd) {
  std::vector<FileResult> files = {{"a/trained_model.yaml", "trained_model", "1.2", {located()}, {}, {}}};
  const std::string text = validation_text(files, false);
  EXPECT_NE(text.find("1 file checked: 1 invalid, 1 problem\n"), std::string::npos);
  files[0].errors.clear();
  EXPECT_EQ(validation_text(files, false), "1 file checked: all valid\n");
  EXPECT_NE(validation_text(files, true).find("a/trained_model.yaml: ok (trained_model, format 1.2)"),
            std::string::npos);
}

TEST(ValidationText, APathThatIsNoDescriptorIsNotCountedAsAFileChecked) {
  Error none = Error::io("no descriptors found in /tmp/empty");
  none.file = "/tmp/empty";
  std::vector<FileResult> files = {{"/tmp/empty", "", "", {none}, {}, {}}};
  EXPECT_EQ(validation_text(files, false),
            "/tmp/empty: no descriptors found in /tmp/empty\n0 files checked: nothing to validate; 1 path could not be read\n");
  files.push_back({"a/trained_model.yaml", "trained_model", "1.2", {located()}, {}, {}});
  EXPECT_NE(validation_text(files, false).find("1 file checked: 1 invalid, 1 problem; 1 path could not be read\n"),
            std::string::npos);
}

TEST(FormatWarning, SaysWarningAfterTheLocation) {
  EXPECT_EQ(format_warning(located()),
            "p/trained_model.yaml:5:16: warning: /output_spec/0/item_type: expected one of Integer, Float; found 'Str'\n"
            "      item_type: Str\n"
            "                 ^\n");
}

TEST(ValidationText, WarningsLeaveAFileValidAndAreCounted) {
  std::vector<FileResult> files = {{"a/trained_model.yaml", "trained_model", "1.2", {}, {located()}, {}}};
  const std::string text = validation_text(files, false);
  EXPECT_NE(text.find(":5:16: warning: /output_spec/0/item_type: "), std::string::npos) << text;
  EXPECT_NE(text.find("1 file checked: all valid, 1 warning\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace seam::report
