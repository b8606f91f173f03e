// seam check DIR: checks one project through api::check_project and renders the report in
// the chosen format. --batch checks every project under DIR, in any of the formats.
#include <algorithm>
#include <cstdio>

#include "api/check.h"
#include "cli/args.h"
#include "cli/command.h"
#include "report/diagnostic.h"
#include "report/findings.h"
#include "util/date.h"

namespace seam::cli {
namespace {

// The exit code one checked project gives on its own.
int exit_code(const api::CheckResult& result, api::FailOn fail_on) {
  if (result.unreadable) return kExitError;
  return api::fails(result, fail_on) ? kExitFindings : kExitOk;
}

int check_one(const api::Analyzer& analyzer, const std::string& dir, api::FailOn fail_on,
              const report::Format<rules::Report>& format, const std::string& today) {
  auto result = api::check_project(analyzer, dir, today);
  if (!result.ok()) return print_error(result.error());
  StreamWriter out(stdout);
  format.render(result.value().report, out);
  return exit_code(result.value(), fail_on);
}

// Every directory under `root` is a project. Streaming formats write each project as soon as
// it is checked; the others collect the reports and write one document at the end. A project
// that cannot be checked is reported on stderr and left out; the worst exit code wins.
int run_batch(const api::Analyzer& analyzer, const std::string& root, api::FailOn fail_on,
              const report::BatchFormat& format, const std::string& today) {
  auto names = disk().list(root);
  if (!names.ok()) return usage_error("check", "cannot list '" + root + "': " + names.error().message);
  std::vector<std::string> dirs;
  for (const auto& name : names.value())
    if (disk().stat(join_path(root, name)).kind == PathKind::Directory) dirs.push_back(join_path(root, name));
  if (dirs.empty()) return usage_error("check", "--batch: '" + root + "' holds no project directories");
  StreamWriter out(stdout);
  std::vector<rules::Report> reports;
  int worst = kExitOk;
  for (const auto& dir : dirs) {
    auto result = api::check_project(analyzer, dir, today);
    if (!result.ok()) {
      worst = std::max(worst, print_error(result.error()));
      continue;
    }
    worst = std::max(worst, exit_code(result.value(), fail_on));
    if (format.each) {
      format.each(result.value().report, out);
      std::fflush(stdout);
    } else {
      reports.push_back(std::move(result.value().report));
    }
  }
  if (format.all) format.all(reports, out);
  return worst;
}

}  // namespace

int run_check(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("check"));
  if (!parsed.ok()) return usage_error("check", parsed.error().message);
  const Args& args = parsed.value();
  const bool batch = args.has("--batch");
  const auto& formats = report::findings_formats();
  // A batch is for machines, so its default is JSON lines.
  const std::string format_name = args.get("--format", batch ? "json" : "text");
  const auto* format = report::find_format(formats, format_name);
  const auto* batch_format = report::find_batch_format(format_name);
  if (!format || (batch && !batch_format))
    return usage_error("check", "--format must be one of " + report::format_names(formats, ", "));
  const auto fail_on = api::parse_fail_on(args.get("--fail-on", "error"));
  if (!fail_on.ok()) return usage_error("check", fail_on.error().message);
  if (args.positional.size() != 1) return usage_error("check", "give one project directory");

  auto analyzer = api::make_analyzer(check_options(args));
  if (!analyzer.ok()) return print_error(analyzer.error());
  const std::string today = today_utc();
  if (batch) return run_batch(analyzer.value(), args.positional[0], fail_on.value(), *batch_format, today);
  return check_one(analyzer.value(), args.positional[0], fail_on.value(), *format, today);
}

}  // namespace seam::cli
