#include "store/sql_db.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

#include "util/text.h"

namespace seam::store {

int64_t num(const Row& r, size_t col) { return opt_num(r, col).value_or(0); }

std::optional<int64_t> opt_num(const Row& r, size_t col) {
  if (!r[col]) return std::nullopt;
  return std::strtoll(r[col]->c_str(), nullptr, 10);
}

std::string text(const Row& r, size_t col) { return r[col].value_or(""); }

bool flag(const Row& r, size_t col) {
  const std::string v = text(r, col);
  return v == "1" || v == "t" || v == "true";
}

Status check_text(std::string_view s) {
  if (std::memchr(s.data(), '\0', s.size())) return Error::usage("text with a NUL byte cannot be stored");
  if (text::find_invalid_utf8(s)) return Error::usage("text that is not UTF-8 cannot be stored");
  return Ok{};
}

Lease::~Lease() {
  if (conn_) pool_->release(std::move(conn_));
}

Result<Lease> Pool::acquire() {
  std::unique_lock lock(mu_);
  // Long enough for any queue of writers; a wait this long means the database is stuck.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (idle_.empty() && open_ >= max_) {
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= max_)
      return Error::io("database: no free connection after 30 s");
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  auto conn = connect_();
  if (!conn.ok()) {
    lock.lock();
    --open_;
    freed_.notify_one();
    return std::move(conn).take_error();
  }
  return Lease(this, std::move(conn).value());
}

void Pool::release(std::unique_ptr<Conn> conn) {
  const bool keep = !conn->broken();
  if (!keep) conn.reset();  // closed outside the lock
  std::lock_guard lock(mu_);
  if (keep) idle_.push_back(std::move(conn));
  else --open_;
  freed_.notify_one();
}

Status Txn::begin(bool write) {
  auto s = c_.begin(write);
  open_ = s.ok();
  return s;
}

Status Txn::commit() {
  open_ = false;
  return c_.commit();
}

}  // namespace seam::store
