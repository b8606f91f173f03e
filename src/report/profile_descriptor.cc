#include "report/profile_descriptor.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "stats/number.h"
#include "stats/profile_builder.h"
#include "stats/time.h"
#include "util/escape.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::report {
namespace {

std::string fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

// A percentage for people and for the descriptor's number fields: two decimals ("2.33",
// "0.1"), more only where two would round a share that is not 0 or 100 to 0 or 100.
std::string percent(double pct) {
  char buf[32];
  for (int decimals = 2;; ++decimals) {
    std::snprintf(buf, sizeof buf, "%.*f", decimals, pct);
    const double shown = std::strtod(buf, nullptr);
    if (decimals >= 6 || !((shown == 0 && pct > 0) || (shown == 100 && pct < 100))) break;
  }
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

double share(uint64_t part, uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0;
}

// The data type of the values (the schema's field_type), which is not the statistical type:
// a categorical column of 0 and 1 holds integers.
std::string field_type(const stats::ColumnProfile& c) {
  switch (c.type) {
    case stats::ColumnType::Numeric: return c.non_integral ? "Float" : "Integer";
    case stats::ColumnType::Timestamp: return c.time.dates_only() ? "Date" : "Timestamp";
    case stats::ColumnType::Boolean: return "Boolean";
    default: break;
  }
  const auto items = c.values.items();
  if (items.empty()) return "String";
  bool integers = true;
  for (const auto& [value, count] : items) {
    const auto x = stats::parse_number(value);
    if (!x || !std::isfinite(*x)) return "String";
    integers = integers && *x == std::floor(*x);
  }
  return integers ? "Integer" : "Float";
}

// A value as one item of a comma-separated list: quoted (CSV style, quotes doubled) when it
// holds a comma or a quote or has surrounding space, so that the list reads back unambiguously.
std::string list_item(const std::string& v) {
  const bool plain = v.find_first_of(",\"") == std::string::npos && !v.empty() && v.front() != ' ' && v.back() != ' ';
  if (plain) return v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// The first and last instants of a timestamp column, as dates when it holds only dates.
std::string time_range(const stats::ColumnProfile& c) {
  const bool dates = c.time.dates_only();
  return stats::format_timestamp(c.moments.min, dates) + " to " + stats::format_timestamp(c.moments.max, dates);
}

std::string expected_values(const stats::ColumnProfile& c) {
  if (c.type == stats::ColumnType::Numeric)
    return c.moments.n ? fmt(c.moments.min) + " to " + fmt(c.moments.max) : "no finite values";
  if (c.type == stats::ColumnType::Timestamp) return c.moments.n ? time_range(c) : "no valid timestamps";
  const auto items = c.values.items();
  std::string out;
  for (size_t i = 0; i < items.size() && i < 10; ++i) out.append(i ? ", " : "").append(list_item(items[i].first));
  if (items.size() > 10) out += " (and " + std::to_string(items.size() - 10) + " more)";
  return out;
}

std::string missing(const stats::ColumnProfile& c) {
  return std::to_string(c.missing) + " of " + std::to_string(c.count) + " (" + percent(share(c.missing, c.count)) + "%)";
}

void statistic(std::string& out, const char* property, const std::string& field, const std::string& value) {
  out += "  - {property: " + JsonWriter::quoted(property) + ", field: " + JsonWriter::quoted(field) + ", value: " + JsonWriter::quoted(value) + "}\n";
}

void statistic(std::string& out, const char* property, const std::string& field, double value) {
  if (std::isfinite(value)) statistic(out, property, field, fmt(value));
}

}  // namespace

std::string profile_as_descriptor(const stats::Profile& p, doc::Descriptor d) {
  const bool training = d == doc::Descriptor::TrainingData;
  std::string out = "# Written by seam profile from";
  for (const auto& s : p.sources) out += " " + s;
  out += " (" + std::to_string(p.rows) + " rows).\n";
  out += "# Merge these sections into the project's " + std::string(doc::descriptor_id(d)) + " descriptor.\n";
  out += "version: \"1.2\"\nschema:\n";
  for (const auto& c : p.columns) {
    out += "  - field_name: " + JsonWriter::quoted(c.name) + "\n";
    if (training) out += "    label_field: " + std::string(c.name == p.label ? "true" : "false") + "\n";
    out += "    field_type: " + JsonWriter::quoted(field_type(c)) + "\n";
    out += "    expected_values: " + JsonWriter::quoted(expected_values(c)) + "\n";
    if (training) out += "    missing_values: " + JsonWriter::quoted(missing(c)) + "\n";
  }
  out += "statistics:\n";
  for (const auto& c : p.columns) {
    if (c.type == stats::ColumnType::Numeric && c.moments.n) {
      statistic(out, "Mean", c.name, c.moments.mean);
      statistic(out, "Standard deviation", c.name, c.moments.stddev(1));
      statistic(out, "Minimum", c.name, c.moments.min);
      statistic(out, "Median", c.name, c.quantiles.quantile(0.5));
      statistic(out, "Maximum", c.name, c.moments.max);
    }
    if (c.count) statistic(out, "Missing (%)", c.name, percent(share(c.missing, c.count)));
  }
  // The class balance: for a numeric label, only while its classes are counted exactly (a
  // regression target has no classes to list).
  const stats::ColumnProfile* label = p.label.empty() ? nullptr : p.find(p.label);
  if (label && label->values.total() > 0 && (label->type != stats::ColumnType::Numeric || label->values.exact())) {
    out += "distribution:\n";
    for (const auto& [value, count] : label->values.items()) {
      out += "  - label: " + JsonWriter::quoted(value) + "\n    percentage: " + percent(share(count, label->values.total())) + "\n";
      if (training) out += "    mapping_production_data: " + JsonWriter::quoted(value) + "\n";
    }
  }
  return out;
}

std::string profile_summary(const stats::Profile& p) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %-11s %10s %8s %10s %12s %12s\n", "column", "type", "count", "missing", "distinct", "mean/top", "stddev");
  out += line;
  for (const auto& c : p.columns) {
    const bool time = c.type == stats::ColumnType::Timestamp;
    const std::string top = c.type == stats::ColumnType::Numeric ? fmt(c.moments.mean)
                            : time                               ? stats::format_timestamp(c.moments.min, true)
                            : c.values.items().empty()           ? "-"
                                                                 : c.values.items()[0].first;
    // Names and values come from the data: control characters are masked and cells cut by
    // characters, so that a row stays one line and valid UTF-8.
    out += text::cell(escape::mask_control(c.name), 24) + ' ';
    std::snprintf(line, sizeof line, "%-11s %10llu %8llu %10.0f ", std::string(stats::type_name(c.type)).c_str(),
                  static_cast<unsigned long long>(c.count), static_cast<unsigned long long>(c.missing),
                  c.distinct.estimate());
    out += line;
    out += text::cell(escape::mask_control(top), 12, true) + ' ';
    out += text::cell(c.type == stats::ColumnType::Numeric ? fmt(c.moments.stddev(1)) : "-", 12, true) + '\n';
  }
  out += std::to_string(p.rows) + " rows";
  if (p.bad_rows) out += ", " + std::to_string(p.bad_rows) + " bad rows skipped";
  return out + "\n";
}

}  // namespace seam::report
