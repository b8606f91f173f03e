// Renderings of a `seam drift` report: one function per output format.
//
// Like the findings renderers, every function takes the whole report and returns the
// complete document; none of them prints.
//
// Thread safety: renderers are pure functions of their input; call them from any thread.
#pragma once

#include <cmath>  // NAN, which stats/drift.h uses without including it
#include <string>

#include "report/format.h"
#include "stats/drift.h"

namespace seam::report {

// The machine-readable contract (2-space indent; docs/drift.md#json defines each field):
//   {"reference", "current",
//    "columns": [{"name", "type", "method", "statistic", "p_value", "p_value_underflow",
//                 "statistic_interval", "p_value_interval", "threshold", "drift", "verdict",
//                 "exact", "inconclusive_reason", "advice", "n_reference", "n_current",
//                 "details": {...}}],
//    "summary", "drifted_columns", "inconclusive_columns", "total_columns", "dataset_drift",
//    "dataset_verdict", "dataset_drift_share", "only_in_reference", "only_in_current",
//    "skipped", "notes"}
// Numbers that are NaN or infinite are null (so p_value is null for distances), details
// values included. A p-value that underflowed is 0 with p_value_underflow true.
std::string drift_json(const stats::DriftReport& r);

// For a terminal: the headline (leading with the drifted columns, by name), one table line
// per tested column (intervals for columns tested on sketches), why each inconclusive column
// is so and what would decide it, notes, columns found on one side only, and the headline
// again as the closing line:
//   drift in 2 of 9 columns (22%): age, ward; dataset drift: no (threshold 50%)
std::string drift_text(const stats::DriftReport& r);

// For pull-request comments and wikis: the summary and a GitHub-flavoured table.
std::string drift_markdown(const stats::DriftReport& r);

// One self-contained page: inline CSS, no scripts, nothing fetched. One card per column
// with the test result and both distributions as an inline SVG bar chart.
std::string drift_html(const stats::DriftReport& r);

// text, json, markdown, html: the formats of `seam drift --format`.
const Formats<stats::DriftReport>& drift_formats();

}  // namespace seam::report
