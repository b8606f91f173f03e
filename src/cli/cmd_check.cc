// seam check DIR: checks one project through api::check_project and renders the report in
// the chosen format. --batch checks every project under DIR, one JSON line each.
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

// Checks one project and writes its report. Returns the exit code the project alone gives.
int check_one(const api::Analyzer& analyzer, const std::string& dir, api::FailOn fail_on,
              const report::Format<rules::Report>* format, const std::string& today) {
  auto result = api::check_project(analyzer, dir, today);
  if (!result.ok()) return print_error(result.error());
  if (format) {
    StreamWriter out(stdout);
    format->render(result.value().report, out);
  } else {  // --batch: one compact line per project
    std::string line = report::findings_json(result.value().report, 0);
    while (!line.empty() && line.back() == '\n') line.pop_back();
    std::puts(line.c_str());
  }
  if (result.value().unreadable) return kExitError;
  return api::fails(result.value(), fail_on) ? kExitFindings : kExitOk;
}

int run_batch(const api::Analyzer& analyzer, const std::string& root, api::FailOn fail_on, const std::string& today) {
  auto names = disk().list(root);
  if (!names.ok()) return usage_error("check", "cannot list '" + root + "': " + names.error().message);
  int worst = kExitOk;
  for (const auto& name : names.value()) {
    const std::string dir = join_path(root, name);
    if (disk().stat(dir).kind == PathKind::Directory) worst = std::max(worst, check_one(analyzer, dir, fail_on, nullptr, today));
  }
  return worst;
}

}  // namespace

int run_check(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, {{"--batch", "--strict"}, {"--format", "--rules", "--fail-on", "--set"}});
  if (!parsed.ok()) return usage_error("check", parsed.error().message);
  const Args& args = parsed.value();
  const auto& formats = report::findings_formats();
  const auto* format = report::find_format(formats, args.get("--format", "text"));
  if (!format) return usage_error("check", "--format must be one of " + report::format_names(formats, ", "));
  const auto fail_on = api::parse_fail_on(args.get("--fail-on", "error"));
  if (!fail_on.ok()) return usage_error("check", fail_on.error().message);
  if (args.positional.size() != 1) return usage_error("check", "give one project directory");

  auto analyzer = api::make_analyzer(check_options(args));
  if (!analyzer.ok()) return print_error(analyzer.error());
  const std::string today = today_utc();
  if (args.has("--batch")) return run_batch(analyzer.value(), args.positional[0], fail_on.value(), today);
  return check_one(analyzer.value(), args.positional[0], fail_on.value(), format, today);
}

}  // namespace seam::cli
