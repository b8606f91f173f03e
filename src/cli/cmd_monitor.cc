// seam monitor --reference REF FILE: watches production records against the training data's
// profile, window by window, and prints test and alert events as JSON lines; the work is
// monitor::Monitor.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "api/drift.h"
#include "api/monitor.h"
#include "cli/args.h"
#include "cli/command.h"
#include "data/reader.h"
#include "monitor/monitor.h"
#include "stats/profiler.h"

namespace seam::cli {
namespace {

// A whole number from `lowest` up, or the fallback when the option is not given.
Result<uint64_t> count_option(const Args& args, const std::string& name, uint64_t fallback, uint64_t lowest) {
  if (!args.options.count(name)) return fallback;
  const std::string v = args.get(name, "");
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
  if (v.empty() || *end || v[0] == '-' || n < lowest)
    return Error::usage(name + " expects a whole number from " + std::to_string(lowest) + "; found '" + v + "'");
  return static_cast<uint64_t>(n);
}

// The reference: a profile, or a data file profiled here.
Result<stats::Profile> reference(const std::string& path) {
  auto text = disk().read(path, uint64_t{1} << 30, "reference");
  if (!text.ok()) return std::move(text).take_error();
  if (stats::looks_like_profile(text.value())) return stats::profile_from_json(path, std::move(text).value());
  auto run = stats::profile_files({path}, stats::ProfileOptions{});
  if (!run.ok()) return std::move(run).take_error();
  return std::move(run).value().profile;
}

Result<monitor::Options> monitor_options(const Args& args) {
  monitor::Options o;
  auto window = count_option(args, "--window", o.window, 2);
  auto after = count_option(args, "--alert-after", static_cast<uint64_t>(o.alert_after), 1);
  auto cooldown = count_option(args, "--cooldown", static_cast<uint64_t>(o.cooldown), 0);
  for (const auto* r : {&window, &after, &cooldown})
    if (!r->ok()) return r->error();
  o.window = window.value();
  o.alert_after = static_cast<int>(std::min<uint64_t>(after.value(), 1u << 20));
  o.cooldown = static_cast<int>(std::min<uint64_t>(cooldown.value(), 1u << 20));
  auto drift = api::drift_options([&args](const std::string& name) { return args.all("--" + name); }, "--");
  if (!drift.ok()) return std::move(drift).take_error();
  o.drift = std::move(drift).value();
  if (args.options.count("--descriptors")) {
    auto promised = api::monitor_expectations(args.get("--descriptors", ""));
    if (!promised.ok()) return std::move(promised).take_error();
    o.expectations = std::move(promised).value();
  }
  return o;
}

}  // namespace

int run_monitor(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("monitor"));
  if (!parsed.ok()) return usage_error("monitor", parsed.error().message);
  const Args& args = parsed.value();
  if (!args.options.count("--reference")) return usage_error("monitor", "give --reference (a profile or a data file)");
  std::string input = args.get("--replay", "");
  if (input.empty() && args.positional.size() == 1) input = args.positional[0];
  if (input.empty() || args.positional.size() > (args.options.count("--replay") ? 0u : 1u))
    return usage_error("monitor", "give one stream to read: --replay FILE, or FILE");
  auto options = monitor_options(args);
  if (!options.ok() && options.error().kind != ErrorKind::Usage) return print_error(options.error());
  if (!options.ok()) return usage_error("monitor", with_flag(options.error()));
  auto ref = reference(args.get("--reference", ""));
  if (!ref.ok()) return print_error(ref.error());
  uint64_t alerts = 0;
  auto m = monitor::Monitor::create(std::move(ref).value(), options.value(), [&](const monitor::Event& e) {
    alerts += e.type == monitor::Event::Type::Alert || e.type == monitor::Event::Type::MissingColumn;
    std::string line = monitor::event_json(e);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  });
  if (!m.ok()) return usage_error("monitor", with_flag(m.error()));
  const auto format = args.options.count("--format") ? data::format_from_name(args.get("--format", "")) : data::format_for_path(input);
  if (!format) return usage_error("monitor", "--format must be csv, tsv or jsonl");
  auto file = data::DataFile::open(input);
  if (!file.ok()) return print_error(file.error());
  auto read = file.value().read(*format, 0, file.value().size(), *m.value());
  if (!read.ok()) return print_error(read.error());
  m.value()->finish();
  std::fflush(stdout);
  std::fprintf(stderr, "seam monitor: %llu records in %llu windows, %llu bad records skipped, %llu alerts\n",
               static_cast<unsigned long long>(m.value()->records()), static_cast<unsigned long long>(m.value()->windows()),
               static_cast<unsigned long long>(read.value().bad_records), static_cast<unsigned long long>(alerts));
  return alerts ? kExitFindings : kExitOk;
}

}  // namespace seam::cli
