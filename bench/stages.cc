// Runs one stage of `seam check` N times on the fraud-mismatch example and prints the time per
// run; bench/count-instructions counts its instructions under valgrind, which the noise of a
// shared machine does not disturb. `parse` is the part of `load` before upgrade and schema
// validation; `facts` runs the fact extractor once over every text value of the project, the
// most that `analyse` can spend on it.
// Usage: seam-stages [--project DIR] parse|load|analyse|render|facts N
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "doc/load.h"
#include "doc/parse.h"
#include "facts/facts.h"
#include "example_files.h"
#include "report/findings.h"
#include "rules/engine.h"

int main(int argc, char** argv) {
  std::string dir = seam::bench::kFraudMismatch;
  if (argc == 5 && std::string(argv[1]) == "--project") {
    dir = argv[2];
    argv += 2;
    argc -= 2;
  }
  if (argc != 3) return 2;
  const std::string mode = argv[1];
  const int n = std::atoi(argv[2]);
  const auto files = seam::bench::example_files(dir);
  auto parse = [&] {
    size_t nodes = 0;
    for (const auto& f : files) {
      auto src = seam::doc::make_source(f.path, f.text);
      if (src.ok()) nodes += seam::doc::parse(src.value()).ok();
    }
    return nodes;
  };
  auto load = [&] { return seam::bench::load_files(files); };
  auto extract = [](const seam::doc::Node& n, auto& self) -> size_t {
    size_t facts = n.kind == seam::doc::Kind::String ? seam::facts::extract(n.text).size() : 0;
    for (const auto& i : n.items) facts += self(i, self);
    for (const auto& m : n.members) facts += self(m.value, self);
    return facts;
  };
  const auto& catalogue = seam::rules::Catalogue::builtin();
  const auto project = load();
  seam::rules::Report report;
  report.findings = seam::rules::analyse(catalogue, seam::rules::subject_of(project));
  size_t sink = 0;  // keeps the work observable
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    if (mode == "parse") sink += parse();
    else if (mode == "load") sink += load().documents.size();
    else if (mode == "analyse") sink += seam::rules::analyse(catalogue, seam::rules::subject_of(project)).size();
    else if (mode == "render") sink += seam::report::findings_json(report, 0).size();
    else if (mode == "facts")
      for (const auto& d : project.documents) sink += d.root ? extract(*d.root, extract) : 0;
  }
  const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
  if (n > 0) std::printf("%s %.0f ns per project\n", mode.c_str(), took.count() / n);
  return sink == 1;
}
