// seam drift --reference REF --current CUR: per-column drift tests between two data sets,
// each given as a data file or as a stored profile.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/data_options.h"
#include "report/drift_report.h"
#include "stats/drift.h"

namespace seam::cli {
namespace {

// Raw numeric values kept per column for exact tests; beyond this, sketches are used and
// their error is reported. 1M doubles is 8 MB per column.
constexpr size_t kExactValues = 1'000'000;

bool is_profile_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return stats::looks_like_profile(head);
}

// Loads one side. Data is profiled with the reference's column types when given, so that
// both sides read each column the same way.
Result<stats::DriftInput> load_side(const std::string& path, stats::ProfileOptions opts, const stats::Profile* reference) {
  stats::DriftInput in;
  in.path = path;
  if (is_profile_file(path)) {
    auto p = stats::read_profile(path);
    if (!p.ok()) return std::move(p).take_error();
    in.profile = std::move(p).value();
    return in;
  }
  if (reference) {  // the reference's types, for the columns this file has
    auto file = data::DataFile::open(path);
    if (!file.ok()) return std::move(file).take_error();
    auto header = file.value().header(opts.format ? *opts.format : data::format_for_path(path));
    if (!header.ok()) return std::move(header).take_error();
    for (const auto& c : reference->columns) {
      const bool here = std::find(header.value().begin(), header.value().end(), c.name) != header.value().end();
      const bool given = std::any_of(opts.types.begin(), opts.types.end(), [&](const auto& t) { return t.first == c.name; });
      if (here && !given) opts.types.emplace_back(c.name, c.type);
    }
  }
  opts.keep_values = kExactValues;
  auto run = stats::profile_files({path}, opts);
  if (!run.ok()) return std::move(run).take_error();
  in.profile = std::move(run.value().profile);
  in.raw = std::move(run.value().raw);
  in.raw_complete = std::move(run.value().raw_complete);
  return in;
}

Result<stats::DriftOptions> drift_options(const Args& args) {
  stats::DriftOptions o;
  o.columns = split_list(args.get("--columns", ""));
  for (const auto& m : args.all("--method")) {
    const size_t eq = m.find('=');
    const auto method = eq == std::string::npos ? std::nullopt : stats::method_from_name(m.substr(eq + 1));
    if (!method) return Error::usage("--method expects COLUMN=chisquare|chisquare_gof|ks|psi|jensenshannon|wasserstein; found '" + m + "'");
    o.methods[m.substr(0, eq)] = *method;
  }
  for (const auto& t : args.all("--threshold")) {
    const size_t eq = t.find('=');
    char* end = nullptr;
    const double x = eq == std::string::npos ? 0 : std::strtod(t.c_str() + eq + 1, &end);
    if (eq == std::string::npos || *end || eq + 1 == t.size()) return Error::usage("--threshold expects COLUMN=NUMBER; found '" + t + "'");
    o.thresholds[t.substr(0, eq)] = x;
  }
  if (args.options.count("--dataset-share")) {
    char* end = nullptr;
    const std::string s = args.get("--dataset-share", "");
    o.dataset_share = std::strtod(s.c_str(), &end);
    if (*end || s.empty() || o.dataset_share < 0 || o.dataset_share > 1) return Error::usage("--dataset-share expects a number from 0 to 1");
  }
  if (args.options.count("--bins")) {
    o.bins = std::atoi(args.get("--bins", "").c_str());
    if (o.bins < 2 || o.bins > 1000) return Error::usage("--bins expects a number from 2 to 1000");
  }
  o.normalize_wasserstein = !args.has("--raw-wasserstein");
  return o;
}

}  // namespace

int run_drift(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, {{"--raw-wasserstein"}, {"--reference", "--current", "--columns", "--method", "--threshold", "--format",
                                       "--dataset-share", "--bins", "--types", "--label", "--threads", "--data-format"}});
  if (!parsed.ok()) return usage_error("drift", parsed.error().message);
  Args args = parsed.value();
  const std::string format = args.get("--format", "text");
  if (format != "text" && format != "json" && format != "markdown" && format != "html")
    return usage_error("drift", "--format must be text, json, markdown or html");
  if (!args.options.count("--reference") || !args.options.count("--current"))
    return usage_error("drift", "give --reference and --current (data files or profiles)");
  if (!args.positional.empty()) return usage_error("drift", "unexpected argument '" + args.positional[0] + "'");
  // --format names the report here; the data format of the inputs is --data-format.
  args.options.erase("--format");
  if (args.options.count("--data-format")) args.options["--format"] = args.get("--data-format", "");
  auto popts = profile_options(args);
  if (!popts.ok()) return usage_error("drift", popts.error().message);
  popts.value().columns.clear();  // drift selects columns itself, after both sides are read
  auto dopts = drift_options(args);
  if (!dopts.ok()) return usage_error("drift", dopts.error().message);

  auto ref = load_side(args.get("--reference", ""), popts.value(), nullptr);
  if (!ref.ok()) return print_error(ref.error());
  auto cur = load_side(args.get("--current", ""), popts.value(), &ref.value().profile);
  if (!cur.ok()) return print_error(cur.error());
  auto report = stats::compare(ref.value(), cur.value(), dopts.value());
  if (!report.ok()) return print_error(report.error());
  const auto& r = report.value();
  if (format == "json") std::fputs(report::drift_json(r).c_str(), stdout);
  else if (format == "markdown") std::fputs(report::drift_markdown(r).c_str(), stdout);
  else if (format == "html") std::fputs(report::drift_html(r).c_str(), stdout);
  else std::fputs(report::drift_text(r).c_str(), stdout);
  return r.dataset_drift ? kExitFindings : kExitOk;
}

}  // namespace seam::cli
