// A project's waivers.yaml: loaded, matched against the example project's findings, with
// expiry dates read. A malformed file is reported with its place, never fatal to the check.
#include "api/check.h"
#include "fuzz.h"
#include "rules/waivers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  const api::Analyzer& analyzer = fuzz::builtin_analyzer();
  const std::string path = join_path(fuzz::kProjectDir, "waivers.yaml");
  auto loaded = rules::waivers_from_text(path, fuzz::text(data, size));
  if (!loaded.ok()) fuzz::expect_located(loaded.error(), path);
  const auto fs = fuzz::project_with(path, fuzz::text(data, size));
  auto checked = api::check_project(analyzer, fuzz::kProjectDir, "2026-12-01", fs);
  if (!checked.ok()) fuzz::broken("a project with bad waivers still checks", checked.error());
  fuzz::expect_renders(checked.value().report);
  return 0;
}
