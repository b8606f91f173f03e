#include "report/diff_report.h"

#include "util/json_writer.h"

namespace seam::report {
namespace {

constexpr size_t kMaxValueBytes = 60;

// A value short enough for one line: a long one keeps its first characters and ends in "…",
// cut between UTF-8 characters.
std::string shorten(const std::optional<std::string>& value) {
  const std::string json = value.value_or("");
  if (json.size() <= kMaxValueBytes) return json;
  size_t cut = kMaxValueBytes - 1;
  while (cut > 0 && (static_cast<unsigned char>(json[cut]) & 0xC0) == 0x80) --cut;
  return json.substr(0, cut) + "…";
}

std::string text_pointer(const std::string& pointer) { return pointer.empty() ? "(document)" : pointer; }

}  // namespace

std::string diff_json(const doc::Diff& d) {
  JsonWriter w(2);
  w.begin_array();
  for (const auto& c : d) {
    w.begin_object();
    w.key("op").value(doc::op_name(c.op));
    w.key("pointer").value(c.pointer);
    if (c.before) w.key("before").raw(*c.before);
    if (c.after) w.key("after").raw(*c.after);
    w.end_object();
  }
  w.end_array();
  return w.str() + "\n";
}

std::string diff_text(const doc::Diff& d) {
  if (d.empty()) return "no changes\n";
  std::string out;
  for (const auto& c : d) {
    switch (c.op) {
      case doc::ChangeOp::Added: out += "+ " + text_pointer(c.pointer) + ": " + shorten(c.after); break;
      case doc::ChangeOp::Removed: out += "- " + text_pointer(c.pointer) + ": " + shorten(c.before); break;
      case doc::ChangeOp::Changed:
        out += "~ " + text_pointer(c.pointer) + ": " + shorten(c.before) + " -> " + shorten(c.after);
        break;
    }
    out += '\n';
  }
  return out;
}

}  // namespace seam::report
