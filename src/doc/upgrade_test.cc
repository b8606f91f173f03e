#include "doc/upgrade.h"

#include <gtest/gtest.h>

#include "doc/load.h"
#include "doc/pointer.h"

namespace seam::doc {
namespace {

Node load(const std::string& name, const std::string& text, Descriptor d) {
  auto doc = load_document_text(name, text, d);
  EXPECT_TRUE(doc.valid()) << (doc.errors.empty() ? "" : doc.errors[0].message);
  return doc.root ? *doc.root : Node{};
}

TEST(Upgrade, From10RenamesBusinessGoalsAndGoalMapping) {
  Node sc = load("system_context.json",
                 R"({"version": "1.0", "business_goals": [{"id": "G1", "goal": "cut fraud"}],
                     "success_criteria": ["recall above 0.9"]})",
                 Descriptor::SystemContext);
  EXPECT_EQ(sc.find("business_goals"), nullptr);
  EXPECT_EQ(resolve(sc, "/goals/0/goal")->text, "cut fraud");
  EXPECT_EQ(resolve(sc, "/success_criteria/0")->text, "recall above 0.9");  // kept as an extra field
  EXPECT_EQ(sc.find("version")->text, "1.2");

  Node tm = load("trained_model.json",
                 R"({"version": "1.0", "business_metrics": [{"metric": "m", "business_goal_mapping": "G1"}]})",
                 Descriptor::TrainedModel);
  EXPECT_EQ(resolve(tm, "/business_metrics/0/goal_mapping")->text, "G1");
  EXPECT_EQ(resolve(tm, "/business_metrics/0/business_goal_mapping"), nullptr);
}

TEST(Upgrade, From11MapsFreeTextItemTypes) {
  Node tm = load("trained_model.json",
                 R"({"version": "1.1", "output_spec": [
                      {"item_name": "a", "item_type": "float64", "expected_values": "0-1"},
                      {"item_name": "b", "item_type": "Float"},
                      {"item_name": "c", "item_type": "bounding box"}]})",
                 Descriptor::TrainedModel);
  EXPECT_EQ(resolve(tm, "/output_spec/0/item_type")->text, "Float");
  EXPECT_EQ(resolve(tm, "/output_spec/0/expected_values")->text, "0-1");
  EXPECT_EQ(resolve(tm, "/output_spec/1/item_type")->text, "Float");
  EXPECT_EQ(resolve(tm, "/output_spec/2/item_type")->text, "Other");
  EXPECT_EQ(resolve(tm, "/output_spec/2/item_specification/other_value")->text, "bounding box");
}

TEST(Upgrade, PipelineInputsAreUpgradedToo) {
  Node dp = load("data_pipeline.yaml", "version: '1.1'\ninput_spec:\n  - item_type: int\n", Descriptor::DataPipeline);
  EXPECT_EQ(resolve(dp, "/input_spec/0/item_type")->text, "Integer");
}

TEST(Upgrade, CurrentVersionIsUntouched) {
  Node root;
  root.kind = Kind::Object;
  root.set("version", Node::string("1.2", 0), 0);
  EXPECT_TRUE(upgrade(Descriptor::TrainedModel, "1.2", root).empty());
}

TEST(ItemType, MapsCommonSpellings) {
  EXPECT_EQ(item_type_from_text("INT32"), "Integer");
  EXPECT_EQ(item_type_from_text(" double "), "Float");
  EXPECT_EQ(item_type_from_text("str"), "String");
  EXPECT_EQ(item_type_from_text("Image"), "Image");
  EXPECT_EQ(item_type_from_text("tensor"), "Other");
}

}  // namespace
}  // namespace seam::doc
