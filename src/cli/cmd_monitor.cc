// seam monitor --reference REF (FILE | - | --follow FILE): watches production records against
// the training data's profile, window by window, and writes test and alert events as JSON
// lines; the work is monitor::Monitor, fed by a data::StreamReader. It runs in the server
// module (server_module.h), for the HTTP of its webhook and /metrics.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "api/drift.h"
#include "api/monitor_settings.h"
#include "cli/args.h"
#include "cli/command.h"
#include "data/bytes.h"
#include "data/stream.h"
#include "monitor/monitor.h"
#include "cli/monitor_output.h"
#include "stats/profiler.h"

namespace seam::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;

// SIGINT and SIGTERM end a live stream as its end would: the last window is tested and the
// summary printed. Without SA_RESTART, a blocked read of standard input returns at once.
void stop_on_signals() {
  struct sigaction sa = {};
  sa.sa_handler = [](int) { g_stop = 1; };
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
}

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

// The command line's settings, the first layer (api/monitor_settings.h).
Result<api::MonitorLayer> command_line_layer(const Args& args) {
  api::MonitorLayer l;
  l.name = "command line";
  auto given = [&](const char* name) { return args.options.count(name) > 0; };
  if (given("--time-column")) {
    l.time_column = args.get("--time-column", "");
    for (const auto& [name, field] : {std::pair{"--window", &l.length}, {"--slide", &l.every}, {"--lateness", &l.lateness}}) {
      if (!given(name)) continue;
      *field = api::parse_duration(args.get(name, ""));
      if (!*field) return Error::usage(std::string(name) + " expects a duration such as 90, 30s, 15m, 1h or 1d with --time-column; found '" + args.get(name, "") + "'");
    }
  } else {
    if (given("--lateness")) return Error::usage("--lateness applies to windows in event time: give --time-column too");
    auto window = count_option(args, "--window", 0, 2);
    auto slide = count_option(args, "--slide", 0, 1);
    for (const auto* r : {&window, &slide})
      if (!r->ok()) return r->error();
    if (given("--window")) l.window = window.value();
    if (given("--slide")) l.slide = slide.value();
  }
  auto after = count_option(args, "--alert-after", 0, 1);
  auto cooldown = count_option(args, "--cooldown", 0, 0);
  for (const auto* r : {&after, &cooldown})
    if (!r->ok()) return r->error();
  if (given("--alert-after")) l.alert_after = static_cast<int>(std::min<uint64_t>(after.value(), 1u << 20));
  if (given("--cooldown")) l.cooldown = static_cast<int>(std::min<uint64_t>(cooldown.value(), 1u << 20));
  if (given("--format")) {
    l.format = data::format_from_name(args.get("--format", ""));
    if (!l.format) return Error::usage("--format must be csv, tsv or jsonl");
  }
  auto drift = api::drift_options([&args](const std::string& name) { return args.all("--" + name); }, "--");
  if (!drift.ok()) return std::move(drift).take_error();
  if (given("--columns")) l.columns = drift.value().columns;
  l.methods = drift.value().methods;
  l.column_thresholds = drift.value().thresholds;
  if (given("--reference")) l.reference = args.get("--reference", "");
  if (given("--events")) l.events = args.get("--events", "");
  if (given("--quarantine")) l.quarantine = args.get("--quarantine", "");
  if (given("--webhook")) l.webhook = args.get("--webhook", "");
  if (given("--dead-letter")) l.dead_letter = args.get("--dead-letter", "");
  if (given("--metrics")) l.metrics = args.get("--metrics", "");
  if (given("--webhook-retries")) {
    auto n = count_option(args, "--webhook-retries", 0, 0);
    if (!n.ok()) return n.error();
    l.webhook_retries = static_cast<int>(std::min<uint64_t>(n.value(), 20));
  }
  return l;
}

// Every layer of settings, the command line first: then the project's descriptors and its
// monitor.yaml (--descriptors DIR), or the file --config names.
Result<api::MonitorSettings> settings(const Args& args) {
  std::vector<api::MonitorLayer> layers;
  auto cli = command_line_layer(args);
  if (!cli.ok()) return std::move(cli).take_error();
  layers.push_back(std::move(cli).value());
  std::string config = args.get("--config", "");
  if (args.options.count("--descriptors")) {
    const std::string dir = args.get("--descriptors", "");
    auto project = api::monitor_project_layer(dir, args.get("--component", ""));
    if (!project.ok()) return std::move(project).take_error();
    layers.push_back(std::move(project).value());
    if (config.empty() && disk().stat(join_path(dir, "monitor.yaml")).kind == PathKind::File) config = join_path(dir, "monitor.yaml");
  }
  if (!config.empty()) {
    auto file = api::monitor_file_layer(config);
    if (!file.ok()) return std::move(file).take_error();
    layers.push_back(std::move(file).value());
  }
  return api::merge_monitor_layers(layers);
}

// The stream: a stored file, standard input ("-") or a followed file.
struct Input {
  std::string name;
  bool follow = false;
  bool live = false;  // followed, or standard input: a signal ends it
  std::unique_ptr<data::ByteInput> bytes;
};

Result<Input> open_input(const Args& args) {
  const bool follow = args.options.count("--follow") > 0;
  const size_t given = args.positional.size() + args.options.count("--replay") + (follow ? 1 : 0);
  if (given != 1) return Error::usage("give one stream to read: FILE, --replay FILE, - (standard input) or --follow FILE");
  Input in;
  in.follow = in.live = follow;
  in.name = follow ? args.get("--follow", "") : args.positional.empty() ? args.get("--replay", "") : args.positional[0];
  if (in.follow) {
    in.bytes = data::follow_bytes(in.name);
  } else if (in.name == "-") {
    in.name = "standard input";
    in.live = true;
    in.bytes = data::stdin_bytes();
  } else {
    auto b = data::open_bytes(in.name);
    if (!b.ok()) return std::move(b).take_error();
    in.bytes = std::move(b).value();
  }
  return in;
}

Error naming(Error e, const std::string& file) {
  if (e.file.empty()) e.file = file;
  return e;
}

// Reads the stream piece by piece until it ends or a signal stops it. A live stream's events
// are written after each piece; when it has nothing new, it is looked at again in 100 ms.
Status pump(Input& in, data::StreamReader& reader, monitor::Monitor& m, Sinks& sinks) {
  std::string buf(size_t{1} << 20, '\0');
  auto progress = [&] {
    if (sinks.metrics) sinks.metrics->progress(m.records(), reader.result().bad_records, m.windows());
    if (!in.live) return;
    m.flush();  // someone is waiting for these events
    sinks.out->flush();
  };
  while (!g_stop) {
    auto p = in.bytes->read(buf.data(), buf.size());
    if (!p.ok()) return p.error();
    if (p.value().new_file) {
      if (Status s = reader.restart(); !s.ok()) return naming(s.error(), in.name);
    }
    if (p.value().size) {
      if (Status s = reader.feed(std::string_view(buf.data(), p.value().size)); !s.ok()) return naming(s.error(), in.name);
      progress();
      continue;
    }
    if (p.value().end) break;
    sinks.out->flush();
    if (in.follow) {
      const timespec pause{0, 100'000'000};
      ::nanosleep(&pause, nullptr);
    }
  }
  if (Status s = reader.finish(); !s.ok()) return naming(s.error(), in.name);
  progress();
  return Ok{};
}

}  // namespace

int run_monitor(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("monitor"));
  if (!parsed.ok()) return usage_error("monitor", parsed.error().message);
  const Args& args = parsed.value();
  auto set = settings(args);
  if (!set.ok() && set.error().kind != ErrorKind::Usage) return print_error(set.error());
  if (!set.ok()) return usage_error("monitor", with_flag(set.error()));
  const api::MonitorSettings& s = set.value();
  if (args.flags.count("--show-settings")) {
    std::printf("%s\n", api::monitor_settings_json(s).c_str());
    return kExitOk;
  }
  if (s.reference.empty())
    return usage_error("monitor", "give --reference (a profile or a data file), or a project whose TRL card or monitor.yaml names one");
  auto in = open_input(args);
  if (!in.ok() && in.error().kind == ErrorKind::Usage) return usage_error("monitor", in.error().message);
  if (!in.ok()) return print_error(in.error());
  auto ref = reference(s.reference);
  if (!ref.ok()) return print_error(ref.error());
  Sinks sinks;
  if (Status opened = sinks.open(s, in.value().name, args); !opened.ok())
    return opened.error().kind == ErrorKind::Usage ? usage_error("monitor", opened.error().message) : print_error(opened.error());
  auto threads = threads_option(args, 1);
  if (!threads.ok()) return usage_error("monitor", threads.error().message);
  monitor::Options options = s.options;
  options.threads = static_cast<unsigned>(std::min(threads.value(), 2));
  auto m = monitor::Monitor::create(std::move(ref).value(), options, [&](const monitor::Event& e) { sinks.event(e); });
  if (!m.ok()) return usage_error("monitor", with_flag(m.error()));
  const data::Format format = s.format ? *s.format : data::format_for_path(in.value().name);
  data::StreamReader reader(format, *m.value(), {}, [&](uint64_t line, std::string_view text, const std::string& why) {
    sinks.bad(line, text, why);
  });
  if (in.value().live) stop_on_signals();
  const Status read = pump(in.value(), reader, *m.value(), sinks);
  if (read.ok() && reader.columns().empty() && !in.value().follow)
    return print_error(naming(Error::invalid("empty stream: no header"), in.value().name));
  m.value()->finish();
  const Status closed = sinks.close();
  for (const Status* failed : {&read, &closed})
    if (!failed->ok()) return print_error(failed->error());
  std::string timing;
  if (!s.options.time_column.empty())
    timing = ", " + std::to_string(m.value()->late()) + " late and " + std::to_string(m.value()->untimed()) + " untimed records left out";
  std::fprintf(stderr, "seam monitor: %llu records in %llu windows, %llu bad records skipped%s%s\n",
               static_cast<unsigned long long>(m.value()->records()), static_cast<unsigned long long>(m.value()->windows()),
               static_cast<unsigned long long>(reader.result().bad_records), timing.c_str(), sinks.summary(s).c_str());
  return sinks.alerts ? kExitFindings : kExitOk;
}

}  // namespace seam::cli
