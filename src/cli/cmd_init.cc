// seam init DIR: writes a commented template for each of the eight descriptors.
#include <cstdio>
#include <filesystem>

#include "cli/args.h"
#include "cli/command.h"
#include "doc/template.h"

namespace seam::cli {

int run_init(const std::vector<std::string>& argv) {
  namespace fs = std::filesystem;
  auto parsed = parse_args(argv, spec_of("init"));
  if (!parsed.ok()) return usage_error("init", parsed.error().message);
  const Args& args = parsed.value();
  if (args.positional.size() != 1) return usage_error("init", "give exactly one directory");
  const fs::path dir = args.positional.front();

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    std::fprintf(stderr, "%s: cannot create directory: %s\n", dir.c_str(), ec ? ec.message().c_str() : "not a directory");
    return kExitError;
  }
  // Check every file first, so that a refusal leaves the directory untouched.
  std::vector<std::pair<fs::path, doc::Descriptor>> targets;
  for (doc::Descriptor d : doc::kAllDescriptors) {
    const std::string id(doc::descriptor_id(d));
    for (const char* ext : {".yaml", ".yml", ".json"}) {
      const fs::path existing = dir / (id + ext);
      if (fs::exists(existing) && (!args.has("--force") || existing.extension() != ".yaml")) {
        std::fprintf(stderr, "%s: already exists; nothing was written%s\n", existing.c_str(),
                     existing.extension() == ".yaml" ? " (use --force to overwrite)" : "");
        return kExitError;
      }
    }
    targets.emplace_back(dir / (id + ".yaml"), d);
  }
  for (const auto& [path, d] : targets) {
    if (auto st = disk().write(path.string(), doc::descriptor_template(d)); !st.ok()) return print_error(st.error());
  }
  std::printf("wrote %zu descriptor templates to %s\nnext: fill them in, then run 'seam validate %s'\n"
              "readiness: 'seam trl init %s COMPONENT' starts a TRL card for each component\n",
              targets.size(), dir.c_str(), dir.c_str(), dir.c_str());
  return kExitOk;
}

}  // namespace seam::cli
