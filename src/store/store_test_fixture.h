// The fixture of the store's test suites (store_test.cc, events_test.cc): each test gets an
// empty store, on SQLite (a temporary file) or on a real PostgreSQL 15 (a throwaway cluster,
// pg_temp_testing.h), and both must pass alike. For test programs only.
//
// Thread safety: as Store; the fixture itself belongs to its test's thread.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "store/pg_temp_testing.h"
#include "store/sql_db.h"
#include "store/store.h"

namespace seam::store::testing {

enum class Backend { Sqlite, Postgres };

class StoreFixture : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::Sqlite) {
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      std::string test = std::string(info->test_suite_name()) + "_" + info->name();
      for (char& c : test) c = c == '/' ? '_' : c;
      url_ = ::testing::TempDir() + "seam_store_" + std::to_string(getpid()) + "_" + test;
      remove_files();
    } else {
      auto url = pg_temp_url();
      ASSERT_TRUE(url.ok()) << url.error().message;
      url_ = url.value();
      // Every test starts from an empty database.
      ASSERT_TRUE(raw("DROP SCHEMA public CASCADE; CREATE SCHEMA public").ok());
    }
    auto s = open(url_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(s).value();
  }

  void TearDown() override {
    store_.reset();
    if (GetParam() == Backend::Sqlite) remove_files();
  }

  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", ".bak"}) std::remove((url_ + suffix).c_str());
  }

  // SQL straight on the database, around the store (to fake a newer schema).
  Status raw(const std::string& sql) {
    auto db = open_db(url_);
    if (!db.ok()) return std::move(db).take_error();
    auto conn = db.value()->acquire();
    if (!conn.ok()) return std::move(conn).take_error();
    return conn.value()->exec_script(sql);
  }

  void reopen() {
    store_.reset();
    auto s = open(url_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(s).value();
  }

  int64_t user(const std::string& name) {
    auto u = store_->create_user(name, "hash-of-" + name, false);
    EXPECT_TRUE(u.ok()) << u.error().message;
    return u.ok() ? u.value().id : 0;
  }

  int64_t project(const std::string& name, int64_t owner) {
    auto p = store_->create_project(name, owner);
    EXPECT_TRUE(p.ok()) << p.error().message;
    return p.ok() ? p.value().id : 0;
  }

  static NewRevision doc(int64_t project, int64_t author, const std::string& name, std::optional<int64_t> expected,
                         const std::string& content = "a: 1", bool draft = false) {
    NewRevision r;
    r.project_id = project;
    r.kind = DocKind::Descriptor;
    r.name = name;
    r.author_id = author;
    r.message = "edit " + name;
    r.content = content;
    r.format = "yaml";
    r.draft = draft;
    r.diagnostics_json = "[]";
    r.expected_head = expected;
    return r;
  }

  // Writes and expects success; returns the new revision.
  Revision write(const NewRevision& r, const Annotate& annotate = nullptr) {
    auto w = store_->write(r, annotate);
    EXPECT_TRUE(w.ok()) << w.error().message;
    if (!w.ok()) return {};
    EXPECT_FALSE(w.value().conflict);
    return w.value().revision;
  }

  std::string url_;
  std::unique_ptr<Store> store_;
};

inline const auto kBothBackends = ::testing::Values(Backend::Sqlite, Backend::Postgres);
inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::Sqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace seam::store::testing
