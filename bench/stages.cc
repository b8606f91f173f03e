// Runs one stage of `seam check` N times on the fraud-mismatch example, for instruction
// counting under valgrind (bench/count-instructions), which the noise of a shared machine
// does not disturb.  Usage: seam-stages load|analyse|render N
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "doc/load.h"
#include "report/findings.h"
#include "rules/engine.h"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const std::string mode = argv[1];
  const int n = std::atoi(argv[2]);
  const std::string dir = std::string(SEAM_SOURCE_DIR) + "/../shared/examples/tec/fraud-mismatch";
  std::vector<std::tuple<std::string, std::string, seam::doc::Descriptor>> texts;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    auto d = seam::doc::descriptor_for_file(e.path().string());
    if (!d) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.emplace_back(e.path().string(), ss.str(), *d);
  }
  auto load = [&] {
    seam::doc::Project p;
    for (const auto& [path, text, d] : texts) p.documents.push_back(seam::doc::load_document_text(path, text, d));
    return p;
  };
  const auto catalogue = seam::rules::Catalogue::builtin();
  const auto project = load();
  seam::rules::Report report;
  report.findings = seam::rules::analyse(catalogue.value(), seam::rules::subject_of(project));
  size_t sink = 0;  // keeps the work observable
  for (int i = 0; i < n; ++i) {
    if (mode == "load") sink += load().documents.size();
    else if (mode == "analyse") sink += seam::rules::analyse(catalogue.value(), seam::rules::subject_of(project)).size();
    else if (mode == "render") sink += seam::report::findings_json(report, 0).size();
  }
  return sink == 1;
}
