// A profile as a descriptor: what a user pastes into training_data.yaml must type values
// right, list them unambiguously and round percentages as people write them.
#include "report/profile_descriptor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "stats/profile_builder.h"
#include "util/text.h"

namespace seam::report {
namespace {

stats::Profile profile(const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows,
                       const stats::ColumnOptions& o) {
  auto b = stats::ProfileBuilder::create(columns, o);
  EXPECT_TRUE(b.ok());
  for (const auto& r : rows) b.value().add(std::vector<std::string_view>(r.begin(), r.end()));
  return std::move(b.value()).finish();
}

// 302 missing of 300,000 is 0.100667%: written 0.1%; class shares with two decimals.
TEST(ProfileDescriptor, LabelIsAnIntegerAndPercentagesAreRounded) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 300000; ++i) rows.push_back({i % 3 == 0 ? "1" : "0", i < 302 ? "" : "x", i % 2 ? "1" : "2"});
  stats::ColumnOptions o;
  o.label = "y";
  o.types = {{"k", stats::ColumnType::Categorical}};
  const std::string yaml = profile_as_descriptor(profile({"y", "note", "k"}, rows, o), doc::Descriptor::TrainingData);
  EXPECT_NE(yaml.find("  - field_name: \"y\"\n    label_field: true\n    field_type: \"Integer\"\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("  - field_name: \"k\"\n    label_field: false\n    field_type: \"Integer\"\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("missing_values: \"302 of 300000 (0.1%)\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("{property: \"Missing (%)\", field: \"note\", value: \"0.1\"}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("distribution:\n  - label: \"0\"\n    percentage: 66.67\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("  - label: \"1\"\n    percentage: 33.33\n"), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("0.100667"), std::string::npos) << yaml;
}

TEST(ProfileDescriptor, ValuesWithCommasOrQuotesAreQuoted) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 30; ++i) rows.push_back({i % 3 == 0 ? "Smith, John" : i % 3 == 1 ? "say \"hi\"" : "plain"});
  stats::ColumnOptions o;
  o.types = {{"who", stats::ColumnType::Categorical}};
  const std::string yaml = profile_as_descriptor(profile({"who"}, rows, o), doc::Descriptor::ProductionData);
  // The list reads back as three values: "Smith, John" is one, quotes inside are doubled.
  EXPECT_NE(yaml.find(R"(expected_values: "\"Smith, John\", plain, \"say \"\"hi\"\"\"")"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("field_type: \"String\""), std::string::npos) << yaml;
}

// Tiny shares keep a digit that is not 0, and shares near 100% do not round up to it.
TEST(ProfileDescriptor, TinySharesAreNotRoundedAway) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 100000; ++i) rows.push_back({i == 0 ? "" : "v"});
  const std::string yaml = profile_as_descriptor(profile({"c"}, rows, {}), doc::Descriptor::TrainingData);
  EXPECT_NE(yaml.find("(0.001%)"), std::string::npos) << yaml;
}

// Seen while writing fuzz seeds: a value cut at 12 bytes split "é", and the table printed
// invalid UTF-8; a newline in a name broke the row in two.
TEST(ProfileSummary, CellsAreCutByCharactersAndStayOneLine) {
  stats::ColumnOptions o;
  o.types = {{"note", stats::ColumnType::Categorical}};
  const std::string table = profile_summary(profile({"na\nme", "note"}, {{"1", "a \"quoted\" \xC3\xA9 text"}}, o));
  EXPECT_NE(table.find("na?me "), std::string::npos) << table;
  EXPECT_NE(table.find(" a \"quoted\" \xC3\xA9 "), std::string::npos) << table;
  EXPECT_EQ(text::find_invalid_utf8(table), std::nullopt);
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 4) << table;
}

}  // namespace
}  // namespace seam::report
