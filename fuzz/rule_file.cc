// A user's rule file: the YAML catalogue format, its templates and expressions, loaded on top
// of the built-in rules and then run over the example project. A rule file that loads must
// never crash or hang the check (the evaluation budget stops runaway rules).
#include "api/check.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  const std::string rules_path = "my-rules.yaml";
  auto fs = fuzz::project_with(rules_path, fuzz::text(data, size));
  api::CheckOptions options;
  options.rule_files = {rules_path};
  auto analyzer = api::make_analyzer(options, fs);
  if (!analyzer.ok()) {
    fuzz::expect_named(analyzer.error(), rules_path);
    return 0;
  }
  auto checked = api::check_project(analyzer.value(), fuzz::kProjectDir, "2026-12-01", fs);
  if (!checked.ok()) fuzz::broken("the example project checks", checked.error());
  fuzz::expect_renders(checked.value().report);
  return 0;
}
