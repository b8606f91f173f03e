#include "api/monitor.h"

#include <gtest/gtest.h>

namespace seam::api {
namespace {

TEST(MonitorExpectations, ExpectedValuesTextsThatPromiseSomething) {
  auto r = parse_expected_values("-30 to 110");
  ASSERT_TRUE(r && r->range);
  EXPECT_EQ(*r->range, std::make_pair(-30.0, 110.0));
  EXPECT_EQ(parse_expected_values("0..1")->range, std::make_pair(0.0, 1.0));
  EXPECT_EQ(parse_expected_values(" 5 - 10 ")->range, std::make_pair(5.0, 10.0));
  EXPECT_EQ(parse_expected_values("0 or 1")->allowed, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(parse_expected_values("card, cash or transfer")->allowed, (std::vector<std::string>{"card", "cash", "transfer"}));
  // Prose, one value, a reversed range: nothing to check.
  for (const char* prose : {"180 ids of the fleet register", "ISO 8601", "any", "10 to 5", "", "positive numbers or zero"})
    EXPECT_FALSE(parse_expected_values(prose)) << prose;
}

TEST(MonitorExpectations, ReadFromTheProductionDataSchemaWithTheirPlace) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.write("p/production_data.yaml",
                       "version: '1.2'\n"
                       "schema:\n"
                       "  - {field_name: temp, field_type: float, expected_values: -30 to 110}\n"
                       "  - {field_name: site, field_type: string, expected_values: 180 ids of the fleet}\n"
                       "  - {field_name: failed, field_type: integer, expected_values: 0 or 1}\n")
                  .ok());
  auto x = monitor_expectations("p", fs);
  ASSERT_TRUE(x.ok()) << x.error().message;
  ASSERT_EQ(x.value().size(), 2u);
  EXPECT_EQ(x.value()[0].column, "temp");
  EXPECT_EQ(x.value()[0].source, "p/production_data.yaml:3: /schema/0/expected_values");
  EXPECT_EQ(x.value()[1].column, "failed");
  EXPECT_EQ(x.value()[1].allowed, (std::vector<std::string>{"0", "1"}));
  MemoryFileSystem none;
  ASSERT_TRUE(none.write("q/trained_model.yaml", "version: '1.2'\n").ok());
  auto nothing = monitor_expectations("q", none);
  ASSERT_TRUE(nothing.ok());
  EXPECT_TRUE(nothing.value().empty());
}

}  // namespace
}  // namespace seam::api
