#include "cli/monitor_output.h"

#include <cstdio>
#include <cstdlib>

#include "store/store.h"

namespace seam::cli {

Status Sinks::open(const api::MonitorSettings& s, const std::string& stream, const Args& args) {
  std::optional<monitor::LineLog> events;
  for (const std::string* path : {&s.events, &s.quarantine}) {
    if (path->empty()) continue;
    auto log = monitor::LineLog::open(*path);
    if (!log.ok()) return log.error();
    if (path == &s.events) events.emplace(std::move(log).value());
    else quarantine.emplace(std::move(log).value(), stream);
  }
  out.emplace(std::move(events));
  if (!s.webhook.empty()) {
    server::WebhookOptions o;
    o.url = s.webhook;
    o.retries = s.webhook_retries;
    o.dead_letter = s.dead_letter;
    auto w = server::Webhook::create(std::move(o));
    if (!w.ok()) return w.error();
    webhook = std::move(w).value();
  }
  if (Status t = open_team(s, args); !t.ok()) return t;
  if (!s.metrics.empty()) {
    const size_t colon = s.metrics.rfind(':');
    const std::string host = colon == std::string::npos ? "" : s.metrics.substr(0, colon);
    char* end = nullptr;
    const long port = colon == std::string::npos ? -1 : std::strtol(s.metrics.c_str() + colon + 1, &end, 10);
    if (host.empty() || port < 0 || port > 65535 || *end) return Error::usage("--metrics: expected HOST:PORT; found '" + s.metrics + "'");
    auto m = server::MonitorMetrics::start(host, static_cast<int>(port));
    if (!m.ok()) return m.error();
    metrics = std::move(m).value();
    std::fprintf(stderr, "seam monitor: metrics at http://%s:%d/metrics\n", host.c_str(), metrics->port());
  }
  return Ok{};
}

// --server URL --project P (or SEAM_SERVER, SEAM_PROJECT), with SEAM_TOKEN: every event goes
// to the project's timeline, in batches.
Status Sinks::open_team(const api::MonitorSettings& s, const Args& args) {
  auto env_or = [&](const char* option, const char* env) {
    const char* e = std::getenv(env);
    return args.get(option, e ? e : "");
  };
  if (!args.options.count("--server")) return Ok{};
  std::string url = env_or("--server", "SEAM_SERVER");
  const std::string project = env_or("--project", "SEAM_PROJECT"), token = env_or("--token", "SEAM_TOKEN");
  if (project.empty() || !store::valid_project_name(project))
    return Error::usage("--server needs a project: --project NAME or SEAM_PROJECT (lower-case letters, digits, '.', '_', '-')");
  if (token.empty()) return Error::usage("--server needs an API token: SEAM_TOKEN (or --token, which other users can see in ps)");
  while (!url.empty() && url.back() == '/') url.pop_back();
  server::WebhookOptions o;
  o.name = "server";
  o.url = url + "/api/v1/projects/" + project + "/monitor/events";
  o.batch = 500;
  o.headers = {{"Authorization", "Bearer " + token}};
  if (args.options.count("--source")) o.headers.emplace("X-Seam-Source", args.get("--source", ""));
  o.dead_letter = s.dead_letter;
  auto w = server::Webhook::create(std::move(o));
  if (!w.ok()) return w.error();
  team = std::move(w).value();
  return Ok{};
}

void Sinks::event(const monitor::Event& e) {
  const bool alert = e.type == monitor::Event::Type::Alert || e.type == monitor::Event::Type::MissingColumn;
  alerts += alert;
  out->add(e);
  if (webhook && alert) webhook->send(e);
  if (team) team->send(e);
  if (metrics) metrics->event(e);
}

void Sinks::bad(uint64_t line, std::string_view text, const std::string& why) {
  if (quarantine && quarantined.ok()) quarantined = quarantine->add(line, text, why);
}

Status Sinks::close() {
  if (webhook) webhook->close();
  if (team) team->close();
  out->flush();
  return !out->error().ok() ? out->error() : quarantined;
}

std::string Sinks::summary(const api::MonitorSettings& s) const {
  std::string text;
  if (quarantine) text += " (" + std::to_string(quarantine->kept()) + " kept in " + s.quarantine + ")";
  text += ", " + std::to_string(alerts) + " alerts";
  for (const auto* w : {webhook.get(), team.get()}) {
    if (!w) continue;
    const auto c = w->counts();
    text += std::string(w == team.get() ? "; server: " : "; webhook: ") + std::to_string(c.delivered) + " delivered, " +
            std::to_string(c.retries) + " retries, " + std::to_string(c.dead) + " not delivered";
  }
  return text;
}

}  // namespace seam::cli
