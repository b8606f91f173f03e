// seam validate PATH...: loads descriptor files and project directories and reports every
// problem found, as text or JSON.
#include <cstdio>
#include <filesystem>

#include "cli/args.h"
#include "cli/command.h"
#include "doc/load.h"
#include "report/diagnostic.h"
#include "util/text.h"

namespace seam::cli {
namespace {

namespace fs = std::filesystem;

report::FileResult to_result(doc::LoadedDocument d) {
  return {d.path, std::string(doc::descriptor_id(d.descriptor)), d.version, std::move(d.errors),
          std::move(d.upgrade_notes)};
}

report::FileResult failure(const std::string& path, Error e) {
  if (e.file.empty()) e.file = path;
  return {path, "", "", {std::move(e)}, {}};
}

// Loads one command-line path; returns false when it could not be read at all.
bool load_path(const std::string& path, const std::optional<doc::Descriptor>& as, bool verbose,
               std::vector<report::FileResult>& out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    auto project = doc::load_project(path);
    if (!project.ok()) return out.push_back(failure(path, project.error())), false;
    bool readable = true;
    for (auto& d : project.value().documents) {
      readable = readable && !d.unreadable();
      out.push_back(to_result(std::move(d)));
    }
    for (auto& e : project.value().errors) out.push_back(failure(e.file, e));
    if (verbose)
      for (const auto& f : project.value().ignored)
        std::fprintf(stderr, "%s: note: ignored (not named after a descriptor)\n", f.c_str());
    return readable;
  }
  const auto d = as ? as : doc::descriptor_for_file(path);
  if (!d) {
    std::string stem = fs::path(path).stem().string();
    std::string hint;
    if (auto guess = text::closest(stem, doc::descriptor_ids())) hint = " (did you mean " + *guess + "?)";
    Error e = Error::usage("cannot tell which descriptor this is" + hint +
                           ": name the file after one (e.g. trained_model.yaml) or pass --as");
    out.push_back(failure(path, std::move(e)));
    return false;
  }
  auto loaded = doc::load_document(path, *d);
  const bool readable = !loaded.unreadable();
  out.push_back(to_result(std::move(loaded)));
  return readable;
}

}  // namespace

int run_validate(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, {{"--verbose"}, {"--format", "--as"}});
  if (!parsed.ok()) return usage_error("validate", parsed.error().message);
  const Args& args = parsed.value();
  const std::string format = args.get("--format", "text");
  if (format != "text" && format != "json") return usage_error("validate", "--format must be text or json");
  if (args.positional.empty()) return usage_error("validate", "give at least one file or project directory");
  std::optional<doc::Descriptor> as;
  if (args.options.count("--as")) {
    as = doc::descriptor_from_id(args.get("--as", ""));
    if (!as) return usage_error("validate", "--as takes one of: " + text::join(doc::descriptor_ids(), ", "));
  }

  std::vector<report::FileResult> results;
  bool all_readable = true;
  for (const auto& path : args.positional) all_readable = load_path(path, as, args.has("--verbose"), results) && all_readable;

  const std::string out = format == "json" ? report::validation_json(results)
                                           : report::validation_text(results, args.has("--verbose"));
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (!all_readable) return kExitError;
  for (const auto& r : results)
    if (!r.errors.empty()) return kExitFindings;
  return kExitOk;
}

}  // namespace seam::cli
