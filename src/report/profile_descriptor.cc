#include "report/profile_descriptor.h"

#include <cmath>
#include <cstdio>

#include "util/json_writer.h"

namespace seam::report {
namespace {

std::string fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

std::string field_type(const stats::ColumnProfile& c) {
  switch (c.type) {
    case stats::ColumnType::Numeric: return c.non_integral ? "Float" : "Integer";
    case stats::ColumnType::Boolean: return "Boolean";
    default: return "String";
  }
}

std::string expected_values(const stats::ColumnProfile& c) {
  if (c.type == stats::ColumnType::Numeric)
    return c.moments.n ? fmt(c.moments.min) + " to " + fmt(c.moments.max) : "no finite values";
  const auto items = c.values.items();
  std::string out;
  for (size_t i = 0; i < items.size() && i < 10; ++i) out.append(i ? ", " : "").append(items[i].first);
  if (items.size() > 10) out += " (and " + std::to_string(items.size() - 10) + " more)";
  return out;
}

std::string missing(const stats::ColumnProfile& c) {
  const double pct = c.count ? 100.0 * static_cast<double>(c.missing) / static_cast<double>(c.count) : 0;
  return std::to_string(c.missing) + " of " + std::to_string(c.count) + " (" + fmt(pct) + "%)";
}

void statistic(std::string& out, const char* property, const std::string& field, double value) {
  if (std::isfinite(value)) out += "  - {property: " + JsonWriter::quoted(property) + ", field: " + JsonWriter::quoted(field) + ", value: " + JsonWriter::quoted(fmt(value)) + "}\n";
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
    statistic(out, "Missing (%)", c.name, c.count ? 100.0 * static_cast<double>(c.missing) / static_cast<double>(c.count) : NAN);
  }
  const stats::ColumnProfile* label = p.label.empty() ? nullptr : p.find(p.label);
  if (label && label->type != stats::ColumnType::Numeric) {
    out += "distribution:\n";
    const double total = static_cast<double>(label->values.total());
    for (const auto& [value, count] : label->values.items()) {
      out += "  - label: " + JsonWriter::quoted(value) + "\n    percentage: " + fmt(total > 0 ? 100.0 * static_cast<double>(count) / total : 0) + "\n";
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
    const std::string top = c.type == stats::ColumnType::Numeric ? fmt(c.moments.mean)
                            : c.values.items().empty()           ? "-"
                                                                 : c.values.items()[0].first;
    std::snprintf(line, sizeof line, "%-24.24s %-11s %10llu %8llu %10.0f %12.12s %12s\n", c.name.c_str(),
                  std::string(stats::type_name(c.type)).c_str(), static_cast<unsigned long long>(c.count),
                  static_cast<unsigned long long>(c.missing), c.distinct.estimate(), top.c_str(),
                  c.type == stats::ColumnType::Numeric ? fmt(c.moments.stddev(1)).c_str() : "-");
    out += line;
  }
  out += std::to_string(p.rows) + " rows";
  if (p.bad_rows) out += ", " + std::to_string(p.bad_rows) + " bad rows skipped";
  return out + "\n";
}

}  // namespace seam::report
