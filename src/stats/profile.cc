#include "stats/profile.h"

#include <array>

namespace seam::stats {

namespace {
constexpr std::array<std::string_view, 5> kTypeNames = {"numeric", "categorical", "boolean", "text", "timestamp"};
}

std::string_view type_name(ColumnType t) { return kTypeNames[static_cast<size_t>(t)]; }

std::optional<ColumnType> type_from_name(std::string_view name) {
  for (size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i] == name) return static_cast<ColumnType>(i);
  return std::nullopt;
}

void TimeSummary::merge(const TimeSummary& o) {
  dates += o.dates;
  local += o.local;
  zoned += o.zoned;
  epoch += o.epoch;
  if (unit == EpochUnit::None) unit = o.unit;  // both profiles hold seconds: the units need not agree
  if (std::isnan(o.first)) return;  // no instants to add
  sorted = sorted && o.sorted && !(o.first < last);
  if (std::isnan(first)) first = o.first;
  last = o.last;
}

Status ColumnProfile::merge(const ColumnProfile& o) {
  if (o.name != name || o.type != type)
    return Error::invalid("cannot merge column '" + o.name + "' (" + std::string(type_name(o.type)) + ") into '" + name +
                          "' (" + std::string(type_name(type)) + ")");
  if (first_invalid_line == 0) first_invalid_line = o.first_invalid_line;
  count += o.count;
  missing += o.missing;
  non_finite += o.non_finite;
  invalid += o.invalid;
  non_integral += o.non_integral;
  if (auto st = distinct.merge(o.distinct); !st.ok()) return st;
  moments.merge(o.moments);
  if (auto st = quantiles.merge(o.quantiles); !st.ok()) return st;
  values.merge(o.values);
  time.merge(o.time);
  return Ok{};
}

const ColumnProfile* Profile::find(std::string_view name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

Status Profile::merge(const Profile& o) {
  if (o.columns.size() != columns.size())
    return Error::invalid("the profiles have different columns (" + std::to_string(columns.size()) + " and " +
                          std::to_string(o.columns.size()) + ")");
  if (o.label != label) return Error::invalid("the profiles have different label columns ('" + label + "' and '" + o.label + "')");
  for (size_t i = 0; i < columns.size(); ++i)
    if (auto st = columns[i].merge(o.columns[i]); !st.ok()) return st;
  sources.insert(sources.end(), o.sources.begin(), o.sources.end());
  rows += o.rows;
  bad_rows += o.bad_rows;
  for (const auto& b : o.bad_row_samples)
    if (bad_row_samples.size() < kMaxBadRowSamples) bad_row_samples.push_back(b);
  return Ok{};
}

}  // namespace seam::stats
