#include "fuzz.h"

#include "doc/descriptor.h"
#include "doc/parse.h"
#include "report/findings.h"

#ifndef SEAM_SOURCE_DIR
#error "SEAM_SOURCE_DIR must name the source tree (fuzz/CMakeLists.txt sets it)"
#endif

namespace seam::fuzz {

namespace {

// Copies DIR/* (and DIR/trl/*) into `into` under `as`; data files stay out, they are not
// descriptors and only slow each run.
void copy_tree(const std::string& dir, const std::string& as, MemoryFileSystem& into) {
  auto names = disk().list(dir);
  if (!names.ok()) {
    std::fprintf(stderr, "cannot list %s: %s\n", dir.c_str(), names.error().message.c_str());
    std::abort();
  }
  for (const auto& name : names.value()) {
    std::string path = join_path(dir, name);
    if (disk().stat(path).kind == PathKind::Directory) {
      if (name == "trl") copy_tree(path, join_path(as, name), into);
      continue;
    }
    if (!name.ends_with(".yaml") && !name.ends_with(".json")) continue;
    auto bytes = disk().read(path, 1 << 20);
    if (bytes.ok()) (void)into.write(join_path(as, name), bytes.value());
  }
}

}  // namespace

const MemoryFileSystem& example_project() {
  static const MemoryFileSystem fs = [] {
    MemoryFileSystem m;
    copy_tree(SEAM_SOURCE_DIR "/examples/turbine-maintenance", kProjectDir, m);
    return m;
  }();
  return fs;
}

MemoryFileSystem project_with(const std::string& path, std::string bytes, std::string_view drop) {
  MemoryFileSystem fs;
  for (const auto& [name, contents] : example_project().files())
    if (drop.empty() || !name.starts_with(drop)) (void)fs.write(name, contents);
  (void)fs.write(path, bytes);
  return fs;
}

void expect_renders(const rules::Report& report) {
  (void)report::findings_text(report);
  (void)report::findings_markdown(report);
  (void)report::findings_html(report);
  (void)report::findings_junit(report);
  for (const auto& [format, json] : {std::pair{"json", report::findings_json(report)},
                                     std::pair{"sarif", report::findings_sarif(report)}}) {
    auto parsed = doc::parse_json(doc::Source(std::string("report.") + format, json));
    if (!parsed.ok()) broken("a report seam writes as JSON is JSON", parsed.error());
  }
}

size_t descriptor_index(uint8_t selector) { return selector % doc::kDescriptorCount; }

void expect_inside(const doc::Node& n, const doc::Source& src) {
  if (n.offset > src.text().size()) std::abort();
  (void)src.locate(n.offset);
  for (const auto& item : n.items) expect_inside(item, src);
  for (const auto& m : n.members) {
    if (m.key_offset > src.text().size()) std::abort();
    expect_inside(m.value, src);
  }
}

void expect_json_round_trip(const doc::Node& root) {
  const std::string json = doc::to_json(root);
  auto again = doc::parse_json(doc::Source("again.json", json));
  if (!again.ok()) broken("a parsed tree's JSON parses", again.error());
  if (doc::to_json(again.value()) != json) std::abort();
}

const api::Analyzer& builtin_analyzer() {
  static const api::Analyzer analyzer = [] {
    auto a = api::make_analyzer({});
    if (!a.ok()) std::abort();
    return std::move(a.value());
  }();
  return analyzer;
}

}  // namespace seam::fuzz
