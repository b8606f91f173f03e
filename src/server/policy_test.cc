#include "server/policy.h"

#include <gtest/gtest.h>

namespace seam::server {
namespace {

TEST(Policy, DefaultsFollowWhoOwnsWhichDescriptor) {
  const Policy p = Policy::defaults();
  EXPECT_TRUE(p.may_write("data_scientist", "trained_model"));
  EXPECT_FALSE(p.may_write("data_scientist", "production_environment"));
  EXPECT_TRUE(p.may_write("operations", "production_data"));
  EXPECT_TRUE(p.may_write("software_engineer", "system_context"));
  EXPECT_TRUE(p.may_write("software_engineer", "development_environment"));
  EXPECT_TRUE(p.may_write("data_scientist", "development_environment"));
  for (const auto& d : policy_documents()) {
    EXPECT_TRUE(p.may_write("owner", d)) << d;
    EXPECT_FALSE(p.may_write("viewer", d)) << d;
    EXPECT_FALSE(p.may_write("reviewer", d)) << d;
  }
}

TEST(Policy, JsonRoundTripsAndOverridesOnlyWhatItNames) {
  auto p = Policy::from_json(R"({"trained_model": ["operations"]})");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_TRUE(p.value().may_write("operations", "trained_model"));
  EXPECT_FALSE(p.value().may_write("data_scientist", "trained_model"));
  EXPECT_TRUE(p.value().may_write("data_scientist", "raw_data"));
  auto again = Policy::from_json(p.value().to_json());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().writers, p.value().writers);
}

TEST(Policy, UnknownNamesAndRolesAreLocated) {
  auto doc = Policy::from_json(R"({"trained_modle": []})");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().pointer, "/trained_modle");
  EXPECT_NE(doc.error().message.find("did you mean 'trained_model'"), std::string::npos);
  auto role = Policy::from_json(R"({"raw_data": ["data_scientist", "intern"]})");
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.error().pointer, "/raw_data/1");
  EXPECT_FALSE(Policy::from_json("[1]").ok());
}

}  // namespace
}  // namespace seam::server
