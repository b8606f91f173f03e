// The YAML reader. Plain block YAML, which is how descriptors are written, is read by the
// block reader (parse_yaml_block.cc); the rest, and everything wrong, by libyaml. For that,
// libyaml tokenises and parses; seam pulls its events and builds the Node tree itself, so
// that it controls what a hostile file can cost: nesting depth, alias expansion, and the
// number of documents (it stops at the second). libyaml keeps every scalar as text, so the
// YAML 1.2 core schema (null, booleans, integers, floats) is resolved here for plain scalars;
// quoted scalars are always strings. libyaml replaced yaml-cpp, which took three times as
// long on the turbine example (bench/README.md) and looped forever on inputs like "{},".
#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "doc/parse.h"
#include "doc/pointer.h"
#include "doc/yaml_block.h"

namespace seam::doc {
namespace {

bool is_null_word(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }
bool parse_int(std::string_view s, int64_t& out) {
  int base = 10;
  size_t skip = 0;
  if (s.starts_with("0x")) base = 16, skip = 2;
  else if (s.starts_with("0o")) base = 8, skip = 2;
  else if (!s.empty() && s[0] == '+') skip = 1;  // from_chars takes '-' but not '+'
  const char* first = s.data() + skip;
  const char* last = s.data() + s.size();
  if (first == last || (base != 10 && *first == '-')) return false;
  auto [end, ec] = std::from_chars(first, last, out, base);
  return ec == std::errc() && end == last;
}

// Plain decimal floats only: strtod alone would also take "inf", "nan" and hex floats,
// which YAML spells differently.
bool parse_float(std::string_view s, double& out) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") return out = HUGE_VAL, true;
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return out = -HUGE_VAL, true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return out = std::nan(""), true;
  if (s.find_first_not_of("0123456789+-.eE") != std::string_view::npos) return false;
  if (s.find_first_of("0123456789") == std::string_view::npos) return false;
  const std::string text(s);  // strtod needs the terminating NUL
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// Whether a plain scalar could be anything but text: null, true and false start with one of
// ~nNtTfF, and every number with a digit, a sign or a point. Most descriptor values start
// otherwise and are text at once.
bool may_not_be_text(std::string_view s) {
  if (s.empty()) return true;
  const char c = s[0];
  return (c >= '0' && c <= '9') || std::string_view("~nNtTfF+-.").find(c) != std::string_view::npos;
}

}  // namespace

void resolve_plain_scalar(std::string_view s, Node& out) {
  if (!may_not_be_text(s)) return out.kind = Kind::String, out.text.assign(s), void();
  if (is_null_word(s)) return;
  if (s == "true" || s == "True" || s == "TRUE") return out.kind = Kind::Bool, out.boolean = true, void();
  if (s == "false" || s == "False" || s == "FALSE") return out.kind = Kind::Bool, out.boolean = false, void();
  if (parse_int(s, out.integer)) {
    out.kind = Kind::Int;
    out.number = static_cast<double>(out.integer);
  } else if (parse_float(s, out.number)) {
    out.kind = Kind::Float;
  } else {
    out.kind = Kind::String;
    out.text.assign(s);
  }
}

namespace {

// Builds one document's Node tree from parser events; the first error ends the parse.
class Builder {
 public:
  explicit Builder(const Source& src) : src_(src) {}

  std::optional<Error> error;
  Node root;

  // One event of the document; anything but its content (document start and end) is ignored.
  void on(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_ALIAS_EVENT: return alias(e.start_mark, name(e.data.alias.anchor));
      case YAML_SCALAR_EVENT: return scalar(e);
      case YAML_SEQUENCE_START_EVENT: return open(e.start_mark, Kind::Array, name(e.data.sequence_start.anchor));
      case YAML_MAPPING_START_EVENT: return open(e.start_mark, Kind::Object, name(e.data.mapping_start.anchor));
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: return close();
      default: return;
    }
  }

  // A syntax error at `mark`, with the pointer of the value being read when `in_field`.
  Error syntax_error(const yaml_mark_t& mark, std::string message, bool in_field) const {
    return src_.error_at(offset(mark), std::move(message), in_field ? pointer() : std::string());
  }

  // Byte offset of a libyaml mark, which counts characters (a BOM not included). Events come
  // in text order, so a cursor walks forward from the last mark: walking from the start of
  // the line each time would be quadratic on one long line of flow YAML. A mark before the
  // cursor (an error's context) restarts it at the start of the mark's line.
  uint32_t offset(const yaml_mark_t& m) const {
    const std::string& t = src_.text();
    if (m.index < cursor_chars_) {
      cursor_chars_ = m.index - m.column;
      cursor_bytes_ = src_.offset_of(static_cast<uint32_t>(m.line) + 1, 0);
      if (m.line == 0) cursor_bytes_ = bom_bytes();
    }
    for (; cursor_chars_ < m.index && cursor_bytes_ < t.size(); ++cursor_chars_) {
      ++cursor_bytes_;
      while (cursor_bytes_ < t.size() && (static_cast<unsigned char>(t[cursor_bytes_]) & 0xC0) == 0x80) ++cursor_bytes_;
    }
    return static_cast<uint32_t>(cursor_bytes_);
  }

 private:
  struct Frame {
    Node node;
    size_t anchor = 0;  // an index into anchors_; 0 for none
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

  std::optional<std::string> resolve_scalar(std::string_view tag, std::string_view s, Node& out) const {
    if (tag == "!" || tag == "tag:yaml.org,2002:str" || (tag == "?" && !may_not_be_text(s)))
      return out.kind = Kind::String, out.text.assign(s), std::nullopt;
    if (tag != "?" && !tag.starts_with("tag:yaml.org,2002:")) return "unsupported YAML tag '" + std::string(tag) + "'";
    resolve_plain_scalar(s, out);
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

  static std::string_view name(const yaml_char_t* anchor) {
    return anchor ? std::string_view(reinterpret_cast<const char*>(anchor)) : std::string_view();
  }

  // Gives an anchor's name the next index. A name may be defined again: aliases after that
  // refer to the new value.
  size_t declare(std::string_view anchor) {
    if (anchor.empty()) return 0;
    if (anchors_.empty()) anchors_.resize(1);  // index 0 stands for "no anchor"
    anchors_.emplace_back();
    anchor_ids_[std::string(anchor)] = anchors_.size() - 1;
    return anchors_.size() - 1;
  }

  void alias(const yaml_mark_t& mark, std::string_view anchor) {
    if (error) return;
    const uint32_t at = offset(mark);
    const auto id = anchor_ids_.find(std::string(anchor));
    if (id == anchor_ids_.end())
      return fail(at, "invalid YAML: the alias *" + std::string(anchor) + " refers to no anchor defined before it");
    const Anchor& a = anchors_[id->second];
    if (!a.done) return fail(at, "this alias refers to a value that contains it");
    // Aliases can make a small file expand into a huge tree, or a deep one: count what
    // they add (finish counts the copy's root).
    if (nodes_ + a.size > kMaxNodes) return fail(at, too_many());
    if (stack_.size() + a.height > static_cast<size_t>(kMaxDepth)) return fail(at, too_deep());
    nodes_ += a.size - 1;
    Node copy = a.node;
    const std::string_view raw = a.raw;
    finish(std::move(copy), 0, a.scalar ? &raw : nullptr, a.height);
  }

  void scalar(const yaml_event_t& e) {
    if (error) return;
    const auto& d = e.data.scalar;
    Node n;
    n.offset = offset(e.start_mark);
    // yaml-cpp's convention, which resolve_scalar keeps: "?" for a plain scalar without a
    // tag, "!" for a quoted or block one, else the tag as libyaml expands it ("!!str" ->
    // "tag:yaml.org,2002:str").
    const std::string_view tag = d.tag ? name(d.tag) : d.style == YAML_PLAIN_SCALAR_STYLE ? "?" : "!";
    const std::string_view value(reinterpret_cast<const char*>(d.value), d.length);
    if (auto problem = resolve_scalar(tag, value, n)) return fail(n.offset, std::move(*problem));
    finish(std::move(n), declare(name(d.anchor)), &value, 1);
  }

  void open(const yaml_mark_t& mark, Kind kind, std::string_view anchor) {
    const uint32_t at = offset(mark);
    if (!admit(at)) return;
    Frame f;
    f.node.kind = kind;
    f.node.offset = at;
    f.anchor = declare(anchor);
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
  void finish(Node n, size_t anchor, const std::string_view* raw, size_t height) {
    if (!admit(n.offset)) return;
    remember(anchor, n, 1, height, raw);
    place(std::move(n), raw, height);
  }

  void remember(size_t anchor, const Node& n, size_t size, size_t height, const std::string_view* raw) {
    if (anchor == 0) return;
    // The anchored value is kept as a copy; anchors nested in one another would otherwise
    // copy each level's subtree again, up to 64 times the document.
    if ((nodes_ += size) > kMaxNodes) return fail(n.offset, too_many());
    Anchor& a = anchors_[anchor];
    a.node = n;
    a.size = size;
    a.height = height;
    a.done = true;
    a.scalar = raw != nullptr;
    if (raw) a.raw.assign(*raw);
  }

  // Puts a finished value where it belongs: the root, a list item, a key, or a map value.
  void place(Node n, const std::string_view* raw, size_t height) {
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
      f.key.assign(*raw);
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

  size_t bom_bytes() const { return src_.text().rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; }

  const Source& src_;
  mutable size_t cursor_chars_ = 0, cursor_bytes_ = bom_bytes();  // for offset()
  std::vector<Frame> stack_;
  std::vector<Anchor> anchors_;
  std::unordered_map<std::string, size_t> anchor_ids_;
  size_t nodes_ = 0;
};

}  // namespace

// Owns libyaml's parser and the current event, so that every return path frees them.
class Events {
 public:
  explicit Events(const std::string& text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Events() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  Events(const Events&) = delete;
  Events& operator=(const Events&) = delete;

  const yaml_mark_t& problem_mark() const { return parser_.problem_mark; }

  // The next event, or nullptr on a syntax error (see error()).
  const yaml_event_t* next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_ ? &event_ : nullptr;
  }

  // The syntax error that stopped next(). A quoted scalar that the file ends inside is said
  // in seam's words, at its opening quote and with its field, since libyaml reports only
  // the end of the stream.
  Error error(Builder& b) const {
    const std::string problem = parser_.problem ? parser_.problem : "the text cannot be read";
    const std::string context = parser_.context ? parser_.context : "";
    if (problem.find("end of stream") != std::string::npos && context.find("quoted scalar") != std::string::npos)
      return b.syntax_error(parser_.context_mark, "invalid YAML: the quoted text is not closed; the file ends inside it", true);
    return b.syntax_error(parser_.problem_mark, "invalid YAML: " + problem + (context.empty() ? "" : " " + context), false);
  }

 private:
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool has_event_ = false;
};

Result<Node> parse_yaml(const Source& src) {
  if (auto block = parse_yaml_block(src)) return std::move(*block);
  return parse_yaml_events(src);
}

Result<Node> parse_yaml_events(const Source& src) {
  Builder builder(src);
  Events events(src.text());
  const yaml_event_t* e = events.next();  // the stream's start
  if (e) e = events.next();
  if (!e) return events.error(builder);
  if (e->type == YAML_STREAM_END_EVENT) return src.error_at(0, "expected one YAML document; the file holds none");
  while ((e = events.next()) && e->type != YAML_DOCUMENT_END_EVENT) {
    builder.on(*e);
    if (builder.error) return *builder.error;
  }
  if (!e) return events.error(builder);
  // Stop at the second document: there must not be one. Text that cannot start one ("{},")
  // is reported the same way.
  e = events.next();
  if (!e || e->type == YAML_DOCUMENT_START_EVENT)
    return builder.syntax_error(e ? e->start_mark : events.problem_mark(), "expected one YAML document; more text follows its end", false);
  return std::move(builder.root);
}

}  // namespace seam::doc
