// The class behind make_sql_store and the helpers its source files share: sql_store.cc
// (schema, projects, audit, rate limits), sql_accounts.cc (users, sessions, tokens),
// sql_revisions.cc (documents and revisions) and sql_monitor.cc (monitor events). Not for use outside src/store.
//
// Thread safety: as Store. Each method leases its own connection, so none may be called
// while the same thread holds a lease (annotate callbacks included).
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include "store/sql_db.h"
#include "store/store.h"

namespace seam::store {

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  Status migrate();

  Result<User> create_user(const std::string& name, const std::string& password_hash, bool admin) override;
  Result<std::optional<User>> find_user(const std::string& name) override;
  Result<std::optional<User>> user_by_id(int64_t id) override;
  Status set_password(int64_t user_id, const std::string& password_hash) override;

  Status create_session(const Session& s) override;
  Result<std::optional<SessionOwner>> find_session(const std::string& id_hash, int64_t now) override;
  Status delete_session(const std::string& id_hash) override;

  Result<Token> create_token(const Token& t) override;
  Result<std::optional<TokenOwner>> find_token(const std::string& hash, int64_t now) override;
  Result<std::vector<Token>> list_tokens(int64_t user_id) override;
  Status revoke_token(int64_t user_id, int64_t token_id, int64_t now) override;

  Result<Project> create_project(const std::string& name, int64_t creator_id) override;
  Result<std::optional<Project>> find_project(const std::string& name) override;
  Result<std::vector<Project>> projects_of(int64_t user_id) override;
  Status set_policy(int64_t project_id, const std::string& policy_json) override;
  Result<std::vector<Member>> members(int64_t project_id) override;
  Result<std::optional<std::string>> role_of(int64_t project_id, int64_t user_id) override;
  Result<std::optional<Membership>> find_membership(const std::string& project, int64_t user_id) override;
  Status set_role(int64_t project_id, int64_t user_id, const std::string& role) override;

  Result<WriteOutcome> write(const NewRevision& r, const Annotate& annotate) override;
  Result<std::optional<Document>> document(int64_t project_id, DocKind kind, const std::string& name) override;
  Result<std::vector<Document>> documents(int64_t project_id) override;
  Result<std::optional<Revision>> revision(int64_t project_id, int64_t revision_id) override;
  Result<std::vector<Revision>> history(int64_t project_id, std::optional<DocKind> kind, const std::string& name,
                                        const Page& page) override;
  Result<std::string> findings_at(int64_t project_id, int64_t project_revision) override;
  Result<std::unique_ptr<Subscription>> subscribe(ChangeListener listener) override {
    return db_->subscribe(std::move(listener));
  }

  Status add_monitor_events(int64_t project_id, const std::vector<MonitorEvent>& events) override;
  Result<std::vector<MonitorEvent>> monitor_events(int64_t project_id, const MonitorQuery& q, const Page& page) override;

  Status audit(const AuditEntry& e) override;
  Result<std::vector<AuditEntry>> audit_log(std::optional<int64_t> project_id, const Page& page) override;

  Result<int64_t> hit(const std::string& key, int64_t window_start) override;
  Status clear_hits(const std::string& key) override;

  int schema_version() const override { return version_; }
  Status backup(const std::string& path) override { return db_->backup(path); }
  Status ping() override;

 private:
  // Runs f(conn) on a leased connection: as it is (each statement its own transaction), or
  // in a write transaction that commits when f succeeds and rolls back when it fails.
  enum class Scope : uint8_t { Plain, Write };
  template <class F>
  auto run(Scope scope, F&& f) -> decltype(f(std::declval<Conn&>())) {
    auto lease = db_->acquire();
    if (!lease.ok()) return std::move(lease).take_error();
    Conn& c = *lease.value();
    if (scope == Scope::Plain) return f(c);
    Txn tx(c);
    if (auto s = tx.begin(true); !s.ok()) return std::move(s).take_error();
    auto r = f(c);
    if (!r.ok()) return r;
    if (auto s = tx.commit(); !s.ok()) return std::move(s).take_error();
    return r;
  }
  // One statement whose rows are not needed, in a write transaction.
  Status exec_write(std::string_view sql, Params params);

  std::unique_ptr<Db> db_;
  int version_ = 0;
  std::atomic<uint64_t> hits_{0};  // counts hit() calls, to prune old windows now and then
};

// A query's rows made into values by `from`: all of them, or the first if any.
template <class T, class F>
Result<std::vector<T>> all(Result<Rows> rows, F from) {
  if (!rows.ok()) return std::move(rows).take_error();
  std::vector<T> out;
  out.reserve(rows.value().size());
  for (const Row& r : rows.value()) out.push_back(from(r));
  return out;
}

template <class T, class F>
Result<std::optional<T>> first(Result<Rows> rows, F from) {
  if (!rows.ok()) return std::move(rows).take_error();
  if (rows.value().empty()) return std::optional<T>();
  return std::optional<T>(from(rows.value()[0]));
}

// Usage error "no WHAT with id ID" when an UPDATE ... RETURNING touched nothing.
inline Status touched(Result<Rows> rows, const char* what, int64_t id) {
  if (!rows.ok()) return std::move(rows).take_error();
  if (rows.value().empty()) return Error::usage(std::string("no ") + what + " with id " + std::to_string(id));
  return Ok{};
}

// Usage error "no WHAT with id ID" unless `sql` ($1 = id) returns a row.
Status need_row(Conn& c, const char* sql, int64_t id, const char* what);
int64_t now_seconds();
// A page's bounds: rows with ids below `after` (everything when 0), at most `limit` (1..1000).
int64_t page_after(const Page& p);
int64_t page_limit(const Page& p);

}  // namespace seam::store
