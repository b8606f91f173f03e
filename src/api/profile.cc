#include "api/profile.h"

#include <optional>

#include "stats/time.h"

namespace seam::api {

Status add_column_type(std::string_view spec, stats::ColumnOptions& o) {
  const size_t eq = spec.find('=');
  std::string_view name = eq == std::string_view::npos ? std::string_view() : spec.substr(eq + 1);
  std::optional<stats::EpochUnit> unit;
  if (const size_t colon = name.find(':'); colon != std::string_view::npos) {
    unit = stats::epoch_unit_from_name(name.substr(colon + 1));
    name = name.substr(0, unit ? colon : 0);  // an unknown unit fails below
  }
  const auto type = stats::type_from_name(name);
  if (eq == 0 || !type || (unit && *type != stats::ColumnType::Timestamp))
    return Error::usage_at("/types", "expects COLUMN=numeric|categorical|boolean|text|timestamp|timestamp:s|timestamp:ms; found '" +
                                         std::string(spec) + "'");
  const std::string column(spec.substr(0, eq));
  o.types.emplace_back(column, *type);
  std::erase_if(o.epoch_units, [&](const auto& e) { return e.first == column; });  // the last one wins
  if (unit) o.epoch_units.emplace_back(column, *unit);
  return Ok{};
}

Result<stats::Profile> merge_profiles(const std::vector<std::string>& paths) {
  if (paths.empty()) return Error::usage("no profiles to merge");
  auto all = stats::read_profile(paths[0]);
  if (!all.ok()) return all;
  for (size_t i = 1; i < paths.size(); ++i) {
    auto p = stats::read_profile(paths[i]);
    if (!p.ok()) return p;
    if (auto st = all.value().merge(p.value()); !st.ok()) {
      Error e = st.error();
      if (e.file.empty()) e.file = paths[i];
      return e;
    }
  }
  return all;
}

}  // namespace seam::api
