// Build step: the built-in rule files (rules/*.yaml) as JSON, each value on the line it has in
// the YAML, so that seam compiles them with simdjson instead of libyaml at every start (a
// third of a one-project `seam check`) while rule locations ("rules/tec.yaml:412") keep their
// lines. Usage: seam-rules-json OUT_DIR FILE.yaml...   writes OUT_DIR/FILE.json for each.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "doc/parse.h"
#include "doc/source.h"
#include "util/json_writer.h"

namespace {

using seam::doc::Kind;
using seam::doc::Node;

class LineKeepingWriter {
 public:
  explicit LineKeepingWriter(const seam::doc::Source& src) : src_(src) {}

  void value(const Node& n) {
    to_line(n.offset);
    if (n.kind == Kind::Object) {
      out_ += '{';
      for (size_t i = 0; i < n.members.size(); ++i) {
        if (i) out_ += ',';
        to_line(n.members[i].key_offset);
        seam::JsonWriter::escape(n.members[i].key, out_);
        out_ += ':';
        value(n.members[i].value);
      }
      out_ += '}';
    } else if (n.kind == Kind::Array) {
      out_ += '[';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out_ += ',';
        value(n.items[i]);
      }
      out_ += ']';
    } else {
      out_ += seam::doc::to_json(n);
    }
  }

  std::string take() { return std::move(out_) + "\n"; }

 private:
  // Newlines up to the line where the YAML has this value; never back (aliases may point
  // back, and a value after a block scalar starts below it anyway).
  void to_line(uint32_t offset) {
    for (const uint32_t want = src_.locate(offset).line; line_ < want; ++line_) out_ += '\n';
  }

  const seam::doc::Source& src_;
  std::string out_;
  uint32_t line_ = 1;
};

bool convert(const std::string& path, const std::filesystem::path& out_dir) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto src = seam::doc::make_source(path, text.str());
  auto root = src.ok() ? seam::doc::parse_yaml(src.value()) : seam::Result<Node>(src.error());
  if (!in || !root.ok()) {
    std::fprintf(stderr, "seam-rules-json: %s:%u: %s\n", path.c_str(), root.ok() ? 0 : root.error().line,
                 root.ok() ? "cannot be read" : root.error().message.c_str());
    return false;
  }
  LineKeepingWriter w(src.value());
  w.value(root.value());
  const auto target = out_dir / std::filesystem::path(path).filename().replace_extension(".json");
  const auto temp = std::filesystem::path(target).concat(".tmp");
  std::ofstream(temp, std::ios::binary) << w.take();
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: seam-rules-json OUT_DIR FILE.yaml...\n");
    return 2;
  }
  for (int i = 2; i < argc; ++i)
    if (!convert(argv[i], argv[1])) return 1;
  return 0;
}
