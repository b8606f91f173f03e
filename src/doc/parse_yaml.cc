// The YAML reader. yaml-cpp tokenises and parses; seam receives its events and builds the
// Node tree itself, so that it controls what a hostile file can cost: nesting depth, alias
// expansion, and the number of documents (yaml-cpp's own LoadAll never ends on some
// malformed inputs, such as "{},"). yaml-cpp keeps every scalar as text, so the YAML 1.2
// core schema (null, booleans, integers, floats) is resolved here for plain scalars;
// quoted scalars are always strings.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "doc/parse.h"
#include "doc/pointer.h"
#include "util/text.h"

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

// Ignores a document's events; used only to learn whether a second document exists.
struct Discard : YAML::EventHandler {
  YAML::Mark start;
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// yaml-cpp decodes the escapes \N and \_ (U+0085, U+00A0) to single Latin-1 bytes rather than
// UTF-8. The source text was checked to be UTF-8, and every other escape decodes to UTF-8, so
// a byte that breaks UTF-8 in a scalar can only be one of those two: re-encode it. Anything
// else is not repairable (nullopt).
std::optional<std::string> latin1_escapes_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    if (const size_t n = text::decode_utf8(s, i, cp)) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    const auto byte = static_cast<unsigned char>(s[i++]);
    if (byte != 0x85 && byte != 0xA0) return std::nullopt;
    out += static_cast<char>(0xC2);
    out += static_cast<char>(byte);
  }
  return out;
}

// Builds one document's Node tree from parser events. The first error is kept and every
// later event ignored, since an event handler cannot stop the parser.
class Builder : public YAML::EventHandler {
 public:
  explicit Builder(const Source& src) : src_(src) {}

  std::optional<Error> error;
  Node root;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.offset = offset(mark);
    finish(std::move(n), anchor, nullptr, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (error) return;
    const uint32_t at = offset(mark);
    if (anchor >= anchors_.size() || !anchors_[anchor].done)
      return fail(at, "this alias refers to a value that contains it");
    const Anchor& a = anchors_[anchor];
    // Aliases can make a small file expand into a huge tree, or a deep one: count what
    // they add (finish counts the copy's root).
    if (nodes_ + a.size > kMaxNodes) return fail(at, too_many());
    if (stack_.size() + a.height > static_cast<size_t>(kMaxDepth)) return fail(at, too_deep());
    nodes_ += a.size - 1;
    Node copy = a.node;
    finish(std::move(copy), 0, a.scalar ? &a.raw : nullptr, a.height);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (error) return;
    Node n;
    n.offset = offset(mark);
    std::optional<std::string> repaired;
    if (text::find_invalid_utf8(value)) {
      repaired = latin1_escapes_to_utf8(value);
      if (!repaired) return fail(n.offset, "this value is not valid UTF-8 once its escapes are read");
    }
    const std::string& v = repaired ? *repaired : value;
    if (auto e = resolve_scalar(tag, v, n)) return fail(n.offset, std::move(*e));
    finish(std::move(n), anchor, &v, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, Kind::Array, anchor);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, Kind::Object, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    size_t nodes_before = 0;
    size_t height = 1;  // levels in this value, itself included
    bool has_key = false;  // a map's key was read and its value is awaited
    std::string key;
    uint32_t key_offset = 0;
    std::unordered_set<std::string> seen;
    std::vector<Node> merged;  // the values of "<<" merge keys, applied when the map closes
  };
  struct Anchor {
    Node node;
    size_t size = 0;  // nodes in the anchored value, which each alias adds again
    size_t height = 1;
    bool done = false;
    bool scalar = false;
    std::string raw;  // a scalar's text, for an alias used as a key
  };

  uint32_t offset(const YAML::Mark& m) const { return m.is_null() ? 0 : src_.offset_of(m.line + 1, m.column); }

  static std::string too_deep() { return "nesting is deeper than " + std::to_string(kMaxDepth) + " levels"; }
  static std::string too_many() {
    return "document expands to more than " + std::to_string(kMaxNodes) + " values (are YAML aliases nested?)";
  }

  // The pointer of the value being built: a list index only below a key, as within_index.
  std::string pointer() const {
    std::string p, tail;
    for (const Frame& f : stack_) {
      if (f.node.kind == Kind::Object && f.has_key) {
        p.append(tail).append(1, '/').append(escape_token(f.key));
        tail.clear();
      } else if (f.node.kind == Kind::Array) {
        tail.append(1, '/').append(std::to_string(f.node.items.size()));
      }
    }
    return p;
  }

  void fail(uint32_t at, std::string message) {
    if (!error) error = src_.error_at(at, std::move(message), pointer());
  }

  std::optional<std::string> resolve_scalar(const std::string& tag, const std::string& s, Node& out) const {
    if (tag == "!") {
      const std::string& text = src_.text();
      const bool quoted = out.offset < text.size() && (text[out.offset] == '"' || text[out.offset] == '\'');
      if (quoted && !quote_closes(text, out.offset))
        return "invalid YAML: the quoted text is not closed; the file ends inside it";
    }
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return out.kind = Kind::String, out.text = s, std::nullopt;
    if (tag != "?" && tag.rfind("tag:yaml.org,2002:", 0) != 0) return "unsupported YAML tag '" + tag + "'";
    if (is_null_word(s)) return std::nullopt;
    if (s == "true" || s == "True" || s == "TRUE") return out.kind = Kind::Bool, out.boolean = true, std::nullopt;
    if (s == "false" || s == "False" || s == "FALSE") return out.kind = Kind::Bool, out.boolean = false, std::nullopt;
    if (parse_int(s, out.integer)) {
      out.kind = Kind::Int;
      out.number = static_cast<double>(out.integer);
    } else if (parse_float(s, out.number)) {
      out.kind = Kind::Float;
    } else {
      out.kind = Kind::String;
      out.text = s;
    }
    return std::nullopt;
  }

  // Checks depth and size for a value about to start; false when it is refused.
  bool admit(uint32_t at) {
    if (error) return false;
    if (stack_.size() + 1 > static_cast<size_t>(kMaxDepth))
      return fail(at, too_deep()), false;
    if (++nodes_ > kMaxNodes) return fail(at, too_many()), false;
    return true;
  }

  void open(const YAML::Mark& mark, Kind kind, YAML::anchor_t anchor) {
    const uint32_t at = offset(mark);
    if (!admit(at)) return;
    Frame f;
    f.node.kind = kind;
    f.node.offset = at;
    f.anchor = anchor;
    f.nodes_before = nodes_ - 1;
    stack_.push_back(std::move(f));
  }

  void close() {
    if (error) return;
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.node.kind == Kind::Object) merge(f);
    if (error) return;
    remember(f.anchor, f.node, nodes_ - f.nodes_before, f.height, nullptr);
    place(std::move(f.node), nullptr, f.height);
  }

  // A completed scalar, null or alias copy.
  void finish(Node n, YAML::anchor_t anchor, const std::string* raw, size_t height) {
    if (!admit(n.offset)) return;
    remember(anchor, n, 1, height, raw);
    place(std::move(n), raw, height);
  }

  void remember(YAML::anchor_t anchor, const Node& n, size_t size, size_t height, const std::string* raw) {
    if (anchor == 0) return;
    // The anchored value is kept as a copy; anchors nested in one another would otherwise
    // copy each level's subtree again, up to 64 times the document.
    if ((nodes_ += size) > kMaxNodes) return fail(n.offset, too_many());
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    Anchor& a = anchors_[anchor];
    a.node = n;
    a.size = size;
    a.height = height;
    a.done = true;
    a.scalar = raw != nullptr;
    if (raw) a.raw = *raw;
  }

  // Puts a finished value where it belongs: the root, a list item, a key, or a map value.
  void place(Node n, const std::string* raw, size_t height) {
    if (stack_.empty()) {
      root = std::move(n);
      return;
    }
    Frame& f = stack_.back();
    f.height = std::max(f.height, height + 1);
    if (f.node.kind == Kind::Array) {
      f.node.items.push_back(std::move(n));
    } else if (!f.has_key) {
      if (raw == nullptr) return fail(n.offset, "keys must be plain text, not lists or mappings");
      f.key = *raw;
      f.key_offset = n.offset;
      f.has_key = true;
    } else if (f.key == "<<" && raw_is_plain(f.key_offset)) {
      add_merge(f, std::move(n));
    } else {
      if (!f.seen.insert(f.key).second) return fail(f.key_offset, "duplicate key '" + f.key + "' in this mapping");
      f.node.members.emplace_back(std::move(f.key), f.key_offset, std::move(n));
      f.has_key = false;
    }
  }

  bool raw_is_plain(uint32_t key_offset) const {
    const std::string& t = src_.text();
    return key_offset < t.size() && t[key_offset] == '<';
  }

  // YAML's merge key: "<<: *base" or "<<: [*a, *b]" adds the members of those mappings
  // that the mapping does not set itself; of several, the earlier one wins.
  void add_merge(Frame& f, Node n) {
    const uint32_t at = n.offset;
    if (n.kind == Kind::Object) {
      f.merged.push_back(std::move(n));
    } else if (n.kind == Kind::Array) {
      for (Node& item : n.items) {
        if (item.kind != Kind::Object)
          return fail(at, "a merge key ('<<') takes a mapping or a list of mappings; this list holds a value of type " +
                              std::string(kind_name(item.kind)));
        f.merged.push_back(std::move(item));
      }
    } else {
      return fail(at, "a merge key ('<<') takes a mapping or a list of mappings, not a value of type " +
                          std::string(kind_name(n.kind)));
    }
    f.has_key = false;
  }

  void merge(Frame& f) {
    for (Node& source : f.merged)
      for (Member& m : source.members)
        if (f.seen.insert(m.key).second) f.node.members.push_back(std::move(m));
  }

  const Source& src_;
  std::vector<Frame> stack_;
  std::vector<Anchor> anchors_;
  size_t nodes_ = 0;
};

}  // namespace

Result<Node> parse_yaml(const Source& src) {
  std::istringstream in(src.text());
  Builder builder(src);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder))
      return builder.error ? *builder.error : src.error_at(0, "expected one YAML document; the file holds none");
    if (builder.error) return *builder.error;
    // Stop at the second document: there must not be one, and reading on is what made
    // yaml-cpp's LoadAll run without end.
    Discard next;
    if (parser.HandleNextDocument(next))
      return src.error_at(next.start.is_null() ? 0 : src.offset_of(next.start.line + 1, next.start.column),
                          "expected one YAML document; more text follows its end");
  } catch (const YAML::Exception& e) {
    if (builder.error) return *builder.error;
    const uint32_t at = e.mark.is_null() ? 0 : src.offset_of(e.mark.line + 1, e.mark.column);
    return src.error_at(at, "invalid YAML: " + e.msg);
  }
  return std::move(builder.root);
}

}  // namespace seam::doc
