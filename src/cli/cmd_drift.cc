// seam drift --reference REF --current CUR: per-column drift tests between two data sets,
// each given as a data file or as a stored profile; the work is api::drift.
#include <algorithm>
#include <cstdio>

#include "api/drift.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/data_options.h"
#include "report/drift_report.h"
#include "stats/drift.h"

namespace seam::cli {
namespace {

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
  for (const auto& name : split_list(args.get("--critical", ""))) o.critical[name] = std::string(stats::kCriticalGiven);
  if (args.options.count("--fail-on")) {
    const auto f = stats::fail_on_from_name(args.get("--fail-on", ""));
    if (!f) return Error::usage("--fail-on must be column, dataset or never; found '" + args.get("--fail-on", "") + "'");
    o.fail_on = *f;
  }
  return o;
}

}  // namespace

const ArgSpec& drift_spec() {
  static const ArgSpec spec = {{"--raw-wasserstein"},
                               {"--reference", "--current", "--columns", "--method", "--threshold", "--format", "--dataset-share",
                                "--bins", "--types", "--label", "--threads", "--data-format", "--sketch-k", "--critical",
                                "--descriptors", "--fail-on"}};
  return spec;
}

int run_drift(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, drift_spec());
  if (!parsed.ok()) return usage_error("drift", parsed.error().message);
  Args args = parsed.value();
  const auto& formats = report::drift_formats();
  const auto* format = report::find_format(formats, args.get("--format", "text"));
  if (!format) return usage_error("drift", "--format must be " + report::format_names(formats));
  if (!args.options.count("--reference") || !args.options.count("--current"))
    return usage_error("drift", "give --reference and --current (data files or profiles)");
  if (!args.positional.empty()) return usage_error("drift", "unexpected argument '" + args.positional[0] + "'");
  // --format names the report here; the data format of the inputs is --data-format.
  args.options.erase("--format");
  if (args.options.count("--data-format")) args.options["--format"] = args.get("--data-format", "");
  auto popts = profile_options(args);
  if (!popts.ok()) return usage_error("drift", popts.error().message);
  auto dopts = drift_options(args);
  if (!dopts.ok()) return usage_error("drift", dopts.error().message);
  auto report = api::drift({args.get("--reference", ""), args.get("--current", ""), popts.value(), dopts.value(),
                            args.get("--descriptors", "")});
  if (!report.ok()) return print_error(report.error());
  StreamWriter out(stdout);
  format->render(report.value(), out);
  return report.value().fails ? kExitFindings : kExitOk;
}

}  // namespace seam::cli
