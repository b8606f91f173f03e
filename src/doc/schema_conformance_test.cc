// Runs the official JSON Schema test suite (draft-07) for every keyword seam's validator
// implements. Groups whose schema uses a keyword seam refuses are skipped and counted, so
// a keyword file where most groups are skipped fails the test instead of passing quietly.
#include <gtest/gtest.h>

#include <filesystem>

#include "doc/parse.h"
#include "doc/schema.h"

namespace seam::doc {
namespace {

const std::string kSuite = std::string(SEAM_SHARED_DIR) + "/reference/json-schema-test-suite/draft7/";

class Draft7 : public testing::TestWithParam<std::string> {};

TEST_P(Draft7, MatchesTheOfficialSuite) {
  const std::string path = kSuite + GetParam();
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "test suite not found at " << path;
  auto src = read_source(path);
  ASSERT_TRUE(src.ok()) << src.error().message;
  auto groups = parse_json(src.value());
  ASSERT_TRUE(groups.ok()) << groups.error().message;
  size_t run = 0, skipped = 0;
  for (const Node& group : groups.value().items) {
    auto schema = Schema::compile(*group.find("schema"));
    if (!schema.ok()) {
      ++skipped;  // uses a keyword seam does not implement ($ref, pattern, ...)
      continue;
    }
    for (const Node& test : group.find("tests")->items) {
      std::vector<Violation> violations;
      schema.value().validate(*test.find("data"), violations, ValidateOptions{false});
      EXPECT_EQ(violations.empty(), test.find("valid")->boolean)
          << GetParam() << ": " << group.find("description")->text << " / " << test.find("description")->text
          << (violations.empty() ? "" : ": " + violations[0].message);
      ++run;
    }
  }
  EXPECT_GT(run, 0u);
  EXPECT_LE(skipped * 2, groups.value().items.size()) << "most groups use unsupported keywords";
}

INSTANTIATE_TEST_SUITE_P(
    Keywords, Draft7,
    testing::Values("additionalItems.json", "additionalProperties.json", "allOf.json", "anyOf.json",
                    "boolean_schema.json", "const.json", "default.json", "enum.json", "exclusiveMaximum.json",
                    "exclusiveMinimum.json", "format.json", "items.json", "maxItems.json", "maxLength.json",
                    "maximum.json", "minItems.json", "minLength.json", "minimum.json", "not.json", "oneOf.json",
                    "properties.json", "required.json", "type.json", "optional/format/date.json"),
    [](const testing::TestParamInfo<std::string>& info) {
      std::string name = info.param.substr(0, info.param.find(".json"));
      for (auto& c : name) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

}  // namespace
}  // namespace seam::doc
