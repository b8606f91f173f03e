#include "report/diagnostic.h"

#include "util/escape.h"

namespace seam::report {
namespace {

// The caret line: the snippet's leading characters turned to blanks (tabs kept, so the
// caret lines up in a terminal), then '^'.
std::string caret_line(const std::string& snippet, uint32_t column) {
  std::string out;
  uint32_t col = 1;
  for (size_t i = 0; i < snippet.size() && col < column; ++i) {
    const unsigned char c = static_cast<unsigned char>(snippet[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: same character
    out += c == '\t' ? '\t' : ' ';
    ++col;
  }
  return out + "^";
}

std::string format_located(const Error& e, std::string_view label) {
  std::string out;
  out += e.file.empty() ? std::string("seam") : e.file;
  if (e.line) {
    out += ':';
    out += std::to_string(e.line);
    if (e.column) {  // a whole-line problem (a bad data row) has no column
      out += ':';
      out += std::to_string(e.column);
    }
  }
  out += ": ";
  out += label;
  if (!e.pointer.empty()) out += e.pointer + ": ";
  out += e.message + "\n";
  if (e.line && !e.snippet.empty()) {
    // A binary file's NUL or a stray escape would garble the terminal; masking keeps the
    // caret under the right character.
    out += "  " + escape::mask_control(e.snippet) + "\n";
    out += "  " + caret_line(e.snippet, e.snippet_column ? e.snippet_column : e.column) + "\n";
  }
  return out;
}

}  // namespace

std::string format_error(const Error& e) { return format_located(e, ""); }
std::string format_warning(const Error& e) { return format_located(e, "warning: "); }

void write_error_fields(JsonWriter& w, const Error& e) {
  w.key("pointer").value(e.pointer);
  w.key("line");
  e.line ? w.value(e.line) : w.null();
  w.key("column");
  e.line ? w.value(e.column) : w.null();
  w.key("message").value(e.message);
}

void write_error(JsonWriter& w, const Error& e) {
  w.begin_object();
  write_error_fields(w, e);
  w.end_object();
}

std::string validation_text(const std::vector<FileResult>& files, bool verbose) {
  std::string out;
  // A result without a descriptor is a path that was never read as one (missing, a directory
  // without descriptors, a name seam cannot place): it is not a checked file.
  size_t unchecked = 0, invalid = 0, errors = 0, warnings = 0;
  for (const auto& f : files) {
    if (f.descriptor.empty()) ++unchecked;
    else if (!f.errors.empty()) ++invalid;
    if (!f.descriptor.empty()) errors += f.errors.size();
    warnings += f.warnings.size();
    for (const auto& e : f.errors) out += format_error(e);
    for (const auto& e : f.warnings) out += format_warning(e);
    if (!verbose) continue;
    for (const auto& n : f.notes) out += f.path + ": note: " + n + "\n";
    if (f.errors.empty()) out += f.path + ": ok (" + f.descriptor + ", format " + f.version + ")\n";
  }
  const size_t checked = files.size() - unchecked;
  out += std::to_string(checked) + (checked == 1 ? " file" : " files") + " checked: ";
  if (invalid == 0) out += checked ? "all valid" : "nothing to validate";
  else out += std::to_string(invalid) + " invalid, " + std::to_string(errors) + (errors == 1 ? " problem" : " problems");
  if (warnings) out += ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
  if (unchecked) out += "; " + std::to_string(unchecked) + (unchecked == 1 ? " path" : " paths") + " could not be read";
  return out + "\n";
}

std::string validation_json(const std::vector<FileResult>& files) {
  JsonWriter w(2);
  w.begin_object().key("files").begin_array();
  for (const auto& f : files) {
    w.begin_object();
    w.key("path").value(f.path);
    w.key("descriptor");
    f.descriptor.empty() ? w.null() : w.value(f.descriptor);
    w.key("version");
    f.version.empty() ? w.null() : w.value(f.version);
    w.key("valid").value(f.errors.empty());
    w.key("errors").begin_array();
    for (const auto& e : f.errors) write_error(w, e);
    w.end_array();
    w.key("warnings").begin_array();
    for (const auto& e : f.warnings) write_error(w, e);
    w.end_array();
    w.end_object();
  }
  w.end_array().end_object();
  return w.str() + "\n";
}

}  // namespace seam::report
