#include "report/drift_report.h"

#include "report/drift_common.h"
#include "util/json_writer.h"

namespace seam::report {
namespace {

void strings(JsonWriter& w, const std::vector<std::string>& v) {
  w.begin_array();
  for (const auto& s : v) w.value(s);
  w.end_array();
}

void write_column(JsonWriter& w, const stats::ColumnDrift& c) {
  w.begin_object();
  w.key("name").value(c.name);
  w.key("type").value(stats::type_name(c.type));
  w.key("method").value(stats::method_name(c.method));
  w.key("statistic").value(c.statistic);  // the writer turns NaN and infinities into null
  w.key("p_value").value(c.p_value);
  // 0 only where the p-value underflowed: it is below 1e-300, not exactly 0.
  w.key("p_value_underflow").value(c.p_value == 0 || c.p_value_low == 0);
  // Where the exact statistic and p-value lie; both ends equal the value when it is exact.
  w.key("statistic_interval").begin_array().value(c.statistic_low).value(c.statistic_high).end_array();
  w.key("p_value_interval").begin_array().value(c.p_value_low).value(c.p_value_high).end_array();
  w.key("threshold").value(c.threshold);
  w.key("drift").value(c.drift);
  w.key("verdict").value(stats::verdict_name(c.verdict));
  w.key("exact").value(c.exact);
  w.key("critical").value(!c.critical.empty());
  w.key("inconclusive_reason");
  c.why.empty() ? w.null() : w.value(c.why);
  w.key("advice");
  c.advice.empty() ? w.null() : w.value(c.advice);
  w.key("n_reference").value(static_cast<int64_t>(c.n_reference));
  w.key("n_current").value(static_cast<int64_t>(c.n_current));
  w.key("details").begin_object();
  for (const auto& [name, value] : c.details) detail::write_detail(w.key(name), value);
  w.end_object();
  w.end_object();
}

}  // namespace

std::string drift_json(const stats::DriftReport& r) {
  JsonWriter w(2);
  w.begin_object();
  w.key("reference").value(r.reference);
  w.key("current").value(r.current);
  w.key("columns").begin_array();
  for (const auto& c : r.columns) write_column(w, c);
  w.end_array();
  w.key("summary").value(detail::drift_summary_line(r));
  w.key("drifted_columns").value(r.drifted);
  w.key("inconclusive_columns").value(r.inconclusive);
  w.key("total_columns").value(static_cast<int64_t>(r.columns.size()));
  w.key("dataset_drift").value(r.dataset_drift);
  w.key("dataset_verdict").value(stats::verdict_name(r.dataset_verdict));
  w.key("critical_columns").begin_object();  // tested critical columns, and why each is critical
  for (const auto& c : r.columns)
    if (!c.critical.empty()) w.key(c.name).value(c.critical);
  w.end_object();
  w.key("critical_drifted_columns").value(r.critical_drifted);
  w.key("fail_on").value(stats::fail_on_name(r.fail_on));
  w.key("fails").value(r.fails);
  w.key("dataset_drift_share").value(r.dataset_share);
  w.key("only_in_reference");
  strings(w, r.only_in_reference);
  w.key("only_in_current");
  strings(w, r.only_in_current);
  w.key("skipped");
  strings(w, r.skipped);
  w.key("notes");
  strings(w, r.notes);
  w.end_object();
  return w.str() + "\n";
}

}  // namespace seam::report
