// Renderings of a `seam check` report: one function per output format.
//
// Every function takes the whole report and returns the complete document; none of them
// prints, so the CLI decides where the text goes and tests can compare strings.
//
// Thread safety: renderers are pure functions of their input; call them from any thread.
#pragma once

#include <span>
#include <string>

#include "report/format.h"
#include "rules/finding.h"

namespace seam::report {

// For a terminal: load errors compiler-style, findings by severity, waived ones last.
std::string findings_text(const rules::Report& r);

// The machine-readable contract that CI jobs and the server consume; see docs for keys.
// `indent` 0 gives one line per report, as `seam check --batch` prints.
std::string findings_json(const rules::Report& r, int indent = 2);

// For pull-request comments and wikis (GitHub-flavoured tables).
std::string findings_markdown(const rules::Report& r);

// One self-contained page: inline CSS, no scripts, nothing fetched. Titled with the project's
// name; a table of contents links to each finding; files show relative to the project (the
// full path on hover); the check's time (generated_at) is stated.
std::string findings_html(const rules::Report& r);
// One page for many projects: a table of the projects, linking to a part for each.
std::string findings_html_batch(std::span<const rules::Report> reports);

// SARIF 2.1.0, for code-scanning dashboards. Files are named relative to the project, against
// the base id PROJECTROOT, which the run maps to the project's file URI when it is known.
std::string findings_sarif(const rules::Report& r);
// One log with one run per project.
std::string findings_sarif_batch(std::span<const rules::Report> reports);

// JUnit XML: one test case per rule that ran, so CI test views list every check.
std::string findings_junit(const rules::Report& r);
// One testsuite per project under a <testsuites> root that totals them.
std::string findings_junit_batch(std::span<const rules::Report> reports);

// text, json, markdown, html, sarif, junit: the formats of `seam check --format`.
const Formats<rules::Report>& findings_formats();

// The same formats for `seam check --batch`, which checks many projects. A format either
// streams, writing each project's part as soon as it is checked (`each`: json, one compact
// line per project; text and markdown, one report after another), or makes one document of
// them all once the last is checked (`all`: html, one page; sarif, one run per project;
// junit, one testsuite per project). Exactly one of the two is set.
struct BatchFormat {
  std::string_view name;
  void (*each)(const rules::Report& report, Writer& out);
  void (*all)(std::span<const rules::Report> reports, Writer& out);
};
const std::vector<BatchFormat>& findings_batch_formats();
const BatchFormat* find_batch_format(std::string_view name);

}  // namespace seam::report
