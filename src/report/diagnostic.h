// Rendering errors for people (compiler style) and for machines (JSON).
//
// Thread safety: pure functions; call them from any thread.
#pragma once

#include <string>
#include <vector>

#include "report/format.h"
#include "util/json_writer.h"
#include "util/result.h"

namespace seam::report {

// "file:line:col: /pointer: message", then the source line and a caret under the column.
// Parts that are unknown are left out.
std::string format_error(const Error& e);
// The same for a problem that does not make the input invalid: "file:line:col: warning: ...".
std::string format_warning(const Error& e);

// {"pointer","line","column","message"}; line and column are null when unknown.
void write_error(JsonWriter& w, const Error& e);
// The same keys written into an object the caller has opened, so it can add its own.
void write_error_fields(JsonWriter& w, const Error& e);

// The outcome of validating one file, as `seam validate` reports it.
struct FileResult {
  std::string path;
  std::string descriptor;  // descriptor id; empty when unknown
  std::string version;     // as written; empty when absent
  std::vector<Error> errors;
  std::vector<Error> warnings;     // unknown fields: the file is valid nonetheless
  std::vector<std::string> notes;  // upgrades made, shown with --verbose
};

std::string validation_text(const std::vector<FileResult>& files, bool verbose);
std::string validation_json(const std::vector<FileResult>& files);

// What `seam validate` renders: the files, and whether upgrade notes are wanted.
struct ValidationView {
  const std::vector<FileResult>& files;
  bool verbose = false;
};
// text and json.
const Formats<ValidationView>& validation_formats();

}  // namespace seam::report
