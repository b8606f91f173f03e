// What every harness shares: turning libFuzzer's bytes into text, the example project the
// harnesses check fuzzed documents against, and the properties every error must have.
//
// A harness fails (aborts, which libFuzzer reports as a crash with the input saved) when the
// sanitizers find a memory or undefined-behaviour error, when an input runs past libFuzzer's
// -timeout or -rss_limit_mb, or when one of the checks below breaks: those are promises the
// error messages make to users ("file:line:column: message").
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/check.h"
#include "doc/node.h"
#include "doc/source.h"
#include "report/diagnostic.h"
#include "rules/finding.h"
#include "util/fs.h"
#include "util/result.h"

namespace seam::fuzz {

inline std::string text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

[[noreturn]] inline void broken(const char* what, const Error& e) {
  std::fprintf(stderr, "broken promise: %s\n%s\n", what, report::format_error(e).c_str());
  std::abort();
}

inline void expect(bool ok, const char* what, const Error& e) {
  if (!ok) broken(what, e);
}

// An error about the contents of `file` names it, says something, and renders.
inline void expect_named(const Error& e, const std::string& file) {
  expect(!e.message.empty(), "an error has a message", e);
  if (e.kind == ErrorKind::Invalid) expect(e.file == file, "an error about a file names it", e);
  (void)report::format_error(e);
}

// Syntax errors also point at a line and a column.
inline void expect_located(const Error& e, const std::string& file) {
  expect_named(e, file);
  if (e.kind == ErrorKind::Invalid) expect(e.line >= 1 && e.column >= 1, "a syntax error has a line and column", e);
}

// A project directory in memory holding the files of examples/turbine-maintenance, for
// harnesses that swap one of them for the fuzzed bytes. Read once per process.
const MemoryFileSystem& example_project();
inline constexpr const char* kProjectDir = "project";

// The example project plus the file `path` holding `bytes`; example files whose path starts
// with `drop` are left out, so that a fuzzed trained_model.json is not shadowed by the
// example's trained_model.yaml.
MemoryFileSystem project_with(const std::string& path, std::string bytes, std::string_view drop = {});

// Checks that every rendering of a check report works, and that the JSON and SARIF ones
// are JSON that seam itself reads back.
void expect_renders(const rules::Report& report);

// Every node of a parsed tree, and every key, points inside the source text.
void expect_inside(const doc::Node& n, const doc::Source& src);

// A parsed tree written as JSON reads back unchanged (the server stores descriptors that way).
void expect_json_round_trip(const doc::Node& root);

// The analyzer `seam check` uses with no options: the built-in catalogue. Made once.
const api::Analyzer& builtin_analyzer();

// Seed byte -> one of the eight descriptors, for harnesses whose first byte picks one.
size_t descriptor_index(uint8_t selector);

}  // namespace seam::fuzz
