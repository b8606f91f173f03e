// Where seam monitor's events and bad records go: standard output or --events FILE, the
// --quarantine log, the --webhook (alerts and missing columns only: a webhook pages someone),
// the team server (--server: every event) and --metrics. Part of the server module, with
// cmd_monitor.cc, for the HTTP of the last three.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/monitor_settings.h"
#include "cli/args.h"
#include "monitor/monitor.h"
#include "monitor/sinks.h"
#include "server/monitor_sinks.h"

namespace seam::cli {

// Events as JSON lines, to standard output or appended to --events FILE, in batches.
class EventOutput {
 public:
  explicit EventOutput(std::optional<monitor::LineLog> log) : log_(std::move(log)) {}
  void add(const monitor::Event& e) {
    pending_ += monitor::event_json(e);
    pending_ += '\n';
    if (pending_.size() >= (size_t{64} << 10)) flush();
  }
  // Io error when the log cannot be written (the first one is kept).
  void flush() {
    if (log_ && error_.ok()) error_ = log_->append(pending_);
    if (!log_) std::fwrite(pending_.data(), 1, pending_.size(), stdout), std::fflush(stdout);
    pending_.clear();
  }
  const Status& error() const { return error_; }

 private:
  std::optional<monitor::LineLog> log_;
  std::string pending_;
  Status error_ = Ok{};
};

struct Sinks {
  std::optional<EventOutput> out;
  std::optional<monitor::Quarantine> quarantine;
  Status quarantined = Ok{};
  std::unique_ptr<server::Webhook> webhook;
  std::unique_ptr<server::Webhook> team;  // the team server's monitor endpoint: every event
  std::unique_ptr<server::MonitorMetrics> metrics;
  uint64_t alerts = 0;

  // Opens what the settings and --server name; Usage or Io error.
  Status open(const api::MonitorSettings& s, const std::string& stream, const Args& args);
  void event(const monitor::Event& e);
  void bad(uint64_t line, std::string_view text, const std::string& why);
  // Delivers what the webhook and server still hold and writes what is pending; the first error.
  Status close();
  // ", N alerts; webhook: ...", for the summary line.
  std::string summary(const api::MonitorSettings& s) const;

 private:
  Status open_team(const api::MonitorSettings& s, const Args& args);
};

}  // namespace seam::cli
