#include "store/pg_store.h"

#include <cstring>
#include <unordered_map>

#include "store/events.h"
#include "store/libpq.h"

namespace seam::store {
namespace {

// A few connections serve many threads: each call holds one only for its statements.
constexpr size_t kMaxConnections = 8;

std::string trimmed(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class PgConn : public Conn {
 public:
  explicit PgConn(PGconn* c) : c_(c) {}
  ~PgConn() override { pq().PQfinish(c_); }

  Result<Rows> query(std::string_view sql, Params params) override {
    auto name = prepared(sql);
    if (!name.ok()) return std::move(name).take_error();
    // libpq takes text parameters as NUL-terminated strings.
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    size_t i = 0;
    for (const Param& p : params) {
      if (p.kind == Param::Kind::Int) texts[i] = std::to_string(p.i);
      else if (p.kind == Param::Kind::Text) texts[i] = std::string(p.s);
      if (p.kind == Param::Kind::Text) {
        if (auto ok = check_text(p.s); !ok.ok()) return std::move(ok).take_error();
      }
      if (p.kind != Param::Kind::Null) values[i] = texts[i].c_str();
      ++i;
    }
    PGresult* r = pq().PQexecPrepared(c_, name.value().c_str(), static_cast<int>(values.size()), values.data(),
                                 nullptr, nullptr, 0);
    auto rows = collect(r);
    pq().PQclear(r);
    return rows;
  }

  Status exec_script(const std::string& sql) override {
    PGresult* r = pq().PQexec(c_, sql.c_str());
    auto rows = collect(r);
    pq().PQclear(r);
    if (!rows.ok()) return std::move(rows).take_error();
    return Ok{};
  }

  // Writers of one project queue on its row (FOR UPDATE in write()), not on the database.
  Status begin(bool) override { return exec_script("BEGIN"); }

  Status commit() override {
    PGresult* r = pq().PQexec(c_, "COMMIT");
    // A transaction that failed earlier answers COMMIT with ROLLBACK: that is no commit.
    const bool ok = pq().PQresultStatus(r) == PGRES_COMMAND_OK && std::strcmp(pq().PQcmdStatus(r), "COMMIT") == 0;
    Error e = Error::io("database: commit failed: " + trimmed(pq().PQerrorMessage(c_)));
    pq().PQclear(r);
    if (ok) return Ok{};
    rollback();
    return e;
  }

  void rollback() override { (void)exec_script("ROLLBACK"); }
  // Gone, or still inside a transaction that could not be rolled back.
  bool broken() const override {
    return pq().PQstatus(c_) != CONNECTION_OK || pq().PQtransactionStatus(c_) != PQTRANS_IDLE;
  }

 private:
  // Each statement is prepared once per connection and then run by name.
  Result<std::string> prepared(std::string_view sql) {
    auto it = prepared_.find(std::string(sql));
    if (it != prepared_.end()) return it->second;
    std::string name = "s";  // (not "s" + to_string: GCC 12 warns falsely about that)
    name += std::to_string(prepared_.size());
    PGresult* r = pq().PQprepare(c_, name.c_str(), std::string(sql).c_str(), 0, nullptr);
    auto ok = collect(r);
    pq().PQclear(r);
    if (!ok.ok()) return std::move(ok).take_error();
    prepared_.emplace(std::string(sql), name);
    return name;
  }

  Result<Rows> collect(PGresult* r) {
    const auto status = pq().PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
      return Error::io("database: " + trimmed(r ? pq().PQresultErrorMessage(r) : pq().PQerrorMessage(c_)));
    Rows rows(static_cast<size_t>(pq().PQntuples(r)));
    const int cols = pq().PQnfields(r);
    for (size_t i = 0; i < rows.size(); ++i) {
      rows[i].resize(static_cast<size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        const int row = static_cast<int>(i);
        if (!pq().PQgetisnull(r, row, c)) rows[i][c].emplace(pq().PQgetvalue(r, row, c), pq().PQgetlength(r, row, c));
      }
    }
    return rows;
  }

  PGconn* c_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

void ignore_notice(void*, const char*) {}  // "relation already exists, skipping" and the like

Result<std::unique_ptr<Conn>> connect(const std::string& url) {
  if (auto lib = load_libpq(); !lib.ok()) return std::move(lib).take_error();
  PGconn* c = pq().PQconnectdb(url.c_str());
  // The URL is not repeated in the message: it may hold a password.
  if (!c || pq().PQstatus(c) != CONNECTION_OK) {
    Error e = Error::io("cannot connect to PostgreSQL: " + trimmed(c ? pq().PQerrorMessage(c) : "out of memory"));
    pq().PQfinish(c);
    return e;
  }
  pq().PQsetNoticeProcessor(c, ignore_notice, nullptr);
  if (pq().PQsetClientEncoding(c, "UTF8") != 0) {
    pq().PQfinish(c);
    return Error::io("PostgreSQL: cannot use UTF-8 as the client encoding");
  }
  return std::unique_ptr<Conn>(std::make_unique<PgConn>(c));
}

class PgDb : public Db {
 public:
  explicit PgDb(std::string url) : url_(std::move(url)), pool_([this] { return connect(url_); }, kMaxConnections) {}
  Result<Lease> acquire() override { return pool_.acquire(); }
  const std::vector<std::string>& migrations() const override { return pg_migrations(); }
  // A transaction-scoped advisory lock (its key is "SEAM" in ASCII): processes that start together migrate one by one.
  const char* migration_lock_sql() const override { return "SELECT pg_advisory_xact_lock(1397047629)"; }
  const char* for_update() const override { return " FOR UPDATE"; }
  Status backup(const std::string&) override {
    return Error::usage("backup copies SQLite stores only; back up a PostgreSQL database with pg_dump");
  }
  // NOTIFY inside the write's transaction: PostgreSQL delivers it only if the write commits.
  Status announce(Conn& c, const ChangeEvent& e) override {
    auto r = c.query("SELECT pg_notify($1, $2)", {kChangeChannel, event_payload(e)});
    if (!r.ok()) return std::move(r).take_error();
    return Ok{};
  }
  void committed(const ChangeEvent&) override {}  // every listener hears it from the database
  Result<std::unique_ptr<Subscription>> subscribe(ChangeListener listener) override {
    return pg_listen(url_, std::move(listener));
  }

 private:
  std::string url_;
  Pool pool_;
};

}  // namespace

Result<std::unique_ptr<Db>> open_pg_db(const std::string& url) {
  auto db = std::make_unique<PgDb>(url);
  auto first = db->acquire();  // reports an unreachable server now rather than later
  if (!first.ok()) return std::move(first).take_error();
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace seam::store
