// SARIF's file references and messages, checked as JSON structure.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "report/findings.h"
#include "report/findings_common.h"

namespace seam::report {
namespace {

using simdjson::dom::element;

rules::Report project_report(std::string project, std::string root) {
  rules::Report r;
  r.project = std::move(project);
  r.project_name = "turbine";
  r.project_root = std::move(root);
  rules::Finding f;
  f.rule = "model-compute-exceeds-production";
  f.severity = rules::Severity::Error;
  f.message = "The model needs more computing resources than production has.";
  f.items = {rules::Item{"the model needs 1 GPU; production has 0", {},
                         {rules::Location{"trained_model", "/gpu", r.project + "/./trained_model.yaml", 3, 8},
                          rules::Location{"extra", "/x", "rules/extra.yaml", 1, 1}}}};
  r.findings = {f};
  Error e = Error::invalid("expected a list");
  e.file = r.project + "/raw_data.yaml";
  e.line = 2;
  r.load_errors = {e};
  return r;
}

std::string_view text(element e) { return e.get_string().value(); }

TEST(SarifLocations, AreRelativeToAProjectRootThatTheRunMapsToAFileUri) {
  simdjson::dom::parser parser;
  const std::string sarif = findings_sarif(project_report("examples/turbine", "/home/ana/my proj/examples/turbine"));
  element run = parser.parse(sarif)["runs"].at(0);
  element base = run["originalUriBaseIds"]["PROJECTROOT"];
  EXPECT_EQ(text(base["uri"]), "file:///home/ana/my%20proj/examples/turbine/");  // absolute, ends with a slash
  element locations = run["results"].at(0)["locations"];
  element inside = locations.at(0)["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(text(inside["uri"]), "trained_model.yaml");
  EXPECT_EQ(text(inside["uriBaseId"]), "PROJECTROOT");
  // A file outside the project has no base: its absolute URI, worked out from the root.
  element outside = locations.at(1)["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(text(outside["uri"]), "file:///home/ana/my%20proj/rules/extra.yaml");
  EXPECT_EQ(outside["uriBaseId"].error(), simdjson::NO_SUCH_FIELD);
  element note = run["invocations"].at(0)["toolExecutionNotifications"].at(0)["locations"].at(0);
  EXPECT_EQ(text(note["physicalLocation"]["artifactLocation"]["uri"]), "raw_data.yaml");
  EXPECT_EQ(text(run["automationDetails"]["id"]), "seam/turbine/");
}

TEST(SarifLocations, WithoutARealPathTheBaseHasNoUriButLocationsStayRelative) {
  simdjson::dom::parser parser;
  element run = parser.parse(findings_sarif(project_report(".", "")))["runs"].at(0);
  EXPECT_EQ(run["originalUriBaseIds"]["PROJECTROOT"]["uri"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(text(run["results"].at(0)["locations"].at(0)["physicalLocation"]["artifactLocation"]["uri"]),
            "trained_model.yaml");
}

TEST(SarifMessages, JoinTheMessageAndTheItemAsOneSentence) {
  simdjson::dom::parser parser;
  element run = parser.parse(findings_sarif(project_report("p", "")))["runs"].at(0);
  EXPECT_EQ(text(run["results"].at(0)["message"]["text"]),
            "The model needs more computing resources than production has: the model needs 1 GPU; production has 0.");
  EXPECT_EQ(detail::message_with_item("Check this:", "it is odd!"), "Check this: it is odd!");
  EXPECT_EQ(detail::message_with_item("No data.", ""), "No data.");
}

TEST(SarifRelated, FoldedItemsAreRelatedLocationsWithTheirRule) {
  rules::Report r = project_report("p", "");
  r.findings[0].items[0].related = {{"gpu-dependency-without-gpu", rules::Severity::Error, "the model depends on CUDA",
                                     {rules::Location{"trained_model", "/deps/0", "p/trained_model.yaml", 9, 5}}}};
  simdjson::dom::parser parser;
  element related = parser.parse(findings_sarif(r))["runs"].at(0)["results"].at(0)["relatedLocations"].at(0);
  EXPECT_EQ(text(related["message"]["text"]), "related: error[gpu-dependency-without-gpu] the model depends on CUDA");
  EXPECT_EQ(text(related["physicalLocation"]["artifactLocation"]["uri"]), "trained_model.yaml");
  EXPECT_EQ(int64_t(related["physicalLocation"]["region"]["startLine"]), 9);
}

TEST(SarifBatch, HasOneRunPerProject) {
  const std::vector<rules::Report> reports = {project_report("a", "/x/a"), project_report("b", "/x/b")};
  simdjson::dom::parser parser;
  element log = parser.parse(findings_sarif_batch(reports));
  ASSERT_EQ(log["runs"].get_array().size(), 2u);
  EXPECT_EQ(text(log["runs"].at(1)["originalUriBaseIds"]["PROJECTROOT"]["uri"]), "file:///x/b/");
  EXPECT_EQ(text(log["version"]), "2.1.0");
}

}  // namespace
}  // namespace seam::report
