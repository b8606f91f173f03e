#include "api/check.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "report/findings.h"

namespace seam::api {
namespace {

const std::string kTurbine = SEAM_SOURCE_DIR "/examples/turbine-maintenance";

// The findings as the JSON contract shows them, so that two runs compare field by field.
std::string json_of(std::vector<rules::Finding> findings) {
  rules::Report r;
  r.findings = std::move(findings);
  return report::findings_json(r, 0);
}

// A copy of a project directory on disk, in memory.
MemoryFileSystem copy_to_memory(const std::string& dir, const std::string& as) {
  MemoryFileSystem mem;
  for (const auto& name : disk().list(dir).value()) {
    auto text = disk().read(join_path(dir, name), 1 << 20);
    if (text.ok()) {
      EXPECT_TRUE(mem.write(join_path(as, name), text.value()).ok());
    }
  }
  return mem;
}

TEST(Check, AProjectInMemoryChecksLikeTheSameFilesOnDisk) {
  auto analyzer = make_analyzer({});
  ASSERT_TRUE(analyzer.ok());
  const MemoryFileSystem mem = copy_to_memory(kTurbine, kTurbine);
  auto on_disk = check_project(analyzer.value(), kTurbine, "2026-12-01");
  auto in_memory = check_project(analyzer.value(), kTurbine, "2026-12-01", mem);
  ASSERT_TRUE(on_disk.ok() && in_memory.ok());
  EXPECT_EQ(report::findings_json(in_memory.value().report), report::findings_json(on_disk.value().report));
  EXPECT_EQ(in_memory.value().present.size(), 8u);
  EXPECT_GT(in_memory.value().report.summary().waived, 0);  // the waivers file was read from memory too
}

TEST(Check, NamesTheProjectByItsDirectoryAndStampsTheTime) {
  auto analyzer = make_analyzer({});
  ASSERT_TRUE(analyzer.ok());
  auto on_disk = check_project(analyzer.value(), kTurbine + "/.", "2026-12-01");
  ASSERT_TRUE(on_disk.ok());
  const rules::Report& r = on_disk.value().report;
  EXPECT_EQ(r.project, kTurbine + "/.");
  EXPECT_EQ(r.project_name, "turbine-maintenance");  // not "."
  EXPECT_EQ(r.project_root.front(), '/');
  EXPECT_TRUE(r.project_root.ends_with("/examples/turbine-maintenance")) << r.project_root;
  EXPECT_EQ(r.generated_at.size(), 20u);  // 2026-12-01T00:00:00Z
  const MemoryFileSystem mem = copy_to_memory(kTurbine, "p");
  auto in_memory = check_project(analyzer.value(), "p", "2026-12-01", mem);
  ASSERT_TRUE(in_memory.ok());
  EXPECT_EQ(in_memory.value().report.project_name, "p");
  EXPECT_EQ(in_memory.value().report.project_root, "");
}

TEST(Check, AMalformedWaiversFileIsReportedNotFatal) {
  MemoryFileSystem mem = copy_to_memory(kTurbine, "p");
  ASSERT_TRUE(mem.write("p/waivers.yaml", "waivers: [").ok());
  auto result = check_project(make_analyzer({}).value(), "p", "2026-12-01", mem);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().unreadable);
  ASSERT_FALSE(result.value().report.load_errors.empty());
  EXPECT_EQ(result.value().report.load_errors.back().file, "p/waivers.yaml");
  EXPECT_FALSE(result.value().report.findings.empty());  // the analysis still ran
  EXPECT_TRUE(fails(result.value(), FailOn::Error));
  EXPECT_FALSE(fails(result.value(), FailOn::Never));
}

TEST(Check, BadParameterOverridesAreUsageErrors) {
  auto a = make_analyzer({{}, {"statistic-differs.tolerance=lots"}});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, ErrorKind::Usage);
  EXPECT_EQ(a.error().message, "statistic-differs.tolerance expects a number; found 'lots'");
  EXPECT_FALSE(make_analyzer({{}, {"no-such-rule.x=1"}}).ok());
  EXPECT_FALSE(make_analyzer({{"/no/such/rules.yaml"}, {}}).ok());
}

// Eight threads analyse one loaded project with one catalogue, each with its own parameters,
// and must get exactly what a single thread gets. `make test-tsan` runs this under
// ThreadSanitizer, which also fails it on any data race.
TEST(CheckConcurrency, EightThreadsWithDifferentParametersMatchOneThread) {
  auto project = doc::load_project(kTurbine);
  ASSERT_TRUE(project.ok());
  const rules::Catalogue& catalogue = rules::Catalogue::builtin();
  const rules::Subject subject = rules::subject_of(project.value());
  constexpr int kThreads = 8;
  std::vector<rules::Params> params;
  std::vector<std::string> expected;
  for (int t = 0; t < kThreads; ++t) {
    const std::string tolerance = std::to_string(0.002 * (1 << t));
    auto p = catalogue.params({"statistic-differs.tolerance=" + tolerance, "label-distribution-differs.tolerance_points=" + tolerance});
    ASSERT_TRUE(p.ok()) << p.error().message;
    params.push_back(std::move(p).value());
    expected.push_back(json_of(rules::analyse(catalogue, subject, params.back())));
  }
  ASSERT_GT(std::set<std::string>(expected.begin(), expected.end()).size(), 1u) << "the parameters must matter";

  std::vector<std::string> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        std::string json = json_of(rules::analyse(catalogue, subject, params[t]));
        if (round == 0 || json != expected[t]) got[t] = std::move(json);
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], expected[t]) << "thread " << t;
}

// The first use of the built-in catalogue and of the schemas from many threads at once: both
// are compiled once, behind a static initialiser, while every thread checks a project.
TEST(CheckConcurrency, ThreadsCheckingFromColdStartAgree) {
  auto analyzer = make_analyzer({});
  ASSERT_TRUE(analyzer.ok());
  std::vector<std::string> got(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      auto r = check_project(analyzer.value(), kTurbine, "2026-12-01");
      got[t] = r.ok() ? report::findings_json(r.value().report) : r.error().message;
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, got[0]);
}

}  // namespace
}  // namespace seam::api
