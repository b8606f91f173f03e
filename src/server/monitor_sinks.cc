#include "server/monitor_sinks.h"

#include <httplib.h>

#include <algorithm>
#include <cmath>

#include "util/json_writer.h"

namespace seam::server {
namespace {

using Clock = std::chrono::steady_clock;

// Whether a failure may pass: the endpoint was unreachable, slow, busy or broken for a while.
bool worth_retrying(int status) { return status == 408 || status == 429 || status >= 500; }

// Prometheus label values: backslash, quote and newline escaped.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void line(std::string& out, std::string_view name, std::string_view labels, double v) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  char buf[64];
  std::snprintf(buf, sizeof buf, " %.17g\n", v);
  out += std::isnan(v) ? " NaN\n" : std::isinf(v) ? (v > 0 ? " +Inf\n" : " -Inf\n") : buf;
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

}  // namespace

Result<std::unique_ptr<Webhook>> Webhook::create(WebhookOptions o) {
  const std::string& url = o.url;
  const size_t scheme = url.rfind("http://", 0) == 0 ? 7 : url.rfind("https://", 0) == 0 ? 8 : 0;
  const size_t slash = scheme ? url.find('/', scheme) : std::string::npos;
  if (!scheme || url.size() == scheme || slash == scheme)
    return Error::usage("--" + o.name + ": expected an http:// or https:// URL with a host; found '" + url + "'");
  std::optional<monitor::LineLog> dead;
  if (!o.dead_letter.empty()) {
    auto log = monitor::LineLog::open(o.dead_letter);
    if (!log.ok()) return std::move(log).take_error();
    dead.emplace(std::move(log).value());
  }
  std::string origin = url.substr(0, slash), path = slash == std::string::npos ? "/" : url.substr(slash);
  return std::unique_ptr<Webhook>(new Webhook(std::move(o), std::move(origin), std::move(path), std::move(dead)));
}

Webhook::Webhook(WebhookOptions options, std::string origin, std::string path, std::optional<monitor::LineLog> dead)
    : options_(std::move(options)), origin_(std::move(origin)), path_(std::move(path)), dead_(std::move(dead)) {
  worker_ = std::thread([this] { run(); });
}

Webhook::~Webhook() { close(); }

void Webhook::send(const monitor::Event& e) {
  std::string body = monitor::event_json(e);
  std::unique_lock<std::mutex> lock(mu_);
  if (closing_ || queue_.size() >= options_.max_queue) {
    lock.unlock();
    bury({body}, closing_ ? "the monitor was stopping" : "the queue was full", 0);
    return;
  }
  queue_.push_back(std::move(body));
  wake_.notify_one();
}

void Webhook::close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) return;
    closing_ = true;
    deadline_ = Clock::now() + options_.drain;
  }
  wake_.notify_one();
  if (worker_.joinable()) worker_.join();
}

Webhook::Counts Webhook::counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

void Webhook::run() {
  for (;;) {
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, and nothing left
    std::vector<std::string> events;
    while (!queue_.empty() && events.size() < options_.batch) {
      events.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    deliver(events);
  }
}

// One request's events, tried until they are delivered, fail for good, or run out of tries
// or time.
void Webhook::deliver(const std::vector<std::string>& events) {
  std::string body;
  for (const auto& e : events) body.append(e).append(options_.batch > 1 ? "\n" : "");
  const char* type = options_.batch > 1 ? "application/x-ndjson" : "application/json";
  httplib::Client client(origin_);
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(options_.timeout);
  const auto usecs = std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout - secs);
  client.set_connection_timeout(secs.count(), usecs.count());
  client.set_read_timeout(secs.count(), usecs.count());
  client.set_write_timeout(secs.count(), usecs.count());
  auto wait = options_.backoff;
  for (int attempt = 1;; ++attempt) {
    httplib::Result res = client.Post(path_, options_.headers, body, type);
    if (res && res->status / 100 == 2) {
      std::lock_guard<std::mutex> lock(mu_);
      counts_.delivered += events.size();
      return;
    }
    const std::string why = res ? "the endpoint answered " + std::to_string(res->status)
                                : "cannot reach " + origin_ + ": " + httplib::to_string(res.error());
    if ((res && !worth_retrying(res->status)) || attempt > options_.retries) return bury(events, why, attempt);
    // Wait before the next try; once close() has begun, no later than its deadline.
    std::unique_lock<std::mutex> lock(mu_);
    const Clock::time_point until = Clock::now() + wait;
    for (Clock::time_point limit; Clock::now() < (limit = closing_ ? std::min(until, deadline_) : until);)
      wake_.wait_until(lock, limit);
    if (closing_ && Clock::now() >= deadline_) {
      lock.unlock();
      return bury(events, why + "; the monitor stopped before the next try", attempt);
    }
    ++counts_.retries;
    wait = std::min(wait * 2, std::chrono::milliseconds(30000));
  }
}

void Webhook::bury(const std::vector<std::string>& events, const std::string& why, int attempts) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    counts_.dead += events.size();
  }
  if (!dead_) {
    std::fprintf(stderr, "seam monitor: %s %s: %zu events not delivered after %d tries: %s\n", options_.name.c_str(),
                 options_.url.c_str(), events.size(), attempts, why.c_str());
    return;
  }
  std::string out;
  for (const auto& body : events) {
    JsonWriter w;
    w.begin_object().key("url").value(options_.url).key("attempts").value(attempts).key("error").value(why);
    w.key("event").raw(body).end_object();
    out += w.str();
    out += '\n';
  }
  if (Status s = dead_->append(out); !s.ok())
    std::fprintf(stderr, "seam monitor: %s: %s\n", dead_->path().c_str(), s.error().message.c_str());
}

Result<std::unique_ptr<MonitorMetrics>> MonitorMetrics::start(const std::string& host, int port) {
  std::unique_ptr<MonitorMetrics> m(new MonitorMetrics());
  m->http_ = std::make_unique<httplib::Server>();
  MonitorMetrics* self = m.get();
  m->http_->Get("/metrics", [self](const httplib::Request&, httplib::Response& res) {
    res.set_content(self->render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  m->port_ = port == 0 ? m->http_->bind_to_any_port(host) : (m->http_->bind_to_port(host, port) ? port : -1);
  if (m->port_ <= 0)
    return Error::io("--metrics: cannot listen on " + host + ":" + std::to_string(port) + " (in use, or not an address of this machine)");
  m->thread_ = std::thread([self] { self->http_->listen_after_bind(); });
  return m;
}

MonitorMetrics::~MonitorMetrics() {
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
}

void MonitorMetrics::event(const monitor::Event& e) {
  std::lock_guard<std::mutex> lock(mu_);
  if (e.type == monitor::Event::Type::Alert) ++alerts_;
  if (e.type == monitor::Event::Type::MissingColumn) ++missing_columns_;
  if (e.type != monitor::Event::Type::Test) return;
  tests_[{e.column, e.test}] = Test{e.statistic, e.p_value, e.drift ? 1.0 : 0.0};
}

void MonitorMetrics::progress(uint64_t records, uint64_t bad_records, uint64_t windows) {
  std::lock_guard<std::mutex> lock(mu_);
  records_ = records;
  bad_ = bad_records;
  windows_ = windows;
  if (windows == rate_window_) return;
  // The rate over the windows that closed since the last update.
  const auto now = Clock::now();
  const double seconds = std::chrono::duration<double>(now - rate_at_).count();
  if (seconds > 0) rate_ = static_cast<double>(records - rate_records_) / seconds;
  rate_window_ = windows;
  rate_records_ = records;
  rate_at_ = now;
}

std::string MonitorMetrics::render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  header(out, "seam_monitor_records_total", "counter", "Good records read from the stream.");
  line(out, "seam_monitor_records_total", "", static_cast<double>(records_));
  header(out, "seam_monitor_parse_errors_total", "counter", "Bad records skipped (ragged, broken quoting or JSON, invalid UTF-8).");
  line(out, "seam_monitor_parse_errors_total", "", static_cast<double>(bad_));
  header(out, "seam_monitor_windows_total", "counter", "Windows tested.");
  line(out, "seam_monitor_windows_total", "", static_cast<double>(windows_));
  header(out, "seam_monitor_alerts_total", "counter", "Alerts raised.");
  line(out, "seam_monitor_alerts_total", "", static_cast<double>(alerts_));
  header(out, "seam_monitor_missing_columns", "gauge", "Columns the reference or the descriptors have and the stream lacks.");
  line(out, "seam_monitor_missing_columns", "", static_cast<double>(missing_columns_));
  header(out, "seam_monitor_records_per_second", "gauge", "Records read per second while the last windows filled.");
  line(out, "seam_monitor_records_per_second", "", rate_);
  const struct {
    const char* name;
    const char* help;
    double Test::*field;
  } series[] = {{"seam_monitor_statistic", "The last window's test statistic, or its missing or invalid share.", &Test::statistic},
                {"seam_monitor_p_value", "The last window's p-value (NaN for tests without one).", &Test::p_value},
                {"seam_monitor_drift", "1 when the last window differed from the reference, else 0.", &Test::drift}};
  for (const auto& s : series) {
    header(out, s.name, "gauge", s.help);
    for (const auto& [key, t] : tests_)
      line(out, s.name, "column=\"" + label(key.first) + "\",test=\"" + label(key.second) + "\"", t.*s.field);
  }
  return out;
}

}  // namespace seam::server
