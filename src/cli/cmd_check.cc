// seam check DIR: checks one project through api::check_project and renders the report in
// the chosen format. --batch checks every project under DIR, in any of the formats.
#include <sched.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

#include "api/check.h"
#include "cli/args.h"
#include "cli/command.h"
#include "report/diagnostic.h"
#include "report/findings.h"
#include "util/date.h"
#include "util/ordered_map.h"

namespace seam::cli {
namespace {

// The cores this process may run on: its affinity mask, which taskset and container cpusets
// narrow, unlike the count of the machine's cores.
int usable_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::clamp(CPU_COUNT(&set), 1, 256);
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 256u));
}

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

// One project of a batch, checked on a worker: a streaming format renders it there.
struct Checked {
  int code = kExitOk;
  std::string error;                    // what print_error would print
  std::string rendered;                 // streaming formats
  std::optional<rules::Report> report;  // formats that write one document at the end
};

// Every directory under `root` is a project, checked on `threads` threads and output in the
// order of the directory listing, so that the output does not depend on the thread count.
// Streaming formats write each project as soon as it and those before it are checked; the
// others collect the reports and write one document at the end. A project that cannot be
// checked is reported on stderr and left out; the worst exit code wins.
int run_batch(const api::Analyzer& analyzer, const std::string& root, api::FailOn fail_on,
              const report::BatchFormat& format, const std::string& today, int threads) {
  auto names = disk().list(root);
  if (!names.ok()) return usage_error("check", "cannot list '" + root + "': " + names.error().message);
  std::vector<std::string> dirs;
  for (const auto& name : names.value())
    if (disk().stat(join_path(root, name)).kind == PathKind::Directory) dirs.push_back(join_path(root, name));
  if (dirs.empty()) return usage_error("check", "--batch: '" + root + "' holds no project directories");
  auto check = [&](size_t i) {
    Checked c;
    auto result = api::check_project(analyzer, dirs[i], today);
    if (!result.ok()) {
      c.code = kExitError;
      c.error = error_text(result.error());
      return c;
    }
    c.code = exit_code(result.value(), fail_on);
    if (format.each) {
      StringWriter text;
      format.each(result.value().report, text);
      c.rendered = text.take();
    } else {
      c.report = std::move(result.value().report);
    }
    return c;
  };
  std::vector<rules::Report> reports;
  int worst = kExitOk;
  // One write per project, not one per 4 KiB: a project's JSON is about 30 KB.
  static char buffer[1 << 16];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  // A few projects per thread may wait for a slow one before them.
  ordered_map<Checked>(dirs.size(), threads, 4 * static_cast<size_t>(threads), check, [&](size_t, Checked c) {
    worst = std::max(worst, c.code);
    std::fputs(c.error.c_str(), stderr);
    if (c.report) reports.push_back(std::move(*c.report));
    if (!c.rendered.empty()) {
      std::fwrite(c.rendered.data(), 1, c.rendered.size(), stdout);
      std::fflush(stdout);
    }
  });
  StreamWriter out(stdout);
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
  const auto threads = threads_option(args, usable_cores());
  if (!threads.ok()) return usage_error("check", threads.error().message);
  if (args.options.count("--threads") && !batch) return usage_error("check", "--threads needs --batch");

  auto analyzer = api::make_analyzer(check_options(args));
  if (!analyzer.ok()) return print_error(analyzer.error());
  const std::string today = today_utc();
  if (batch)
    return run_batch(analyzer.value(), args.positional[0], fail_on.value(), *batch_format, today, threads.value());
  return check_one(analyzer.value(), args.positional[0], fail_on.value(), *format, today);
}

}  // namespace seam::cli
