// What `seam check` costs per project: load (parse, upgrade, validate), analyse (the whole
// built-in catalogue) and render (JSON), over 1,000 in-memory copies of the fraud-mismatch
// example, so that file-system caching does not enter the numbers. Each stage is also timed
// alone, which shows where the time goes.
#include <benchmark/benchmark.h>


#include "doc/load.h"
#include "example_files.h"
#include "report/findings.h"
#include "rules/engine.h"

namespace {

constexpr int kCopies = 1000;

std::vector<seam::bench::File> project_texts() { return seam::bench::example_files(seam::bench::kFraudMismatch); }

seam::doc::Project load(const std::vector<seam::bench::File>& files) { return seam::bench::load_files(files); }

seam::rules::Report analyse(const seam::rules::Catalogue& c, const seam::doc::Project& p) {
  seam::rules::Report r;
  r.project = "fraud-mismatch";
  r.findings = seam::rules::analyse(c, seam::rules::subject_of(p));
  return r;
}

const seam::rules::Catalogue& catalogue() {
  return seam::rules::Catalogue::builtin();
}

void check_pipeline(benchmark::State& state) {
  const auto texts = project_texts();
  for (auto _ : state)
    for (int i = 0; i < kCopies; ++i) {
      const auto project = load(texts);
      const auto report = analyse(catalogue(), project);
      benchmark::DoNotOptimize(seam::report::findings_json(report, 0));  // as --batch prints
    }
  state.SetItemsProcessed(state.iterations() * kCopies);
  state.SetLabel("load+analyse+render; Time is per 1000 projects");
}

void check_analyse_only(benchmark::State& state) {
  const auto project = load(project_texts());
  for (auto _ : state)
    for (int i = 0; i < kCopies; ++i) benchmark::DoNotOptimize(analyse(catalogue(), project));
  state.SetItemsProcessed(state.iterations() * kCopies);
  state.SetLabel("analyse; Time is per 1000 projects");
}

void check_render_only(benchmark::State& state) {
  const auto project = load(project_texts());
  const auto report = analyse(catalogue(), project);
  for (auto _ : state)
    for (int i = 0; i < kCopies; ++i) benchmark::DoNotOptimize(seam::report::findings_json(report, 0));  // as --batch prints
  state.SetItemsProcessed(state.iterations() * kCopies);
  state.SetLabel("render json; Time is per 1000 projects");
}

}  // namespace

BENCHMARK(check_pipeline)->Unit(benchmark::kMillisecond);
BENCHMARK(check_analyse_only)->Unit(benchmark::kMillisecond);
BENCHMARK(check_render_only)->Unit(benchmark::kMillisecond);
