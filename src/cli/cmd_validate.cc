// seam validate PATH...: validates through api::validate and reports every problem found, as
// text or JSON.
#include <cstdio>

#include "api/validate.h"
#include "cli/args.h"
#include "cli/command.h"
#include "report/diagnostic.h"
#include "util/text.h"

namespace seam::cli {

int run_validate(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("validate"));
  if (!parsed.ok()) return usage_error("validate", parsed.error().message);
  const Args& args = parsed.value();
  const auto& formats = report::validation_formats();
  const auto* format = report::find_format(formats, args.get("--format", "text"));
  if (!format) return usage_error("validate", "--format must be " + report::format_names(formats));
  if (args.positional.empty()) return usage_error("validate", "give at least one file or project directory");
  api::ValidateOptions options;
  options.strict = args.has("--strict");
  if (args.options.count("--as")) {
    options.as = doc::descriptor_from_id(args.get("--as", ""));
    if (!options.as) return usage_error("validate", "--as takes one of: " + text::join(doc::descriptor_ids(), ", "));
  }
  const bool verbose = args.has("--verbose");
  const api::Validation v = api::validate(args.positional, options);
  if (verbose)
    for (const auto& f : v.ignored) std::fprintf(stderr, "%s: note: ignored (not named after a descriptor)\n", f.c_str());
  StreamWriter out(stdout);
  format->render(report::ValidationView{v.files, verbose}, out);
  if (!v.all_readable) return kExitError;
  return v.all_valid() ? kExitOk : kExitFindings;
}

}  // namespace seam::cli
