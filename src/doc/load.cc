#include "doc/load.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "doc/parse.h"
#include "doc/upgrade.h"
#include "util/text.h"

namespace stdfs = std::filesystem;

namespace seam::doc {
namespace {

// Checks the version field before anything else reads the document: an unknown version
// means the rest cannot be interpreted. Returns false when the document should not be
// upgraded (version missing, mistyped or unknown).
bool check_version(LoadedDocument& doc) {
  const Node& root = *doc.root;
  const Node* v = root.find("version");
  if (!v || v->is_absent()) return false;  // the schema reports the missing field
  std::string text = v->kind == Kind::String ? v->text : v->describe();
  if (v->kind == Kind::Float || v->kind == Kind::Int) {
    doc.errors.push_back(doc.source->error_at(
        v->offset, "expected the version as a string, e.g. \"1.2\"; found number " + text, "/version"));
    return false;
  }
  doc.version = text;
  if (std::find(kKnownVersions.begin(), kKnownVersions.end(), text) != kKnownVersions.end()) return true;
  doc.errors.push_back(doc.source->error_at(
      v->offset, "unknown format version " + text::quote(text) + "; seam reads 1.0, 1.1 and 1.2", "/version"));
  return false;
}

void validate(LoadedDocument& doc) {
  std::vector<Violation> violations;
  descriptor_schema(doc.descriptor).validate(*doc.root, violations);
  for (auto& v : violations) {
    // An unknown version is already reported; the schema would only repeat it.
    if (v.pointer == "/version" && !doc.errors.empty()) continue;
    doc.errors.push_back(doc.source->error_at(v.offset, std::move(v.message), std::move(v.pointer)));
  }
}

// Unknown fields are checked only in a document whose version seam knows: in any other,
// every field may be unknown, and the version error already says why.
void find_unknown_fields(LoadedDocument& doc, const LoadOptions& options) {
  std::vector<Violation> unknown;
  descriptor_schema(doc.descriptor).unknown_fields(*doc.root, unknown);
  auto& into = options.strict ? doc.errors : doc.warnings;
  for (auto& v : unknown) into.push_back(doc.source->error_at(v.offset, std::move(v.message), std::move(v.pointer)));
}

void finish_loading(LoadedDocument& doc, Result<Source> src, const LoadOptions& options) {
  if (!src.ok()) {
    doc.errors.push_back(std::move(src).take_error());
    return;
  }
  doc.source = std::make_shared<const Source>(std::move(src).value());
  auto root = parse(*doc.source);
  if (!root.ok()) {
    doc.errors.push_back(std::move(root).take_error());
    return;
  }
  doc.root = std::move(root).value();
  if (doc.root->kind != Kind::Object) {
    doc.errors.push_back(doc.source->error_at(
        doc.root->offset, "expected the descriptor to be an object of fields; found " + doc.root->describe()));
    return;
  }
  const bool known_version = check_version(doc);
  if (known_version) doc.upgrade_notes = upgrade(doc.descriptor, doc.version, *doc.root);
  validate(doc);
  if (known_version) find_unknown_fields(doc, options);
}

bool has_descriptor_extension(const stdfs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// Pointing seam at the wrong directory (a parent, a data folder, a typo) would otherwise
// pass with nothing but missing-information findings; say what a project looks like, and
// which file may have been meant.
Error no_descriptors(const std::string& dir, const std::vector<std::string>& ignored) {
  std::string msg = "no descriptors found in " + dir + "; expected files named ";
  for (Descriptor d : kAllDescriptors) msg += std::string(descriptor_id(d)) + ".yaml, ";
  msg.resize(msg.size() - 2);
  msg += " (or .yml, .json)";
  for (const auto& path : ignored) {
    const stdfs::path p(path);
    if (!has_descriptor_extension(p)) continue;
    if (auto guess = text::closest(p.stem().string(), descriptor_ids())) {
      msg += "; found " + p.filename().string() + " (did you mean " + *guess + p.extension().string() + "?)";
      break;
    }
  }
  return Error::usage(std::move(msg));
}

}  // namespace

LoadedDocument load_document(const std::string& path, Descriptor d, const FileSystem& fs, const LoadOptions& options) {
  LoadedDocument doc;
  doc.path = path;
  doc.descriptor = d;
  finish_loading(doc, read_source(path, fs), options);
  return doc;
}

LoadedDocument load_document_text(const std::string& path, std::string text, Descriptor d, const LoadOptions& options) {
  LoadedDocument doc;
  doc.path = path;
  doc.descriptor = d;
  finish_loading(doc, make_source(path, std::move(text)), options);
  return doc;
}

std::optional<Descriptor> descriptor_for_file(const std::string& path) {
  const stdfs::path p(path);
  if (!has_descriptor_extension(p)) return std::nullopt;
  return descriptor_from_id(p.stem().string());
}

const LoadedDocument* Project::find(Descriptor d) const {
  for (const auto& doc : documents)
    if (doc.descriptor == d) return &doc;
  return nullptr;
}

bool Project::valid() const {
  return errors.empty() && std::all_of(documents.begin(), documents.end(), [](const auto& d) { return d.valid(); });
}

Result<Project> load_project(const std::string& dir, const FileSystem& fs, const LoadOptions& options) {
  Project project;
  project.dir = dir;
  std::map<Descriptor, std::vector<std::string>> files;
  auto names = fs.list(dir);
  if (!names.ok()) return std::move(names).take_error();
  for (const auto& name : names.value()) {
    const std::string path = join_path(dir, name);
    // A descriptor's name on something that is not a readable file (a directory, a pipe, a
    // broken link) is loaded all the same, so that the reason it cannot be read is reported.
    const auto d = descriptor_for_file(path);
    if (d) files[*d].push_back(path);
    else project.ignored.push_back(path);
  }
  std::sort(project.ignored.begin(), project.ignored.end());
  if (files.empty() && !options.allow_no_descriptors) return no_descriptors(dir, project.ignored);
  for (auto& [d, paths] : files) {
    if (paths.size() == 1) {
      project.documents.push_back(load_document(paths.front(), d, fs, options));
      continue;
    }
    // Which of two files is meant cannot be guessed, so neither is used.
    std::sort(paths.begin(), paths.end());
    std::string list;
    for (const auto& p : paths) list += (list.empty() ? "" : ", ") + stdfs::path(p).filename().string();
    Error e = Error::invalid("two files describe the " + std::string(descriptor_title(d)) + " (" + list +
                             "); keep one of them");
    e.file = paths.back();
    project.errors.push_back(std::move(e));
  }
  return project;
}

}  // namespace seam::doc
