// Runtime monitoring: production records against the training data's profile, window by
// window. Each window of records is profiled with the reference's column types. It is then
// tested against the reference in two ways: for drift, with the same tests as `seam drift`,
// and for what the data should hold: the missing rate, and values that do not fit the
// column's type. Every test gives a test event. Alert rules turn a run of drifted windows
// into one alert, and a cool-down keeps one noisy column from paging again at once.
//
// Memory is bounded whatever the stream's length: one window's profile, plus the raw
// numeric values of that window (at most `window` per column), which keep its tests exact.
//
// Thread safety: a Monitor is used by one thread at a time. Its events go to the sink in
// order, from the thread that gives it records.
#pragma once

#include <cstdint>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "data/reader.h"
#include "stats/drift.h"
#include "stats/profile_builder.h"

namespace seam::monitor {

// What a descriptor promises about one field of the stream: a range for its numbers or the
// values it may take. api::monitor_expectations reads them from the production_data
// descriptor's schema; every window checks them, and each event names where the promise is
// written, so that a team sees which assumption broke.
struct Expectation {
  std::string column;
  std::optional<std::pair<double, double>> range;  // numbers lie in [first, second]
  std::vector<std::string> allowed;               // the values may be only these, as written
  std::string source;  // "production_data.yaml:12: /schema/2/expected_values"
};

struct Options {
  uint64_t window = 10000;      // records per tumbling window
  uint64_t min_window = 0;      // the last, partial window is tested from this many records (0: window / 2)
  stats::DriftOptions drift;    // methods, thresholds and columns, as for `seam drift`
  // Thresholds by method, for the columns drift.thresholds does not name; the tests that
  // neither names use kMonitorPValue, the distances their `seam drift` defaults.
  std::map<stats::Method, double> method_thresholds;
  // A window's missing rate may exceed the reference's by this much (an absolute share).
  double missing_rate_margin = 0.1;
  // Alert rules: an alert after this many drifted windows in a row for one column and test,
  // then none for that column and test during the next `cooldown` windows.
  int alert_after = 3;
  int cooldown = 10;
  // Checked in every window for the columns both the reference and the stream have; a
  // column the stream lacks is a missing-column event.
  std::vector<Expectation> expectations;
};

// The test threshold a monitor uses where the options give none: a window is tested hundreds
// of times a day, so 0.05 would fire on one window in twenty of a stationary stream.
inline constexpr double kMonitorPValue = 0.001;

struct Event {
  enum class Type : uint8_t { Test, Alert, MissingColumn, Window };
  Type type = Type::Test;
  uint64_t window = 0;                      // 1-based
  uint64_t first_record = 0, last_record = 0;  // 1-based record numbers in the stream
  std::string column;
  std::string test;       // "ks", "chisquare", ..., "missing_rate", "invalid"
  double statistic = 0, p_value = NAN, threshold = 0;
  bool drift = false;     // the test says the window differs from the reference
  std::string severity;   // "info" (no drift), "warning" (drift), "error" (alert, missing column)
  int windows = 0;        // Alert: drifted windows in a row
  std::string detail;     // a sentence for people
  std::string source;     // the descriptor field the test checks (Expectation::source), if any
};

// One JSON object per line: {"type", "window", "first_record", "last_record", "column",
// "test", "statistic", "p_value", "threshold", "drift", "severity", ...}.
std::string event_json(const Event& e);

using EventSink = std::function<void(const Event&)>;

class Monitor : public data::RecordSink {
 public:
  // `reference`: the training data's profile. Usage error for bad drift options (an unknown
  // column or method) and for a window of fewer than 2 records.
  static Result<std::unique_ptr<Monitor>> create(stats::Profile reference, Options options, EventSink sink);

  // The stream's columns, once, before any record: a reference column it lacks is an event.
  void columns(const std::vector<std::string>& names) override;
  void record(const data::Field* fields, size_t n, uint64_t line) override;
  void records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) override;
  // Ends the stream: tests the last window if it is long enough.
  void finish();

  uint64_t records() const { return records_; }
  uint64_t windows() const { return window_; }

 private:
  Monitor(stats::Profile reference, Options options, EventSink sink);
  void open_window();
  void close_window();
  void test_window(const stats::ProfileRun& run);
  void judge(Event e);
  void check_expectations(const stats::ProfileRun& run, const std::function<Event(std::string, std::string)>& base);

  stats::Profile reference_;
  stats::DriftInput reference_input_;
  Options options_;
  EventSink sink_;
  std::vector<std::string> names_;
  std::unique_ptr<stats::ProfileBuilder> builder_;
  uint64_t records_ = 0, window_ = 0, in_window_ = 0;
  struct Streak {
    int drifted = 0;        // windows in a row
    uint64_t quiet_until = 0;  // no alert up to this window
  };
  std::map<std::pair<std::string, std::string>, Streak> streaks_;  // by column and test
};

}  // namespace seam::monitor
