// The small SQL layer under the store: a connection that runs one statement with bound
// parameters and returns its rows as text, and a pool of them. SQLite and PostgreSQL each
// implement a Conn; everything above (sql_store.cc) is written once, in SQL both accept, so
// the two stores cannot drift apart in behaviour.
//
// Statements number their parameters $1, $2, ... (PostgreSQL's form, which SQLite reads as
// named parameters). Values are always bound, never spliced into the SQL text.
//
// Thread safety: a Conn is used by one thread at a time (the pool hands it out); a Db and its
// pool may be used from any number of threads.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace seam::store {

// One bound value: SQL NULL, an integer or text (booleans are bound as 0 or 1).
struct Param {
  enum class Kind : uint8_t { Null, Int, Text } kind = Kind::Null;
  int64_t i = 0;
  std::string_view s;

  Param(std::nullptr_t) {}  // NOLINT: implicit by design, as are the others
  Param(int v) : kind(Kind::Int), i(v) {}  // NOLINT
  Param(int64_t v) : kind(Kind::Int), i(v) {}  // NOLINT
  Param(bool v) : kind(Kind::Int), i(v ? 1 : 0) {}  // NOLINT
  Param(std::string_view v) : kind(Kind::Text), s(v) {}  // NOLINT
  Param(const std::string& v) : kind(Kind::Text), s(v) {}  // NOLINT
  Param(const char* v) : kind(Kind::Text), s(v) {}  // NOLINT
  Param(std::optional<int64_t> v) : kind(v ? Kind::Int : Kind::Null), i(v.value_or(0)) {}  // NOLINT
};
using Params = std::initializer_list<Param>;

// A row of text cells, empty for SQL NULL; booleans read as "1"/"0" (SQLite) or "t"/"f".
using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;
int64_t num(const Row& r, size_t col);  // 0 for NULL
std::optional<int64_t> opt_num(const Row& r, size_t col);
std::string text(const Row& r, size_t col);  // "" for NULL
bool flag(const Row& r, size_t col);

// Usage error unless `s` is UTF-8 without NUL bytes: PostgreSQL stores nothing else, and both
// backends refuse the same values.
Status check_text(std::string_view s);

class Conn {
 public:
  virtual ~Conn() = default;
  // One statement; Io error when it fails. Text that check_text refuses is refused here.
  virtual Result<Rows> query(std::string_view sql, Params params) = 0;
  // Several statements without parameters (schema scripts).
  virtual Status exec_script(const std::string& sql) = 0;
  // A write transaction holds the database's write lock from begin to commit, so that
  // writers queue instead of failing.
  virtual Status begin(bool write) = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;
  // Lost beyond repair (the server went away, a transaction stuck open): the pool drops it
  // instead of reusing it.
  virtual bool broken() const { return false; }
};

class Pool;

// A connection borrowed from a pool; it goes back when the Lease ends.
class Lease {
 public:
  Lease(Pool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
  Lease(Lease&&) = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Conn& operator*() { return *conn_; }
  Conn* operator->() { return conn_.get(); }

 private:
  Pool* pool_;
  std::unique_ptr<Conn> conn_;
};

// Up to `max` connections, made on demand by `connect`; a caller waits while all are lent.
class Pool {
 public:
  using Connect = std::function<Result<std::unique_ptr<Conn>>()>;
  Pool(Connect connect, size_t max) : connect_(std::move(connect)), max_(max) {}
  Result<Lease> acquire();
  void release(std::unique_ptr<Conn> conn);

 private:
  Connect connect_;
  size_t max_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Conn>> idle_;
  size_t open_ = 0;  // lent and idle together
};

// A transaction on a leased connection that rolls back unless committed.
class Txn {
 public:
  explicit Txn(Conn& c) : c_(c) {}
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  ~Txn() { if (open_) c_.rollback(); }
  Status begin(bool write);
  Status commit();

 private:
  Conn& c_;
  bool open_ = false;
};

// One database: its pool and what differs between the backends.
class Db {
 public:
  virtual ~Db() = default;
  virtual Result<Lease> acquire() = 0;
  // Migration i (0-based) brings the schema from version i to i + 1.
  virtual const std::vector<std::string>& migrations() const = 0;
  // Run first in the migration transaction, so that processes starting together migrate
  // one after the other ("" when the write lock already does that).
  virtual const char* migration_lock_sql() const = 0;
  // Appended to the query that reads a project's row in write(), so that writers of one
  // project queue on it (" FOR UPDATE"; "" where a write transaction locks everything).
  virtual const char* for_update() const = 0;
  virtual Status backup(const std::string& path) = 0;
  // Change events (store.h): announce() runs inside a write's transaction once the write is
  // complete, committed() after its commit, subscribe() for Store::subscribe.
  virtual Status announce(Conn& c, const ChangeEvent& e) = 0;
  virtual void committed(const ChangeEvent& e) = 0;
  virtual Result<std::unique_ptr<Subscription>> subscribe(ChangeListener listener) = 0;
};

// The SQLite database at `path` or the PostgreSQL one at a postgresql:// URL, unmigrated.
Result<std::unique_ptr<Db>> open_db(const std::string& url);

}  // namespace seam::store
