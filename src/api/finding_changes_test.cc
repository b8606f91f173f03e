#include "api/finding_changes.h"

#include <gtest/gtest.h>

#include <functional>

#include "api/check.h"
#include "report/findings.h"

namespace seam::api {
namespace {

const std::string kTurbine = SEAM_SOURCE_DIR "/examples/turbine-maintenance";

// The example project in memory, as "p", with each file's text passed through `edit`.
MemoryFileSystem project(const std::function<void(const std::string& name, std::string& text)>& edit = {}) {
  MemoryFileSystem mem;
  for (const auto& name : disk().list(kTurbine).value()) {
    auto text = disk().read(join_path(kTurbine, name), 1 << 20);
    if (!text.ok()) continue;  // a directory
    if (edit) edit(name, text.value());
    EXPECT_TRUE(mem.write(join_path("p", name), text.value()).ok());
  }
  return mem;
}

// Replaces `from` in one file, which must contain it.
auto replace_in(const std::string& file, const std::string& from, const std::string& to) {
  return [=](const std::string& name, std::string& text) {
    if (name != file) return;
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
}

rules::Report check(const MemoryFileSystem& fs) {
  static const Analyzer analyzer = make_analyzer({}).value();
  auto result = check_project(analyzer, "p", "2026-12-01", fs);
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.value().report.load_errors.empty());
  return std::move(result).value().report;
}

std::string places(const FindingItem& item) {
  std::string out;
  for (const auto& l : item.locations) out += l.descriptor + l.pointer + " ";
  return out;
}

const auto kProductionGpu = replace_in("production_environment.yaml", "  gpu: 0\n", "  gpu: 1\n");

TEST(FindingChanges, TakingTheGpuOutOfProductionIntroducesExactlyThatMismatch) {
  const rules::Report with_gpu = check(project(kProductionGpu));
  const rules::Report without = check(project());
  const FindingChanges c = finding_changes(with_gpu, without);
  EXPECT_TRUE(c.resolved.empty());
  ASSERT_EQ(c.introduced.size(), 1u) << finding_items_json(c.introduced);
  const FindingItem& item = c.introduced[0];
  EXPECT_EQ(item.rule, "model-compute-exceeds-production");
  EXPECT_EQ(item.severity, rules::Severity::Error);
  EXPECT_EQ(item.text, "the model needs 1 GPU; the production environment has 0");
  EXPECT_EQ(places(item), "trained_model/computing_resource_reqs/gpu production_environment/computing_resources/gpu ");
  EXPECT_FALSE(item.waived);
  EXPECT_EQ(c.new_errors(), 1);

  const FindingChanges back = finding_changes(without, with_gpu);
  EXPECT_TRUE(back.introduced.empty());
  ASSERT_EQ(back.resolved.size(), 1u);
  EXPECT_EQ(back.resolved[0].text, item.text);
  EXPECT_EQ(back.new_errors(), 0);
}

TEST(FindingChanges, BlankLinesAndReorderedKeysIntroduceNothing) {
  const rules::Report before = check(project());
  const rules::Report after = check(project([](const std::string& name, std::string& text) {
    if (name.ends_with(".yaml")) text.insert(0, "# moved down\n\n\n");
    if (name == "production_environment.yaml")
      replace_in(name, "  gpu: 0\n  cpu: 8\n", "  cpu: 8\n  gpu: 0\n")(name, text);
  }));
  // The edit did move the items: the same finding now sits on other lines.
  ASSERT_FALSE(before.findings.empty());
  EXPECT_NE(before.findings[0].items[0].locations[0].line, after.findings[0].items[0].locations[0].line);
  const FindingChanges c = finding_changes(before, after);
  EXPECT_TRUE(c.introduced.empty()) << finding_items_json(c.introduced);
  EXPECT_TRUE(c.resolved.empty()) << finding_items_json(c.resolved);
}

TEST(FindingChanges, AWaivedNewItemIsListedButIsNoNewError) {
  const rules::Report before = check(project());
  const rules::Report after = check(project(replace_in("trained_model.yaml", "    threshold: 0.01\n    goal_mapping: G3\n",
                                                       "    threshold: 0.01\n    goal_mapping: G3\n"
                                                       "  - metric: Recall of gearbox failures at 7 days\n"
                                                       "    operator: less than\n    threshold: 0.4\n")));
  const FindingChanges c = finding_changes(before, after);
  ASSERT_EQ(c.introduced.size(), 1u) << finding_items_json(c.introduced);
  EXPECT_EQ(c.introduced[0].rule, "algorithm-metric-not-collected");
  EXPECT_TRUE(c.introduced[0].waived);
  EXPECT_EQ(c.new_errors(), 0);
  EXPECT_TRUE(c.resolved.empty());
}

TEST(FindingChanges, ItemsReadBackFromTheJsonContractAreTheSameItems) {
  rules::Report r = check(project());
  // A number that "%.10g" and the shortest round-trip form write differently (0.0001, 1e-04).
  r.findings[0].items[0].values.push_back({"tiny", "0.0001"});
  auto read = finding_items_from_json(report::findings_json(r));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(finding_items_json(read.value()), finding_items_json(finding_items(r)));
  const FindingChanges c = finding_changes(read.value(), finding_items(check(project(kProductionGpu))));
  ASSERT_EQ(c.resolved.size(), 2u);  // the GPU item, and the first item, whose values differ now
  EXPECT_TRUE(c.introduced.size() == 1u && c.introduced[0].rule == r.findings[0].rule);
}

TEST(FindingChanges, JsonThatIsNoFindingsReportFails) {
  EXPECT_FALSE(finding_items_from_json("{\"findings\": 3}").ok());
  EXPECT_FALSE(finding_items_from_json("not json").ok());
  EXPECT_FALSE(finding_items_from_json(R"({"findings":[{"severity":"fatal","items":[{}]}]})").ok());
  auto empty = finding_items_from_json(R"({"findings":[]})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty.value().empty());
}

TEST(FindingChanges, EqualItemsCountOncePerCopy) {
  FindingItem a;
  a.rule = "r";
  a.text = "same";
  FindingItem b = a;
  b.locations.push_back({"trained_model", "/x"});
  const FindingChanges c = finding_changes(std::vector{a, b}, std::vector{b, a, a});
  ASSERT_EQ(c.introduced.size(), 1u);
  EXPECT_TRUE(c.introduced[0].locations.empty());
  EXPECT_TRUE(c.resolved.empty());
}

TEST(FindingChanges, JsonIsAnArrayOfItems) {
  FindingItem a;
  a.rule = "model-compute-exceeds-production";
  a.severity = rules::Severity::Error;
  a.message = "The model needs more.";
  a.text = "needs 1 GPU";
  a.values = {{"required", "1"}};
  a.locations = {{"trained_model", "/computing_resource_reqs/gpu"}};
  EXPECT_EQ(finding_items_json({a}),
            R"([{"rule":"model-compute-exceeds-production","kind":"mismatch","severity":"error",)"
            R"("message":"The model needs more.","text":"needs 1 GPU","values":{"required":1},)"
            R"("locations":[{"descriptor":"trained_model","pointer":"/computing_resource_reqs/gpu"}],"waived":false}])");
  EXPECT_EQ(finding_items_json({}), "[]");
}

}  // namespace
}  // namespace seam::api
