#include "monitor/monitor.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace seam::monitor {
namespace {

// Records like a payments stream: x ~ N(0, 1), y ~ N(100, 10), a channel of three values and
// an amount in euros. `change` says what happens from record `at` on.
enum class Change { None, MeanShift, NewCategory, UnitChange, GoesEmpty, SlowDrift };

class Stream {
 public:
  Stream(Change change, uint64_t at, uint64_t seed) : change_(change), at_(at), rng_(seed) {}
  // The fields of record i (0-based).
  std::vector<std::string> next(uint64_t i) {
    std::normal_distribution<double> x(0, 1), y(100, 10), amount(50, 15);
    std::uniform_int_distribution<int> channel(0, 2);
    double xv = x(rng_), yv = y(rng_), av = amount(rng_);
    std::string ch(1, "abc"[channel(rng_)]);
    const bool on = i >= at_;
    if (on && change_ == Change::MeanShift) xv += 0.5;
    if (on && change_ == Change::NewCategory && i % 4 == 0) ch = "d";
    if (on && change_ == Change::UnitChange) av *= 1000;
    if (on && change_ == Change::SlowDrift) xv += 1e-5 * static_cast<double>(i - at_);
    std::string ys = on && change_ == Change::GoesEmpty ? "" : std::to_string(yv);
    return {std::to_string(xv), ys, ch, std::to_string(av)};
  }

 private:
  Change change_;
  uint64_t at_;
  std::mt19937_64 rng_;
};

const std::vector<std::string> kColumns = {"x", "y", "channel", "amount"};

stats::Profile reference() {
  auto b = stats::ProfileBuilder::create(kColumns, {});
  Stream s(Change::None, 0, 1);
  for (uint64_t i = 0; i < 50000; ++i) {
    const auto r = s.next(i);
    const std::vector<std::string_view> v(r.begin(), r.end());
    b.value().add(v);
  }
  return std::move(b).value().finish();
}

std::vector<Event> run(Change change, uint64_t at, uint64_t records, Options o = {}) {
  std::vector<Event> events;
  auto m = Monitor::create(reference(), o, [&](const Event& e) { events.push_back(e); });
  EXPECT_TRUE(m.ok());
  m.value()->columns(kColumns);
  Stream s(change, at, 7);
  for (uint64_t i = 0; i < records; ++i) {
    const auto r = s.next(i);
    data::Field f[4];
    for (size_t c = 0; c < 4; ++c) f[c] = {r[c], false};
    m.value()->record(f, 4, i + 2);
  }
  m.value()->finish();
  return events;
}

const Event* first_alert(const std::vector<Event>& events, const std::string& column) {
  for (const auto& e : events)
    if (e.type == Event::Type::Alert && e.column == column) return &e;
  return nullptr;
}

std::vector<const Event*> windows_of(const std::vector<Event>& events) {
  std::vector<const Event*> out;
  for (const auto& e : events)
    if (e.type == Event::Type::Window) out.push_back(&e);
  return out;
}

// Records with a time: record i is at times[i] ("" for none), its fields from a stationary stream.
std::vector<Event> run_timed(const std::vector<std::string>& times, Options o) {
  std::vector<Event> events;
  auto m = Monitor::create(reference(), o, [&](const Event& e) { events.push_back(e); });
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  if (!m.ok()) return events;
  std::vector<std::string> names = kColumns;
  names.push_back("ts");
  m.value()->columns(names);
  Stream s(Change::None, 0, 3);
  for (uint64_t i = 0; i < times.size(); ++i) {
    const auto r = s.next(i);
    data::Field f[5];
    for (size_t c = 0; c < 4; ++c) f[c] = {r[c], false};
    f[4] = {times[i], times[i].empty()};
    m.value()->record(f, 5, i + 2);
  }
  m.value()->finish();
  return events;
}

Options small_windows() {
  Options o;
  o.window = 1000;
  return o;
}

// Each planted change fires an alert on its column within alert_after windows of the change,
// and none before it.
TEST(MonitorTest, PlantedChangesAlertInTheExpectedWindow) {
  const struct {
    Change change;
    std::string column, test;
  } cases[] = {{Change::MeanShift, "x", "ks"},
               {Change::NewCategory, "channel", "chisquare"},
               {Change::UnitChange, "amount", "ks"},
               {Change::GoesEmpty, "y", "missing_rate"}};
  for (const auto& c : cases) {
    const auto events = run(c.change, 10000, 20000, small_windows());
    const Event* a = first_alert(events, c.column);
    ASSERT_NE(a, nullptr) << c.column;
    EXPECT_EQ(a->test, c.test);
    EXPECT_EQ(a->window, 13u) << c.column;  // windows 11, 12 and 13 drifted: three in a row
    EXPECT_EQ(a->windows, 3);
    EXPECT_EQ(a->severity, "error");
    for (const auto& e : events) EXPECT_FALSE(e.type == Event::Type::Alert && e.window <= 10) << event_json(e);
  }
}

TEST(MonitorTest, ASlowDriftIsCaughtOnceItHasGrown) {
  const auto events = run(Change::SlowDrift, 0, 60000, small_windows());
  const Event* a = first_alert(events, "x");
  ASSERT_NE(a, nullptr);
  EXPECT_GT(a->window, 3u);   // not at once: the drift starts at nothing
  EXPECT_LT(a->window, 50u);  // x has moved by half a standard deviation at window 50
}

TEST(MonitorTest, AStationaryStreamRaisesNoAlarm) {
  const auto events = run(Change::None, 0, 200000, small_windows());
  size_t tests = 0, drifted = 0;
  for (const auto& e : events) {
    EXPECT_NE(e.type, Event::Type::Alert) << event_json(e);
    tests += e.type == Event::Type::Test;
    drifted += e.drift;
  }
  EXPECT_EQ(tests, 200u * 11);  // per window 4 drift tests, 4 missing rates, 3 invalid (the numbers)
  EXPECT_LT(drifted, tests / 100);
}

TEST(MonitorTest, SlidingWindowsOverlap) {
  Options o = small_windows();
  o.slide = 250;
  const auto events = run(Change::None, 0, 3000, o);
  const auto windows = windows_of(events);
  ASSERT_EQ(windows.size(), 9u);  // ending at records 1000, 1250, ..., 3000
  EXPECT_EQ(windows[0]->first_record, 1u);
  EXPECT_EQ(windows[1]->first_record, 251u);
  EXPECT_EQ(windows[8]->last_record, 3000u);
  for (const auto* w : windows) EXPECT_EQ(w->records, 1000u);
  o.slide = 300;
  EXPECT_FALSE(Monitor::create(reference(), o, [](const Event&) {}).ok());
}

TEST(MonitorTest, EventTimeWindowsCloseAsTheWatermarkPasses) {
  Options o;
  o.time_column = "ts";
  o.length = 600;
  o.every = 300;
  o.lateness = 30;
  std::vector<std::string> times;
  for (int t = 0; t < 3600; ++t) times.push_back(std::to_string(t));  // one record a second
  const auto events = run_timed(times, o);
  const auto windows = windows_of(events);
  ASSERT_EQ(windows.size(), 12u);  // ending with each of the 12 panes of 300 s
  EXPECT_EQ((windows[0]->start), -300);
  EXPECT_EQ((windows[1]->start), 0);
  EXPECT_EQ((windows[1]->end), 600);
  EXPECT_EQ(windows[1]->records, 600u);
  EXPECT_EQ(windows[11]->records, 600u);
  EXPECT_EQ(windows[11]->end, 3600);
  // Every window is tested: the ks events carry its bounds.
  size_t ks = 0;
  for (const auto& e : events) ks += e.type == Event::Type::Test && e.test == "ks" && e.column == "x" && e.end == windows[e.window - 1]->end;
  EXPECT_EQ(ks, 12u);
  EXPECT_NE(event_json(*windows[1]).find("\"start\":\"1970-01-01T00:00:00Z\",\"end\":\"1970-01-01T00:10:00Z\""), std::string::npos);
}

TEST(MonitorTest, LateAndUntimedRecordsAreCountedAndLeftOut) {
  Options o;
  o.time_column = "ts";
  o.length = 300;
  o.lateness = 30;
  std::vector<std::string> times;
  for (int t = 0; t < 1000; ++t) times.push_back("2026-12-08T00:" + std::string(t / 60 < 10 ? "0" : "") + std::to_string(t / 60) + ":" +
                                                 (t % 60 < 10 ? "0" : "") + std::to_string(t % 60) + "Z");
  times.push_back("2026-12-08T00:01:40Z");  // 100 s: its pane closed when the watermark passed 300 s
  times.push_back("2026-12-08T00:15:50Z");  // 950 s: behind the watermark, but its pane [900, 1200) is open
  times.push_back("soon");
  times.push_back("");
  const auto events = run_timed(times, o);
  const auto windows = windows_of(events);
  ASSERT_EQ(windows.size(), 4u);  // [0, 300), [300, 600), [600, 900), [900, 1200)
  EXPECT_EQ(windows[2]->records, 300u);
  EXPECT_EQ(windows[3]->records, 101u);  // 900..999 and the one at 950
  EXPECT_EQ(windows[3]->late, 1u);
  EXPECT_EQ(windows[3]->untimed, 2u);
  EXPECT_NE(event_json(*windows[3]).find("\"late\":1,\"untimed\":2"), std::string::npos);
  o.every = 200;  // does not divide 300
  EXPECT_FALSE(Monitor::create(reference(), o, [](const Event&) {}).ok());
}

TEST(MonitorTest, TwoThreadsGiveTheSameEventsInTheSameOrder) {
  Options o = small_windows();
  o.slide = 500;
  std::vector<std::string> one, two;
  for (const auto& e : run(Change::MeanShift, 4000, 9000, o)) one.push_back(event_json(e));
  o.threads = 2;
  for (const auto& e : run(Change::MeanShift, 4000, 9000, o)) two.push_back(event_json(e));
  EXPECT_EQ(one, two);
  EXPECT_GT(one.size(), 100u);
}

TEST(MonitorTest, ThresholdsByColumnThenByMethodThenTheMonitorDefault) {
  Options o;
  o.window = 1000;
  o.drift.thresholds["x"] = 0.2;
  o.drift.methods["amount"] = stats::Method::Psi;
  o.method_thresholds[stats::Method::Ks] = 0.01;
  o.method_thresholds[stats::Method::Psi] = 0.3;
  std::map<std::string, double> seen;
  for (const auto& e : run(Change::None, 0, 1000, o))
    if (e.type == Event::Type::Test && e.test != "missing_rate" && e.test != "invalid") seen[e.column + " " + e.test] = e.threshold;
  EXPECT_EQ(seen, (std::map<std::string, double>{
                      {"x ks", 0.2}, {"y ks", 0.01}, {"amount psi", 0.3}, {"channel chisquare", kMonitorPValue}}));
}

TEST(MonitorTest, CooldownKeepsAColumnFromAlertingAgainAtOnce) {
  Options o = small_windows();
  o.cooldown = 5;
  const auto events = run(Change::MeanShift, 0, 20000, o);
  std::vector<uint64_t> alerts;
  for (const auto& e : events)
    if (e.type == Event::Type::Alert && e.column == "x") alerts.push_back(e.window);
  EXPECT_EQ(alerts, (std::vector<uint64_t>{3, 9, 15}));
}

// A descriptor's promises are checked in every window and named in the events: here the
// amount goes out of range after the unit change, and a promised field is missing.
TEST(MonitorTest, DescriptorPromisesAreCheckedAndNamed) {
  Options o = small_windows();
  o.expectations = {{"amount", std::make_pair(-50.0, 500.0), {}, "production_data.yaml:9: /schema/3/expected_values"},
                    {"channel", std::nullopt, {"a", "b", "c"}, "production_data.yaml:8: /schema/2/expected_values"},
                    {"region", std::nullopt, {"eu", "us"}, "production_data.yaml:10: /schema/4/expected_values"}};
  const auto events = run(Change::UnitChange, 5000, 10000, o);
  const Event* missing = nullptr;
  std::vector<const Event*> range, allowed;
  for (const auto& e : events) {
    if (e.type == Event::Type::MissingColumn && e.column == "region") missing = &e;
    if (e.type == Event::Type::Test && e.test == "range") range.push_back(&e);
    if (e.type == Event::Type::Test && e.test == "allowed_values") allowed.push_back(&e);
  }
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->source, "production_data.yaml:10: /schema/4/expected_values");
  ASSERT_EQ(range.size(), 10u);
  EXPECT_FALSE(range[4]->drift);
  EXPECT_TRUE(range[5]->drift);
  EXPECT_GT(range[5]->statistic, 0.9);
  EXPECT_NE(event_json(*range[5]).find("\"descriptor\":\"production_data.yaml:9: /schema/3/expected_values\""), std::string::npos);
  ASSERT_EQ(allowed.size(), 10u);
  for (const auto* e : allowed) EXPECT_FALSE(e->drift);
}

TEST(MonitorTest, AColumnTheStreamLacksIsAnEventAndTheRestIsWatched) {
  std::vector<Event> events;
  auto m = Monitor::create(reference(), small_windows(), [&](const Event& e) { events.push_back(e); });
  ASSERT_TRUE(m.ok());
  m.value()->columns({"x", "channel"});
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].type, Event::Type::MissingColumn);
  EXPECT_EQ(events[0].column, "y");
  EXPECT_EQ(events[1].column, "amount");
  const auto json = event_json(events[0]);
  EXPECT_NE(json.find("\"type\":\"missing_column\""), std::string::npos) << json;
  Options one;
  one.window = 1;
  EXPECT_FALSE(Monitor::create(reference(), one, [](const Event&) {}).ok());
}

}  // namespace
}  // namespace seam::monitor
