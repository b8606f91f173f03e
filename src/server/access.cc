// Who is calling, and what they may see: sessions, tokens, CSRF, project membership.
#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>

#include "server/app.h"
#include "server/auth.h"
#include "server/http.h"
#include "util/text.h"

namespace seam::server {
namespace {

constexpr const char* kCookie = "seam_session";

// The value of cookie `name` in the Cookie header, or "".
std::string cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return {};
}

bool changes_state(const httplib::Request& req) {
  return req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
}

std::optional<Caller> by_token(App& app, const httplib::Request& req, httplib::Response& res, const std::string& secret) {
  const int64_t now = now_seconds();
  auto found = app.store.find_token(digest(secret), now);
  if (!found.ok()) return reply_failure(res, found.error()), std::nullopt;
  const store::Token* t = found.value() ? &found.value()->token : nullptr;
  const char* why = !t ? "unknown API token"
                    : t->revoked_at ? "this API token was revoked"
                    : (t->expires_at && *t->expires_at <= now) ? "this API token has expired"
                                                               : nullptr;
  if (why) return reply_error(res, 401, "unauthenticated", why), std::nullopt;
  Caller c{std::move(found.value()->user), *t, std::nullopt};
  // The store marks a token used at most once a minute, and the audit log follows it: a CI job
  // polling findings leaves one entry a minute, not one per request (its writes are audited
  // one by one anyway).
  if (t->marked)
    audit(app, req, &c, t->project_id, "token_use", "token/" + std::to_string(t->id), req.method + " " + req.path);
  return c;
}

}  // namespace

bool is_ip_address(const std::string& text) {
  in6_addr parsed;
  return inet_pton(AF_INET, text.c_str(), &parsed) == 1 || inet_pton(AF_INET6, text.c_str(), &parsed) == 1;
}

std::string client_address(const std::vector<std::string>& trusted, const httplib::Request& req) {
  auto is_trusted = [&](const std::string& a) { return std::find(trusted.begin(), trusted.end(), a) != trusted.end(); };
  if (!is_trusted(req.remote_addr)) return req.remote_addr;
  std::vector<std::string> hops;  // in order, across repeated headers
  for (size_t i = 0, n = req.get_header_value_count("X-Forwarded-For"); i < n; ++i)
    for (const std::string& hop : text::split_list(req.get_header_value("X-Forwarded-For", i)))
      hops.emplace_back(text::trim(hop));
  std::string address = req.remote_addr;
  for (auto hop = hops.rbegin(); hop != hops.rend() && is_trusted(address); ++hop) {
    if (!is_ip_address(*hop)) break;  // not written by a proxy: keep the last address that was
    address = *hop;
  }
  return address;
}

std::optional<Caller> authenticate(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) return by_token(app, req, res, auth.substr(7));
  const std::string sid = cookie(req, kCookie);
  if (sid.empty()) return reply_error(res, 401, "unauthenticated", "sign in, or send an API token as 'Authorization: Bearer TOKEN'"), std::nullopt;
  auto found = app.store.find_session(digest(sid), now_seconds());
  if (!found.ok()) return reply_failure(res, found.error()), std::nullopt;
  if (!found.value()) return reply_error(res, 401, "unauthenticated", "the session has expired; sign in again"), std::nullopt;
  auto& [session, user] = *found.value();
  // The cookie is sent by the browser whoever made the page, so a state change must also
  // prove it came from seam's own pages, which alone can read the session's CSRF token.
  if (changes_state(req) && !equal_secrets(req.get_header_value("X-CSRF-Token"), session.csrf_token))
    return reply_error(res, 403, "csrf", "missing or wrong X-CSRF-Token header for a request made with the session cookie"), std::nullopt;
  return Caller{std::move(user), std::nullopt, std::move(session)};
}

std::optional<ProjectAccess> open_project(App& app, const httplib::Request& req, httplib::Response& res, bool write) {
  auto authenticated = authenticate(app, req, res);
  if (!authenticated) return std::nullopt;
  const Caller& caller = *authenticated;
  const std::string name = req.matches[1];
  auto not_found = [&] { reply_error(res, 404, "not_found", "no project '" + name + "'"); };
  auto member = app.store.find_membership(name, caller.user.id);
  if (!member.ok()) return reply_failure(res, member.error()), std::nullopt;
  if (!member.value()) return not_found(), std::nullopt;
  const auto& [p, role] = *member.value();
  if (caller.token && caller.token->project_id && *caller.token->project_id != p.id) return not_found(), std::nullopt;
  if (write && caller.token && caller.token->access != store::Access::Write)
    return reply_error(res, 403, "forbidden", "this API token may only read"), std::nullopt;
  // Built once: every request to a project reaches here, and most keep the default policy.
  static const auto default_policy = std::make_shared<const Policy>(Policy::defaults());
  if (p.policy_json.empty()) return ProjectAccess{caller, p, role, default_policy};
  auto policy = Policy::from_json(p.policy_json);
  if (!policy.ok()) return reply_failure(res, policy.error()), std::nullopt;
  return ProjectAccess{caller, p, role, std::make_shared<const Policy>(std::move(policy).value())};
}

void audit(App& app, const httplib::Request& req, const Caller* caller, std::optional<int64_t> project,
           const std::string& action, const std::string& target, const std::string& detail) {
  store::AuditEntry e;
  e.at = now_seconds();
  e.project_id = project;
  if (caller) {
    e.user_id = caller->user.id;
    e.user_name = caller->user.name;
  }
  e.action = action;
  e.target = target;
  e.detail = detail;
  e.address = client_address(app.trusted_proxies, req);
  if (auto st = app.store.audit(e); !st.ok())
    std::fprintf(stderr, "seam serve: cannot write the audit log: %s\n", st.error().message.c_str());
}

}  // namespace seam::server
