// The findings page as a reader uses it: its title, where its locations point, when it was
// made, and a table of contents whose every link lands somewhere.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "report/findings.h"
#include "report/markup_check.h"

namespace seam::report {
namespace {

rules::Report checked(std::string project, std::string name, std::string root) {
  rules::Report r;
  r.project = std::move(project);
  r.project_name = std::move(name);
  r.project_root = std::move(root);
  r.generated_at = "2026-12-01T08:30:05Z";
  r.seam_version = "0.1.0";
  rules::Finding f;
  f.rule = "model-output-type-downstream";
  f.severity = rules::Severity::Error;
  f.message = "A model output has a type the downstream component cannot take.";
  const std::string deep = r.project + "/services/scoring/contracts/downstream/v2/development_environment.yaml";
  f.items = {rules::Item{"output 'score' is Float", {},
                         {rules::Location{"trained_model", "/output_spec/0", r.project + "/./trained_model.yaml", 48, 16},
                          rules::Location{"development_environment", "/x", deep, 3, 1}}}};
  rules::Finding w = f;
  w.rule = "statistic-differs";
  w.severity = rules::Severity::Warning;
  w.items.push_back(w.items.front());
  r.findings = {f, w};
  return r;
}

// Every href="#x" must have an element with id="x", and ids must be unique.
std::string dangling_link(const std::string& html) {
  std::set<std::string> ids;
  const std::regex id(R"re( id="([^"]+)")re"), href(R"re(href="#([^"]+)")re");
  for (std::sregex_iterator i(html.begin(), html.end(), id), end; i != end; ++i)
    if (!ids.insert((*i)[1]).second) return "duplicate id " + (*i)[1].str();
  for (std::sregex_iterator i(html.begin(), html.end(), href), end; i != end; ++i)
    if (!ids.count((*i)[1])) return "no target for #" + (*i)[1].str();
  return "";
}

TEST(FindingsHtmlPage, IsTitledWithTheProjectsNameNotItsPath) {
  const std::string html = findings_html(checked(".", "turbine-maintenance", "/srv/turbine-maintenance"));
  EXPECT_NE(html.find("<title>seam check: turbine-maintenance</title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>seam check: turbine-maintenance</h1>"), std::string::npos);
  EXPECT_NE(html.find("Project <span title=\"/srv/turbine-maintenance\">.</span>"), std::string::npos) << html;
}

TEST(FindingsHtmlPage, ShowsFilesRelativeToTheProjectWithTheFullPathOnHover) {
  const std::string html = findings_html(checked("work/projects/turbine", "turbine", "/home/ana/work/projects/turbine"));
  EXPECT_NE(html.find("<span title=\"/home/ana/work/projects/turbine/trained_model.yaml\">trained_model.yaml</span>:48:16"),
            std::string::npos) << html;
  // A long path keeps its last segments, which tell two locations apart.
  EXPECT_NE(html.find("title=\"/home/ana/work/projects/turbine/services/scoring/contracts/downstream/v2/"
                      "development_environment.yaml\">\u2026/downstream/v2/development_environment.yaml</span>:3:1"),
            std::string::npos) << html;
  EXPECT_EQ(html.find(">work/projects/turbine/trained_model.yaml"), std::string::npos);
}

TEST(FindingsHtmlPage, StatesWhenItWasGenerated) {
  const std::string html = findings_html(checked("p", "p", ""));
  EXPECT_NE(html.find("generated <time datetime=\"2026-12-01T08:30:05Z\">2026-12-01 08:30 UTC</time>"), std::string::npos);
}

TEST(FindingsHtmlPage, HasContentsThatLinkToEveryFinding) {
  const std::string html = findings_html(checked("p", "p", ""));
  EXPECT_EQ(markup_problem(html), "") << html;
  EXPECT_EQ(dangling_link(html), "");
  EXPECT_NE(html.find("<nav class=\"toc\""), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#f2\"><code>statistic-differs</code></a> A model output"), std::string::npos) << html;
  EXPECT_NE(html.find("(2 items)"), std::string::npos);
  EXPECT_NE(html.find("<td><a href=\"#error\">1</a></td>"), std::string::npos);  // counts link to their group
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(FindingsHtmlBatch, OnePageWithAPartPerProjectAndLinksThatLand) {
  const std::vector<rules::Report> reports = {checked("many/a", "a", "/x/many/a"), checked("many/b", "b", "/x/many/b")};
  const std::string html = findings_html_batch(reports);
  EXPECT_EQ(markup_problem(html), "") << html;
  EXPECT_EQ(dangling_link(html), "");
  EXPECT_NE(html.find("<title>seam check: 2 projects</title>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"name\"><a href=\"#p2-project\">b</a></td>"), std::string::npos) << html;
  EXPECT_EQ(occurrences(html, "<section class=\"project\""), 2u);
  EXPECT_EQ(occurrences(html, "<time "), 1u);  // stated once, for the page
  EXPECT_EQ(markup_problem(findings_html_batch({})), "");
}

}  // namespace
}  // namespace seam::report
