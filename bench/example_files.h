// The descriptor files of an example project, read into memory once, so that benchmarks
// time seam and not the file system.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "doc/load.h"

namespace seam::bench {

struct File {
  std::string path;
  std::string text;
  doc::Descriptor descriptor;
};

inline std::vector<File> example_files(const std::string& dir) {
  std::vector<File> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string path = entry.path().string();
    auto d = doc::descriptor_for_file(path);
    if (!d) continue;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back({path, ss.str(), *d});
  }
  return out;
}

// Loads (parses, upgrades, validates) the files as one project.
inline doc::Project load_files(const std::vector<File>& files) {
  doc::Project p;
  for (const auto& f : files) p.documents.push_back(doc::load_document_text(f.path, f.text, f.descriptor));
  return p;
}

// The example most benchmarks use: TEC's fraud-mismatch project, all JSON.
inline const std::string kFraudMismatch = std::string(SEAM_SOURCE_DIR) + "/../shared/examples/tec/fraud-mismatch";

}  // namespace seam::bench
