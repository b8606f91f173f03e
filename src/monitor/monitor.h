// Runtime monitoring: production records against the training data's profile, window by
// window. Windows are counted in records or measured in event time, and tumble (each record
// in one window) or slide (a window ends every `slide` records or `every` seconds, and
// overlaps the ones before it). Each window of records is profiled with the reference's
// column types. It is then
// tested against the reference in two ways: for drift, with the same tests as `seam drift`,
// and for what the data should hold: the missing rate, and values that do not fit the
// column's type. Every test gives a test event. Alert rules turn a run of drifted windows
// into one alert, and a cool-down keeps one noisy column from paging again at once.
//
// Windows are built from panes: a pane is `slide` records, or `every` seconds of event time,
// and a window is the last window/slide (or length/every) panes merged. Memory is bounded
// whatever the stream's length: the panes of one window (profiles, and the raw numeric
// values that keep its tests exact: at most `window` per column counted in records, at most
// `max_values` per pane and column in event time, beyond which the tests use sketches), and
// in event time the panes still open for late records.
//
// Event time: a record's time is its `time_column` (ISO 8601, or seconds since 1970). The
// newest time seen, less `lateness`, is the watermark. A pane closes, and the window that ends
// with it is tested, once the watermark passes its end. A record older than the watermark
// when it arrives belongs to a closed pane: it is late, counted, and left out of every
// window. A record without a readable time is counted as untimed and left out too.
//
// Thread safety: a Monitor is used by one thread at a time. Its events go to the sink in
// order, from the thread that gives it records.
#pragma once

#include <cstdint>
#include <cmath>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "data/reader.h"
#include "stats/drift.h"
#include "stats/profile_builder.h"
#include "stats/time.h"

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
  uint64_t window = 10000;      // records per window
  uint64_t slide = 0;           // a window ends every `slide` records (0: window, tumbling); divides window
  uint64_t min_window = 0;      // the last, partial window is tested from this many records (0: window / 2)
  // Event time, when time_column is set: windows of `length` seconds, one ending every
  // `every` seconds (0: length; divides length), aligned to multiples of `every` since 1970.
  std::string time_column;
  double length = 0, every = 0, lateness = 0;  // seconds
  uint64_t max_values = 100000;  // raw values kept per pane and column in event time
  // 2: a window's drift tests run on a thread of their own while the next window is read,
  // and its events come out when that window ends, or at flush(). 1: all on the caller's.
  unsigned threads = 1;
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
  double start = NAN, end = NAN;            // event time: the window's bounds, seconds since 1970
  uint64_t records = 0, late = 0, untimed = 0;  // Window: its records; late and untimed records since the last
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
// "test", "statistic", "p_value", "threshold", "drift", "severity", ...}; "start" and "end"
// (ISO 8601) for windows in event time.
std::string event_json(const Event& e);

using EventSink = std::function<void(const Event&)>;

class Monitor : public data::RecordSink {
 public:
  // `reference`: the training data's profile. Usage error for bad drift options (an unknown
  // column or method), a window of fewer than 2 records, a slide that does not divide the
  // window, and in event time a time column the reference lacks, or a length that is not a
  // positive multiple of `every`.
  static Result<std::unique_ptr<Monitor>> create(stats::Profile reference, Options options, EventSink sink);

  // The stream's columns, once, before any record: a reference column it lacks is an event.
  void columns(const std::vector<std::string>& names) override;
  void record(const data::Field* fields, size_t n, uint64_t line) override;
  void records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) override;
  // Ends the stream: tests the last window if it is long enough.
  void finish();
  // Sends the events of a window whose tests are still running (threads = 2) once they end.
  void flush();
  ~Monitor() override;

  uint64_t records() const { return records_; }
  uint64_t windows() const { return window_; }
  uint64_t late() const { return late_; }
  uint64_t untimed() const { return untimed_; }

 private:
  // Records that go to one window part: `slide` records, or `every` seconds.
  struct Pane {
    std::unique_ptr<stats::ProfileBuilder> builder;
    uint64_t records = 0, first = 0, last = 0;  // its records, and their first and last numbers
  };
  struct Closed {
    int64_t index = 0;
    std::shared_ptr<const stats::ProfileRun> run;
    uint64_t records = 0, first = 0, last = 0;
  };
  class Tester;  // the second thread
  struct Pending {
    std::future<Result<stats::DriftReport>> report;
    std::shared_ptr<const stats::ProfileRun> run;
    Event window;
  };
  Monitor(stats::Profile reference, Options options, EventSink sink);
  bool timed() const { return !options_.time_column.empty(); }
  size_t panes_per_window() const;
  Pane new_pane() const;
  void add(Pane& pane, const data::Field* fields, size_t n, size_t count, const uint64_t* lines, uint64_t first);
  void count_records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines);
  void time_records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines);
  void close_pane(int64_t index, Pane pane);
  void close_panes_up_to(int64_t last);
  void end_window(int64_t end, bool last);
  Result<stats::DriftReport> compare(const stats::ProfileRun& run) const;
  void emit(const stats::ProfileRun& run, const Event& window, const Result<stats::DriftReport>& report);
  void judge(Event e);
  void check_expectations(const stats::ProfileRun& run, const std::function<Event(std::string, std::string)>& base);

  const stats::Profile& reference() const { return reference_input_.profile; }

  stats::DriftInput reference_input_;  // its profile is the reference
  Options options_;
  EventSink sink_;
  std::vector<std::string> names_;
  stats::ColumnOptions pane_options_;
  bool watching_ = false;          // the stream shares a column with the reference
  Pane current_;                   // counted in records: the pane being filled
  int64_t pane_index_ = 0;
  std::map<int64_t, Pane> open_;   // event time: the panes still open, by index
  int64_t closed_up_to_ = INT64_MIN;  // event time: every pane up to this index is closed
  double newest_ = -INFINITY;
  size_t time_field_ = SIZE_MAX;
  stats::DayCache day_;
  std::vector<Closed> closed_;     // the last panes_per_window() closed panes, oldest first
  uint64_t records_ = 0, window_ = 0, late_ = 0, untimed_ = 0, late_reported_ = 0, untimed_reported_ = 0;
  struct Streak {
    int drifted = 0;        // windows in a row
    uint64_t quiet_until = 0;  // no alert up to this window
  };
  std::map<std::pair<std::string, std::string>, Streak> streaks_;  // by column and test
  std::optional<Pending> pending_;  // threads = 2: the window being tested
  std::unique_ptr<Tester> tester_;  // last: it stops before what its tasks read goes
};

}  // namespace seam::monitor
