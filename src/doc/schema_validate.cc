// Schema::validate: walks a document against a compiled schema, collecting violations.
#include <cmath>
#include <cstdio>

#include "doc/pointer.h"
#include "doc/schema.h"
#include "util/text.h"

namespace seam::doc {
namespace {

constexpr uint8_t kIntegralFloat = SchemaNode::kIntegralFloat;

std::string num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

std::string found(const Node& n) {
  if (n.kind == Kind::Array || n.kind == Kind::Object) return "found " + n.describe();
  if (n.kind == Kind::Null) return "found null";
  return "found " + std::string(kind_name(n.kind)) + " " + n.describe();
}

std::string expected_types(uint8_t types) {
  static const std::pair<uint8_t, const char*> kNames[] = {
      {1u << static_cast<int>(Kind::Object), "an object"},  {1u << static_cast<int>(Kind::Array), "an array"},
      {1u << static_cast<int>(Kind::String), "a string"},   {1u << static_cast<int>(Kind::Float), "a number"},
      {kIntegralFloat, "an integer"},                        {1u << static_cast<int>(Kind::Bool), "a boolean (true or false)"},
      {1u << static_cast<int>(Kind::Null), "null"}};
  std::string out;
  for (const auto& [b, name] : kNames) {
    if (!(types & b)) continue;
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out;
}

bool type_matches(uint8_t types, const Node& n) {
  if (types == 0) return true;
  if ((types >> static_cast<int>(n.kind)) & 1) return true;
  return n.kind == Kind::Float && (types & kIntegralFloat) && std::isfinite(n.number) && n.number == std::floor(n.number);
}

bool is_date(const std::string& s) {
  // RFC 3339 full-date: YYYY-MM-DD with a real day of that month.
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

class Validator {
 public:
  Validator(std::vector<Violation>& out, const ValidateOptions& opts) : out_(out), opts_(opts) {}

  void check(const SchemaNode& s, const Node& n) {
    if (s.reject_all) return report(n, "no value is allowed here");
    if (!type_matches(s.types, n)) return report(n, "expected " + expected_types(s.types) + "; " + found(n));
    check_values(s, n);
    if (n.kind == Kind::Object) check_object(s, n);
    if (n.kind == Kind::Array) check_array(s, n);
    if (n.kind == Kind::String) check_string(s, n);
    if (n.is_number()) check_number(s, n);
    check_combinators(s, n);
  }

  size_t count() const { return out_.size(); }
  void truncate(size_t size) { out_.resize(size); }

 private:
  void report(const Node& n, std::string message) { out_.push_back({path_.pointer(), n.offset, std::move(message)}); }

  bool skip(const Node& n) const { return opts_.absent_means_missing && n.is_absent(); }

  void check_values(const SchemaNode& s, const Node& n) {
    if (s.const_value && !s.const_value->equals(n))
      report(n, "expected " + s.const_value->describe() + "; " + found(n));
    if (s.enum_values.empty()) return;
    for (const auto& e : s.enum_values)
      if (e.equals(n)) return;
    std::vector<std::string> names;
    for (const auto& e : s.enum_values) names.push_back(e.kind == Kind::String ? e.text : e.describe());
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    std::string msg = "expected one of " + list + "; " + (n.kind == Kind::String ? "found " + n.describe() : found(n));
    if (n.kind == Kind::String)
      msg += text::did_you_mean(n.text, names);
    report(n, std::move(msg));
  }

  void check_object(const SchemaNode& s, const Node& n) {
    for (const auto& field : s.required) {
      const Node* v = n.find(field);
      if (!v || skip(*v)) out_.push_back({path_.pointer_to(field), n.offset, "missing required field '" + field + "'"});
    }
    for (const auto& m : n.members) {
      const SchemaNode* sub = s.property(m.key);
      if (!sub) sub = s.additional_properties.get();
      if (!sub || skip(m.value)) continue;
      path_.push(m.key);
      check(*sub, m.value);
      path_.pop();
    }
  }

  void check_array(const SchemaNode& s, const Node& n) {
    const size_t size = n.items.size();
    if (s.min_items && size < *s.min_items)
      report(n, "expected at least " + std::to_string(*s.min_items) + " item(s); found " + std::to_string(size));
    if (s.max_items && size > *s.max_items)
      report(n, "expected at most " + std::to_string(*s.max_items) + " item(s); found " + std::to_string(size));
    for (size_t i = 0; i < size; ++i) {
      const SchemaNode* sub = s.items.get();
      if (!s.tuple_items.empty()) sub = i < s.tuple_items.size() ? s.tuple_items[i].get() : s.additional_items.get();
      if (!sub || skip(n.items[i])) continue;
      path_.push(i);
      check(*sub, n.items[i]);
      path_.pop();
    }
  }

  void check_string(const SchemaNode& s, const Node& n) {
    if (s.format == "date" && !is_date(n.text)) report(n, "expected a date written YYYY-MM-DD; found " + n.describe());
    if (!s.min_length && !s.max_length) return;
    const size_t len = text::utf8_length(n.text);
    if (s.min_length && len < *s.min_length)
      report(n, "expected at least " + std::to_string(*s.min_length) + " characters; found " + std::to_string(len));
    if (s.max_length && len > *s.max_length)
      report(n, "expected at most " + std::to_string(*s.max_length) + " characters; found " + std::to_string(len));
  }

  void check_number(const SchemaNode& s, const Node& n) {
    const double v = n.number;
    auto bound = [&](const std::optional<double>& limit, bool ok, const char* op) {
      if (limit && !ok) report(n, std::string("expected a number ") + op + " " + num(*limit) + "; " + found(n));
    };
    bound(s.minimum, s.minimum && v >= *s.minimum, ">=");
    bound(s.maximum, s.maximum && v <= *s.maximum, "<=");
    bound(s.exclusive_minimum, s.exclusive_minimum && v > *s.exclusive_minimum, ">");
    bound(s.exclusive_maximum, s.exclusive_maximum && v < *s.exclusive_maximum, "<");
  }

  // Runs `s` on `n` without keeping its violations; true when there were none.
  bool passes(const SchemaNode& s, const Node& n) {
    const size_t before = count();
    check(s, n);
    const bool ok = count() == before;
    truncate(before);
    return ok;
  }

  void check_combinators(const SchemaNode& s, const Node& n) {
    for (const auto& sub : s.all_of) check(*sub, n);
    if (!s.any_of.empty()) {
      bool any = false;
      for (const auto& sub : s.any_of) any = any || passes(*sub, n);
      if (!any) report(n, "does not match any of the allowed forms; " + found(n));
    }
    if (!s.one_of.empty()) {
      size_t matches = 0;
      for (const auto& sub : s.one_of) matches += passes(*sub, n) ? 1 : 0;
      if (matches != 1) report(n, "expected exactly one allowed form to match; " + std::to_string(matches) + " match");
    }
    if (s.not_schema && passes(*s.not_schema, n)) report(n, "matches a form that is not allowed here");
  }

  std::vector<Violation>& out_;
  const ValidateOptions& opts_;
  PathStack path_;
};

}  // namespace

void Schema::validate(const Node& doc, std::vector<Violation>& out, const ValidateOptions& opts) const {
  Validator(out, opts).check(*root_, doc);
}

}  // namespace seam::doc
