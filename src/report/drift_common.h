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

// A p-value for people: as drift_number with 3 digits, but "< 1e-300" for one that
// underflowed to 0 (it is positive, only too small for a double).
std::string drift_p(double p);

// The statistic and p-value cells of a column: the value when exact, "lo..hi" (the interval
// that holds the exact value) when tested on sketches.
std::string statistic_cell(const stats::ColumnDrift& c);
std::string p_value_cell(const stats::ColumnDrift& c);

// `share` (0.5) as a percentage for people: "50%", "33.3%".
std::string drift_percent(double share);

// The report in one line, leading with what drifted, by name:
//   "drift in 2 of 9 columns (22%): age, ward; critical column drifted: age; inconclusive in 1: bmi;
//    dataset drift: no (threshold 50%)"
//   "no drift in 9 columns; dataset drift: no (threshold 50%)"
std::string drift_summary_line(const stats::DriftReport& r);

// A detail's value as one JSON value: true, 24, 0.01, "text", or null for a NaN or
// infinite number. The JSON report writes it so, and the HTML page shows the same text.
JsonWriter& write_detail(JsonWriter& w, const stats::DriftDetail::Value& value);
std::string detail_json(const stats::DriftDetail::Value& value);

// "DRIFT", "ok" or "inconclusive".
std::string_view verdict_word(stats::Verdict v);
// The same, with " (critical)" for a critical column.
std::string result_cell(const stats::ColumnDrift& c);

}  // namespace seam::report::detail
