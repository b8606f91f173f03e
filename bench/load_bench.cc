// Loads and validates the bundled example project, over and over, and reports the time
// per project. The baseline runs in the same process: parsing alone (simdjson / libyaml
// into seam's tree, no validation), so the ratio shows what validation and upgrades add.
//
// Run: make bench   (or build/seam-bench --benchmark_min_time=2)
// Reference point outside this binary: Python's json module plus TEC's analysis take about
// 113 us per project on the same example (measured when the project started).
#include <benchmark/benchmark.h>


#include "doc/load.h"
#include "doc/parse.h"
#include "example_files.h"

using seam::bench::example_files;

namespace {

const std::string kJsonProject = seam::bench::kFraudMismatch;
const std::string kMixedProject = std::string(SEAM_SOURCE_DIR) + "/examples/fraud-detection";

void parse_only(benchmark::State& state, const std::string& dir) {
  const auto files = example_files(dir);
  for (auto _ : state) {
    for (const auto& f : files) {
      auto src = seam::doc::make_source(f.path, f.text);
      auto root = seam::doc::parse(src.value());
      benchmark::DoNotOptimize(root);
    }
  }
  state.SetLabel(std::to_string(files.size()) + " files; Time is per project");
}

void load_and_validate(benchmark::State& state, const std::string& dir) {
  const auto files = example_files(dir);
  for (const auto& f : files) (void)seam::doc::descriptor_schema(f.descriptor);  // compile once, outside timing
  for (auto _ : state) {
    for (const auto& f : files) {
      auto doc = seam::doc::load_document_text(f.path, f.text, f.descriptor);
      if (!doc.valid()) state.SkipWithError("example project does not validate");
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetLabel(std::to_string(files.size()) + " files; Time is per project");
}

}  // namespace

BENCHMARK_CAPTURE(parse_only, json_project, kJsonProject);
BENCHMARK_CAPTURE(load_and_validate, json_project, kJsonProject);
BENCHMARK_CAPTURE(parse_only, mixed_yaml_json_project, kMixedProject);
BENCHMARK_CAPTURE(load_and_validate, mixed_yaml_json_project, kMixedProject);

BENCHMARK_MAIN();
