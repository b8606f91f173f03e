// seam monitor's sinks that speak HTTP: a webhook that is sent each alert, and a /metrics
// endpoint that Prometheus scrapes. They are here, above the library, because the HTTP stack
// lives in the server module.
//
// Thread safety: Webhook::send and MonitorMetrics's update methods are called by the
// monitor's thread; delivery and scrapes run on threads of their own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "monitor/monitor.h"
#include "monitor/sinks.h"
#include "util/result.h"

#include <httplib.h>

namespace seam::server {

struct WebhookOptions {
  std::string url;  // http://host[:port]/path or https://...
  int retries = 5;  // tries after the first
  std::chrono::milliseconds backoff{500};    // the first wait; doubled after each failure, at most 30 s
  std::chrono::milliseconds timeout{5000};   // to connect, and for the answer
  std::chrono::milliseconds drain{10000};    // how long close() keeps trying what is queued
  std::string dead_letter;  // events that could not be delivered, as JSON lines; "" for none
  size_t max_queue = 10000;
  // Events per request: 1 sends each as a JSON object; more send up to that many as JSON
  // lines (application/x-ndjson), as the team server takes them.
  size_t batch = 1;
  httplib::Headers headers;  // sent with every request: Authorization, X-Seam-Source
  std::string name = "webhook";  // for messages
};

// POSTs each event it is sent, as JSON, to a URL (or batches of them as JSON lines: the team
// server's monitor endpoint), on a thread of its own so that a slow or dead endpoint never
// holds the monitor up. 2xx is delivered. A connection failure, a timeout,
// 408, 429 and 5xx are tried again after a growing wait; any other answer is final. An event
// that is not delivered, after its last try, at close() or because the queue is full, goes to
// the dead-letter file with the reason, so none is lost without a trace.
class Webhook {
 public:
  // Usage error for a URL that is not http(s)://host...; Io error when the dead-letter file
  // cannot be opened.
  static Result<std::unique_ptr<Webhook>> create(WebhookOptions options);
  ~Webhook();

  void send(const monitor::Event& e);
  // Delivers what is queued, trying for at most options.drain, then dead-letters the rest.
  void close();

  struct Counts {
    uint64_t delivered = 0, retries = 0, dead = 0;
  };
  Counts counts() const;

 private:
  Webhook(WebhookOptions options, std::string origin, std::string path, std::optional<monitor::LineLog> dead);
  void run();
  void deliver(const std::vector<std::string>& events);
  void bury(const std::vector<std::string>& events, const std::string& why, int attempts);

  WebhookOptions options_;
  std::string origin_, path_;  // "https://host:port", "/hooks/seam"
  std::optional<monitor::LineLog> dead_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool closing_ = false;
  std::chrono::steady_clock::time_point deadline_;  // once closing: when to stop trying
  Counts counts_;
  std::thread worker_;
};

// Gauges and counters of a running monitor, served at /metrics in Prometheus' text format:
// records, bad records, windows and alerts; records per second in the last window; and, per
// column and test, the last window's statistic, p-value and drift (0 or 1).
class MonitorMetrics {
 public:
  // Listens on host:port (port 0: any free port) at once. Io error when it cannot.
  static Result<std::unique_ptr<MonitorMetrics>> start(const std::string& host, int port);
  ~MonitorMetrics();
  int port() const { return port_; }

  void event(const monitor::Event& e);
  void progress(uint64_t records, uint64_t bad_records, uint64_t windows);
  std::string render() const;

 private:
  MonitorMetrics() = default;
  struct Test {
    double statistic = 0, p_value = 0, drift = 0;
  };
  mutable std::mutex mu_;
  uint64_t records_ = 0, bad_ = 0, windows_ = 0, alerts_ = 0, missing_columns_ = 0;
  double rate_ = 0;
  uint64_t rate_window_ = 0;  // the window the rate was last computed at
  uint64_t rate_records_ = 0;
  std::chrono::steady_clock::time_point rate_at_ = std::chrono::steady_clock::now();
  std::map<std::pair<std::string, std::string>, Test> tests_;  // by column and test
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace seam::server
