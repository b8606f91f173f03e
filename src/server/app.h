// The server's shared state, and who is calling.
//
// Thread safety: an App is built before the server starts and read-only afterwards, except
// for the analysis cache and the event hub, which lock themselves; the Store is safe across
// threads.
#pragma once

#include <httplib.h>

#include <memory>
#include <optional>
#include <string>

#include "api/check.h"
#include "server/analysis.h"
#include "server/events.h"
#include "server/policy.h"
#include "store/store.h"

namespace seam::server {

struct Limits {
  size_t max_body = 4u << 20;        // bytes of a request body
  int login_per_account = 10;        // failed logins per account per window
  int login_per_address = 50;        // login attempts per client address per window
  int64_t login_window = 15 * 60;    // seconds
  int64_t session_lifetime = 12 * 3600;
  size_t max_event_streams = 64;     // open event streams (each holds a thread)
  int event_heartbeat = 15;          // seconds between comment lines on an idle event stream
};

struct App {
  store::Store& store;
  Analysis analysis;
  Limits limits;
  bool tls = false;  // cookies get Secure
  Hub& events;       // change events for the open event streams
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For is believed
};

// The authenticated caller of a request.
struct Caller {
  store::User user;
  std::optional<store::Token> token;      // set when authenticated by an API token
  std::optional<store::Session> session;  // set when authenticated by the session cookie
};

// A project as the caller sees it.
struct ProjectAccess {
  Caller caller;
  store::Project project;
  std::string role;
  std::shared_ptr<const Policy> policy;  // shared: most projects keep the default
};

// Authenticates the request (session cookie, or "Authorization: Bearer" token). On failure it
// has already replied (401, or 403 for a missing CSRF token) and returns nullopt. Requests
// that change state with the cookie must carry the session's CSRF token in X-CSRF-Token.
std::optional<Caller> authenticate(App& app, const httplib::Request& req, httplib::Response& res);

// The address a request came from, for rate limits and logs: the peer's, or, when the peer is a
// trusted proxy, the nearest X-Forwarded-For hop that is not one. Each proxy appends the address
// it saw, so only the hops that trusted proxies added are believed; a client cannot hide behind
// addresses it wrote itself.
std::string client_address(const std::vector<std::string>& trusted, const httplib::Request& req);
// An IPv4 or IPv6 address in text form, as X-Forwarded-For and --trusted-proxy carry them.
bool is_ip_address(const std::string& text);

// Authenticates the request, then opens the project named in the path (match 1), when the
// caller is a member and (for a token) in its scope. Anybody else gets 404, the same as for a
// project that does not exist. `write` asks for a token that may write. On nullopt it has
// replied.
std::optional<ProjectAccess> open_project(App& app, const httplib::Request& req, httplib::Response& res, bool write);

// Appends to the audit log; a failure to audit is reported on stderr but does not fail the
// request, whose effect has already happened.
void audit(App& app, const httplib::Request& req, const Caller* caller, std::optional<int64_t> project,
           const std::string& action, const std::string& target, const std::string& detail = {});

void add_account_routes(httplib::Server& http, App& app);
void add_project_routes(httplib::Server& http, App& app);
void add_document_routes(httplib::Server& http, App& app);
void add_findings_routes(httplib::Server& http, App& app);
void add_readiness_routes(httplib::Server& http, App& app);
void add_profile_routes(httplib::Server& http, App& app);
void add_event_routes(httplib::Server& http, App& app);
void add_monitor_routes(httplib::Server& http, App& app);
// Registered last: its pattern would also match the other top-level routes. `ui_dir` empty
// serves the UI built into the binary.
void add_ui_routes(httplib::Server& http, const std::string& ui_dir);

}  // namespace seam::server
