#include "store/store.h"

#include <algorithm>

#include <array>

#include "store/pg_store.h"
#include "store/sql_store.h"
#include "store/sqlite_store.h"

namespace seam::store {
namespace {

constexpr std::array<const char*, 4> kKindNames = {"descriptor", "waivers", "card", "profile"};

bool is_postgres_url(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

// cppcheck-suppress CastIntegerToAddressAtReturn ; cppcheck misreads std::array<const char*> as integers
const char* doc_kind_name(DocKind k) { return kKindNames[static_cast<size_t>(k)]; }

std::optional<DocKind> doc_kind_from_name(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i)
    if (name == kKindNames[i]) return static_cast<DocKind>(i);
  return std::nullopt;
}

const std::vector<std::string>& roles() {
  static const std::vector<std::string> all = {"owner",      "data_scientist", "software_engineer",
                                               "operations", "reviewer",       "viewer"};
  return all;
}

bool valid_role(std::string_view role) { return std::find(roles().begin(), roles().end(), role) != roles().end(); }

bool valid_project_name(std::string_view name) {
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (name.empty() || name.size() > 100 || !lower_or_digit(name[0])) return false;
  for (char c : name)
    if (!lower_or_digit(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

Result<std::unique_ptr<Db>> open_db(const std::string& url) {
  return is_postgres_url(url) ? open_pg_db(url) : open_sqlite_db(url);
}

Result<std::unique_ptr<Store>> open(const std::string& url) {
  auto db = open_db(url);
  if (!db.ok()) return std::move(db).take_error();
  return make_sql_store(std::move(db).value());
}

}  // namespace seam::store
