#include "store/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "store/events.h"

namespace seam::store {
namespace {

// How long a writer in another process may hold the lock before a write fails.
constexpr int kBusyTimeoutMs = 10000;
constexpr size_t kMaxConnections = 16;

Error db_error(sqlite3* db, std::string_view what) {
  return Error::io("database: " + std::string(what) + ": " + sqlite3_errmsg(db));
}

class SqliteConn : public Conn {
 public:
  SqliteConn(sqlite3* db, std::mutex* write_mu) : db_(db), write_mu_(write_mu) {}
  ~SqliteConn() override {
    for (auto& [sql, st] : stmts_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }
  sqlite3* handle() { return db_; }

  Result<Rows> query(std::string_view sql, Params params) override {
    auto st = statement(sql);
    if (!st.ok()) return std::move(st).take_error();
    sqlite3_stmt* s = st.value();
    auto bound = bind(s, params);
    Result<Rows> rows = bound.ok() ? step_all(s) : Result<Rows>(std::move(bound).take_error());
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rows;
  }

  Status exec_script(const std::string& sql) override {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return Ok{};
    Error e = Error::io(std::string("database: ") + (msg ? msg : "script failed"));
    sqlite3_free(msg);
    return e;
  }

  Status begin(bool write) override {
    // In-process writers queue on the mutex (no busy polling); BEGIN IMMEDIATE then takes
    // SQLite's write lock at once, so a transaction never fails when it first writes.
    if (write) write_lock_ = std::unique_lock(*write_mu_);
    auto s = exec_script(write ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!s.ok() && write_lock_.owns_lock()) write_lock_.unlock();
    return s;
  }

  Status commit() override {
    auto s = exec_script("COMMIT");
    if (!s.ok()) (void)exec_script("ROLLBACK");
    if (write_lock_.owns_lock()) write_lock_.unlock();
    return s;
  }

  void rollback() override {
    (void)exec_script("ROLLBACK");
    if (write_lock_.owns_lock()) write_lock_.unlock();
  }

  // Still inside a transaction that could not be rolled back: closing it is the safe way out.
  bool broken() const override { return !sqlite3_get_autocommit(db_); }

 private:
  // Statements are prepared once per connection and kept.
  Result<sqlite3_stmt*> statement(std::string_view sql) {
    auto it = stmts_.find(std::string(sql));
    if (it != stmts_.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st,
                           nullptr) != SQLITE_OK)
      return db_error(db_, "prepare");
    stmts_.emplace(std::string(sql), st);
    return st;
  }

  // Parameters are named $1, $2, ...: each is bound to that element of `params`.
  Status bind(sqlite3_stmt* st, Params params) {
    const int n = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= n; ++i) {
      const char* name = sqlite3_bind_parameter_name(st, i);
      const size_t k = name ? std::strtoul(name + 1, nullptr, 10) : 0;
      if (k < 1 || k > params.size()) return Error::io("database: statement parameter not given");
      const Param& p = params.begin()[k - 1];
      if (p.kind == Param::Kind::Text) {
        if (auto ok = check_text(p.s); !ok.ok()) return ok;
      }
      const int rc = p.kind == Param::Kind::Int    ? sqlite3_bind_int64(st, i, p.i)
                     : p.kind == Param::Kind::Null ? sqlite3_bind_null(st, i)
                                                   : sqlite3_bind_text64(st, i, p.s.data(), p.s.size(),
                                                                         SQLITE_STATIC, SQLITE_UTF8);
      if (rc != SQLITE_OK) return db_error(db_, "bind");
    }
    return Ok{};
  }

  Result<Rows> step_all(sqlite3_stmt* st) {
    Rows rows;
    const int cols = sqlite3_column_count(st);
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) return rows;
      if (rc != SQLITE_ROW) return db_error(db_, "step");
      Row& row = rows.emplace_back(static_cast<size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (sqlite3_column_type(st, c) == SQLITE_NULL) continue;
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
        row[c].emplace(t, static_cast<size_t>(sqlite3_column_bytes(st, c)));
      }
    }
  }

  sqlite3* db_;
  std::mutex* write_mu_;
  std::unique_lock<std::mutex> write_lock_;
  std::unordered_map<std::string, sqlite3_stmt*> stmts_;
};

Result<std::unique_ptr<Conn>> connect(const std::string& path, std::mutex* write_mu) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Error e = Error::io("cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close_v2(db);
    return e;
  }
  auto conn = std::make_unique<SqliteConn>(db, write_mu);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // WAL: readers never wait for the writer. synchronous=FULL: an acknowledged write survives
  // a power cut, not only a crash of the process.
  auto wal = conn->query("PRAGMA journal_mode=WAL", {});
  if (!wal.ok()) return Error::io("cannot open database " + path + ": " + wal.error().message);
  if (wal.value().empty() || text(wal.value()[0], 0) != "wal")
    return Error::io("cannot open database " + path + ": it cannot use WAL mode here");
  auto s = conn->exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
  if (!s.ok()) return std::move(s).take_error();
  return std::unique_ptr<Conn>(std::move(conn));
}

class SqliteDb : public Db {
 public:
  explicit SqliteDb(std::string path)
      : path_(std::move(path)), pool_([this] { return connect(path_, &write_mu_); }, kMaxConnections) {}

  Result<Lease> acquire() override { return pool_.acquire(); }
  const std::vector<std::string>& migrations() const override { return sqlite_migrations(); }
  const char* migration_lock_sql() const override { return ""; }
  const char* for_update() const override { return ""; }
  Status backup(const std::string& path) override;
  // One process owns a SQLite database, so its own writes are all there are to announce.
  Status announce(Conn&, const ChangeEvent&) override { return Ok{}; }
  void committed(const ChangeEvent& e) override { events_.publish(e); }
  Result<std::unique_ptr<Subscription>> subscribe(ChangeListener listener) override {
    return events_.subscribe(std::move(listener));
  }

 private:
  std::string path_;
  std::mutex write_mu_;
  Pool pool_;
  LocalEvents events_;
};

// SQLite's online backup copies a consistent snapshot while writers go on. It goes to a
// temporary file beside the target, renamed over it when complete, so a failed backup never
// leaves a half-written file under the target's name.
Status SqliteDb::backup(const std::string& path) {
  std::error_code ec;
  if (path.empty()) return Error::usage("backup: no file named");
  if (std::filesystem::equivalent(path, path_, ec))
    return Error::usage("backup: " + path + " is the database itself");
  static std::atomic<int> counter{0};
  const std::string tmp = path + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
  auto lease = acquire();
  if (!lease.ok()) return std::move(lease).take_error();
  sqlite3* dst = nullptr;
  Status result = Ok{};
  if (sqlite3_open_v2(tmp.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    result = Error::io("backup: cannot create " + tmp + ": " + (dst ? sqlite3_errmsg(dst) : "out of memory"));
  } else {
    auto& src = static_cast<SqliteConn&>(*lease.value());
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src.handle(), "main");
    if (b) {
      sqlite3_backup_step(b, -1);
      sqlite3_backup_finish(b);
    }
    if (sqlite3_errcode(dst) != SQLITE_OK) result = db_error(dst, "backup");
  }
  sqlite3_close_v2(dst);
  if (result.ok() && std::rename(tmp.c_str(), path.c_str()) != 0)
    result = Error::io("backup: cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  if (!result.ok()) std::remove(tmp.c_str());
  return result;
}

}  // namespace

Result<std::unique_ptr<Db>> open_sqlite_db(const std::string& path) {
  // Every pooled connection must reach the same database, which an in-memory or temporary
  // one is not.
  if (path.empty() || path == ":memory:") return Error::usage("the SQLite store needs a file path");
  auto db = std::make_unique<SqliteDb>(path);
  auto first = db->acquire();  // reports a bad path now rather than at the first request
  if (!first.ok()) return std::move(first).take_error();
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace seam::store
