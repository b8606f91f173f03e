// YAML loading with yaml-cpp. yaml-cpp keeps every scalar as text, so the YAML 1.2 core
// schema (null, booleans, integers, floats) is resolved here for plain scalars; quoted
// scalars are always strings.
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include "doc/parse.h"
#include "doc/pointer.h"

namespace seam::doc {
namespace {

bool is_null_word(const std::string& s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

bool parse_int(const std::string& s, int64_t& out) {
  int base = 10;
  size_t skip = 0;
  if (s.rfind("0x", 0) == 0) base = 16, skip = 2;
  else if (s.rfind("0o", 0) == 0) base = 8, skip = 2;
  else if (!s.empty() && s[0] == '+') skip = 1;  // from_chars takes '-' but not '+'
  const char* first = s.data() + skip;
  const char* last = s.data() + s.size();
  if (first == last || (base != 10 && *first == '-')) return false;
  auto [end, ec] = std::from_chars(first, last, out, base);
  return ec == std::errc() && end == last;
}

// Plain decimal floats only: strtod alone would also take "inf", "nan" and hex floats,
// which YAML spells differently.
bool parse_float(const std::string& s, double& out) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") return out = HUGE_VAL, true;
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return out = -HUGE_VAL, true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return out = std::nan(""), true;
  if (s.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;
  if (s.find_first_of("0123456789") == std::string::npos) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// Whether the quoted scalar opening at `open` has its closing quote. yaml-cpp accepts a
// quoted scalar that the file ends inside and silently takes the rest of the file as its
// text (later fields included), so seam looks for the close itself.
bool quote_closes(std::string_view text, size_t open) {
  const char q = text[open];
  for (size_t i = open + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') ++i;  // an escape: the next character is not a close
    else if (text[i] == q && q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is a quote
    else if (text[i] == q) return true;
  }
  return false;
}

class YamlBuilder {
 public:
  explicit YamlBuilder(const Source& src) : src_(src) {}

  Status build(const YAML::Node& y, Node& out, int depth, uint32_t fallback_offset) {
    const YAML::Mark mark = y.Mark();
    out.offset = mark.is_null() ? fallback_offset : src_.offset_of(mark.line + 1, mark.column);
    if (depth > kMaxDepth)
      return src_.error_at(out.offset, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
    // Aliases can make a small file expand into a huge tree; count what is built.
    if (++nodes_ > kMaxNodes)
      return src_.error_at(out.offset, "document expands to more than " + std::to_string(kMaxNodes) +
                                           " values (are YAML aliases nested?)");
    switch (y.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null: out.kind = Kind::Null; return Ok{};
      case YAML::NodeType::Scalar: return build_scalar(y, out);
      case YAML::NodeType::Sequence: return build_sequence(y, out, depth);
      case YAML::NodeType::Map: return build_map(y, out, depth);
    }
    return Ok{};
  }

 private:
  Status build_scalar(const YAML::Node& y, Node& out) {
    const std::string& s = y.Scalar();
    const std::string& tag = y.Tag();
    if (tag == "!") {
      // Each quoted scalar is scanned once, up to its close (an alias repeats an earlier
      // offset), so the check stays linear in the file.
      const std::string& text = src_.text();
      const bool quoted = out.offset < text.size() && (text[out.offset] == '"' || text[out.offset] == '\'');
      if (quoted && (!scanned_ || out.offset > last_quote_)) {
        scanned_ = true;
        last_quote_ = out.offset;
        if (!quote_closes(text, out.offset))
          return src_.error_at(out.offset, "invalid YAML: the quoted text is not closed; the file ends inside it");
      }
    }
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return out.kind = Kind::String, out.text = s, Ok{};
    if (tag != "?" && tag.rfind("tag:yaml.org,2002:", 0) != 0)
      return src_.error_at(out.offset, "unsupported YAML tag '" + tag + "'");
    if (is_null_word(s)) { out.kind = Kind::Null; return Ok{}; }
    if (s == "true" || s == "True" || s == "TRUE") return out.kind = Kind::Bool, out.boolean = true, Ok{};
    if (s == "false" || s == "False" || s == "FALSE") return out.kind = Kind::Bool, out.boolean = false, Ok{};
    if (parse_int(s, out.integer)) {
      out.kind = Kind::Int;
      out.number = static_cast<double>(out.integer);
      return Ok{};
    }
    if (parse_float(s, out.number)) { out.kind = Kind::Float; return Ok{}; }
    out.kind = Kind::String;
    out.text = s;
    return Ok{};
  }

  Status build_sequence(const YAML::Node& y, Node& out, int depth) {
    out.kind = Kind::Array;
    out.items.reserve(y.size());
    for (const auto& item : y) {
      out.items.emplace_back();
      if (auto st = build(item, out.items.back(), depth + 1, out.offset); !st.ok())
        return within_index(std::move(st).take_error(), out.items.size() - 1);
    }
    return Ok{};
  }

  Status build_map(const YAML::Node& y, Node& out, int depth) {
    out.kind = Kind::Object;
    std::unordered_set<std::string> seen;
    for (const auto& kv : y) {
      const YAML::Mark km = kv.first.Mark();
      const uint32_t key_offset = km.is_null() ? out.offset : src_.offset_of(km.line + 1, km.column);
      if (!kv.first.IsScalar()) return src_.error_at(key_offset, "keys must be plain text, not lists or mappings");
      const std::string& key = kv.first.Scalar();
      if (!seen.insert(key).second)
        return within_key(src_.error_at(key_offset, "duplicate key '" + key + "' in this mapping"), key);
      out.members.emplace_back(key, key_offset, Node{});
      if (auto st = build(kv.second, out.members.back().value, depth + 1, key_offset); !st.ok())
        return within_key(std::move(st).take_error(), key);
    }
    return Ok{};
  }

  const Source& src_;
  size_t nodes_ = 0;
  bool scanned_ = false;     // whether a quoted scalar was checked yet
  uint32_t last_quote_ = 0;  // offset of the last one checked
};

}  // namespace

Result<Node> parse_yaml(const Source& src) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(src.text());
  } catch (const YAML::Exception& e) {
    const uint32_t at = e.mark.is_null() ? 0 : src.offset_of(e.mark.line + 1, e.mark.column);
    return src.error_at(at, "invalid YAML: " + e.msg);
  }
  if (docs.size() != 1) {
    return src.error_at(0, "expected one YAML document; found " + std::to_string(docs.size()));
  }
  Node out;
  YamlBuilder builder(src);
  if (auto st = builder.build(docs[0], out, 1, 0); !st.ok()) return std::move(st).take_error();
  return out;
}

}  // namespace seam::doc
