#include "api/check.h"

#include <filesystem>

#include "rules/waivers.h"
#include "util/text.h"
#include "util/date.h"
#include "util/version.h"

namespace seam::api {
namespace {

// The last component of the real path, so that "." or "proj/" is named "proj"; the path as
// given where there is no real path (files in memory).
std::string project_name(const std::string& dir, const std::string& real) {
  const std::filesystem::path p = std::filesystem::path(real.empty() ? dir : real).lexically_normal();
  const std::string name = (p.has_filename() ? p : p.parent_path()).filename().string();
  return name.empty() || name == "." || name == ".." ? dir : name;
}

}  // namespace

Result<Analyzer> make_analyzer(const CheckOptions& options, const FileSystem& fs) {
  Analyzer a{rules::Catalogue::builtin(), {}, {}, nullptr};
  a.load.strict = options.strict;
  for (const auto& f : options.rule_files)
    if (auto st = a.catalogue.add_file(f, fs); !st.ok()) return std::move(st).take_error();
  auto params = a.catalogue.params(options.params);
  if (!params.ok()) return std::move(params).take_error();
  a.params = std::move(params).value();
  auto run = std::make_shared<std::vector<rules::RuleRun>>();
  for (const auto& r : a.catalogue.rules()) run->push_back(r->info);
  a.rules_run = std::move(run);
  return a;
}

std::optional<FailOn> fail_on_from_name(std::string_view name) {
  if (name == "error") return FailOn::Error;
  if (name == "warning") return FailOn::Warning;
  if (name == "never") return FailOn::Never;
  return std::nullopt;
}

Result<FailOn> parse_fail_on(std::string_view name) {
  if (auto f = fail_on_from_name(name)) return *f;
  std::string msg = "--fail-on must be error, warning or never; found " + text::quote(name);
  msg += text::did_you_mean(name, {"error", "warning", "never"});
  return Error::usage_at("/fail_on", msg);
}

Result<CheckResult> check_project(const Analyzer& analyzer, const std::string& dir, const std::string& today,
                                  const FileSystem& fs) {
  auto project = doc::load_project(dir, fs, analyzer.load);
  if (!project.ok()) return std::move(project).take_error();
  CheckResult out;
  rules::Report& report = out.report;
  report.seam_version = kVersion;
  report.project = dir;
  report.project_root = fs.real_path(dir);
  report.project_name = project_name(dir, report.project_root);
  report.generated_at = now_utc();
  report.rules_run = analyzer.rules_run;
  for (const auto& d : project.value().documents) {
    out.unreadable = out.unreadable || d.unreadable();
    report.load_errors.insert(report.load_errors.end(), d.errors.begin(), d.errors.end());
    report.load_warnings.insert(report.load_warnings.end(), d.warnings.begin(), d.warnings.end());
    if (d.root) out.present.emplace_back(doc::descriptor_id(d.descriptor));
  }
  for (const auto& e : project.value().errors) report.load_errors.push_back(e);
  auto waivers = rules::load_waivers(project.value(), fs);
  if (!waivers.ok()) {
    report.load_errors.push_back(waivers.error());
    out.unreadable = true;
  }
  std::vector<Error> rule_errors;
  report.findings = rules::analyse(analyzer.catalogue, rules::subject_of(project.value()), analyzer.params, &rule_errors);
  if (!rule_errors.empty()) out.unreadable = true;  // a rule that cannot finish is a broken rule file
  report.load_errors.insert(report.load_errors.end(), rule_errors.begin(), rule_errors.end());
  if (waivers.ok() && !waivers.value().waivers.empty())  // most projects waive nothing
    rules::apply_waivers(waivers.value(), today, report.findings, report.waiver_problems, analyzer.catalogue.ids());
  return out;
}

bool fails(const CheckResult& result, FailOn fail_on) {
  if (fail_on == FailOn::Never) return false;
  const auto s = result.report.summary();
  const bool warned = s.warning > 0 || !result.report.load_warnings.empty();
  return result.unreadable || s.error > 0 || (fail_on == FailOn::Warning && warned) ||
         !result.report.load_errors.empty();
}

}  // namespace seam::api
