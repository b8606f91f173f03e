// Loading descriptor files and project directories: read, parse, upgrade, validate.
//
// Thread safety: a loaded Project is immutable; any number of threads may read and analyse
// it at once. Documents own their text (shared Source) and their parsed tree.
//
// A project is a directory with one file per descriptor, named after it
// (trained_model.yaml, raw_data.json, ...). Any descriptor may be absent. Loading never
// stops at the first bad file: every document is loaded as far as it can be, and each
// carries its own errors, so a report can show all problems at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "doc/descriptor.h"
#include "doc/node.h"
#include "doc/source.h"
#include "util/result.h"

namespace seam::doc {

struct LoadOptions {
  // Unknown fields are errors rather than warnings (--strict).
  bool strict = false;
  // A directory with no descriptor file loads as an empty project instead of failing. For
  // callers to whom a project without descriptors makes sense (TRL cards of components
  // still in research); for checking, such a directory is almost always the wrong one.
  bool allow_no_descriptors = false;
};

struct LoadedDocument {
  std::string path;
  Descriptor descriptor = Descriptor::SystemContext;
  std::string version;                    // as written in the file; empty when absent
  std::shared_ptr<const Source> source;   // null when the file could not be read
  std::optional<Node> root;               // upgraded to kCurrentVersion; empty if unparsable
  std::vector<Error> errors;              // located errors; empty means valid
  std::vector<Error> warnings;            // located, valid nonetheless: unknown fields
  std::vector<std::string> upgrade_notes;

  bool valid() const { return errors.empty(); }
  // True when the file could not be read at all (missing, permission): exit code 2.
  bool unreadable() const { return !errors.empty() && errors.front().kind != ErrorKind::Invalid; }
};

// Loads one file as descriptor `d`.
LoadedDocument load_document(const std::string& path, Descriptor d, const FileSystem& fs = disk(),
                             const LoadOptions& options = {});
// Same, from bytes already in memory (uploads, tests, benchmarks).
LoadedDocument load_document_text(const std::string& path, std::string text, Descriptor d,
                                  const LoadOptions& options = {});

// The descriptor a file name stands for ("trained_model.yaml" -> TrainedModel), if any.
std::optional<Descriptor> descriptor_for_file(const std::string& path);

struct Project {
  std::string dir;
  std::vector<LoadedDocument> documents;  // in the order of kAllDescriptors
  std::vector<std::string> ignored;       // files that are not descriptors
  std::vector<Error> errors;              // project-level problems (duplicate files)

  const LoadedDocument* find(Descriptor d) const;
  bool valid() const;
};

// Loads every descriptor file in `dir`. Fails when `dir` cannot be listed (Io), and when it
// holds no descriptor file (Usage: "no descriptors found in DIR", naming the file names
// expected) unless options.allow_no_descriptors.
Result<Project> load_project(const std::string& dir, const FileSystem& fs = disk(), const LoadOptions& options = {});

}  // namespace seam::doc
