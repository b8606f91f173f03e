#include "api/validate.h"

#include <filesystem>

#include "doc/load.h"
#include "util/text.h"

namespace seam::api {
namespace {

report::FileResult to_result(doc::LoadedDocument d) {
  return {d.path, std::string(doc::descriptor_id(d.descriptor)), d.version, std::move(d.errors),
          std::move(d.warnings), std::move(d.upgrade_notes)};
}

report::FileResult failure(const std::string& path, Error e) {
  if (e.file.empty()) e.file = path;
  return {path, "", "", {std::move(e)}, {}, {}};
}

bool load_project(const std::string& path, const doc::LoadOptions& options, const FileSystem& fs, Validation& out) {
  auto project = doc::load_project(path, fs, options);
  // The message names the directory already ("no descriptors found in DIR").
  if (!project.ok()) return out.files.push_back({path, "", "", {project.error()}, {}, {}}), false;
  bool readable = true;
  for (auto& d : project.value().documents) {
    readable = readable && !d.unreadable();
    out.files.push_back(to_result(std::move(d)));
  }
  for (auto& e : project.value().errors) out.files.push_back(failure(e.file, e));
  out.ignored.insert(out.ignored.end(), project.value().ignored.begin(), project.value().ignored.end());
  return readable;
}

// Loads one path; returns false when it could not be read at all.
bool load_path(const std::string& path, const ValidateOptions& options, const FileSystem& fs, Validation& out) {
  const doc::LoadOptions load{options.strict, false};
  const PathKind kind = fs.stat(path).kind;
  if (kind == PathKind::Directory) return load_project(path, load, fs, out);
  // Reading says why a path is missing; guessing its descriptor first would mislead.
  if (kind == PathKind::Missing)
    if (auto src = doc::read_source(path, fs); !src.ok()) return out.files.push_back(failure(path, src.error())), false;
  const auto d = options.as ? options.as : doc::descriptor_for_file(path);
  if (!d) {
    std::string hint;
    if (auto guess = text::closest(std::filesystem::path(path).stem().string(), doc::descriptor_ids()))
      hint = " (did you mean " + *guess + "?)";
    out.files.push_back(failure(path, Error::usage("cannot tell which descriptor this is" + hint +
                                                   ": name the file after one (e.g. trained_model.yaml) or pass --as")));
    return false;
  }
  auto loaded = doc::load_document(path, *d, fs, load);
  const bool readable = !loaded.unreadable();
  out.files.push_back(to_result(std::move(loaded)));
  return readable;
}

}  // namespace

bool Validation::all_valid() const {
  for (const auto& f : files)
    if (!f.errors.empty()) return false;
  return true;
}

report::FileResult validate_text(const std::string& path, std::string text, doc::Descriptor d, bool strict) {
  return to_result(doc::load_document_text(path, std::move(text), d, {strict, false}));
}

Validation validate(const std::vector<std::string>& paths, const ValidateOptions& options, const FileSystem& fs) {
  Validation v;
  for (const auto& p : paths) v.all_readable = load_path(p, options, fs, v) && v.all_readable;
  return v;
}

}  // namespace seam::api
