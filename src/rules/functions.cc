// Built-in functions of the rule language. Each has a type rule, checked when a rule loads,
// and an implementation that returns null, never an error, when its input is absent.
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "facts/dates.h"
#include "facts/facts.h"
#include "rules/expr_internal.h"
#include "rules/text_facts.h"
#include "rules/units.h"
#include "rules/versions.h"
#include "util/text.h"

namespace seam::rules {
namespace {

using K = Type::Kind;
using VT = Value::Type;

bool fits(const Type& t, std::initializer_list<K> kinds) {
  if (t.kind == K::Dyn || t.kind == K::Null) return true;
  return std::find(kinds.begin(), kinds.end(), t.kind) != kinds.end();
}

Result<Type> want(const std::vector<Type>& args, std::initializer_list<std::initializer_list<K>> kinds, Type result) {
  size_t i = 0;
  for (const auto& allowed : kinds) {
    if (i < args.size() && !fits(args[i], allowed))
      return Error::invalid(std::string("argument ").append(std::to_string(i + 1)).append(" is a ").append(args[i].name()));
    ++i;
  }
  return result;
}

constexpr std::initializer_list<K> kNum = {K::Int, K::Double};
constexpr std::initializer_list<K> kStr = {K::String};
constexpr std::initializer_list<K> kList = {K::List};
constexpr std::initializer_list<K> kScalar = {K::Int, K::Double, K::String, K::Bool};

// Lower case, no surrounding space, inner runs of white space as one space: how seam compares
// names that people typed in different descriptors.
std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : text::trim(s)) {
    if (text::ascii_space(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += text::ascii_lower(c);
  }
  return out;
}

std::optional<double> parse_number(const Value& v) {
  if (v.is_number()) return v.as_double();
  if (v.type() != VT::String) return std::nullopt;
  std::string s(text::trim(v.as_string()));
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());  // "1,000"
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

Value f_has(const Value* a, size_t) { return Value::boolean(!a[0].is_absent()); }

Value f_size(const Value* a, size_t) { return Value::integer(static_cast<int64_t>(a[0].size())); }

Value f_norm(const Value* a, size_t) {
  return a[0].type() == VT::String ? Value::string(normalize(a[0].as_string())) : Value{};
}

Value f_lower(const Value* a, size_t) {
  return a[0].type() == VT::String ? Value::string(text::lower(a[0].as_string())) : Value{};
}

Value f_trim(const Value* a, size_t) {
  return a[0].type() == VT::String ? Value::string(std::string(text::trim(a[0].as_string()))) : Value{};
}

// normalize(a) == normalize(b), without building either string: same() runs inside nested
// loops over descriptor lists, so it is the hottest function of a check.
bool same_text(std::string_view a, std::string_view b) {
  a = text::trim(a);
  b = text::trim(b);
  auto space = text::ascii_space;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (space(a[i]) && space(b[j])) {
      while (i < a.size() && space(a[i])) ++i;
      while (j < b.size() && space(b[j])) ++j;
      continue;
    }
    if (text::ascii_lower(a[i]) != text::ascii_lower(b[j])) return false;
    ++i;
    ++j;
  }
  return i == a.size() && j == b.size();
}

// Absent values are never the same as anything: "no name" does not match "no name".
Value f_same(const Value* a, size_t) {
  if (a[0].is_absent() || a[1].is_absent()) return Value::boolean(false);
  if (a[0].type() == VT::String && a[1].type() == VT::String)
    return Value::boolean(same_text(a[0].as_string(), a[1].as_string()));
  return Value::boolean(a[0].equals(a[1]));
}

// Whether a mapping names a field: the whole mapping, or the name it starts with before a
// note on the conversion ("amount_cents in production; divide by 100", "amount_eur (same
// unit)"), which is how the schema asks teams to write it.
Value f_maps_to(const Value* a, size_t) {
  if (a[0].type() != VT::String || a[1].type() != VT::String || a[0].is_absent() || a[1].is_absent())
    return Value::boolean(false);
  const std::string_view mapping = text::trim(a[0].as_string()), name = a[1].as_string();
  if (same_text(mapping, name)) return Value::boolean(true);
  const size_t note = mapping.find_first_of("(;,:");
  if (note != std::string_view::npos && same_text(mapping.substr(0, note), name)) return Value::boolean(true);
  const size_t space = std::find_if(mapping.begin(), mapping.end(), text::ascii_space) - mapping.begin();
  return Value::boolean(space < mapping.size() && same_text(mapping.substr(0, space), name));
}

Value f_contains(const Value* a, size_t) {
  if (a[0].type() != VT::String || a[1].type() != VT::String) return {};
  // Reused buffers: contains() runs in loops, and normalizing allocates otherwise.
  thread_local std::string hay, needle;
  hay = normalize(a[0].as_string());
  needle = normalize(a[1].as_string());
  return Value::boolean(hay.find(needle) != std::string::npos);
}

Value f_string(const Value* a, size_t) { return a[0].is_null() ? Value{} : Value::string(a[0].to_text()); }

Value f_number(const Value* a, size_t) {
  auto d = parse_number(a[0]);
  return d ? Value::number(*d) : Value{};
}

Value f_to_seconds(const Value* a, size_t) {
  auto n = parse_number(a[0]);
  if (!n || a[1].type() != VT::String) return {};
  auto factor = seconds_per_unit(a[1].as_string());
  return factor ? Value::number(*n * *factor) : Value{};
}

Value f_to_bytes(const Value* a, size_t n_args) {
  auto n = parse_number(a[0]);
  if (!n) return {};
  // Descriptors state memory and storage in GB; a unit argument overrides that.
  const std::string_view unit = n_args > 1 && a[1].type() == VT::String ? a[1].as_string() : "GB";
  auto factor = bytes_per_unit(unit);
  return factor ? Value::number(*n * *factor) : Value{};
}

Value f_type_compatible(const Value* a, size_t) {
  if (a[0].type() != VT::String || a[1].type() != VT::String || a[0].is_absent() || a[1].is_absent()) return {};
  return Value::boolean(types_compatible(a[0].as_string(), a[1].as_string()));
}

Value f_first(const Value* a, size_t) { return a[0].type() == VT::List ? a[0].at(0) : Value{}; }

Value f_rel_diff(const Value* a, size_t) {
  auto x = parse_number(a[0]), y = parse_number(a[1]);
  if (!x || !y) return {};
  const double scale = std::max(std::fabs(*x), std::fabs(*y));
  return Value::number(scale == 0 ? 0 : std::fabs(*x - *y) / scale);
}

// Absent elements are left out, so join([a, b], ' ') works when one of them is missing.
Value f_join(const Value* a, size_t n) {
  if (a[0].type() != VT::List) return {};
  const std::string sep = n > 1 && a[1].type() == VT::String ? std::string(a[1].as_string()) : ", ";
  std::string out;
  for (size_t i = 0; i < a[0].size(); ++i) {
    const Value v = a[0].at(i);
    if (v.is_absent()) continue;
    if (!out.empty()) out += sep;
    out += v.to_text();
  }
  return Value::string(std::move(out));
}

Value f_default(const Value* a, size_t) { return a[0].is_absent() ? a[1] : a[0]; }

// Whether `name` occurs in `text` as a whole word (case ignored): "torch 2.1" mentions
// "torch" but not "R".
Value f_mentions(const Value* a, size_t) {
  if (a[0].type() != VT::String || a[1].type() != VT::String || a[1].is_absent()) return {};
  const std::string hay = normalize(a[0].as_string()), word = normalize(a[1].as_string());
  auto alnum = text::ascii_alnum;
  for (size_t at = hay.find(word); at != std::string::npos; at = hay.find(word, at + 1)) {
    const bool starts = at == 0 || !alnum(hay[at - 1]);
    const bool ends = at + word.size() == hay.size() || !alnum(hay[at + word.size()]);
    if (starts && ends) return Value::boolean(true);
  }
  return Value::boolean(false);
}

// Names with versions (versions.h): "Python 3.11" is the name Python at version 3.11.
Value f_name_of(const Value* a, size_t) {
  return a[0].type() == VT::String ? Value::string(split_versioned(a[0].as_string()).name) : Value{};
}

Value f_version_of(const Value* a, size_t) {
  if (a[0].type() != VT::String) return {};
  std::string v = split_versioned(a[0].as_string()).version;
  return v.empty() ? Value{} : Value::string(std::move(v));
}

Value f_same_name(const Value* a, size_t) {
  if (a[0].type() != VT::String || a[1].type() != VT::String) return Value::boolean(false);
  return Value::boolean(same_package_name(split_versioned(a[0].as_string()).name, split_versioned(a[1].as_string()).name));
}

// Field names that differ only by a unit at the end: "pixel_spacing_mm" and "pixel_spacing".
Value f_same_field(const Value* a, size_t) {
  if (a[0].type() != VT::String || a[1].type() != VT::String || a[0].is_absent() || a[1].is_absent())
    return Value::boolean(false);
  // Names whose first letters differ have different stems; most pairs a rule tries are such.
  auto first = [](std::string_view s) {
    const size_t i = std::find_if(s.begin(), s.end(), text::ascii_alnum) - s.begin();
    return i < s.size() ? text::ascii_lower(s[i]) : '\0';
  };
  if (first(a[0].as_string()) != first(a[1].as_string())) return Value::boolean(false);
  return Value::boolean(facts::field_stem(a[0].as_string()) == facts::field_stem(a[1].as_string()));
}

Value f_versions_compatible(const Value* a, size_t) {
  if (a[0].type() != VT::String || a[1].type() != VT::String) return {};
  const auto ok = versions_compatible(a[0].as_string(), a[1].as_string());
  return ok ? Value::boolean(*ok) : Value{};
}

// Pearson's chi-square goodness of fit of observed percentages against expected percentages,
// scaled to n observations. Returns the p-value; 0 when a category expected at 0% occurs.
Value f_chi2_p(const Value* a, size_t) {
  auto n = parse_number(a[2]);
  if (a[0].type() != VT::List || a[1].type() != VT::List || a[0].size() != a[1].size() || !n || *n <= 0) return {};
  double stat = 0;
  const size_t k = a[0].size();
  for (size_t i = 0; i < k; ++i) {
    auto obs = parse_number(a[0].at(i)), exp = parse_number(a[1].at(i));
    if (!obs || !exp) return {};
    const double o = *obs / 100 * *n, e = *exp / 100 * *n;
    if (e <= 0) {
      if (o > 0) return Value::number(0);
      continue;
    }
    stat += (o - e) * (o - e) / e;
  }
  if (k < 2) return {};
  return Value::number(boost::math::gamma_q((k - 1) / 2.0, stat / 2));
}

Value f_abs(const Value* a, size_t) {
  if (a[0].type() == VT::Int && a[0].as_int() != INT64_MIN) return Value::integer(a[0].as_int() < 0 ? -a[0].as_int() : a[0].as_int());
  return a[0].is_number() ? Value::number(std::fabs(a[0].as_double())) : Value{};
}

// The first number written in free text: "current recall 0.62" -> 0.62, "1,200/s" -> 1200.
std::optional<double> first_number_in(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const bool sign = (s[i] == '-' || s[i] == '.') && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]));
    if (!std::isdigit(static_cast<unsigned char>(s[i])) && !sign) continue;
    std::string digits;
    size_t j = i;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == ',' || (j == i && s[j] == '-')))
      if (s[j++] != ',') digits += s[j - 1];
    return std::strtod(digits.c_str(), nullptr);
  }
  return std::nullopt;
}

// The values an enumeration lists, in lower case: "P1, P2, P3 or P4" -> [p1, p2, p3, p4];
// "priority codes S (stat), A (ASAP), R (routine)" -> [s, stat, a, asap, r, routine]: a name
// in brackets after a code is another spelling of the same value, so "0 (routine) or 1
// (urgent)" shares values with "urgent, routine". The first item may have words before its
// value. Empty unless the text lists at least two values, each of one word: "0 to 130" and
// "ISO 8601, ten-minute boundaries" are not enumerations.
std::vector<std::string> enumeration(std::string_view text) {
  std::string flat, aside;
  std::vector<std::pair<size_t, std::string>> asides;  // (offset in flat, words in brackets)
  int depth = 0;
  for (const char c : text) {
    if (c == '(' && depth++ == 0) continue;
    if (c == ')' && depth > 0) {
      if (--depth == 0) asides.emplace_back(flat.size(), normalize(std::exchange(aside, {})));
      continue;
    }
    if (depth > 0) aside += c;
    else flat += c == ';' || c == '|' || c == '/' ? ',' : c;
  }
  for (const std::string_view joiner : {" or ", " and "})
    for (size_t at = flat.find(joiner); at != std::string::npos; at = flat.find(joiner)) {
      // erase + assign rather than replace(): GCC 12 reports a false -Wrestrict on replace().
      flat.erase(at + 1, joiner.size() - 1);
      flat[at] = ',';
      for (auto& a : asides)
        if (a.first > at) a.first -= joiner.size() - 1;
    }
  std::vector<std::string> out;
  size_t start = 0, values = 0;
  for (size_t i = 0; i <= flat.size(); ++i) {
    if (i < flat.size() && flat[i] != ',') continue;
    std::string item = normalize(std::string_view(flat).substr(start, i - start));
    const size_t from = start;
    start = i + 1;
    if (item.empty()) continue;
    const size_t space = item.rfind(' ');
    if (space != std::string::npos && values > 0) return {};  // only the first item may lead in
    out.push_back(space == std::string::npos ? item : item.substr(space + 1));
    ++values;
    for (const auto& a : asides)
      if (a.first >= from && a.first <= i && !a.second.empty()) out.push_back(a.second);
  }
  return values >= 2 ? out : std::vector<std::string>{};
}

Value f_enum_values(const Value* a, size_t) {
  if (a[0].type() != VT::String) return {};
  auto items = enumeration(a[0].as_string());
  if (items.empty()) return {};
  std::vector<Value> out;
  for (auto& i : items) out.push_back(Value::string(std::move(i)));
  return Value::list(std::move(out));
}

Value f_first_number(const Value* a, size_t) {
  if (a[0].is_number()) return Value::number(a[0].as_double());
  if (a[0].type() != VT::String) return {};
  auto d = first_number_in(a[0].as_string());
  return d ? Value::number(*d) : Value{};
}

// The first and last days of the dates and periods written in a text ("2024-03-01",
// "March 2024", "Q1 2023 to Q2 2024"), as days since 1970-01-01, so that rules compare dates
// and subtract them in days.
Value f_date(const Value* a, size_t) {
  const auto d = a[0].type() == VT::String ? facts::dates(a[0].as_string()) : std::vector<facts::Fact>{};
  return d.empty() ? Value{} : Value::number(d.front().low);
}
Value f_last_date(const Value* a, size_t) {
  const auto d = a[0].type() == VT::String ? facts::dates(a[0].as_string()) : std::vector<facts::Fact>{};
  return d.empty() ? Value{} : Value::number(d.back().high);
}

const Function kFunctions[] = {
    {"has", 1, 1, "has(value) -> bool", [](const auto&) -> Result<Type> { return Type::of(K::Bool); }, f_has},
    {"size", 1, 1, "size(list|string) -> int",
     [](const auto& a) { return want(a, {{K::List, K::String, K::Object}}, Type::of(K::Int)); }, f_size},
    {"norm", 1, 1, "norm(string) -> string", [](const auto& a) { return want(a, {kStr}, Type::of(K::String)); }, f_norm},
    {"lower", 1, 1, "lower(string) -> string", [](const auto& a) { return want(a, {kStr}, Type::of(K::String)); }, f_lower},
    {"trim", 1, 1, "trim(string) -> string", [](const auto& a) { return want(a, {kStr}, Type::of(K::String)); }, f_trim},
    {"same", 2, 2, "same(a, b) -> bool", [](const auto& a) { return want(a, {kScalar, kScalar}, Type::of(K::Bool)); }, f_same},
    {"contains", 2, 2, "contains(string, string) -> bool",
     [](const auto& a) { return want(a, {kStr, kStr}, Type::of(K::Bool)); }, f_contains},
    {"string", 1, 1, "string(value) -> string", [](const auto&) -> Result<Type> { return Type::of(K::String); }, f_string},
    {"number", 1, 1, "number(string|number) -> double",
     [](const auto& a) { return want(a, {{K::String, K::Int, K::Double}}, Type::of(K::Double)); }, f_number},
    {"to_seconds", 2, 2, "to_seconds(number, unit) -> double",
     [](const auto& a) { return want(a, {{K::Int, K::Double, K::String}, kStr}, Type::of(K::Double)); }, f_to_seconds},
    {"to_bytes", 1, 2, "to_bytes(number, unit = \"GB\") -> double",
     [](const auto& a) { return want(a, {{K::Int, K::Double, K::String}, kStr}, Type::of(K::Double)); }, f_to_bytes},
    {"type_compatible", 2, 2, "type_compatible(from_type, to_type) -> bool",
     [](const auto& a) { return want(a, {kStr, kStr}, Type::of(K::Bool)); }, f_type_compatible},
    {"first", 1, 1, "first(list) -> element",
     [](const auto& a) -> Result<Type> {
       if (!fits(a[0], kList)) return Error::invalid("argument 1 is a " + a[0].name());
       return a[0].element();
     }, f_first},
    {"rel_diff", 2, 2, "rel_diff(number, number) -> double",
     [](const auto& a) { return want(a, {{K::Int, K::Double, K::String}, {K::Int, K::Double, K::String}}, Type::of(K::Double)); },
     f_rel_diff},
    {"join", 1, 2, "join(list, separator = \", \") -> string",
     [](const auto& a) { return want(a, {kList, kStr}, Type::of(K::String)); }, f_join},
    {"abs", 1, 1, "abs(number) -> number", [](const auto& a) { return want(a, {kNum}, a[0]); }, f_abs},
    {"enum_values", 1, 1, "enum_values(text) -> list(string)",
     [](const auto& a) { return want(a, {kStr}, Type::list_of(Type::of(K::String))); }, f_enum_values},
    {"first_number", 1, 1, "first_number(text) -> double",
     [](const auto& a) { return want(a, {{K::String, K::Int, K::Double}}, Type::of(K::Double)); }, f_first_number},
    {"date", 1, 1, "date(text) -> double", [](const auto& a) { return want(a, {kStr}, Type::of(K::Double)); }, f_date},
    {"last_date", 1, 1, "last_date(text) -> double",
     [](const auto& a) { return want(a, {kStr}, Type::of(K::Double)); }, f_last_date},
    {"default", 2, 2, "default(value, fallback) -> value or fallback when absent",
     [](const auto& a) -> Result<Type> { return a[0].kind == a[1].kind ? a[0] : Type{}; }, f_default},
    {"mentions", 2, 2, "mentions(text, word) -> bool",
     [](const auto& a) { return want(a, {kStr, kStr}, Type::of(K::Bool)); }, f_mentions},
    {"name_of", 1, 1, "name_of(text) -> string", [](const auto& a) { return want(a, {kStr}, Type::of(K::String)); }, f_name_of},
    {"version_of", 1, 1, "version_of(text) -> string",
     [](const auto& a) { return want(a, {kStr}, Type::of(K::String)); }, f_version_of},
    {"same_name", 2, 2, "same_name(a, b) -> bool",
     [](const auto& a) { return want(a, {kStr, kStr}, Type::of(K::Bool)); }, f_same_name},
    {"maps_to", 2, 2, "maps_to(mapping, field) -> bool",
     [](const auto& a) { return want(a, {kStr, kStr}, Type::of(K::Bool)); }, f_maps_to},
    {"same_field", 2, 2, "same_field(a, b) -> bool",
     [](const auto& a) { return want(a, {kStr, kStr}, Type::of(K::Bool)); }, f_same_field},
    {"versions_compatible", 2, 2, "versions_compatible(a, b) -> bool",
     [](const auto& a) { return want(a, {kStr, kStr}, Type::of(K::Bool)); }, f_versions_compatible},
    {"says", 2, 2, "says(text or section, 'kind:value') -> bool",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr}, Type::of(K::Bool)); }, f_says, true},
    {"denies", 2, 2, "denies(text or section, 'kind:value') -> bool",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr}, Type::of(K::Bool)); }, f_denies, true},
    {"facts", 2, 2, "facts(text or section, 'kind') -> list(string)",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr}, Type::list_of(Type::of(K::String))); }, f_facts, true},
    {"amount", 2, 2, "amount(text or section, 'dimension') -> double",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr}, Type::of(K::Double)); }, f_amount, true},
    {"unit_of", 2, 2, "unit_of(text or section, 'dimension') -> string",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr}, Type::of(K::String)); }, f_unit_of, true},
    {"peak", 2, 2, "peak(text or section, 'dimension') -> double",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr}, Type::of(K::Double)); }, f_peak, true},
    {"earliest", 1, 1, "earliest(text or section) -> double",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}}, Type::of(K::Double)); }, f_earliest, true},
    {"latest", 1, 1, "latest(text or section) -> double",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}}, Type::of(K::Double)); }, f_latest, true},
    {"together", 3, 3, "together(text or section, 'kind:value', 'kind:value') -> bool",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr, kStr}, Type::of(K::Bool)); }, f_together, true},
    {"amount_near", 3, 4, "amount_near(text or section, 'kind:value', 'dimension', pick = 'first'|'min'|'max') -> double",
     [](const auto& a) { return want(a, {{K::String, K::List, K::Object}, kStr, kStr, kStr}, Type::of(K::Double)); }, f_amount_near, true},
    {"conflicts", 3, 3, "conflicts(text or section, text or section, kinds) -> list(string)",
     [](const auto& a) {
       return want(a, {{K::String, K::List, K::Object}, {K::String, K::List, K::Object}, kList}, Type::list_of(Type::of(K::String)));
     }, f_conflicts, true},
    {"chi2_p", 3, 3, "chi2_p(observed_percentages, expected_percentages, n) -> double",
     [](const auto& a) { return want(a, {kList, kList, kNum}, Type::of(K::Double)); }, f_chi2_p},
};

}  // namespace

const Function* find_function(std::string_view name) {
  for (const auto& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> function_names() {
  std::vector<std::string> out;
  for (const auto& f : kFunctions) out.emplace_back(f.name);
  return out;
}

}  // namespace seam::rules
