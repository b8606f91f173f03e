// `seam check --batch` output: every single-project format has a batch form, and the
// document formats hold one part per project.
#include <gtest/gtest.h>

#include "report/findings.h"
#include "report/markup_check.h"

namespace seam::report {
namespace {

rules::Report failing(std::string project) {
  rules::Report r;
  r.project = std::move(project);
  rules::Finding f;
  f.rule = "model-compute-exceeds-production";
  f.severity = rules::Severity::Error;
  f.message = "The model needs more than production has.";
  r.findings = {f};
  return r;
}

TEST(FindingsBatchFormats, MatchTheSingleProjectFormatsOneForOne) {
  const auto& single = findings_formats();
  const auto& batch = findings_batch_formats();
  ASSERT_EQ(batch.size(), single.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_EQ(batch[i].name, single[i].name);
    EXPECT_NE(batch[i].each == nullptr, batch[i].all == nullptr) << batch[i].name;  // exactly one
    EXPECT_EQ(find_batch_format(batch[i].name), &batch[i]);
  }
  EXPECT_EQ(find_batch_format("pdf"), nullptr);
}

TEST(FindingsBatchFormats, StreamingFormatsNameEachProject) {
  StringWriter out;
  for (const char* name : {"text", "json", "markdown"}) find_batch_format(name)->each(failing("many/a"), out);
  EXPECT_EQ(out.str().rfind("== many/a ==\n", 0), 0u) << out.str();
  EXPECT_NE(out.str().find("\n{\"seam_version\":\"\",\"project\":\"many/a\""), std::string::npos);
  EXPECT_NE(out.str().find("\n# seam check: many/a\n"), std::string::npos);
}

TEST(FindingsJunitBatch, OneTestsuitePerProjectUnderTotals) {
  const std::vector<rules::Report> reports = {failing("a"), failing("b"), rules::Report{}};
  const std::string xml = findings_junit_batch(reports);
  EXPECT_EQ(markup_problem(xml), "") << xml;
  EXPECT_EQ(occurrences(xml, "<testsuite "), 3u);
  EXPECT_NE(xml.find("<testsuites name=\"seam\" tests=\"2\" failures=\"2\" errors=\"0\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"seam check b\" tests=\"1\" failures=\"1\""), std::string::npos);
  EXPECT_EQ(findings_junit(reports[0]), findings_junit_batch({&reports[0], 1}));
}

}  // namespace
}  // namespace seam::report
