#include "rules/versions.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "util/text.h"

namespace seam::rules {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return text::ascii_space(c); }
bool is_op(char c) { return c == '<' || c == '>' || c == '=' || c == '!' || c == '~' || c == '^'; }
bool is_wild(char c) { return c == 'x' || c == 'X' || c == '*'; }

// Length of the version number at s[i] ("3", "3.11", "2.x"), or 0 when none starts there.
size_t number_length(std::string_view s, size_t i) {
  if (i >= s.size() || !is_digit(s[i])) return 0;
  size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  while (j + 1 < s.size() && s[j] == '.' && (is_digit(s[j + 1]) || is_wild(s[j + 1]))) {
    if (is_wild(s[++j])) { ++j; continue; }
    while (j < s.size() && is_digit(s[j])) ++j;
  }
  return j - i;
}

// Where a version can stop when it is written onto the name ("Python3", "C++17").
bool token_end(std::string_view s, size_t j) {
  return j == s.size() || is_space(s[j]) || s[j] == ',' || s[j] == ')' || s[j] == ';' || s[j] == '+';
}

// Past operators, white space and a 'v' to the first digit of a version, or npos.
size_t digits_after(std::string_view s, size_t i) {
  while (i < s.size() && (is_op(s[i]) || is_space(s[i]))) ++i;
  if (i < s.size() && (s[i] == 'v' || s[i] == 'V')) ++i;
  return number_length(s, i) ? i : std::string_view::npos;
}

// Where the version written after a name begins, or npos when the text has none.
size_t version_start(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char prev = i ? s[i - 1] : ' ';
    if (is_op(s[i]) && !is_op(prev) && digits_after(s, i) != std::string_view::npos) return i;
    if ((s[i] == '@' || s[i] == '(') && digits_after(s, i + 1) == i + 1) return i + 1;
    const bool separated = is_space(prev) || prev == '-' || prev == '_';
    if ((s[i] == 'v' || s[i] == 'V') && separated && i > 0 && number_length(s, i + 1)) return i;
    const size_t n = number_length(s, i);
    if (!n || is_digit(prev) || prev == '.') continue;
    if (i > 0 && separated) return i;
    if (token_end(s, i + n)) return i;  // "Python3", "C++17", or the whole text "3.11"
  }
  return std::string_view::npos;
}

// The end of the version that starts at `i`: one clause, or several joined by commas
// (">=1.2, <2"); a suffix such as "rc1" or "+cu118" belongs to it, words after it do not.
size_t version_end(std::string_view s, size_t i) {
  for (;;) {
    i = digits_after(s, i);
    while (i < s.size() && !is_space(s[i]) && s[i] != ',' && s[i] != ')' && s[i] != ';') ++i;
    size_t next = i;
    while (next < s.size() && is_space(s[next])) ++next;
    if (next >= s.size() || s[next] != ',') return i;
    for (++next; next < s.size() && is_space(s[next]);) ++next;
    if (next >= s.size() || !is_op(s[next]) || digits_after(s, next) == std::string_view::npos) return i;
    i = next;
  }
}

using Version = std::vector<int64_t>;

int compare(const Version& a, const Version& b) {
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const int64_t x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// The first version after every release that starts with the first `n` components of `v`.
Version next_after(Version v, size_t n) {
  v.resize(std::max<size_t>(1, std::min(n, v.size())));
  ++v.back();
  return v;
}

struct Bound {
  bool set = false;
  Version v;
  bool inclusive = false;
};

// The versions a specification allows: from lo to hi.
struct Range {
  Bound lo, hi;

  void raise(Bound b) {
    if (!b.set) return;
    if (!lo.set || compare(b.v, lo.v) > 0 || (compare(b.v, lo.v) == 0 && !b.inclusive)) lo = std::move(b);
  }
  void lower(Bound b) {
    if (!b.set) return;
    if (!hi.set || compare(b.v, hi.v) < 0 || (compare(b.v, hi.v) == 0 && !b.inclusive)) hi = std::move(b);
  }
  bool empty() const {
    if (!lo.set || !hi.set) return false;
    const int c = compare(lo.v, hi.v);
    return c > 0 || (c == 0 && !(lo.inclusive && hi.inclusive));
  }
};

// One clause, ">=1.2" or "3.11", narrows `r`; false when it has no version number.
bool apply_clause(std::string_view clause, Range& r) {
  clause = text::trim(clause);
  size_t i = 0;
  while (i < clause.size() && is_op(clause[i])) ++i;
  const std::string_view op = clause.substr(0, i);
  const size_t at = digits_after(clause, i);
  if (at == std::string_view::npos) return false;
  Version v;  // "2.x" reads as 2: the same release family
  for (size_t j = at; j < clause.size() && is_digit(clause[j]);) {
    int64_t n = 0;
    for (; j < clause.size() && is_digit(clause[j]); ++j) n = std::min<int64_t>(n * 10 + (clause[j] - '0'), INT32_MAX);
    v.push_back(n);
    if (j + 1 < clause.size() && clause[j] == '.') ++j;
    else break;
  }
  if (op == ">=" || op == ">") return r.raise({true, v, op == ">="}), true;
  if (op == "<=" || op == "<") return r.lower({true, v, op == "<="}), true;
  if (op == "!=") return true;  // excludes one release: no help in telling two specs apart
  size_t kept = v.size();  // a plain version, "==" or "=": every release it is a prefix of
  if (op == "~=") kept = v.size() - 1;
  else if (op == "~") kept = std::min<size_t>(2, v.size());
  else if (op == "^") kept = std::find_if(v.begin(), v.end() - 1, [](int64_t c) { return c != 0; }) - v.begin() + 1;
  r.raise({true, v, true});
  r.lower({true, next_after(v, kept), false});
  return true;
}

std::optional<Range> parse_spec(std::string_view spec) {
  const Versioned split = split_versioned(spec);
  if (split.version.empty()) return std::nullopt;
  Range r;
  std::string_view rest = split.version;
  for (size_t comma; !rest.empty(); rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1)) {
    comma = rest.find(',');
    if (!apply_clause(rest.substr(0, comma), r)) return std::nullopt;
  }
  return r;
}

std::string name_key(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : text::trim(s)) {
    if (is_space(c)) { space = true; continue; }
    if (space) out += ' ';
    space = false;
    out += c == '_' || c == '.' ? '-' : text::ascii_lower(c);
  }
  return out;
}

}  // namespace

Versioned split_versioned(std::string_view text) {
  text = text::trim(text);
  const size_t start = version_start(text);
  if (start == std::string_view::npos) return {std::string(text), {}};
  std::string_view name = text.substr(0, start);
  while (!name.empty() && (is_space(name.back()) || name.back() == '-' || name.back() == '_' || name.back() == '@' || name.back() == '('))
    name.remove_suffix(1);
  return {std::string(name), std::string(text::trim(text.substr(start, version_end(text, start) - start)))};
}

bool same_package_name(std::string_view a, std::string_view b) {
  const std::string x = name_key(a);
  return !x.empty() && x == name_key(b);
}

std::optional<bool> versions_compatible(std::string_view a, std::string_view b) {
  auto x = parse_spec(a), y = parse_spec(b);
  if (!x || !y) return std::nullopt;
  x->raise(y->lo);
  x->lower(y->hi);
  return !x->empty();
}

}  // namespace seam::rules
