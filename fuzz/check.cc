// Rule evaluation over fuzzed documents: the example project with one descriptor replaced by
// the fuzzed bytes, checked with the built-in catalogue as `seam check` does, and rendered in
// every output format. The first byte picks the descriptor and YAML or JSON.
#include "api/check.h"
#include "doc/descriptor.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  const api::Analyzer& analyzer = fuzz::builtin_analyzer();
  if (size == 0) return 0;
  const std::string id(doc::descriptor_id(doc::kAllDescriptors[fuzz::descriptor_index(data[0])]));
  const std::string stem = join_path(fuzz::kProjectDir, id);
  const auto fs = fuzz::project_with(stem + (data[0] & 0x80 ? ".json" : ".yaml"), fuzz::text(data + 1, size - 1), stem + ".");
  auto checked = api::check_project(analyzer, fuzz::kProjectDir, "2026-12-01", fs);
  if (!checked.ok()) fuzz::broken("a project with its descriptors checks", checked.error());
  for (const auto& e : checked.value().report.load_errors) fuzz::expect(!e.message.empty(), "an error has a message", e);
  fuzz::expect_renders(checked.value().report);
  return 0;
}
