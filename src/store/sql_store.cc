// The schema's migrations, projects and members, the audit log and rate limits; accounts are
// in sql_accounts.cc, documents and revisions in sql_revisions.cc.
#include "store/sql_store.h"

#include <algorithm>
#include <cstdint>
#include <ctime>

#include "store/sql_store_impl.h"

namespace seam::store {
namespace {

// Rate-limit windows older than this are pruned; no limit looks back further.
constexpr int64_t kHitRetention = 24 * 3600;
constexpr uint64_t kPruneEvery = 1000;  // hit() calls

Project project_from(const Row& r) { return {num(r, 0), text(r, 1), num(r, 2), text(r, 3), num(r, 4)}; }
#define PROJECT_COLS "SELECT p.id, p.name, p.revision, p.policy_json, p.created_at FROM projects p"

AuditEntry audit_from(const Row& r) {
  return {num(r, 0),  num(r, 1),  opt_num(r, 2), opt_num(r, 3), text(r, 4),
          text(r, 5), text(r, 6), text(r, 7),    text(r, 8)};
}
#define AUDIT_COLS "SELECT id, created_at, project_id, user_id, user_name, action, target, detail, address FROM audit"

}  // namespace

int64_t now_seconds() { return static_cast<int64_t>(std::time(nullptr)); }
int64_t page_after(const Page& p) { return p.after > 0 ? p.after : INT64_MAX; }
int64_t page_limit(const Page& p) { return p.limit <= 0 ? 100 : std::min(p.limit, 1000); }

Status need_row(Conn& c, const char* sql, int64_t id, const char* what) {
  auto rows = c.query(sql, {id});
  return touched(std::move(rows), what, id);
}

Status SqlStore::exec_write(std::string_view sql, Params params) {
  return run(Scope::Write, [&](Conn& c) -> Status {
    auto rows = c.query(sql, params);
    if (!rows.ok()) return std::move(rows).take_error();
    return Ok{};
  });
}

// Migrations run in one transaction: a failure leaves the database as it was.
Status SqlStore::migrate() {
  const auto& steps = db_->migrations();
  auto version = run(Scope::Write, [&](Conn& c) -> Result<int> {
    if (*db_->migration_lock_sql()) {
      if (auto l = c.query(db_->migration_lock_sql(), {}); !l.ok()) return std::move(l).take_error();
    }
    auto made = c.exec_script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    if (!made.ok()) return std::move(made).take_error();
    auto rows = c.query("SELECT max(version) FROM schema_version", {});
    if (!rows.ok()) return std::move(rows).take_error();
    const int64_t have = num(rows.value()[0], 0);
    if (have > static_cast<int64_t>(steps.size()))
      return Error::invalid("the database has schema version " + std::to_string(have) +
                            ", but this seam knows versions up to " + std::to_string(steps.size()) +
                            ": it was made by a newer seam; open it with that version or a later one");
    for (size_t v = static_cast<size_t>(have); v < steps.size(); ++v)
      if (auto s = c.exec_script(steps[v]); !s.ok()) return std::move(s).take_error();
    if (have < static_cast<int64_t>(steps.size())) {
      if (auto d = c.query("DELETE FROM schema_version", {}); !d.ok()) return std::move(d).take_error();
      auto i = c.query("INSERT INTO schema_version (version) VALUES ($1)", {static_cast<int64_t>(steps.size())});
      if (!i.ok()) return std::move(i).take_error();
    }
    return static_cast<int>(steps.size());
  });
  if (!version.ok()) return std::move(version).take_error();
  version_ = version.value();
  return Ok{};
}

Result<Project> SqlStore::create_project(const std::string& name, int64_t creator_id) {
  if (!valid_project_name(name))
    return Error::usage("project name " + name +
                        " is not lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
  Project p{0, name, 0, "", now_seconds()};
  return run(Scope::Write, [&](Conn& c) -> Result<Project> {
    if (auto u = need_row(c, "SELECT id FROM users WHERE id = $1", creator_id, "user"); !u.ok())
      return std::move(u).take_error();
    auto rows = c.query(
        "INSERT INTO projects (name, revision, policy_json, created_at) VALUES ($1, 0, '', $2) "
        "ON CONFLICT (name) DO NOTHING RETURNING id",
        {name, p.created_at});
    if (!rows.ok()) return std::move(rows).take_error();
    if (rows.value().empty()) return Error::usage("project " + name + " exists");
    p.id = num(rows.value()[0], 0);
    auto owner =
        c.query("INSERT INTO members (project_id, user_id, role) VALUES ($1, $2, 'owner')", {p.id, creator_id});
    if (!owner.ok()) return std::move(owner).take_error();
    return p;
  });
}

Result<std::optional<Project>> SqlStore::find_project(const std::string& name) {
  return run(Scope::Plain,
             [&](Conn& c) { return first<Project>(c.query(PROJECT_COLS " WHERE p.name = $1", {name}), project_from); });
}

Result<std::vector<Project>> SqlStore::projects_of(int64_t user_id) {
  return run(Scope::Plain, [&](Conn& c) {
    return all<Project>(
        c.query(PROJECT_COLS " JOIN members m ON m.project_id = p.id WHERE m.user_id = $1 ORDER BY p.name", {user_id}),
        project_from);
  });
}

Status SqlStore::set_policy(int64_t project_id, const std::string& policy_json) {
  return run(Scope::Write, [&](Conn& c) {
    return touched(
        c.query("UPDATE projects SET policy_json = $2 WHERE id = $1 RETURNING id", {project_id, policy_json}),
        "project", project_id);
  });
}

Result<std::vector<Member>> SqlStore::members(int64_t project_id) {
  return run(Scope::Plain, [&](Conn& c) {
    auto rows = c.query(
        "SELECT m.user_id, u.name, m.role FROM members m JOIN users u ON u.id = m.user_id "
        "WHERE m.project_id = $1 ORDER BY u.name",
        {project_id});
    return all<Member>(std::move(rows), [](const Row& r) { return Member{num(r, 0), text(r, 1), text(r, 2)}; });
  });
}

Result<std::optional<std::string>> SqlStore::role_of(int64_t project_id, int64_t user_id) {
  return run(Scope::Plain, [&](Conn& c) {
    auto rows = c.query("SELECT role FROM members WHERE project_id = $1 AND user_id = $2", {project_id, user_id});
    return first<std::string>(std::move(rows), [](const Row& r) { return text(r, 0); });
  });
}

Result<std::optional<Membership>> SqlStore::find_membership(const std::string& project, int64_t user_id) {
  return run(Scope::Plain, [&](Conn& c) {
    auto rows = c.query(
        "SELECT p.id, p.name, p.revision, p.policy_json, p.created_at, m.role FROM projects p "
        "JOIN members m ON m.project_id = p.id WHERE p.name = $1 AND m.user_id = $2",
        {project, user_id});
    return first<Membership>(std::move(rows), [](const Row& r) { return Membership{project_from(r), text(r, 5)}; });
  });
}

Status SqlStore::set_role(int64_t project_id, int64_t user_id, const std::string& role) {
  if (!role.empty() && !valid_role(role))
    return Error::usage("unknown role " + role +
                        " (owner, data_scientist, software_engineer, operations, reviewer, viewer)");
  return run(Scope::Write, [&](Conn& c) -> Status {
    if (auto p = need_row(c, "SELECT id FROM projects WHERE id = $1", project_id, "project"); !p.ok()) return p;
    if (auto u = need_row(c, "SELECT id FROM users WHERE id = $1", user_id, "user"); !u.ok()) return u;
    auto rows = role.empty()
                    ? c.query("DELETE FROM members WHERE project_id = $1 AND user_id = $2", {project_id, user_id})
                    : c.query(
                          "INSERT INTO members (project_id, user_id, role) VALUES ($1, $2, $3) "
                          "ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role",
                          {project_id, user_id, role});
    if (!rows.ok()) return std::move(rows).take_error();
    return Ok{};
  });
}

Status SqlStore::audit(const AuditEntry& e) {
  return exec_write(
      "INSERT INTO audit (created_at, project_id, user_id, user_name, action, target, detail, address) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {e.at ? e.at : now_seconds(), e.project_id, e.user_id, e.user_name, e.action, e.target, e.detail, e.address});
}

Result<std::vector<AuditEntry>> SqlStore::audit_log(std::optional<int64_t> project_id, const Page& page) {
  return run(Scope::Plain, [&](Conn& c) {
    auto rows = project_id ? c.query(AUDIT_COLS " WHERE project_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                                     {*project_id, page_after(page), page_limit(page)})
                           : c.query(AUDIT_COLS " WHERE id < $1 ORDER BY id DESC LIMIT $2",
                                     {page_after(page), page_limit(page)});
    return all<AuditEntry>(std::move(rows), audit_from);
  });
}

Result<int64_t> SqlStore::hit(const std::string& key, int64_t window_start) {
  const bool prune = hits_++ % kPruneEvery == 0;
  return run(Scope::Write, [&](Conn& c) -> Result<int64_t> {
    if (prune) {
      auto d = c.query("DELETE FROM rate_hits WHERE window_start < $1", {window_start - kHitRetention});
      if (!d.ok()) return std::move(d).take_error();
    }
    auto rows = c.query(
        "INSERT INTO rate_hits (hit_key, window_start, hits) VALUES ($1, $2, 1) "
        "ON CONFLICT (hit_key, window_start) DO UPDATE SET hits = rate_hits.hits + 1 RETURNING hits",
        {key, window_start});
    if (!rows.ok()) return std::move(rows).take_error();
    return num(rows.value()[0], 0);
  });
}

Status SqlStore::clear_hits(const std::string& key) {
  return exec_write("DELETE FROM rate_hits WHERE hit_key = $1", {key});
}

Status SqlStore::ping() {
  return run(Scope::Plain, [&](Conn& c) -> Status {
    auto rows = c.query("SELECT 1", {});
    if (!rows.ok()) return std::move(rows).take_error();
    return Ok{};
  });
}

Result<std::unique_ptr<Store>> make_sql_store(std::unique_ptr<Db> db) {
  auto store = std::make_unique<SqlStore>(std::move(db));
  if (auto s = store->migrate(); !s.ok()) return std::move(s).take_error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace seam::store
