// Projects, their members, their write policy and their audit log.
#include "server/app.h"
#include "server/http.h"
#include "server/json.h"
#include "util/text.h"

namespace seam::server {
namespace {

void list_projects(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  auto projects = app.store.projects_of(caller->user.id);
  if (!projects.ok()) return reply_failure(res, projects.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (store::Project& p : projects.value()) {
    if (caller->token && caller->token->project_id && *caller->token->project_id != p.id) continue;
    auto role = app.store.role_of(p.id, caller->user.id);
    auto docs = app.store.documents(p.id);
    if (!role.ok() || !docs.ok()) return reply_failure(res, (role.ok() ? docs.error() : role.error()));
    p.revision = revision_of(docs.value());
    auto checked = app.analysis.check(p.id, p.revision, p.name, docs.value());
    if (!checked.ok()) return reply_failure(res, checked.error());
    write_project_summary(w, p, role.value().value_or(""), docs.value(), checked.value()->result.report);
  }
  w.end_array().end_object();
  reply_json(res, 200, w.str());
}

void create_project(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  if (caller->token && caller->token->project_id) return reply_error(res, 403, "forbidden", "this API token is limited to one project");
  if (caller->token && caller->token->access != store::Access::Write) return reply_error(res, 403, "forbidden", "this API token may only read");
  auto body = json_body(req);
  if (!body.ok()) return reply_failure(res, body.error());
  if (auto st = only_fields(body.value(), {"name"}); !st.ok()) return reply_failure(res, st.error());
  auto name = string_field(body.value(), "name");
  if (!name.ok()) return reply_failure(res, name.error());
  if (!store::valid_project_name(name.value()))
    return reply_failure(res, Error::usage_at("/name", "a project name has 1 to 100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
  auto p = app.store.create_project(name.value(), caller->user.id);
  if (!p.ok()) {
    if (p.error().kind == ErrorKind::Usage) return reply_error(res, 409, "conflict", p.error().message);
    return reply_failure(res, p.error());
  }
  audit(app, req, &*caller, p.value().id, "project_create", "project/" + name.value());
  JsonWriter w;
  write_project_summary(w, p.value(), "owner", {}, {});
  res.set_header("Location", "/api/v1/projects/" + name.value());
  reply_json(res, 201, w.str());
}

void show_project(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  store::Project& p = access->project;
  auto docs = app.store.documents(p.id);
  auto members = app.store.members(p.id);
  if (!docs.ok() || !members.ok()) return reply_failure(res, docs.ok() ? members.error() : docs.error());
  p.revision = revision_of(docs.value());
  auto checked = app.analysis.check(p.id, p.revision, p.name, docs.value());
  if (!checked.ok()) return reply_failure(res, checked.error());
  JsonWriter w;
  w.begin_object().key("project");
  write_project_summary(w, p, access->role, docs.value(), checked.value()->result.report);
  w.key("documents").begin_array();
  for (const auto& d : docs.value()) write_document_meta(w, d);
  w.end_array().key("members");
  write_members(w, members.value());
  w.key("policy").raw(access->policy->to_json()).end_object();
  reply_json(res, 200, w.str());
}

// Only the owner manages members and policy; others learn the project exists (they are
// members) but may not change it.
std::optional<ProjectAccess> as_owner(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, req.method != "GET");
  if (access && access->role != "owner") return reply_error(res, 403, "forbidden", "only the project's owners may do this"), std::nullopt;
  return access;
}

void list_members(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  auto members = app.store.members(access->project.id);
  if (!members.ok()) return reply_failure(res, members.error());
  JsonWriter w;
  w.begin_object().key("items");
  write_members(w, members.value());
  w.end_object();
  reply_json(res, 200, w.str());
}

// The last owner cannot leave or be demoted: a project without an owner could never be
// managed again.
bool last_owner(App& app, int64_t project_id, int64_t user_id) {
  auto members = app.store.members(project_id);
  if (!members.ok()) return false;
  int owners = 0;
  bool is_owner = false;
  for (const auto& m : members.value()) {
    owners += m.role == "owner";
    is_owner = is_owner || (m.user_id == user_id && m.role == "owner");
  }
  return is_owner && owners == 1;
}

void set_member(App& app, const httplib::Request& req, httplib::Response& res, bool remove) {
  auto access = as_owner(app, req, res);
  if (!access) return;
  std::string role;
  if (!remove) {
    auto body = json_body(req);
    if (!body.ok()) return reply_failure(res, body.error());
    if (auto st = only_fields(body.value(), {"role"}); !st.ok()) return reply_failure(res, st.error());
    auto r = string_field(body.value(), "role");
    if (!r.ok()) return reply_failure(res, r.error());
    if (!store::valid_role(r.value())) return reply_failure(res, Error::usage_at("/role", "unknown role '" + r.value() + "'; roles are " + text::join(store::roles(), ", ")));
    role = r.value();
  }
  const std::string name = req.matches[2];
  auto user = app.store.find_user(name);
  if (!user.ok()) return reply_failure(res, user.error());
  if (!user.value()) return reply_error(res, 404, "not_found", "no user '" + name + "'");
  if (role != "owner" && last_owner(app, access->project.id, user.value()->id))
    return reply_error(res, 409, "conflict", "'" + name + "' is the project's last owner; make someone else owner first");
  if (auto st = app.store.set_role(access->project.id, user.value()->id, role); !st.ok()) return reply_failure(res, st.error());
  audit(app, req, &access->caller, access->project.id, "role_change", "member/" + name, role.empty() ? "removed" : role);
  res.status = 204;
}

void get_policy(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (access) reply_json(res, 200, access->policy->to_json());
}

void put_policy(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = as_owner(app, req, res);
  if (!access) return;
  auto body = json_body(req);
  if (!body.ok()) return reply_failure(res, body.error());
  auto policy = Policy::from_json(req.body);
  if (!policy.ok()) return reply_failure(res, policy.error());
  const std::string json = policy.value().to_json();
  if (auto st = app.store.set_policy(access->project.id, json); !st.ok()) return reply_failure(res, st.error());
  audit(app, req, &access->caller, access->project.id, "policy_change", "policy", json);
  reply_json(res, 200, json);
}

void project_audit(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = as_owner(app, req, res);
  if (!access) return;
  auto page = page_of(req);
  if (!page.ok()) return reply_failure(res, page.error());
  auto entries = app.store.audit_log(access->project.id, page.value());
  if (!entries.ok()) return reply_failure(res, entries.error());
  reply_json(res, 200, audit_page_json(entries.value(), page.value()));
}

}  // namespace

void add_project_routes(httplib::Server& http, App& app) {
  http.Get("/api/v1/projects", [&app](const auto& req, auto& res) { list_projects(app, req, res); });
  http.Post("/api/v1/projects", [&app](const auto& req, auto& res) { create_project(app, req, res); });
  http.Get(R"(/api/v1/projects/([^/]+))", [&app](const auto& req, auto& res) { show_project(app, req, res); });
  http.Get(R"(/api/v1/projects/([^/]+)/members)", [&app](const auto& req, auto& res) { list_members(app, req, res); });
  http.Put(R"(/api/v1/projects/([^/]+)/members/([^/]+))", [&app](const auto& req, auto& res) { set_member(app, req, res, false); });
  http.Delete(R"(/api/v1/projects/([^/]+)/members/([^/]+))", [&app](const auto& req, auto& res) { set_member(app, req, res, true); });
  http.Get(R"(/api/v1/projects/([^/]+)/policy)", [&app](const auto& req, auto& res) { get_policy(app, req, res); });
  http.Put(R"(/api/v1/projects/([^/]+)/policy)", [&app](const auto& req, auto& res) { put_policy(app, req, res); });
  http.Get(R"(/api/v1/projects/([^/]+)/audit)", [&app](const auto& req, auto& res) { project_audit(app, req, res); });
}

}  // namespace seam::server
