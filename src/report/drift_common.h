// Pieces shared by the drift renderers; internal to src/report.
#pragma once

#include <cmath>  // NAN, which stats/drift.h uses without including it
#include <string>
#include <string_view>

#include "stats/drift.h"
#include "util/json_writer.h"

namespace seam::report::detail {

// `d` with `digits` significant digits ("0.4123", "1.2e-08"), or "-" when it is NaN or
// infinite (a distance has no p-value).
std::string drift_number(double d, int digits = 4);

// `share` (0.5) as a percentage for people: "50%", "33.3%".
std::string drift_percent(double share);

// "2 of 9 columns drifted (22%); dataset drift: no (threshold 50%)"
std::string drift_summary_line(const stats::DriftReport& r);

// A detail's value as one JSON value: true, 24, 0.01, "text", or null for a NaN or
// infinite number. The JSON report writes it so, and the HTML page shows the same text.
JsonWriter& write_detail(JsonWriter& w, const stats::DriftDetail::Value& value);
std::string detail_json(const stats::DriftDetail::Value& value);

// "DRIFT" or "ok".
std::string_view drift_word(bool drift);

}  // namespace seam::report::detail
