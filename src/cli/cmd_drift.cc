// seam drift --reference REF --current CUR: per-column drift tests between two data sets,
// each given as a data file or as a stored profile; the work is api::drift.
#include <cstdio>

#include "api/drift.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/data_options.h"
#include "report/drift_report.h"
#include "stats/drift.h"

namespace seam::cli {
namespace {

// The drift options as api::drift_options reads them: by name without the dashes.
Result<stats::DriftOptions> drift_options(const Args& args) {
  return api::drift_options(
      [&args](const std::string& name) {
        if (name == "raw-wasserstein") return args.has("--raw-wasserstein") ? std::vector<std::string>{""} : std::vector<std::string>{};
        return args.all("--" + name);
      },
      "--");
}

}  // namespace

int run_drift(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("drift"));
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
