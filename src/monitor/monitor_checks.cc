// What each window is tested for, and the events that say how it went.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "monitor/monitor.h"
#include "util/json_writer.h"

namespace seam::monitor {
namespace {

std::string_view type_name(Event::Type t) {
  switch (t) {
    case Event::Type::Test: return "test";
    case Event::Type::Alert: return "alert";
    case Event::Type::MissingColumn: return "missing_column";
    case Event::Type::Window: return "window";
  }
  return "test";
}

// The allowed values as numbers, when every one of them is a number.
std::optional<std::vector<double>> numbers(const std::vector<std::string>& values) {
  std::vector<double> out;
  for (const auto& v : values) {
    double d = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
    out.push_back(d);
  }
  return out;
}

void number(JsonWriter& w, std::string_view key, double v) {
  w.key(key);
  if (std::isfinite(v)) w.value(v);
  else w.null();
}

}  // namespace

std::string event_json(const Event& e) {
  JsonWriter w;
  w.begin_object().key("type").value(type_name(e.type)).key("window").value(static_cast<int64_t>(e.window));
  w.key("first_record").value(static_cast<int64_t>(e.first_record)).key("last_record").value(static_cast<int64_t>(e.last_record));
  if (std::isfinite(e.start)) w.key("start").value(stats::format_timestamp(e.start)).key("end").value(stats::format_timestamp(e.end));
  if (e.type == Event::Type::Window) {
    w.key("records").value(static_cast<int64_t>(e.records));
    if (e.late || e.untimed) w.key("late").value(static_cast<int64_t>(e.late)).key("untimed").value(static_cast<int64_t>(e.untimed));
  }
  if (!e.column.empty()) w.key("column").value(e.column);
  if (!e.test.empty()) w.key("test").value(e.test);
  if (e.type == Event::Type::Test || e.type == Event::Type::Alert) {
    number(w, "statistic", e.statistic);
    number(w, "p_value", e.p_value);
    number(w, "threshold", e.threshold);
    w.key("drift").value(e.drift);
  }
  if (e.type == Event::Type::Alert) w.key("windows").value(e.windows);
  w.key("severity").value(e.severity);
  if (!e.detail.empty()) w.key("detail").value(e.detail);
  if (!e.source.empty()) w.key("descriptor").value(e.source);
  w.end_object();
  return w.str();
}

Result<stats::DriftReport> Monitor::compare(const stats::ProfileRun& run) const {
  const stats::DriftInput current{"window", run.profile, run.raw, run.raw_complete, {}};
  return stats::compare(reference_input_, current, options_.drift);
}

// The window event, then one event per test: drift (`report`), missing rate, invalid values
// and the descriptor's promises.
void Monitor::emit(const stats::ProfileRun& run, const Event& window, const Result<stats::DriftReport>& report) {
  sink_(window);
  const std::function<Event(std::string, std::string)> base = [&](std::string column, std::string test) {
    Event e = window;
    e.type = Event::Type::Test;
    e.column = std::move(column);
    e.test = std::move(test);
    return e;
  };
  if (report.ok()) {
    for (const auto& c : report.value().columns) {
      Event e = base(c.name, std::string(stats::method_name(c.method)));
      e.statistic = c.statistic;
      e.p_value = c.p_value;
      e.threshold = c.threshold;
      e.drift = c.drift;
      judge(std::move(e));
    }
  }
  for (const auto& c : run.profile.columns) {
    const auto* ref = reference().find(c.name);
    if (!ref || c.count == 0) continue;
    const double rate = static_cast<double>(c.missing) / static_cast<double>(c.count);
    const double ref_rate = ref->count ? static_cast<double>(ref->missing) / static_cast<double>(ref->count) : 0;
    Event m = base(c.name, "missing_rate");
    m.statistic = rate;
    m.threshold = ref_rate + options_.missing_rate_margin;
    m.drift = rate > m.threshold;
    judge(std::move(m));
    if (!stats::has_numbers(c.type) && c.type != stats::ColumnType::Boolean) continue;
    Event v = base(c.name, "invalid");
    v.statistic = static_cast<double>(c.invalid) / static_cast<double>(c.count);
    v.threshold = 0;
    v.drift = c.invalid > 0;
    judge(std::move(v));
  }
  check_expectations(run, base);
}

// The share of a window's values that break each descriptor promise: numbers outside the
// range (from the window's raw values), values outside the allowed set (numbers by value,
// anything else by its text in the window's value counts).
void Monitor::check_expectations(const stats::ProfileRun& run, const std::function<Event(std::string, std::string)>& base) {
  for (const auto& x : options_.expectations) {
    const auto& cols = run.profile.columns;
    const auto it = std::find_if(cols.begin(), cols.end(), [&](const auto& c) { return c.name == x.column; });
    if (it == cols.end()) continue;
    const size_t i = static_cast<size_t>(it - cols.begin());
    const std::vector<double>* raw = i < run.raw.size() && !run.raw[i].empty() ? &run.raw[i] : nullptr;
    uint64_t seen = 0, broken = 0;
    std::string test;
    if (x.range && raw) {
      test = "range";
      for (double v : *raw) seen++, broken += v < x.range->first || v > x.range->second;
    } else if (const auto allowed = numbers(x.allowed); allowed && raw) {
      test = "allowed_values";
      for (double v : *raw) seen++, broken += std::find(allowed->begin(), allowed->end(), v) == allowed->end();
    } else if (!x.allowed.empty() && !stats::has_numbers(it->type)) {
      test = "allowed_values";
      for (const auto& [value, n] : it->values.items())
        seen += n, broken += std::find(x.allowed.begin(), x.allowed.end(), value) == x.allowed.end() ? n : 0;
    }
    if (test.empty() || seen == 0) continue;
    Event e = base(x.column, test);
    e.statistic = static_cast<double>(broken) / static_cast<double>(seen);
    e.threshold = 0;
    e.drift = broken > 0;
    e.source = x.source;
    judge(std::move(e));
  }
}

// Gives a test event its severity, sends it, and then an alert when the column's run of
// drifted windows reaches alert_after outside a cool-down.
void Monitor::judge(Event e) {
  e.type = Event::Type::Test;
  e.severity = e.drift ? "warning" : "info";
  Streak& s = streaks_[{e.column, e.test}];
  s.drifted = e.drift ? s.drifted + 1 : 0;
  sink_(e);
  if (!e.drift || s.drifted < options_.alert_after || e.window <= s.quiet_until) return;
  Event a = e;
  a.type = Event::Type::Alert;
  a.severity = "error";
  a.windows = s.drifted;
  a.detail = "column '" + e.column + "': " + e.test + " says the data differs from the reference in " +
             std::to_string(s.drifted) + " windows in a row";
  s.quiet_until = e.window + static_cast<uint64_t>(std::max(0, options_.cooldown));
  sink_(a);
}

}  // namespace seam::monitor
