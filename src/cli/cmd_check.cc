// seam check DIR: loads a project, runs the rule catalogue over it, applies the project's
// waivers and renders the report. --batch runs many projects, one JSON line each.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/args.h"
#include "cli/command.h"
#include "report/diagnostic.h"
#include "report/findings.h"
#include "rules/engine.h"
#include "rules/waivers.h"
#include "util/date.h"

namespace seam::cli {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::string format = "text";
  bool batch = false;  // one compact JSON line per project
  std::string fail_on = "error";
  std::string today = today_utc();
};

// Runs one project. Returns the exit code the project alone would give.
int check_project(const rules::Catalogue& catalogue, const std::string& dir, const Options& opt, std::string& out) {
  auto project = doc::load_project(dir);
  if (!project.ok()) {
    std::fputs(report::format_error(project.error()).c_str(), stderr);
    return kExitError;
  }
  rules::Report report;
  report.seam_version = SEAM_VERSION;
  report.project = dir;
  bool unreadable = false;
  for (const auto& d : project.value().documents) {
    unreadable = unreadable || d.unreadable();
    report.load_errors.insert(report.load_errors.end(), d.errors.begin(), d.errors.end());
  }
  for (const auto& e : project.value().errors) report.load_errors.push_back(e);
  auto waivers = rules::load_waivers(dir);
  if (!waivers.ok()) {
    report.load_errors.push_back(waivers.error());
    unreadable = true;
  }
  report.findings = rules::analyse(catalogue, rules::subject_of(project.value()));
  if (waivers.ok()) rules::apply_waivers(waivers.value(), opt.today, report.findings, report.waiver_problems);
  if (opt.format == "sarif" || opt.format == "junit")  // only these list every rule that ran
    for (const auto& r : catalogue.rules()) report.rules_run.push_back(r->info);

  if (opt.format == "json") out = report::findings_json(report, opt.batch ? 0 : 2);
  else if (opt.format == "markdown") out = report::findings_markdown(report);
  else if (opt.format == "html") out = report::findings_html(report);
  else if (opt.format == "sarif") out = report::findings_sarif(report);
  else if (opt.format == "junit") out = report::findings_junit(report);
  else out = report::findings_text(report);

  if (unreadable) return kExitError;
  if (opt.fail_on == "never") return kExitOk;
  const auto s = report.summary();
  const bool failing = s.error > 0 || (opt.fail_on == "warning" && s.warning > 0) || !report.load_errors.empty();
  return failing ? kExitFindings : kExitOk;
}

int run_batch(const rules::Catalogue& catalogue, const std::string& root, Options opt) {
  std::error_code ec;
  std::vector<std::string> dirs;
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.is_directory()) dirs.push_back(e.path().string());
  if (ec) return usage_error("check", "cannot list '" + root + "': " + ec.message());
  std::sort(dirs.begin(), dirs.end());
  opt.format = "json";
  opt.batch = true;
  int worst = kExitOk;
  std::string out;
  for (const auto& d : dirs) {
    worst = std::max(worst, check_project(catalogue, d, opt, out));
    while (!out.empty() && out.back() == '\n') out.pop_back();
    std::puts(out.c_str());
  }
  return worst;
}

}  // namespace

int run_check(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, {{"--batch"}, {"--format", "--rules", "--fail-on", "--set"}});
  if (!parsed.ok()) return usage_error("check", parsed.error().message);
  const Args& args = parsed.value();
  Options opt;
  opt.format = args.get("--format", "text");
  opt.fail_on = args.get("--fail-on", "error");
  static const std::vector<std::string> formats = {"text", "json", "markdown", "html", "sarif", "junit"};
  if (std::find(formats.begin(), formats.end(), opt.format) == formats.end())
    return usage_error("check", "--format must be one of text, json, markdown, html, sarif, junit");
  if (opt.fail_on != "error" && opt.fail_on != "warning" && opt.fail_on != "never")
    return usage_error("check", "--fail-on must be error, warning or never");
  if (args.positional.size() != 1) return usage_error("check", "give one project directory");

  auto catalogue = load_catalogue(args);
  if (!catalogue.ok()) {
    std::fputs(report::format_error(catalogue.error()).c_str(), stderr);
    return kExitError;
  }
  if (args.has("--batch")) return run_batch(catalogue.value(), args.positional[0], opt);
  std::string out;
  const int code = check_project(catalogue.value(), args.positional[0], opt, out);
  std::fputs(out.c_str(), stdout);
  return code;
}

Result<rules::Catalogue> load_catalogue(const Args& args) {
  auto catalogue = rules::Catalogue::builtin();
  if (!catalogue.ok()) return catalogue;
  for (const auto& f : args.all("--rules"))
    if (auto st = catalogue.value().add_file(f); !st.ok()) return std::move(st).take_error();
  for (const auto& s : args.all("--set"))
    if (auto st = catalogue.value().set_param(s); !st.ok()) return std::move(st).take_error();
  return catalogue;
}

}  // namespace seam::cli
