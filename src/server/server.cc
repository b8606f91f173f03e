#include "server/server.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "server/auth.h"
#include "server/connection.h"
#include "server/http.h"
#include "server/metrics.h"
#include "util/date.h"
#include "util/embedded.h"

namespace seam::server {

// docs/api/openapi.json, compiled in by scripts/embed-files.cmake.
const std::vector<EmbeddedFile>& embedded_api();

namespace {

bool loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.rfind("127.", 0) == 0;
}

// Replies that the routes did not write themselves (no route, body too large) get the same
// error envelope as the rest.
void default_error(const httplib::Request& req, httplib::Response& res, size_t max_body) {
  if (!res.body.empty()) return;
  switch (res.status) {
    case 404: return reply_error(res, 404, "not_found", "no such resource: " + req.path);
    case 413: return reply_error(res, 413, "too_large", "the request body is larger than " + std::to_string(max_body) + " bytes");
    case 405: return reply_error(res, 405, "method_not_allowed", req.method + " is not allowed on " + req.path);
    default: return reply_error(res, res.status, "error", "the request failed");
  }
}

void access_log(const httplib::Request& req, const httplib::Response& res, double seconds, const std::string& address) {
  const double ms = seconds * 1000;
  JsonWriter w;
  w.begin_object().key("time").value(iso_utc(now_seconds())).key("method").value(req.method).key("path").value(req.path);
  w.key("status").value(res.status).key("ms").value(ms).key("address").value(address).end_object();
  std::fprintf(stderr, "%s\n", w.str().c_str());
}

void add_health_routes(httplib::Server& http, App& app) {
  http.Get("/healthz", [](const auto&, auto& res) { res.set_content("ok\n", "text/plain"); });
  http.Get("/readyz", [&app](const auto&, auto& res) {
    if (auto st = app.store.ping(); !st.ok()) return reply_error(res, 503, "unavailable", st.error().message);
    res.set_content("ready\n", "text/plain");
  });
}

std::unique_ptr<httplib::Server> make_http(const Options& o) {
  if (o.tls_cert.empty()) return std::make_unique<PlainServer>();
  return std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
}

}  // namespace

Status run(store::Store& store, api::Analyzer analyzer, const Options& options) {
  if (auto st = init_crypto(); !st.ok()) return st;
  if (options.tls_cert.empty() != options.tls_key.empty())
    return Error::usage("TLS needs both a certificate and a key");
  Hub hub(options.limits.max_event_streams);
  App app{store, Analysis(std::move(analyzer)), options.limits, !options.tls_cert.empty(), hub, options.trusted_proxies};
  auto http = make_http(options);
  if (!http->is_valid()) return Error::io("cannot use the TLS certificate '" + options.tls_cert + "' and key '" + options.tls_key + "'");
  // An open event stream holds a worker thread: the pool has room for all of them on top of
  // httplib's usual workers, which stay free for the other requests.
  const size_t threads = CPPHTTPLIB_THREAD_POOL_COUNT + options.limits.max_event_streams;
  http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Without it, every keep-alive request waits for the peer's delayed ACK (about 40 ms).
  http->set_tcp_nodelay(true);
  // httplib closes a keep-alive connection after 5 requests by default; reconnecting costs an
  // accept, a handshake and a hand-off to a worker, which on loopback is most of a cheap request.
  http->set_keep_alive_max_count(1000);
  http->set_payload_max_length(options.limits.max_body);
  http->set_read_timeout(10);
  http->set_write_timeout(10);
  http->set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}, {"Referrer-Policy", "no-referrer"}});
  const size_t max_body = options.limits.max_body;
  http->set_error_handler([max_body](const auto& req, auto& res) { default_error(req, res, max_body); });
  http->set_exception_handler([](const auto& req, auto& res, std::exception_ptr) {
    std::fprintf(stderr, "seam serve: internal error on %s %s\n", req.method.c_str(), req.path.c_str());
    reply_error(res, 500, "internal", "internal error");
  });
  // A request is handled and logged on the same worker thread.
  static thread_local std::chrono::steady_clock::time_point started;
  http->set_pre_routing_handler([](const auto&, auto&) {
    started = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  Metrics metrics;
  const bool log = options.access_log;
  http->set_logger([&metrics, log, &app](const auto& req, const auto& res) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics.record(req.path, res.status, seconds);
    if (log) access_log(req, res, seconds, client_address(app.trusted_proxies, req));
  });
  http->Get("/api/v1/openapi.json", [](const auto&, auto& res) { res.set_content(embedded_api().front().text, "application/json"); });
  http->Get("/metrics", [&metrics, &app](const auto&, auto& res) {
    res.set_content(metrics.render(app.analysis.hits(), app.analysis.misses(), app.events.open_count()), "text/plain; version=0.0.4");
  });
  add_health_routes(*http, app);
  add_account_routes(*http, app);
  add_project_routes(*http, app);
  add_document_routes(*http, app);
  add_findings_routes(*http, app);
  add_readiness_routes(*http, app);
  add_profile_routes(*http, app);
  add_event_routes(*http, app);
  add_monitor_routes(*http, app);
  add_ui_routes(*http, options.ui_dir);

  int port = options.port;
  if (port == 0) port = http->bind_to_any_port(options.host);
  else if (!http->bind_to_port(options.host, port)) port = -1;
  if (port < 0) return Error::io("cannot listen on " + options.host + ":" + std::to_string(options.port) + " (in use, or not an address of this machine)");
  widen_backlog(*http);
  if (!loopback(options.host) && options.tls_cert.empty())
    std::fprintf(stderr, "seam serve: warning: listening on %s without TLS; passwords and tokens cross the network in clear text (use --tls-cert and --tls-key, or a TLS proxy)\n", options.host.c_str());

  // Signals go to one thread that stops the server; the workers it starts inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // Subscribed after the mask is set, so that the store's listener thread inherits it.
  auto subscription = store.subscribe([&hub](const store::ChangeEvent& e) { hub.publish(e); });
  if (!subscription.ok()) return std::move(subscription).take_error();
  std::atomic<bool> ended{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    if (!ended) std::fprintf(stderr, "seam serve: stopping: finishing requests in flight\n");
    // Event streams last until their reader leaves: end them, or stopping would wait on them.
    hub.close();
    if (auto* plain = dynamic_cast<PlainServer*>(http.get())) plain->stop_and_wake();
    else http->stop();
  });
  std::fprintf(stderr, "seam serve: listening on %s://%s:%d\n", options.tls_cert.empty() ? "http" : "https", options.host.c_str(), port);
  std::fflush(stderr);
  http->listen_after_bind();
  // Wake the waiter if the server ended by itself.
  ended = true;
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::fprintf(stderr, "seam serve: stopped\n");
  return Ok{};
}

}  // namespace seam::server
