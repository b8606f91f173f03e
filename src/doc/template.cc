#include "doc/template.h"

#include <sstream>

namespace seam::doc {
namespace {

constexpr size_t kWidth = 92;
constexpr uint8_t bit(Kind k) { return static_cast<uint8_t>(1u << static_cast<int>(k)); }

void wrap_comment(const std::string& text, const std::string& indent, std::vector<std::string>& lines) {
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    if (!line.empty() && indent.size() + 2 + line.size() + 1 + word.size() > kWidth) {
      lines.push_back(indent + "# " + line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(indent + "# " + line);
}

bool is_object(const SchemaNode& s) { return s.types == bit(Kind::Object) && !s.properties.empty(); }

// The hint after a scalar placeholder: what kind of value belongs there.
std::string hint(const SchemaNode& s) {
  if (!s.enum_values.empty()) {
    std::string out = "one of: ";
    for (size_t i = 0; i < s.enum_values.size(); ++i)
      out += (i ? " | " : "") + (s.enum_values[i].kind == Kind::String ? s.enum_values[i].text : s.enum_values[i].describe());
    return out;
  }
  if (s.format == "date") return "date, YYYY-MM-DD";
  if (s.types & SchemaNode::kIntegralFloat) return "integer";
  if (s.types & bit(Kind::Float)) return "number";
  if (s.types & bit(Kind::Bool)) return "true or false";
  return "";
}

std::string placeholder(const SchemaNode& s) {
  return (s.types & bit(Kind::String)) || s.types == 0 ? "\"\"" : "null";
}

// Top-level fields whose value the template sets (a format version, the component's id),
// as the YAML text that follows "name: ".
using Fixed = std::vector<std::pair<std::string, std::string>>;

class TemplateWriter {
 public:
  explicit TemplateWriter(bool with_docs, Fixed fixed = {}) : docs_(with_docs), fixed_(std::move(fixed)) {}

  void fields(const SchemaNode& s, const std::string& indent, std::vector<std::string>& lines) {
    // Deprecated fields are older formats' keys: accepted when read, never to be written.
    for (const auto& [name, sub] : s.properties)
      if (!sub->deprecated) field(name, *sub, indent, lines);
  }

 private:
  void field(const std::string& name, const SchemaNode& s, const std::string& indent, std::vector<std::string>& lines) {
    if (docs_ && !s.description.empty()) wrap_comment(s.description, indent, lines);
    if (indent.empty())
      for (const auto& [key, value] : fixed_)
        if (key == name) return lines.push_back(name + ": " + value);
    if (is_object(s)) {
      lines.push_back(indent + name + ":");
      return fields(s, indent + "  ", lines);
    }
    if (s.types == bit(Kind::Array)) return array(name, s, indent, lines);
    const std::string h = hint(s);
    lines.push_back(indent + name + ": " + placeholder(s) + (h.empty() ? "" : "  # " + h));
  }

  void array(const std::string& name, const SchemaNode& s, const std::string& indent, std::vector<std::string>& lines) {
    if (!s.items || !is_object(*s.items)) {
      const std::string h = s.items ? hint(*s.items) : "";
      lines.push_back(indent + name + ": []  # a list" + (h.empty() ? "" : " of: " + h.substr(h.find(':') + 1)));
      return;
    }
    std::vector<std::string> entry;
    TemplateWriter(false).fields(*s.items, "", entry);
    if (!docs_) {  // inside an example: show one entry, so nested lists are spelled out too
      lines.push_back(indent + name + ":");
      for (size_t i = 0; i < entry.size(); ++i) lines.push_back(indent + (i ? "    " : "  - ") + entry[i]);
      return;
    }
    // The example entry is commented out: an entry with nothing filled in would be noise.
    lines.push_back(indent + "# Each entry looks like this:");
    for (size_t i = 0; i < entry.size(); ++i) lines.push_back(indent + "#   " + (i ? "  " : "- ") + entry[i]);
    lines.push_back(indent + name + ": []");
  }

  bool docs_;
  Fixed fixed_;
};

// A YAML double-quoted scalar of text that needs no escaping (versions, component ids). Built
// by appending: GCC 12 warns wrongly (-Wrestrict) about "\"" + std::string(...).
std::string quoted(std::string_view s) { return std::string(1, '"').append(s).append(1, '"'); }

// The header comment, then every field of `root`.
std::string render(const SchemaNode& root, const std::string& title, const std::string& advice, Fixed fixed) {
  std::vector<std::string> lines;
  lines.push_back("# " + title);
  lines.push_back("#");
  wrap_comment(root.description, "", lines);
  lines.push_back("#");
  wrap_comment(advice, "", lines);
  lines.push_back("");
  TemplateWriter writer(true, std::move(fixed));
  writer.fields(root, "", lines);
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

std::string descriptor_template(Descriptor d) {
  return render(descriptor_schema(d).root(),
                std::string(descriptor_title(d)) + " descriptor, format " + std::string(kCurrentVersion),
                "Fill in what you know. A field left empty (\"\" or null) counts as not provided; "
                "seam reports it as missing information rather than as an error. "
                "Run `seam validate` on this file after editing.",
                {{"version", quoted(kCurrentVersion)}});
}

std::string trl_card_template(std::string_view component) {
  const SchemaNode& root = embedded_schema("trl_card").root();
  const std::string id(component);
  return render(root, "TRL Card of " + id + ", format 1.0 (schemas/trl_card.schema.json)",
                "A starting point at level 0. Fill in what you know; a field left empty (\"\", null or []) "
                "counts as not filled, and `seam trl status` shows which fields the gate to the next level "
                "needs. `seam trl review` records reviews and updates the level; do not edit `level` or "
                "`reviews` by hand.",
                {{"version", quoted("1.0")}, {"component", quoted(id)}, {"level", "0"}});
}

}  // namespace seam::doc
