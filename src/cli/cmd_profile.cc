// seam profile FILE...: profiles data files; seam profile merge: merges profiles.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "api/profile.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/data_options.h"
#include "report/diagnostic.h"
#include "report/profile_descriptor.h"

namespace seam::cli {
namespace {

// Draws "profiling 37% (1.2 GB of 3.1 GB)" on stderr while the work runs, once it has run for
// a second (SEAM_PROGRESS_DELAY seconds), when stderr is a terminal; silent otherwise, so that
// logs, pipes and quick runs stay clean.
class Progress {
 public:
  Progress(uint64_t total, bool quiet) : total_(total) {
    if (quiet || !isatty(STDERR_FILENO) || total == 0) return;
    const char* env = std::getenv("SEAM_PROGRESS_DELAY");
    const double delay = env && *env ? std::max(0.0, std::atof(env)) : 1.0;
    thread_ = std::thread([this, delay] {
      std::unique_lock<std::mutex> lock(mutex_);
      auto wait = std::chrono::duration<double>(delay);
      while (!done_cv_.wait_for(lock, wait, [this] { return done_; })) {
        draw();
        wait = std::chrono::milliseconds(200);
      }
    });
  }
  ~Progress() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_one();
    thread_.join();
    if (!drawn_) return;
    draw();  // the line ends at 100%
    std::fputc('\n', stderr);
  }
  std::atomic<uint64_t> bytes{0};

 private:
  void draw() {
    const double done = static_cast<double>(std::min<uint64_t>(bytes, total_)), total = static_cast<double>(total_);
    const bool gb = total >= 1e9;
    const double unit = gb ? 1e9 : 1e6;
    std::fprintf(stderr, "\rprofiling %3.0f%% (%.2f of %.2f %s)", 100.0 * done / total, done / unit, total / unit, gb ? "GB" : "MB");
    drawn_ = true;
  }

  uint64_t total_;
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  bool drawn_ = false;  // by the thread, before it is joined
  std::thread thread_;
};

int write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fputs(text.c_str(), stdout);
    return kExitOk;
  }
  auto st = disk().write(path, text);  // atomically: an interrupted run leaves no half profile
  return st.ok() ? kExitOk : print_error(st.error());
}

void report_bad_rows(const stats::Profile& p) {
  for (const auto& b : p.bad_row_samples) std::fprintf(stderr, "%s:%llu: skipped: %s\n", b.file.c_str(), static_cast<unsigned long long>(b.line), b.message.c_str());
  if (p.bad_rows)
    std::fprintf(stderr, "seam profile: %llu bad rows skipped%s\n", static_cast<unsigned long long>(p.bad_rows),
                 p.bad_rows > p.bad_row_samples.size() ? " (the first ones are listed above)" : "");
  for (const auto& c : p.columns)
    if (c.invalid)
      std::fprintf(stderr, "seam profile: column '%s': %llu values are not %s (first on line %llu); counted as invalid\n", c.name.c_str(),
                   static_cast<unsigned long long>(c.invalid), c.type == stats::ColumnType::Numeric     ? "numbers"
                   : c.type == stats::ColumnType::Timestamp ? "ISO 8601 timestamps"
                                                            : "booleans",
                   static_cast<unsigned long long>(c.first_invalid_line));
}

int merge(const Args& args) {
  const std::vector<std::string> inputs(args.positional.begin() + 1, args.positional.end());
  if (inputs.size() < 2) return usage_error("profile", "merge needs at least two profiles");
  auto all = api::merge_profiles(inputs);
  if (!all.ok()) return print_error(all.error());
  return write_output(args.get("-o", ""), stats::to_json(all.value()));
}

}  // namespace

int run_profile(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("profile"));
  if (!parsed.ok()) return usage_error("profile", parsed.error().message);
  const Args& args = parsed.value();
  if (args.positional.empty()) return usage_error("profile", "give at least one data file (or: merge A.json B.json...)");
  if (args.positional[0] == "merge") return merge(args);
  if (args.options.count("--dask")) return profile_on_dask(args);
  auto opts = profile_options(args);
  if (!opts.ok()) return usage_error("profile", opts.error().message);
  std::optional<doc::Descriptor> as;
  if (args.options.count("--descriptor")) {
    as = doc::descriptor_from_id(args.get("--descriptor", ""));
    if (as != doc::Descriptor::TrainingData && as != doc::Descriptor::ProductionData)
      return usage_error("profile", "--descriptor takes training_data or production_data");
  }
  uint64_t total = 0;
  for (const auto& p : args.positional) total += file_size(p);
  auto run = [&] {  // the progress line ends before anything else is printed
    Progress progress(total, args.has("--quiet"));
    opts.value().progress = &progress.bytes;
    auto result = stats::profile_files(args.positional, opts.value());
    opts.value().progress = nullptr;
    return result;
  }();
  if (!run.ok()) return print_error(run.error());
  const stats::Profile& p = run.value().profile;
  report_bad_rows(p);
  for (const auto& note : run.value().notes) std::fprintf(stderr, "seam profile: %s\n", note.c_str());
  const std::string out = args.get("-o", "");
  int code = kExitOk;
  if (as) code = write_output(out, report::profile_as_descriptor(p, *as));
  else code = write_output(out, stats::to_json(p));
  if (code == kExitOk && !out.empty() && out != "-") std::fputs(report::profile_summary(p).c_str(), stdout);
  return code != kExitOk ? code : p.bad_rows ? kExitFindings : kExitOk;
}

}  // namespace seam::cli
