// The fast reader of block YAML (yaml_block.h). Descriptors are block mappings and lists of
// one-line values and text blocks; reading them directly is several times faster than taking
// libyaml's events, which were most of the time a YAML descriptor took to check
// (bench/README.md). The reader declines whatever it does not fully understand, and libyaml
// then reads the text, so it never has to be complete, only right.
#include <algorithm>
#include <unordered_set>
#include <vector>

#include "doc/parse.h"
#include "doc/yaml_block.h"

namespace seam::doc {
namespace {

constexpr size_t kEnd = std::string_view::npos;

// Characters that cannot start a plain scalar or a plain key, or start something this reader
// leaves to libyaml (anchors, aliases, tags, directives, complex keys).
bool indicator(char c) { return std::string_view("-?:,[]{}#&*!|>'\"%@`").find(c) != std::string_view::npos; }

class BlockReader {
 public:
  explicit BlockReader(std::string_view t) : t_(t) {}

  std::optional<Node> document() {
    if (!printable()) return std::nullopt;
    size_t at = next_content(0);
    if (at == kEnd) return std::nullopt;
    if (t_.substr(at, 3) == "---") {  // an explicit start, alone on its line
      if (indent(at) != 0 || !rest_is_blank(at + 3)) return std::nullopt;
      at = next_content(line_end(at) + 1);
      if (at == kEnd) return std::nullopt;
    }
    if (marker_after(at)) return std::nullopt;
    Node root;
    size_t next = kEnd;
    const size_t col = indent(at);
    if (!collection(at + col, col, root, next) || next != kEnd) return std::nullopt;
    return root;
  }

 private:
  // libyaml refuses control characters and a few code points, and reads NEL, LS and PS as
  // line breaks; such text is left to it, as are tabs.
  bool printable() const {
    for (size_t i = 0; i < t_.size(); ++i) {
      const auto c = static_cast<unsigned char>(t_[i]);
      if (c < 0x20 ? c != '\n' : c == 0x7F) return false;
      if (c == 0xC2 && i + 1 < t_.size() && static_cast<unsigned char>(t_[i + 1]) < 0xA0) return false;
      if (c == 0xE2 && (t_.substr(i, 3) == "\xE2\x80\xA8" || t_.substr(i, 3) == "\xE2\x80\xA9")) return false;
      if (c == 0xEF && (t_.substr(i, 3) == "\xEF\xBB\xBF" || t_.substr(i, 3) == "\xEF\xBF\xBE" || t_.substr(i, 3) == "\xEF\xBF\xBF"))
        return false;
    }
    return true;
  }

  // Whether a line from line start p on begins with a document marker, "---" or "..." then
  // a space or the line's end: the end of this document or the start of another, which are
  // libyaml's to judge ("... key:" is an error there, not a key).
  bool marker_after(size_t p) const {
    for (; p < t_.size(); p = line_end(p) + 1) {
      const std::string_view head = t_.substr(p, 3);
      const char after = p + 3 < t_.size() ? t_[p + 3] : '\n';
      if ((head == "---" || head == "...") && (after == ' ' || after == '\n')) return true;
    }
    return false;
  }
  size_t line_start(size_t p) const {
    const size_t nl = t_.rfind('\n', p == 0 ? 0 : p - 1);
    return p == 0 || nl == kEnd ? 0 : nl + 1;
  }
  size_t line_end(size_t p) const {
    const size_t nl = t_.find('\n', p);
    return nl == kEnd ? t_.size() : nl;
  }
  // Spaces at the start of the line that starts at p.
  size_t indent(size_t p) const {
    size_t i = p;
    while (i < t_.size() && t_[i] == ' ') ++i;
    return i - p;
  }
  bool rest_is_blank(size_t p) const {
    while (p < t_.size() && t_[p] == ' ') ++p;
    return p >= t_.size() || t_[p] == '\n' || (t_[p] == '#' && t_[p - 1] == ' ');
  }
  // The start of the first line at or after line start p that holds more than spaces and a
  // comment, or kEnd.
  size_t next_content(size_t p) const {
    while (p < t_.size()) {
      const size_t first = p + indent(p);
      if (first < t_.size() && t_[first] != '\n' && t_[first] != '#') return p;
      p = line_end(first) + 1;
    }
    return kEnd;
  }
  bool entry(size_t p) const { return t_[p] == '-' && (p + 1 >= t_.size() || t_[p + 1] == ' ' || t_[p + 1] == '\n'); }

  // A plain key is implicit in YAML, and an implicit key is at most 1024 characters long;
  // libyaml refuses a longer one. Counting bytes, which are never fewer, keeps inside that.
  static constexpr size_t kMaxKeyBytes = 1024;

  // The colon that ends a plain key starting at p, or kEnd when the line holds no key there
  // (or one too long for libyaml, which is then its to refuse).
  size_t key_colon(size_t p) const {
    if (indicator(t_[p])) return kEnd;
    const size_t end = std::min(line_end(p), p + kMaxKeyBytes);
    for (size_t i = p; i < end; ++i) {
      if (t_[i] == '#' && t_[i - 1] == ' ') return kEnd;
      if (t_[i] == ':' && (i + 1 == end || t_[i + 1] == ' ')) return i;
    }
    return kEnd;
  }

  // Well inside the limits libyaml's path enforces (which count a little differently), so
  // that whatever comes near them is refused there, with its message.
  static constexpr size_t kDepth = kMaxDepth / 2, kNodes = kMaxNodes / 2;
  bool admit() { return ++nodes_ <= kNodes; }

  // A mapping or a list starting at p, in column col.
  bool collection(size_t p, size_t col, Node& out, size_t& next) {
    if (depth_ + 1 > kDepth || !admit()) return false;
    ++depth_;
    const bool ok = entry(p) ? list(p, col, out, next) : key_colon(p) != kEnd && mapping(p, col, out, next);
    --depth_;
    return ok;
  }

  // The value of a key or list entry that ends its line: a collection on the lines below it,
  // a list at the key's own column, a one-line scalar below it, or null.
  bool value_below(size_t after, size_t col, bool list_entry, Node& out, size_t& next) {
    const size_t line = next_content(line_end(after) + 1);
    if (line != kEnd) {
      const size_t ind = indent(line), first = line + ind;
      if (ind > col || (ind == col && !list_entry && entry(first))) {
        if (entry(first) || key_colon(first) != kEnd) return collection(first, ind, out, next);
        return scalar(first, col, out, next);
      }
    }
    // An empty value is null, and libyaml places it just after its ':' or '-'.
    if (!admit()) return false;
    out = Node();
    out.offset = static_cast<uint32_t>(after + 1);
    next = line;
    return true;
  }

  bool mapping(size_t p, size_t col, Node& out, size_t& next) {
    out.kind = Kind::Object;
    out.offset = static_cast<uint32_t>(p);
    std::unordered_set<std::string_view> seen;
    while (true) {
      const size_t colon = key_colon(p);
      if (colon == kEnd || t_[colon - 1] == ' ') return false;
      const std::string_view key = t_.substr(p, colon - p);
      if (key == "<<" || !seen.insert(key).second || !admit()) return false;  // merges and duplicates: libyaml's
      Node value;
      const size_t v = colon + 1 + indent(colon + 1);
      const bool ends_line = v >= t_.size() || t_[v] == '\n' || t_[v] == '#';
      if (!(ends_line ? value_below(colon, col, false, value, next) : scalar(v, col, value, next))) return false;
      out.members.emplace_back(std::string(key), static_cast<uint32_t>(p), std::move(value));
      if (next == kEnd) return true;
      const size_t ind = indent(next);
      if (ind < col) return true;
      if (ind > col || entry(next + ind)) return false;
      p = next + ind;
    }
  }

  bool list(size_t p, size_t col, Node& out, size_t& next) {
    out.kind = Kind::Array;
    out.offset = static_cast<uint32_t>(p);
    while (true) {
      Node item;
      const size_t v = p + 1 + indent(p + 1);
      const bool ends_line = v >= t_.size() || t_[v] == '\n' || t_[v] == '#';
      if (ends_line) {
        if (!value_below(p, col, true, item, next)) return false;
      } else if (entry(v)) {
        return false;  // "- - a": left to libyaml
      } else if (key_colon(v) != kEnd) {
        if (!collection(v, v - line_start(v), item, next)) return false;
      } else if (!scalar(v, col, item, next)) {
        return false;
      }
      out.items.push_back(std::move(item));
      if (next == kEnd) return true;
      const size_t ind = indent(next);
      if (ind < col || (ind == col && !entry(next + ind))) return true;
      if (ind > col) return false;
      p = next + ind;
    }
  }

  // A scalar or one-line flow list at p, after a key or list entry in column col.
  bool scalar(size_t p, size_t col, Node& out, size_t& next) {
    if (!admit()) return false;
    out.offset = static_cast<uint32_t>(p);
    size_t end = 0;  // where the value ends on its line
    const char c = t_[p];
    if (c == '|' || c == '>') return block_scalar(p, col, out, next);
    if (c == '"' || c == '\'') {
      if (!quoted(p, out.text, end)) return false;
      out.kind = Kind::String;
    } else if (c == '[' || c == '{') {
      if (!flow(p, out, end)) return false;
    } else {
      const std::string_view plain = plain_scalar(p, end);
      if (plain.empty()) return false;
      resolve_plain_scalar(plain, out);
    }
    if (!rest_is_blank(end)) return false;
    next = next_content(line_end(end) + 1);
    // A line below that is indented further continues the value: libyaml's to fold.
    return next == kEnd || indent(next) <= col;
  }

  // A plain scalar on one line from p, without a trailing comment or spaces; empty when it
  // holds what a plain scalar may not (": ", a tab) or ends with ':'.
  std::string_view plain_scalar(size_t p, size_t& end) const {
    if (indicator(t_[p]) && !(t_[p] == '-' && p + 1 < t_.size() && t_[p + 1] != ' ' && t_[p + 1] != '\n')) return {};
    const size_t stop = line_end(p);
    size_t last = p;
    for (size_t i = p; i < stop; ++i) {
      if (t_[i] == '#' && t_[i - 1] == ' ') break;
      if (t_[i] == ':' && (i + 1 == stop || t_[i + 1] == ' ')) return {};
      if (t_[i] != ' ') last = i + 1;
    }
    end = last;
    return t_.substr(p, last - p);
  }

  // A quoted scalar that closes on its line; `end` is past the closing quote. Escapes other
  // than the common ones are libyaml's.
  bool quoted(size_t p, std::string& text, size_t& end) const {
    const char q = t_[p];
    const size_t stop = line_end(p);
    text.clear();
    for (size_t i = p + 1; i < stop; ++i) {
      if (q == '"' && t_[i] == '\\') {
        if (!escape(i, stop, text)) return false;
      } else if (t_[i] != q) {
        text += t_[i];
      } else if (q == '\'' && i + 1 < stop && t_[i + 1] == '\'') {
        text += '\'';
        ++i;
      } else {
        end = i + 1;
        return true;
      }
    }
    return false;
  }

  // The escape at i (a backslash) of a double-quoted scalar, appended to text; i moves to its
  // last character.
  bool escape(size_t& i, size_t stop, std::string& text) const {
    if (++i >= stop) return false;
    const char c = t_[i];
    const std::string_view simple = "\\\"/ntrbf0", meant = "\\\"/\n\t\r\b\f";
    if (const size_t k = simple.find(c); k != std::string_view::npos) {
      text += k < meant.size() ? meant[k] : '\0';
      return true;
    }
    const size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (!digits || i + digits >= stop) return false;
    uint32_t cp = 0;
    for (size_t k = 1; k <= digits; ++k) {
      const char h = t_[i + k];
      const int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (v < 0) return false;
      cp = cp * 16 + static_cast<uint32_t>(v);
    }
    // Code points libyaml would refuse or that are not characters: its to report.
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || (cp < 0x20 && cp != '\n' && cp != '\t')) return false;
    i += digits;
    if (cp < 0x80) {
      text += static_cast<char>(cp);
    } else if (cp < 0x800) {
      text += static_cast<char>(0xC0 | (cp >> 6));
      text += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      text += static_cast<char>(0xE0 | (cp >> 12));
      text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      text += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      text += static_cast<char>(0xF0 | (cp >> 18));
      text += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      text += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return true;
  }

  // A flow list or mapping that closes on its line: "[a, 'b', 3]", "{name: x, type: 'y'}",
  // nested as deep as the limit allows. `end` is past its closing bracket.
  bool flow(size_t i, Node& out, size_t& end) {
    if (depth_ + 1 > kDepth) return false;
    ++depth_;
    const bool ok = flow_collection(i, out, end);
    --depth_;
    return ok;
  }

  bool flow_collection(size_t i, Node& out, size_t& end) {
    const bool map = t_[i] == '{';
    const char close = map ? '}' : ']';
    out.kind = map ? Kind::Object : Kind::Array;
    out.offset = static_cast<uint32_t>(i);
    const size_t stop = line_end(i);
    std::unordered_set<std::string_view> seen;
    auto skip = [&] { while (i < stop && t_[i] == ' ') ++i; };
    ++i;
    skip();
    if (i < stop && t_[i] == close) return end = i + 1, true;
    while (i < stop) {
      size_t key_at = i;
      std::string_view key;
      if (map) {  // a plain key and ": "
        const size_t from = i;
        while (i < stop && t_[i] != ':' && std::string_view(",[]{}#'\"").find(t_[i]) == std::string_view::npos) ++i;
        if (i + 1 >= stop || t_[i] != ':' || t_[i + 1] != ' ' || i == from || t_[i - 1] == ' ' || indicator(t_[from]) ||
            i - from >= kMaxKeyBytes)
          return false;
        key = t_.substr(from, i - from);
        if (key == "<<" || !seen.insert(key).second || !admit()) return false;
        i += 2;
        skip();
      }
      Node item;
      if (!admit() || !flow_value(i, stop, close, item)) return false;
      if (map) out.members.emplace_back(std::string(key), static_cast<uint32_t>(key_at), std::move(item));
      else out.items.push_back(std::move(item));
      skip();
      if (i >= stop) return false;
      if (t_[i] == close) return end = i + 1, true;
      if (t_[i] != ',') return false;
      ++i;
      skip();
      if (i >= stop || t_[i] == close) return false;  // a trailing comma: libyaml's
    }
    return false;
  }

  // One value inside a flow collection at i, which moves past it.
  bool flow_value(size_t& i, size_t stop, char close, Node& item) {
    item.offset = static_cast<uint32_t>(i);
    if (t_[i] == '"' || t_[i] == '\'') {
      item.kind = Kind::String;
      return quoted(i, item.text, i);
    }
    if (t_[i] == '[' || t_[i] == '{') return flow(i, item, i);
    if (indicator(t_[i])) return false;
    const size_t from = i;
    while (i < stop && t_[i] != ',' && t_[i] != close) {
      if (std::string_view("[]{}#").find(t_[i]) != std::string_view::npos || (t_[i] == ':' && i + 1 < stop && t_[i + 1] == ' '))
        return false;
      ++i;
    }
    size_t last = i;
    while (last > from && t_[last - 1] == ' ') --last;
    if (last == from || t_[last - 1] == ':') return false;
    resolve_plain_scalar(t_.substr(from, last - from), item);
    return true;
  }

  // A literal (|) or folded (>) block scalar whose header is at p, with an optional chomping
  // indicator. An explicit indentation, more-indented folded lines, white space wider than the
  // text on a blank line, and a block at the end of a file without a final line break are
  // libyaml's.
  bool block_scalar(size_t p, size_t col, Node& out, size_t& next) {
    const bool folded = t_[p] == '>';
    size_t h = p + 1;
    const char chomp = h < t_.size() && (t_[h] == '-' || t_[h] == '+') ? t_[h++] : ' ';
    if ((h < t_.size() && t_[h] != ' ' && t_[h] != '\n') || !rest_is_blank(h)) return false;
    std::vector<std::string_view> lines;  // empty for a blank line
    size_t width = 0, widest_blank = 0, line = line_end(p) + 1;
    for (; line < t_.size(); line = line_end(line) + 1) {
      const size_t ind = indent(line);
      if (line + ind >= t_.size() || t_[line + ind] == '\n') {
        widest_blank = std::max(widest_blank, ind);
        lines.emplace_back();
        continue;
      }
      if (!width && ind <= col) break;
      if (!width) width = ind;
      if (ind < width) break;
      if (ind > width && folded) return false;
      if (line_end(line) == t_.size()) return false;
      lines.push_back(t_.substr(line + width, line_end(line) - line - width));
    }
    if (!width || widest_blank > width) return false;
    next = line < t_.size() ? next_content(line) : kEnd;
    size_t trailing = 0;
    while (lines.back().empty()) lines.pop_back(), ++trailing;
    std::string text;
    size_t blanks = 0;  // blank lines since the last text line
    bool started = false;
    for (const auto l : lines) {
      if (l.empty()) {
        ++blanks;
        if (!folded || !started) text += '\n';
        continue;
      }
      if (started) text += folded ? (blanks ? std::string(blanks, '\n') : std::string(" ")) : std::string("\n");
      text += l;
      started = true;
      blanks = 0;
    }
    if (chomp != '-') text += '\n';
    if (chomp == '+') text.append(trailing, '\n');
    out.kind = Kind::String;
    out.text = std::move(text);
    return next == kEnd || indent(next) <= col;
  }

  std::string_view t_;
  size_t nodes_ = 0, depth_ = 0;
};

}  // namespace

std::optional<Node> parse_yaml_block(const Source& src) { return BlockReader(src.text()).document(); }

}  // namespace seam::doc
