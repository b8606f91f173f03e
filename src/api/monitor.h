// The monitor use-case's settings from a project's descriptors: what the production_data
// descriptor promises about each field of the stream (monitor::Expectation).
//
// Thread safety: both functions may run in many threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/monitor.h"
#include "util/fs.h"
#include "util/result.h"

namespace seam::api {

// One promise per field of /schema whose expected_values can be checked, and one for its
// min_value and max_value, each naming its place ("DIR/production_data.yaml:14:
// /schema/2/expected_values"). None when the project has no production_data descriptor;
// Io error when DIR cannot be read, Invalid (located) when the descriptor does not load.
Result<std::vector<monitor::Expectation>> monitor_expectations(const std::string& dir, const FileSystem& fs = disk());

// What one expected_values text promises: "-30 to 110" (also "0..1", "5 - 10") is a range;
// "0 or 1" and "card, cash or transfer" are sets of values. Anything else, prose such as
// "180 ids of the fleet register" or "ISO 8601", promises nothing that can be checked.
struct ExpectedValues {
  std::optional<std::pair<double, double>> range;
  std::vector<std::string> allowed;
};
std::optional<ExpectedValues> parse_expected_values(std::string_view text);

}  // namespace seam::api
