#include "monitor/monitor.h"

#include <algorithm>
#include <charconv>
#include <cmath>

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

Result<std::unique_ptr<Monitor>> Monitor::create(stats::Profile reference, Options options, EventSink sink) {
  if (options.window < 2) return Error::usage_at("/window", "a window holds at least 2 records");
  if (options.min_window == 0) options.min_window = std::max<uint64_t>(2, options.window / 2);
  options.drift.histograms = false;
  for (const auto& c : reference.columns) {
    if (options.drift.thresholds.count(c.name)) continue;
    const auto m = options.drift.methods.find(c.name);
    const stats::Method method = m == options.drift.methods.end() ? stats::default_method(c.type) : m->second;
    if (const auto t = options.method_thresholds.find(method); t != options.method_thresholds.end())
      options.drift.thresholds[c.name] = t->second;
    else if (stats::is_test(method))
      options.drift.thresholds[c.name] = kMonitorPValue;
  }
  return std::unique_ptr<Monitor>(new Monitor(std::move(reference), std::move(options), std::move(sink)));
}

Monitor::Monitor(stats::Profile reference, Options options, EventSink sink)
    : reference_(std::move(reference)), options_(std::move(options)), sink_(std::move(sink)) {
  reference_input_.path = "reference";
  reference_input_.profile = reference_;
}

void Monitor::columns(const std::vector<std::string>& names) {
  names_ = names;
  std::vector<std::string> reported;
  auto missing = [&](const std::string& column, std::string detail, const std::string& source) {
    if (std::find(names.begin(), names.end(), column) != names.end()) return;
    if (std::find(reported.begin(), reported.end(), column) != reported.end()) return;
    reported.push_back(column);
    Event e;
    e.type = Event::Type::MissingColumn;
    e.column = column;
    e.severity = "error";
    e.source = source;
    e.detail = std::move(detail);
    sink_(e);
  };
  for (const auto& c : reference_.columns) missing(c.name, "the reference has column '" + c.name + "', which the stream lacks", "");
  for (const auto& x : options_.expectations)
    missing(x.column, "the descriptor promises field '" + x.column + "', which the stream lacks", x.source);
  open_window();
}

void Monitor::open_window() {
  stats::ColumnOptions o;
  // The reference's types, so that a window is read as the training data was; columns the
  // reference lacks are left out.
  for (const auto& n : names_)
    if (const auto* c = reference_.find(n)) o.columns.push_back(n), o.types.emplace_back(n, c->type);
  if (std::find(names_.begin(), names_.end(), reference_.label) != names_.end()) o.label = reference_.label;
  o.keep_values = options_.window;
  // Without a shared column there is nothing to watch; the missing columns said so.
  auto b = o.columns.empty() ? Result<stats::ProfileBuilder>(Error::usage("no shared column"))
                             : stats::ProfileBuilder::create(names_, o);
  builder_ = b.ok() ? std::make_unique<stats::ProfileBuilder>(std::move(b).value()) : nullptr;
  in_window_ = 0;
}

void Monitor::record(const data::Field* fields, size_t n, uint64_t line) { records(fields, n, 1, &line); }

// A batch goes to the window's builder whole, a column at a time, split where a window ends.
void Monitor::records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) {
  while (count && builder_) {
    const auto take = static_cast<size_t>(std::min<uint64_t>(count, options_.window - in_window_));
    builder_->records(fields, n, take, lines);
    records_ += take;
    in_window_ += take;
    fields += take * n;
    lines += take;
    count -= take;
    if (in_window_ == options_.window) close_window();
  }
}

void Monitor::finish() {
  if (builder_ && in_window_ >= options_.min_window) close_window();
}

void Monitor::close_window() {
  ++window_;
  stats::ProfileRun run = std::move(*builder_).finish_run();
  test_window(run);
  open_window();
}

void Monitor::test_window(const stats::ProfileRun& run) {
  const uint64_t first = records_ - in_window_ + 1, last = records_;
  const std::function<Event(std::string, std::string)> base = [&](std::string column, std::string test) {
    Event e;
    e.window = window_;
    e.first_record = first;
    e.last_record = last;
    e.column = std::move(column);
    e.test = std::move(test);
    return e;
  };
  stats::DriftInput current{"window", run.profile, run.raw, run.raw_complete, {}};
  auto report = stats::compare(reference_input_, current, options_.drift);
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
    const auto* ref = reference_.find(c.name);
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
