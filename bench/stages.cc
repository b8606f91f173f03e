// Runs one stage of `seam check` N times on the fraud-mismatch example, for instruction
// counting under valgrind (bench/count-instructions), which the noise of a shared machine
// does not disturb.  Usage: seam-stages load|analyse|render N
#include <cstdlib>

#include "doc/load.h"
#include "example_files.h"
#include "report/findings.h"
#include "rules/engine.h"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const std::string mode = argv[1];
  const int n = std::atoi(argv[2]);
  const auto files = seam::bench::example_files(seam::bench::kFraudMismatch);
  auto load = [&] { return seam::bench::load_files(files); };
  const auto& catalogue = seam::rules::Catalogue::builtin();
  const auto project = load();
  seam::rules::Report report;
  report.findings = seam::rules::analyse(catalogue, seam::rules::subject_of(project));
  size_t sink = 0;  // keeps the work observable
  for (int i = 0; i < n; ++i) {
    if (mode == "load") sink += load().documents.size();
    else if (mode == "analyse") sink += seam::rules::analyse(catalogue, seam::rules::subject_of(project)).size();
    else if (mode == "render") sink += seam::report::findings_json(report, 0).size();
  }
  return sink == 1;
}
