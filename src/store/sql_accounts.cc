// Accounts: users, their sessions and their API tokens.
#include <cstdint>

#include "store/sql_store_impl.h"

namespace seam::store {
namespace {

// A token's last use is recorded at most this often, so reads stay reads.
constexpr int64_t kLastUsedResolution = 60;

// A user's columns from column `at` on, as USER_FIELDS lists them for a join on `users u`.
User user_at(const Row& r, int at) {
  return {num(r, at), text(r, at + 1), text(r, at + 2), flag(r, at + 3), num(r, at + 4)};
}
User user_from(const Row& r) { return user_at(r, 0); }
#define USER_COLS "SELECT id, name, password_hash, admin, created_at FROM users"
#define USER_FIELDS "u.id, u.name, u.password_hash, u.admin, u.created_at"

Token token_from(const Row& r) {
  Token t;
  t.id = num(r, 0);
  t.user_id = num(r, 1);
  t.name = text(r, 2);
  t.hash = text(r, 3);
  t.project_id = opt_num(r, 4);
  t.access = flag(r, 5) ? Access::Write : Access::Read;
  t.created_at = num(r, 6);
  t.expires_at = opt_num(r, 7);
  t.revoked_at = opt_num(r, 8);
  t.last_used_at = opt_num(r, 9);
  return t;
}
#define TOKEN_COLS \
  "SELECT id, user_id, name, hash, project_id, write_access, created_at, expires_at, revoked_at, last_used_at " \
  "FROM tokens"

}  // namespace

Result<User> SqlStore::create_user(const std::string& name, const std::string& password_hash, bool admin) {
  if (name.empty()) return Error::usage("a user needs a name");
  const User u{0, name, password_hash, admin, now_seconds()};
  return run(Scope::Write, [&](Conn& c) -> Result<User> {
    auto rows = c.query(
        "INSERT INTO users (name, password_hash, admin, created_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (name) DO NOTHING RETURNING id",
        {u.name, u.password_hash, u.admin, u.created_at});
    if (!rows.ok()) return std::move(rows).take_error();
    if (rows.value().empty()) return Error::usage("user " + name + " exists");
    User made = u;
    made.id = num(rows.value()[0], 0);
    return made;
  });
}

Result<std::optional<User>> SqlStore::find_user(const std::string& name) {
  return run(Scope::Plain, [&](Conn& c) {
    return first<User>(c.query(USER_COLS " WHERE name = $1", {name}), user_from);
  });
}

Result<std::optional<User>> SqlStore::user_by_id(int64_t id) {
  return run(Scope::Plain,
             [&](Conn& c) { return first<User>(c.query(USER_COLS " WHERE id = $1", {id}), user_from); });
}

Status SqlStore::set_password(int64_t user_id, const std::string& password_hash) {
  return run(Scope::Write, [&](Conn& c) {
    return touched(c.query("UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id", {user_id, password_hash}),
                   "user", user_id);
  });
}

Status SqlStore::create_session(const Session& s) {
  const int64_t now = s.created_at ? s.created_at : now_seconds();
  return run(Scope::Write, [&](Conn& c) -> Status {
    if (auto u = need_row(c, "SELECT id FROM users WHERE id = $1", s.user_id, "user"); !u.ok()) return u;
    // Expired sessions go here, where a write happens anyway; the index makes it cheap.
    if (auto d = c.query("DELETE FROM sessions WHERE expires_at <= $1", {now}); !d.ok())
      return std::move(d).take_error();
    auto rows = c.query(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        {s.id_hash, s.user_id, s.csrf_token, now, s.expires_at});
    if (!rows.ok()) return std::move(rows).take_error();
    return Ok{};
  });
}

Result<std::optional<SessionOwner>> SqlStore::find_session(const std::string& id_hash, int64_t now) {
  return run(Scope::Plain, [&](Conn& c) {
    auto rows = c.query(
        "SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, " USER_FIELDS " "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2",
        {id_hash, now});
    return first<SessionOwner>(std::move(rows), [](const Row& r) {
      return SessionOwner{Session{text(r, 0), num(r, 1), text(r, 2), num(r, 3), num(r, 4)}, user_at(r, 5)};
    });
  });
}

Status SqlStore::delete_session(const std::string& id_hash) {
  return exec_write("DELETE FROM sessions WHERE id_hash = $1", {id_hash});
}

Result<Token> SqlStore::create_token(const Token& t) {
  Token made = t;
  if (!made.created_at) made.created_at = now_seconds();
  return run(Scope::Write, [&](Conn& c) -> Result<Token> {
    if (auto u = need_row(c, "SELECT id FROM users WHERE id = $1", t.user_id, "user"); !u.ok())
      return std::move(u).take_error();
    if (t.project_id) {
      auto p = need_row(c, "SELECT id FROM projects WHERE id = $1", *t.project_id, "project");
      if (!p.ok()) return std::move(p).take_error();
    }
    auto rows = c.query(
        "INSERT INTO tokens (user_id, name, hash, project_id, write_access, created_at, expires_at, revoked_at, "
        "last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (hash) DO NOTHING RETURNING id",
        {t.user_id, t.name, t.hash, t.project_id, t.access == Access::Write, made.created_at, t.expires_at,
         t.revoked_at, t.last_used_at});
    if (!rows.ok()) return std::move(rows).take_error();
    if (rows.value().empty()) return Error::usage("a token with this hash exists");
    made.id = num(rows.value()[0], 0);
    return made;
  });
}

Result<std::optional<TokenOwner>> SqlStore::find_token(const std::string& hash, int64_t now) {
  auto found = run(Scope::Plain, [&](Conn& c) {
    auto rows = c.query("SELECT t.id, t.user_id, t.name, t.hash, t.project_id, t.write_access, t.created_at, t.expires_at, "
                        "t.revoked_at, t.last_used_at, " USER_FIELDS " FROM tokens t JOIN users u ON u.id = t.user_id "
                        "WHERE t.hash = $1",
                        {hash});
    return first<TokenOwner>(std::move(rows), [](const Row& r) { return TokenOwner{token_from(r), user_at(r, 10)}; });
  });
  if (!found.ok() || !found.value()) return found;
  Token& t = found.value()->token;
  const bool usable = !t.revoked_at && (!t.expires_at || *t.expires_at > now);
  if (usable && (!t.last_used_at || *t.last_used_at <= now - kLastUsedResolution)) {
    auto s = exec_write("UPDATE tokens SET last_used_at = $2 WHERE id = $1", {t.id, now});
    if (!s.ok()) return std::move(s).take_error();
    t.last_used_at = now;
    t.marked = true;
  }
  return found;
}

Result<std::vector<Token>> SqlStore::list_tokens(int64_t user_id) {
  return run(Scope::Plain, [&](Conn& c) {
    return all<Token>(c.query(TOKEN_COLS " WHERE user_id = $1 ORDER BY id DESC", {user_id}), token_from);
  });
}

Status SqlStore::revoke_token(int64_t user_id, int64_t token_id, int64_t now) {
  return run(Scope::Write, [&](Conn& c) {
    auto rows =
        c.query("UPDATE tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $2 AND user_id = $1 RETURNING id",
                {user_id, token_id, now});
    return touched(std::move(rows), "token", token_id);
  });
}

}  // namespace seam::store
