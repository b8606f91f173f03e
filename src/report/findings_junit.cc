#include "report/findings.h"

#include "report/diagnostic.h"
#include "report/findings_common.h"
#include "util/escape.h"

namespace seam::report {
namespace {

std::string attr(std::string_view name, std::string_view value) {
  std::string out(1, ' ');
  ((out += name) += "=\"") += escape::xml(value, true);
  return out += '"';
}

// The items of one finding as plain lines, the body of a failure or of system-out.
std::string describe(const rules::Finding& f) {
  std::string out = std::string(rules::severity_name(f.severity)) + ": " + f.message + "\n";
  if (f.waived) out += "waived: " + f.waiver_reason + "\n";
  for (const auto& item : f.items) {
    out += "- " + detail::indent_lines(item.text, "  ") + "\n";
    for (const auto& l : item.locations) out += "    " + detail::location_line(l) + "\n";
  }
  return out;
}

// Waived and info findings do not fail the build, so they must not fail the test case.
bool fails(const rules::Finding& f) { return !f.waived && f.severity != rules::Severity::Info; }

struct Case {
  std::string xml;
  bool failed = false;
};

Case rule_case(const rules::Report& r, const rules::RuleRun& rule) {
  std::vector<const rules::Finding*> failing, other;
  for (const auto& f : r.findings)
    if (f.rule == rule.id) (fails(f) ? failing : other).push_back(&f);

  Case c;
  c.failed = !failing.empty();
  c.xml = "    <testcase" + attr("classname", "seam." + rule.category) + attr("name", rule.id);
  if (failing.empty() && other.empty()) {
    c.xml += "/>\n";
    return c;
  }
  c.xml += ">\n";
  if (!failing.empty()) {
    // Errors outrank warnings in the type, since CI views show one type per failure.
    const rules::Finding* first = failing.front();
    for (const auto* f : failing)
      if (f->severity == rules::Severity::Error) { first = f; break; }
    std::string body;
    for (const auto* f : failing) body += describe(*f);
    c.xml += "      <failure" + attr("message", first->message) +
             attr("type", rules::severity_name(first->severity)) + ">" + escape::xml(body) +
             "</failure>\n";
  }
  if (!other.empty()) {
    std::string body;
    for (const auto* f : other) body += describe(*f);
    c.xml += "      <system-out>" + escape::xml(body) + "</system-out>\n";
  }
  c.xml += "    </testcase>\n";
  return c;
}

struct Suite {
  std::string xml;
  int tests = 0, failures = 0, errors = 0;
  std::string counts() const {
    return attr("tests", std::to_string(tests)) + attr("failures", std::to_string(failures)) +
           attr("errors", std::to_string(errors));
  }
};

// One project as a testsuite: a case per rule, and one more when descriptors did not load.
Suite suite(const rules::Report& r) {
  Suite s;
  std::string cases;
  for (const auto& rule : detail::all_rules(r)) {
    const Case c = rule_case(r, rule);
    cases += c.xml;
    ++s.tests;
    s.failures += c.failed ? 1 : 0;
  }
  // Descriptors that did not load left the checks incomplete: an error, not a failure.
  if (!r.load_errors.empty()) {
    std::string body;
    for (const auto& e : r.load_errors) body += format_error(e);
    cases += "    <testcase classname=\"seam.load\" name=\"load descriptors\">\n      <error" +
             attr("message", detail::count(static_cast<int>(r.load_errors.size()), "descriptor error")) +
             " type=\"load\">" + escape::xml(body) + "</error>\n    </testcase>\n";
    ++s.tests;
    ++s.errors;
  }
  s.xml = "  <testsuite" + attr("name", "seam check " + r.project) + s.counts() + attr("skipped", "0") + ">\n" + cases;
  // JUnit has no warnings: descriptor warnings and waiver problems go to the suite's output.
  std::string body;
  for (const auto& e : r.load_warnings) body += format_warning(e);
  for (const auto& p : r.waiver_problems) body += detail::waiver_problem_line(p) + "\n";
  if (!body.empty()) s.xml += "    <system-out>" + escape::xml(body) + "</system-out>\n";
  s.xml += "  </testsuite>\n";
  return s;
}

}  // namespace

std::string findings_junit(const rules::Report& r) { return findings_junit_batch({&r, 1}); }

std::string findings_junit_batch(std::span<const rules::Report> reports) {
  Suite total;
  for (const auto& r : reports) {
    const Suite s = suite(r);
    total.xml += s.xml;
    total.tests += s.tests;
    total.failures += s.failures;
    total.errors += s.errors;
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attr("name", "seam") + total.counts() + ">\n" +
         total.xml + "</testsuites>\n";
}

}  // namespace seam::report
