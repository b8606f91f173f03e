#include <gtest/gtest.h>

#include <string>

#include "stats/profile.h"
#include "stats/profile_builder.h"

namespace seam::stats {
namespace {

Profile numeric_profile() {
  ColumnOptions o;
  o.types = {{"x", ColumnType::Numeric}};
  auto b = ProfileBuilder::create({"x"}, o);
  EXPECT_TRUE(b.ok());
  for (int i = 0; i < 50; ++i) b.value().add(std::vector<std::string_view>{std::to_string(i)});
  return std::move(b).value().finish();
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

TEST(ProfileRead, WhatSeamWritesReadsBackUnchanged) {
  const std::string written = to_json(numeric_profile());
  auto back = profile_from_json("p.json", written);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(to_json(back.value()), written);
}

// The moments and the sketch both count the finite values. A profile where they differ was
// once accepted, but seam wrote it back without min and max and then refused its own output.
TEST(ProfileRead, SketchAndMomentsMustCountTheSameValues) {
  const std::string written = to_json(numeric_profile());
  const std::string edited = replace_once(written, "\"n\": 50,", "\"n\": 0,");
  auto back = profile_from_json("p.json", edited);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().pointer, "/columns/0/numeric/kll/n");
  EXPECT_NE(back.error().message.find("the quantile sketch holds 50 values but the moments count 0"), std::string::npos)
      << back.error().message;
  EXPECT_EQ(back.error().file, "p.json");
  EXPECT_GT(back.error().line, 0u);
}

}  // namespace
}  // namespace seam::stats
