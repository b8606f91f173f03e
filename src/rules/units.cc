#include "rules/units.h"

#include <string>

#include "util/text.h"

namespace seam::rules {
namespace {

std::string key(std::string_view s) { return text::lower(text::trim(s)); }

template <size_t N>
std::optional<double> lookup(const std::pair<std::string_view, double> (&table)[N], std::string_view unit) {
  const std::string k = key(unit);
  for (const auto& [name, factor] : table)
    if (name == k) return factor;
  return std::nullopt;
}

// The families a type name can belong to; names outside them are compared as written.
enum class Family { Integer, Float, String, Bool, Image, Unknown };

Family family(const std::string& t) {
  static const std::pair<std::string_view, Family> names[] = {
      {"integer", Family::Integer}, {"int", Family::Integer}, {"int32", Family::Integer}, {"int64", Family::Integer},
      {"long", Family::Integer},    {"float", Family::Float},  {"double", Family::Float},  {"float32", Family::Float},
      {"float64", Family::Float},   {"number", Family::Float}, {"real", Family::Float},    {"decimal", Family::Float},
      {"string", Family::String},   {"str", Family::String},   {"text", Family::String},   {"boolean", Family::Bool},
      {"bool", Family::Bool},       {"image", Family::Image},
  };
  for (const auto& [name, f] : names)
    if (name == t) return f;
  return Family::Unknown;
}

}  // namespace

std::optional<double> seconds_per_unit(std::string_view unit) {
  static const std::pair<std::string_view, double> table[] = {
      {"ns", 1e-9}, {"nanoseconds", 1e-9}, {"us", 1e-6}, {"microseconds", 1e-6},
      {"ms", 1e-3}, {"millisecond", 1e-3}, {"milliseconds", 1e-3}, {"s", 1}, {"sec", 1}, {"second", 1}, {"seconds", 1},
      {"min", 60}, {"minute", 60}, {"minutes", 60}, {"h", 3600}, {"hour", 3600}, {"hours", 3600},
      {"day", 86400}, {"days", 86400},
  };
  return lookup(table, unit);
}

std::optional<double> bytes_per_unit(std::string_view unit) {
  static const std::pair<std::string_view, double> table[] = {
      {"b", 1}, {"bytes", 1}, {"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
      {"kib", 1024.0}, {"mib", 1048576.0}, {"gib", 1073741824.0}, {"tib", 1099511627776.0},
  };
  return lookup(table, unit);
}

bool types_compatible(std::string_view from, std::string_view to) {
  const std::string f = key(from), t = key(to);
  const Family a = family(f), b = family(t);
  if (a == Family::Unknown || b == Family::Unknown) return f == t;
  return a == b || (a == Family::Integer && b == Family::Float);
}

}  // namespace seam::rules
