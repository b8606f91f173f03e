// The windows of a monitor: records into panes, panes into windows (monitor.h). The tests of
// a window are in monitor_checks.cc.
#include "monitor/monitor.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace seam::monitor {
namespace {

// Seconds since 1970 as a plain number: event times that a producer writes as epoch seconds.
bool epoch_seconds(std::string_view s, double& t) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), t);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size() && std::isfinite(t);
}

// Whether `a` is a whole multiple of `b` (both positive), allowing for how decimals are stored.
bool multiple_of(double a, double b) {
  const double k = std::round(a / b);
  return k >= 1 && std::fabs(a - k * b) <= 1e-9 * a;
}

}  // namespace

// One thread that runs the windows' drift tests in order, beside the thread that reads.
class Monitor::Tester {
 public:
  Tester() : thread_([this] { loop(); }) {}
  ~Tester() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  std::future<Result<stats::DriftReport>> run(std::function<Result<stats::DriftReport>()> f) {
    std::packaged_task<Result<stats::DriftReport>()> task(std::move(f));
    auto done = task.get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
    return done;
  }

 private:
  void loop() {
    for (;;) {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
    }
  }
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<Result<stats::DriftReport>()>> tasks_;
  bool stop_ = false;
  std::thread thread_;
};

Monitor::~Monitor() = default;

void Monitor::flush() {
  if (!pending_) return;
  Pending p = std::move(*pending_);
  pending_.reset();
  emit(*p.run, p.window, p.report.get());
}

Result<std::unique_ptr<Monitor>> Monitor::create(stats::Profile reference, Options options, EventSink sink) {
  const bool timed = !options.time_column.empty();
  if (!timed && options.window < 2) return Error::usage_at("/window", "a window holds at least 2 records");
  if (options.slide == 0) options.slide = options.window;
  if (!timed && options.window % options.slide != 0)
    return Error::usage_at("/slide", "the slide must divide the window of " + std::to_string(options.window) + " records");
  if (timed) {
    if (!(options.length > 0) || !std::isfinite(options.length))
      return Error::usage_at("/window", "a window in event time must last longer than 0 seconds");
    if (options.every == 0) options.every = options.length;
    if (!(options.every > 0) || !multiple_of(options.length, options.every))
      return Error::usage_at("/slide", "the slide must divide the window's length");
    if (!(options.lateness >= 0)) return Error::usage_at("/lateness", "lateness cannot be negative");
    if (options.max_values == 0) options.max_values = 1;
  }
  if (options.min_window == 0) options.min_window = timed ? 2 : std::max<uint64_t>(2, options.window / 2);
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

Monitor::Monitor(stats::Profile reference, Options options, EventSink sink) : options_(std::move(options)), sink_(std::move(sink)) {
  reference_input_.path = "reference";
  reference_input_.profile = std::move(reference);
  if (options_.threads > 1) tester_ = std::make_unique<Tester>();
}

size_t Monitor::panes_per_window() const {
  return timed() ? static_cast<size_t>(std::llround(options_.length / options_.every)) : options_.window / options_.slide;
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
  for (const auto& c : reference().columns) missing(c.name, "the reference has column '" + c.name + "', which the stream lacks", "");
  for (const auto& x : options_.expectations)
    missing(x.column, "the descriptor promises field '" + x.column + "', which the stream lacks", x.source);
  if (timed()) missing(options_.time_column, "the windows are placed in time by column '" + options_.time_column + "', which the stream lacks", "");
  // A window is read with the reference's types, so that it is read as the training data
  // was; the time column is left out, since time always moves on.
  for (const auto& n : names_)
    if (const auto* c = reference().find(n); c && n != options_.time_column)
      pane_options_.columns.push_back(n), pane_options_.types.emplace_back(n, c->type);
  if (std::find(names_.begin(), names_.end(), reference().label) != names_.end()) pane_options_.label = reference().label;
  pane_options_.keep_values = timed() ? options_.max_values : options_.slide;
  const auto t = std::find(names_.begin(), names_.end(), options_.time_column);
  time_field_ = timed() && t != names_.end() ? static_cast<size_t>(t - names_.begin()) : SIZE_MAX;
  // Without a shared column there is nothing to watch; the missing-column events said so.
  watching_ = !pane_options_.columns.empty() && (!timed() || time_field_ != SIZE_MAX);
  if (watching_ && !timed()) current_ = new_pane();
}

Monitor::Pane Monitor::new_pane() const {
  Pane p;
  // The columns are the stream's own and the types given, so this cannot fail.
  p.builder = std::make_unique<stats::ProfileBuilder>(stats::ProfileBuilder::create(names_, pane_options_).value());
  return p;
}

void Monitor::record(const data::Field* fields, size_t n, uint64_t line) { records(fields, n, 1, &line); }

void Monitor::records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) {
  if (!watching_) records_ += count;
  else if (timed()) time_records(fields, n, count, lines);
  else count_records(fields, n, count, lines);
}

// Records numbered `first` on, in order, into a pane.
void Monitor::add(Pane& p, const data::Field* fields, size_t n, size_t count, const uint64_t* lines, uint64_t first) {
  p.builder->records(fields, n, count, lines);
  p.first = p.records ? std::min(p.first, first) : first;
  p.last = std::max(p.last, first + count - 1);
  p.records += count;
}

// A batch goes to the pane's builder whole, a column at a time, split where a pane ends.
void Monitor::count_records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) {
  while (count) {
    const auto take = static_cast<size_t>(std::min<uint64_t>(count, options_.slide - current_.records));
    add(current_, fields, n, take, lines, records_ + 1);
    records_ += take;
    fields += take * n;
    lines += take;
    count -= take;
    if (current_.records < options_.slide) break;
    close_pane(pane_index_, std::exchange(current_, new_pane()));
    end_window(pane_index_++, false);
  }
}

// Each record goes to the pane of its time, in runs of records that share one; a newer time
// moves the watermark on and may close panes.
void Monitor::time_records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) {
  const uint64_t base = records_;
  records_ += count;
  size_t run = 0;
  int64_t run_pane = INT64_MIN;
  auto flush = [&](size_t end) {
    if (run_pane != INT64_MIN && end > run) {
      auto it = open_.find(run_pane);
      if (it == open_.end()) it = open_.emplace(run_pane, new_pane()).first;
      add(it->second, fields + run * n, n, end - run, lines + run, base + run + 1);
    }
    run = end;
  };
  for (size_t r = 0; r < count; ++r) {
    const data::Field& f = fields[r * n + time_field_];
    double t = 0;
    stats::TimeForm form;
    if (f.null || !(stats::parse_timestamp(f.text, t, form, day_) || epoch_seconds(f.text, t))) {
      flush(r), ++run, run_pane = INT64_MIN, ++untimed_;
      continue;
    }
    const auto pane = static_cast<int64_t>(std::floor(t / options_.every));
    if (pane <= closed_up_to_) {
      flush(r), ++run, run_pane = INT64_MIN, ++late_;
      continue;
    }
    if (pane != run_pane) flush(r), run_pane = pane;
    if (t <= newest_) continue;
    newest_ = t;
    const double watermark = newest_ - options_.lateness;
    if (std::floor(watermark / options_.every) - 1 > static_cast<double>(closed_up_to_)) {
      flush(r + 1);
      close_panes_up_to(static_cast<int64_t>(std::floor(watermark / options_.every)) - 1);
    }
  }
  flush(count);
}

// Event time: closes the open panes up to index `last`, and tests each window that ends at a
// pane up to there and holds data: with sliding windows, also those that end at a pane with
// no records of its own.
void Monitor::close_panes_up_to(int64_t last) {
  const auto k = static_cast<int64_t>(panes_per_window());
  std::vector<int64_t> ends;
  for (const auto& [index, pane] : open_) {
    if (index > last) break;
    for (int64_t q = index; q < index + k && q <= last; ++q)
      if (ends.empty() || q > ends.back()) ends.push_back(q);
  }
  for (int64_t q : ends) {
    while (!open_.empty() && open_.begin()->first <= q) {
      auto node = open_.extract(open_.begin());
      close_pane(node.key(), std::move(node.mapped()));
    }
    end_window(q, false);
  }
  closed_up_to_ = std::max(closed_up_to_, last);
}

void Monitor::finish() {
  if (watching_ && timed() && !open_.empty()) close_panes_up_to(open_.rbegin()->first);
  if (watching_ && !timed() && current_.records) {
    close_pane(pane_index_, std::exchange(current_, new_pane()));
    end_window(pane_index_++, true);
  }
  flush();
}

void Monitor::close_pane(int64_t index, Pane pane) {
  Closed c;
  c.index = index;
  c.records = pane.records;
  c.first = pane.first;
  c.last = pane.last;
  c.run = std::make_shared<const stats::ProfileRun>(std::move(*pane.builder).finish_run());
  closed_.push_back(std::move(c));
}

// The window of the panes that end at index `end`: merged, and tested when it is full (counted
// in records) or holds min_window records. `last`: the stream has ended, so a short window
// counts too.
void Monitor::end_window(int64_t end, bool last) {
  const auto k = static_cast<int64_t>(panes_per_window());
  closed_.erase(closed_.begin(), std::find_if(closed_.begin(), closed_.end(), [&](const Closed& c) { return c.index > end - k; }));
  Event w;
  w.type = Event::Type::Window;
  w.severity = "info";
  for (const auto& c : closed_) {
    w.first_record = w.records ? std::min(w.first_record, c.first) : c.first;
    w.last_record = std::max(w.last_record, c.last);
    w.records += c.records;
  }
  if (!timed() && w.records < (last ? options_.min_window : options_.window)) return;
  w.window = ++window_;
  if (timed()) {
    w.start = static_cast<double>(end - k + 1) * options_.every;
    w.end = static_cast<double>(end + 1) * options_.every;
    w.late = late_ - late_reported_;
    w.untimed = untimed_ - untimed_reported_;
    late_reported_ = late_;
    untimed_reported_ = untimed_;
  }
  flush();  // the window before comes first
  if (w.records < options_.min_window) {
    w.detail = "too few records to test: " + std::to_string(w.records) + ", and min_records is " + std::to_string(options_.min_window);
    return sink_(w);
  }
  std::shared_ptr<const stats::ProfileRun> run = closed_.front().run;
  if (closed_.size() > 1) {
    auto merged = std::make_shared<stats::ProfileRun>(*run);
    for (size_t i = 1; i < closed_.size(); ++i) {
      const stats::ProfileRun& r = *closed_[i].run;
      (void)merged->profile.merge(r.profile);  // the panes share their columns and types
      for (size_t c = 0; c < merged->raw.size() && c < r.raw.size(); ++c) {
        merged->raw[c].insert(merged->raw[c].end(), r.raw[c].begin(), r.raw[c].end());
        merged->raw_complete[c] = merged->raw_complete[c] && r.raw_complete[c];
      }
    }
    run = std::move(merged);
  }
  if (!tester_) return emit(*run, w, compare(*run));
  pending_ = Pending{tester_->run([this, run] { return compare(*run); }), run, w};
}

}  // namespace seam::monitor
