// Signing in and out, API tokens and user accounts.
#include "server/app.h"
#include "server/auth.h"
#include "server/http.h"
#include "util/date.h"

namespace seam::server {
namespace {

void write_user(JsonWriter& w, const store::User& u) {
  w.begin_object().key("id").value(u.id).key("name").value(u.name).key("admin").value(u.admin);
  w.key("created_at").value(iso_utc(u.created_at)).end_object();
}

void write_token(JsonWriter& w, const store::Token& t, const std::string& project) {
  w.begin_object().key("id").value(t.id).key("name").value(t.name);
  w.key("project");
  project.empty() ? w.null() : w.value(project);
  w.key("access").value(t.access == store::Access::Write ? "write" : "read");
  w.key("created_at").value(iso_utc(t.created_at));
  for (auto [key, at] : {std::pair{"expires_at", t.expires_at}, {"revoked_at", t.revoked_at}, {"last_used_at", t.last_used_at}}) {
    w.key(key);
    at ? w.value(iso_utc(*at)) : w.null();
  }
  w.end_object();
}

// Counts a login attempt against the account and the address; true when either is over
// its limit, after replying 429.
bool rate_limited(App& app, const httplib::Request& req, httplib::Response& res, const std::string& name) {
  const int64_t window = now_seconds() / app.limits.login_window * app.limits.login_window;
  auto by_address = app.store.hit("login-address:" + client_address(app.trusted_proxies, req), window);
  auto by_account = app.store.hit("login-account:" + name, window);
  if (!by_address.ok() || !by_account.ok()) return reply_failure(res, (by_address.ok() ? by_account : by_address).error()), true;
  if (by_address.value() <= app.limits.login_per_address && by_account.value() <= app.limits.login_per_account) return false;
  res.set_header("Retry-After", std::to_string(window + app.limits.login_window - now_seconds()));
  reply_error(res, 429, "rate_limited", "too many sign-in attempts; try again later");
  return true;
}

// Spent on unknown names too, so the time a refusal takes does not tell which names exist.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_secret()).value();
  return hash;
}

void login(App& app, const httplib::Request& req, httplib::Response& res) {
  auto body = json_body(req);
  if (!body.ok()) return reply_failure(res, body.error());
  auto name = string_field(body.value(), "name");
  auto password = string_field(body.value(), "password");
  if (!name.ok() || !password.ok()) return reply_failure(res, (name.ok() ? password : name).error());
  if (rate_limited(app, req, res, name.value())) return;
  auto user = app.store.find_user(name.value());
  if (!user.ok()) return reply_failure(res, user.error());
  const bool known = user.value().has_value();
  if (!verify_password(password.value(), known ? user.value()->password_hash : decoy_hash()) || !known) {
    store::AuditEntry e{0, now_seconds(), std::nullopt, user.value() ? std::optional(user.value()->id) : std::nullopt,
                        name.value(), "login_failed", "session", "", client_address(app.trusted_proxies, req)};
    (void)app.store.audit(e);
    return reply_error(res, 401, "unauthenticated", "wrong user name or password");
  }
  (void)app.store.clear_hits("login-account:" + name.value());
  const std::string sid = random_secret();
  store::Session s{digest(sid), user.value()->id, random_secret(), now_seconds(), now_seconds() + app.limits.session_lifetime};
  if (auto st = app.store.create_session(s); !st.ok()) return reply_failure(res, st.error());
  Caller caller{*user.value(), std::nullopt, s};
  audit(app, req, &caller, std::nullopt, "login", "session");
  res.set_header("Set-Cookie", std::string("seam_session=") + sid + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                   std::to_string(app.limits.session_lifetime) + (app.tls ? "; Secure" : ""));
  JsonWriter w;
  w.begin_object().key("user");
  write_user(w, *user.value());
  w.key("csrf_token").value(s.csrf_token).end_object();
  reply_json(res, 201, w.str());
}

void whoami(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  JsonWriter w;
  w.begin_object().key("user");
  write_user(w, caller->user);
  w.key("csrf_token");
  caller->session ? w.value(caller->session->csrf_token) : w.null();
  w.end_object();
  reply_json(res, 200, w.str());
}

void logout(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  if (!caller->session) return reply_error(res, 400, "bad_request", "API tokens are revoked with DELETE /api/v1/tokens/ID, not by signing out");
  if (auto st = app.store.delete_session(caller->session->id_hash); !st.ok()) return reply_failure(res, st.error());
  audit(app, req, &*caller, std::nullopt, "logout", "session");
  res.set_header("Set-Cookie", "seam_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  res.status = 204;
}

// Tokens are made only from a signed-in session, so a leaked token cannot mint others.
std::optional<Caller> session_caller(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (caller && !caller->session) return reply_error(res, 403, "forbidden", "API tokens are managed from a signed-in session"), std::nullopt;
  return caller;
}

Status read_new_token(App& app, const Caller& caller, const doc::Node& body, store::Token& t, std::string& project) {
  if (auto st = only_fields(body, {"name", "project", "access", "expires_in_days"}); !st.ok()) return st;
  auto name = string_field(body, "name");
  if (!name.ok()) return std::move(name).take_error();
  auto access = string_field(body, "access", "read");
  if (!access.ok()) return std::move(access).take_error();
  if (access.value() != "read" && access.value() != "write") return Error::usage_at("/access", "'access' must be read or write");
  auto days = int_field(body, "expires_in_days");
  if (!days.ok()) return std::move(days).take_error();
  if (days.value() && (*days.value() < 1 || *days.value() > 3660)) return Error::usage_at("/expires_in_days", "'expires_in_days' must be from 1 to 3660");
  auto p = string_field(body, "project", "");
  if (!p.ok()) return std::move(p).take_error();
  t.user_id = caller.user.id;
  t.name = name.value();
  t.access = access.value() == "write" ? store::Access::Write : store::Access::Read;
  t.created_at = now_seconds();
  if (days.value()) t.expires_at = t.created_at + *days.value() * 86400;
  project = p.value();
  if (project.empty()) return Ok{};
  auto found = app.store.find_membership(project, caller.user.id);
  if (!found.ok()) return std::move(found).take_error();
  if (!found.value()) return Error::usage_at("/project", "no project '" + project + "'");
  t.project_id = found.value()->project.id;
  return Ok{};
}

void create_token(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = session_caller(app, req, res);
  if (!caller) return;
  auto body = json_body(req);
  if (!body.ok()) return reply_failure(res, body.error());
  store::Token t;
  std::string project;
  if (auto st = read_new_token(app, *caller, body.value(), t, project); !st.ok()) return reply_failure(res, st.error());
  const std::string secret = random_secret("seam_");
  t.hash = digest(secret);
  auto made = app.store.create_token(t);
  if (!made.ok()) return reply_failure(res, made.error());
  audit(app, req, &*caller, t.project_id, "token_create", "token/" + std::to_string(made.value().id), t.name);
  JsonWriter w;
  w.begin_object().key("token").value(secret).key("info");
  write_token(w, made.value(), project);
  w.end_object();
  reply_json(res, 201, w.str());
}

void list_tokens(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = session_caller(app, req, res);
  if (!caller) return;
  auto tokens = app.store.list_tokens(caller->user.id);
  if (!tokens.ok()) return reply_failure(res, tokens.error());
  auto projects = app.store.projects_of(caller->user.id);
  if (!projects.ok()) return reply_failure(res, projects.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& t : tokens.value()) {
    std::string project;
    for (const auto& p : projects.value())
      if (t.project_id && p.id == *t.project_id) project = p.name;
    write_token(w, t, project);
  }
  w.end_array().end_object();
  reply_json(res, 200, w.str());
}

void revoke_token(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = session_caller(app, req, res);
  if (!caller) return;
  const int64_t id = std::stoll(req.matches[1]);
  if (auto st = app.store.revoke_token(caller->user.id, id, now_seconds()); !st.ok()) {
    if (st.error().kind == ErrorKind::Usage) return reply_error(res, 404, "not_found", "no token " + std::to_string(id));
    return reply_failure(res, st.error());
  }
  audit(app, req, &*caller, std::nullopt, "token_revoke", "token/" + std::to_string(id));
  res.status = 204;
}

bool valid_user_name(const std::string& n) {
  if (n.empty() || n.size() > 64) return false;
  for (char c : n)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

void create_user(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  if (!caller->user.admin) return reply_error(res, 403, "forbidden", "only administrators create accounts");
  auto body = json_body(req);
  if (!body.ok()) return reply_failure(res, body.error());
  if (auto st = only_fields(body.value(), {"name", "password", "admin"}); !st.ok()) return reply_failure(res, st.error());
  auto name = string_field(body.value(), "name");
  auto password = string_field(body.value(), "password");
  auto admin = bool_field(body.value(), "admin", false);
  if (!name.ok() || !password.ok() || !admin.ok())
    return reply_failure(res, !name.ok() ? name.error() : !password.ok() ? password.error() : admin.error());
  if (!valid_user_name(name.value()))
    return reply_error(res, 422, "invalid", "a user name has 1 to 64 letters, digits, '.', '_' or '-'");
  auto hash = hash_password(password.value());
  if (!hash.ok()) return reply_failure(res, hash.error());
  auto user = app.store.create_user(name.value(), hash.value(), admin.value());
  if (!user.ok()) {
    if (user.error().kind == ErrorKind::Usage) return reply_error(res, 409, "conflict", user.error().message);
    return reply_failure(res, user.error());
  }
  audit(app, req, &*caller, std::nullopt, "user_create", "user/" + name.value());
  JsonWriter w;
  write_user(w, user.value());
  reply_json(res, 201, w.str());
}

}  // namespace

void add_account_routes(httplib::Server& http, App& app) {
  http.Post("/api/v1/session", [&app](const auto& req, auto& res) { login(app, req, res); });
  http.Get("/api/v1/session", [&app](const auto& req, auto& res) { whoami(app, req, res); });
  http.Delete("/api/v1/session", [&app](const auto& req, auto& res) { logout(app, req, res); });
  http.Post("/api/v1/tokens", [&app](const auto& req, auto& res) { create_token(app, req, res); });
  http.Get("/api/v1/tokens", [&app](const auto& req, auto& res) { list_tokens(app, req, res); });
  http.Delete(R"(/api/v1/tokens/(\d{1,18}))", [&app](const auto& req, auto& res) { revoke_token(app, req, res); });
  http.Post("/api/v1/users", [&app](const auto& req, auto& res) { create_user(app, req, res); });
}

}  // namespace seam::server
