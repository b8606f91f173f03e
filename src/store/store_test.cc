// One behaviour suite for the Store, run against SQLite (a temporary file) and against a
// real PostgreSQL 15 (a throwaway cluster, pg_temp_testing.h). Both must pass alike.
#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "store/store_test_fixture.h"

namespace seam::store {
namespace {

using testing::Backend;
using StoreTest = testing::StoreFixture;

TEST_P(StoreTest, OpensAtTheCurrentSchemaVersionAndAnswersPing) {
  EXPECT_EQ(store_->schema_version(), kSchemaVersion);
  EXPECT_TRUE(store_->ping().ok());
}

TEST_P(StoreTest, Users) {
  auto made = store_->create_user("alice", "h1", true);
  ASSERT_TRUE(made.ok());
  EXPECT_GT(made.value().id, 0);
  EXPECT_GT(made.value().created_at, 0);

  auto again = store_->create_user("alice", "h2", false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::Usage);
  EXPECT_EQ(again.error().message, "user alice exists");

  auto found = store_->find_user("alice");
  ASSERT_TRUE(found.ok() && found.value());
  EXPECT_EQ(found.value()->id, made.value().id);
  EXPECT_EQ(found.value()->password_hash, "h1");
  EXPECT_TRUE(found.value()->admin);
  EXPECT_FALSE(store_->find_user("Alice").value());

  ASSERT_TRUE(store_->set_password(made.value().id, "h3").ok());
  EXPECT_EQ(store_->user_by_id(made.value().id).value()->password_hash, "h3");
  EXPECT_FALSE(store_->user_by_id(made.value().id + 100).value());
  EXPECT_EQ(store_->set_password(made.value().id + 100, "x").error().kind, ErrorKind::Usage);
}

TEST_P(StoreTest, SessionsExpireAndExpiredOnesAreDeleted) {
  const int64_t alice = user("alice");
  ASSERT_TRUE(store_->create_session({"s1", alice, "csrf1", 100, 200}).ok());
  auto s = store_->find_session("s1", 150);
  ASSERT_TRUE(s.ok() && s.value());
  EXPECT_EQ(s.value()->session.user_id, alice);
  EXPECT_EQ(s.value()->session.csrf_token, "csrf1");
  EXPECT_EQ(s.value()->session.expires_at, 200);
  EXPECT_EQ(s.value()->user.name, "alice");  // read with the session
  EXPECT_FALSE(store_->find_session("s1", 200).value());  // expired at its expiry time

  // A later session's creation deletes the expired one for good.
  ASSERT_TRUE(store_->create_session({"s2", alice, "csrf2", 300, 400}).ok());
  EXPECT_FALSE(store_->find_session("s1", 150).value());
  ASSERT_TRUE(store_->delete_session("s2").ok());
  EXPECT_FALSE(store_->find_session("s2", 350).value());
  EXPECT_EQ(store_->create_session({"s3", alice + 100, "c", 1, 2}).error().kind, ErrorKind::Usage);
}

TEST_P(StoreTest, TokensAreReturnedWithTheirStateAndMarkedWhenUsed) {
  const int64_t alice = user("alice");
  const int64_t bob = user("bob");
  const int64_t p = project("p", alice);
  Token t;
  t.user_id = alice;
  t.name = "ci";
  t.hash = "hash-ci";
  t.project_id = p;
  t.access = Access::Write;
  t.expires_at = 5000;
  auto made = store_->create_token(t);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_GT(made.value().created_at, 0);

  auto used = store_->find_token("hash-ci", 1000);
  ASSERT_TRUE(used.ok() && used.value());
  EXPECT_EQ(used.value()->token.project_id, p);
  EXPECT_EQ(used.value()->token.access, Access::Write);
  EXPECT_EQ(used.value()->token.last_used_at, 1000);
  EXPECT_TRUE(used.value()->token.marked);
  EXPECT_EQ(used.value()->user.name, "alice");  // read with the token
  auto again = store_->find_token("hash-ci", 1030).value();  // within the minute: not written
  EXPECT_EQ(again->token.last_used_at, 1000);
  EXPECT_FALSE(again->token.marked);
  EXPECT_EQ(store_->find_token("hash-ci", 1100).value()->token.last_used_at, 1100);

  auto expired = store_->find_token("hash-ci", 6000);  // returned, but not marked as used
  ASSERT_TRUE(expired.value());
  EXPECT_EQ(expired.value()->token.last_used_at, 1100);

  EXPECT_EQ(store_->revoke_token(bob, made.value().id, 1200).error().kind, ErrorKind::Usage);
  ASSERT_TRUE(store_->revoke_token(alice, made.value().id, 1200).ok());
  auto revoked = store_->find_token("hash-ci", 1300);
  ASSERT_TRUE(revoked.value());
  EXPECT_EQ(revoked.value()->token.revoked_at, 1200);
  EXPECT_EQ(revoked.value()->token.last_used_at, 1100);

  t.name = "read";
  t.hash = "hash-read";
  t.project_id.reset();
  t.access = Access::Read;
  t.expires_at.reset();
  ASSERT_TRUE(store_->create_token(t).ok());
  auto list = store_->list_tokens(alice).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "read");  // newest first
  EXPECT_FALSE(list[0].project_id);
  EXPECT_EQ(list[0].access, Access::Read);
  EXPECT_TRUE(store_->list_tokens(bob).value().empty());
  EXPECT_FALSE(store_->find_token("no-such-hash", 1).value());
  t.user_id = alice + 100;
  t.hash = "other";
  EXPECT_EQ(store_->create_token(t).error().kind, ErrorKind::Usage);
}

TEST_P(StoreTest, ProjectsMembersAndRoles) {
  const int64_t alice = user("alice");
  const int64_t bob = user("bob");
  auto made = store_->create_project("turbine-1.0_a", alice);
  ASSERT_TRUE(made.ok());
  const int64_t p = made.value().id;
  EXPECT_EQ(made.value().revision, 0);
  EXPECT_EQ(store_->create_project("turbine-1.0_a", bob).error().message, "project turbine-1.0_a exists");
  for (const char* bad : {"", "Turbine", "-x", "a b", "a/b", "../x"})
    EXPECT_EQ(store_->create_project(bad, alice).error().kind, ErrorKind::Usage) << bad;

  EXPECT_EQ(store_->role_of(p, alice).value(), "owner");
  EXPECT_FALSE(store_->role_of(p, bob).value());
  EXPECT_TRUE(store_->projects_of(bob).value().empty());
  auto membership = store_->find_membership("turbine-1.0_a", alice).value();
  ASSERT_TRUE(membership);
  EXPECT_EQ(membership->project.id, p);
  EXPECT_EQ(membership->role, "owner");
  // An outsider and a missing project look the same.
  EXPECT_FALSE(store_->find_membership("turbine-1.0_a", bob).value());
  EXPECT_FALSE(store_->find_membership("nope", alice).value());

  for (const char* role : {"data_scientist", "software_engineer", "operations", "reviewer", "viewer", "owner"}) {
    ASSERT_TRUE(store_->set_role(p, bob, role).ok()) << role;
    EXPECT_EQ(store_->role_of(p, bob).value(), role);
  }
  auto bad = store_->set_role(p, bob, "admin");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::Usage);
  EXPECT_EQ(store_->role_of(p, bob).value(), "owner");
  EXPECT_EQ(store_->set_role(p + 100, bob, "viewer").error().kind, ErrorKind::Usage);
  EXPECT_EQ(store_->set_role(p, bob + 100, "viewer").error().kind, ErrorKind::Usage);

  auto members = store_->members(p).value();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].user_name, "alice");
  EXPECT_EQ(members[1].role, "owner");
  ASSERT_EQ(store_->projects_of(bob).value().size(), 1u);

  EXPECT_EQ(store_->find_membership("turbine-1.0_a", bob).value()->role, "owner");
  ASSERT_TRUE(store_->set_role(p, bob, "").ok());
  EXPECT_FALSE(store_->role_of(p, bob).value());
  EXPECT_FALSE(store_->find_membership("turbine-1.0_a", bob).value());
  EXPECT_TRUE(store_->projects_of(bob).value().empty());

  ASSERT_TRUE(store_->set_policy(p, R"({"trained_model":["owner"]})").ok());
  EXPECT_EQ(store_->find_project("turbine-1.0_a").value()->policy_json, R"({"trained_model":["owner"]})");
  EXPECT_EQ(store_->set_policy(p + 100, "{}").error().kind, ErrorKind::Usage);
  EXPECT_FALSE(store_->find_project("nope").value());
}

TEST_P(StoreTest, WritesMakeNumberedRevisionsAndDraftsDoNotBecomeCurrent) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  const Revision r1 = write(doc(p, alice, "trained_model", std::nullopt, "v: 1"));
  EXPECT_EQ(r1.number, 1);
  EXPECT_EQ(r1.author, "alice");
  EXPECT_EQ(r1.project_revision, 1);
  EXPECT_EQ(r1.introduced_json, "[]");
  const Revision r2 = write(doc(p, alice, "trained_model", r1.id, "v: [", true));
  EXPECT_EQ(r2.number, 2);
  EXPECT_TRUE(r2.draft);
  EXPECT_GT(r2.id, r1.id);

  auto d = store_->document(p, DocKind::Descriptor, "trained_model").value();
  ASSERT_TRUE(d);
  EXPECT_EQ(d->head.id, r2.id);
  EXPECT_EQ(d->head.content, "v: [");
  ASSERT_TRUE(d->current);
  EXPECT_EQ(d->current->id, r1.id);
  EXPECT_EQ(d->current->content, "v: 1");

  const Revision r3 = write(doc(p, alice, "trained_model", r2.id, "v: 3"));
  EXPECT_EQ(r3.number, 3);
  d = store_->document(p, DocKind::Descriptor, "trained_model").value();
  EXPECT_EQ(d->head.id, r3.id);
  EXPECT_EQ(d->current->id, r3.id);

  // A document whose only revision is a draft has no current revision.
  const Revision w = write(doc(p, alice, "waivers", std::nullopt, "oops", true));
  auto docs = store_->documents(p).value();
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].name, "trained_model");
  EXPECT_EQ(docs[1].head.id, w.id);
  EXPECT_FALSE(docs[1].current);
  EXPECT_EQ(store_->find_project("p").value()->revision, 4);

  auto got = store_->revision(p, r2.id).value();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->message, "edit trained_model");
  EXPECT_EQ(got->diagnostics_json, "[]");
  EXPECT_EQ(got->format, "yaml");
  const int64_t other = project("other", alice);
  EXPECT_FALSE(store_->revision(other, r2.id).value());  // not through another project
  EXPECT_FALSE(store_->document(other, DocKind::Descriptor, "trained_model").value());
  EXPECT_FALSE(store_->document(p, DocKind::Card, "trained_model").value());
  EXPECT_EQ(store_->write(doc(p + 100, alice, "x", std::nullopt), nullptr).error().kind, ErrorKind::Usage);
}

TEST_P(StoreTest, ConflictsWriteNothingAndReturnTheHead) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  const Revision r1 = write(doc(p, alice, "raw_data", std::nullopt));
  const Revision r2 = write(doc(p, alice, "raw_data", r1.id));

  auto stale = store_->write(doc(p, alice, "raw_data", r1.id, "stale"), nullptr);
  ASSERT_TRUE(stale.ok());
  EXPECT_TRUE(stale.value().conflict);
  EXPECT_EQ(stale.value().revision.id, r2.id);
  EXPECT_EQ(stale.value().revision.number, 2);

  auto missing = store_->write(doc(p, alice, "raw_data", std::nullopt, "blind"), nullptr);
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing.value().conflict);
  EXPECT_EQ(missing.value().revision.id, r2.id);

  auto phantom = store_->write(doc(p, alice, "production_data", r2.id), nullptr);
  ASSERT_TRUE(phantom.ok());
  EXPECT_TRUE(phantom.value().conflict);
  EXPECT_EQ(phantom.value().revision.id, 0);

  EXPECT_EQ(store_->history(p, std::nullopt, "", {}).value().size(), 2u);
  EXPECT_EQ(store_->find_project("p").value()->revision, 2);
  EXPECT_FALSE(store_->document(p, DocKind::Descriptor, "production_data").value());
}

TEST_P(StoreTest, AnnotateSeesTheNewStateAndItsFindingsAreCached) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  const Revision r1 = write(doc(p, alice, "trained_model", std::nullopt, "first"), [&](const ProjectState& s) {
    EXPECT_EQ(s.revision, 1);
    EXPECT_EQ(s.previous_findings_json, "");
    EXPECT_EQ(s.documents.size(), 1u);
    return Result<Annotation>(Annotation{R"(["F1"])", R"(["F1"])", "[]"});
  });
  EXPECT_EQ(r1.introduced_json, R"(["F1"])");

  write(doc(p, alice, "raw_data", std::nullopt, "draft", true), [&](const ProjectState& s) {
    EXPECT_EQ(s.revision, 2);
    EXPECT_EQ(s.previous_findings_json, R"(["F1"])");
    EXPECT_EQ(s.documents.size(), 2u);  // the draft is there, without a current revision
    return Result<Annotation>(Annotation{R"(["F1"])", "[]", "[]"});
  });
  const Revision r3 = write(doc(p, alice, "trained_model", r1.id, "second"), [&](const ProjectState& s) {
    EXPECT_EQ(s.revision, 3);
    for (const Document& d : s.documents)
      if (d.name == "trained_model") {
        EXPECT_EQ(d.current->content, "second");
      }
    return Result<Annotation>(Annotation{R"(["F2"])", R"(["F2"])", R"(["F1"])"});
  });
  EXPECT_EQ(store_->revision(p, r3.id).value()->resolved_json, R"(["F1"])");
  EXPECT_EQ(store_->findings_at(p, 1).value(), R"(["F1"])");
  EXPECT_EQ(store_->findings_at(p, 3).value(), R"(["F2"])");
  EXPECT_EQ(store_->findings_at(p, 4).value(), "");

  // A failing annotate rolls the whole write back.
  auto failed = store_->write(doc(p, alice, "trained_model", r3.id, "third"),
                              [](const ProjectState&) { return Result<Annotation>(Error::invalid("analysis broke")); });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "analysis broke");
  EXPECT_EQ(store_->document(p, DocKind::Descriptor, "trained_model").value()->head.id, r3.id);
  EXPECT_EQ(store_->find_project("p").value()->revision, 3);
  EXPECT_EQ(store_->findings_at(p, 4).value(), "");
  EXPECT_EQ(write(doc(p, alice, "trained_model", r3.id)).number, 3);  // numbers stay dense
}

TEST_P(StoreTest, HistoryPagesWithCursors) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  std::vector<int64_t> ids;
  std::optional<int64_t> a, b;
  for (int i = 0; i < 3; ++i) {
    a = write(doc(p, alice, "a", a)).id;
    ids.push_back(*a);
    b = write(doc(p, alice, "b", b)).id;
    ids.push_back(*b);
  }
  auto page1 = store_->history(p, std::nullopt, "", {0, 4}).value();
  ASSERT_EQ(page1.size(), 4u);
  EXPECT_EQ(page1[0].id, ids[5]);
  EXPECT_EQ(page1[3].id, ids[2]);
  auto page2 = store_->history(p, std::nullopt, "", {page1.back().id, 4}).value();
  ASSERT_EQ(page2.size(), 2u);
  EXPECT_EQ(page2[0].id, ids[1]);
  EXPECT_TRUE(store_->history(p, std::nullopt, "", {page2.back().id, 4}).value().empty());

  auto only_a = store_->history(p, DocKind::Descriptor, "a", {0, 2}).value();
  ASSERT_EQ(only_a.size(), 2u);
  EXPECT_EQ(only_a[0].number, 3);
  EXPECT_EQ(only_a[1].number, 2);
  auto rest = store_->history(p, DocKind::Descriptor, "a", {only_a[1].id, 2}).value();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].number, 1);
  EXPECT_TRUE(store_->history(p, DocKind::Card, "", {}).value().empty());
  EXPECT_EQ(store_->history(p, std::nullopt, "", {0, 0}).value().size(), 6u);  // 0: the default limit
  EXPECT_EQ(store_->history(p, std::nullopt, "b", {}).value().size(), 3u);
}

TEST_P(StoreTest, AuditLogPages) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  ASSERT_TRUE(store_->audit({0, 0, std::nullopt, std::nullopt, "mallory", "login_failed", "", "", "10.0.0.9"}).ok());
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(
        store_->audit({0, 100 + i, p, alice, "alice", "write", "descriptor/raw_data", std::to_string(i), "::1"}).ok());
  auto all = store_->audit_log(std::nullopt, {}).value();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[3].user_name, "mallory");
  EXPECT_FALSE(all[3].user_id);
  EXPECT_GT(all[3].at, 0);  // stamped now when not given
  EXPECT_EQ(all[0].detail, "2");
  EXPECT_EQ(all[0].at, 102);
  auto page = store_->audit_log(p, {0, 2}).value();
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[1].detail, "1");
  auto next = store_->audit_log(p, {page[1].id, 2}).value();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].target, "descriptor/raw_data");
  EXPECT_EQ(next[0].project_id, p);
}

TEST_P(StoreTest, MonitorEventsByColumnNewestFirst) {
  const int64_t p = project("p", user("alice"));
  const int64_t q = project("q", user("bob"));
  std::vector<MonitorEvent> batch;
  for (int w = 1; w <= 3; ++w) {
    batch.push_back({0, 0, "ops", "window", w, "", "", "info", "{\"type\":\"window\",\"window\":" + std::to_string(w) + "}"});
    batch.push_back({0, 0, "ops", "test", w, "amount", "ks", w == 3 ? "warning" : "info", "{}"});
    batch.push_back({0, 0, "ops", "test", w, "x'; DROP TABLE monitor_events; --", "ks", "info", "{}"});
  }
  batch.push_back({0, 0, "ops", "alert", 3, "amount", "ks", "error", "{\"type\":\"alert\"}"});
  ASSERT_TRUE(store_->add_monitor_events(p, batch).ok());
  ASSERT_TRUE(store_->add_monitor_events(q, {batch[0]}).ok());
  auto all = store_->monitor_events(p, {}, {}).value();
  ASSERT_EQ(all.size(), 10u);
  EXPECT_EQ(all[0].type, "alert");
  EXPECT_GT(all[0].received_at, 0);
  EXPECT_EQ(all[9].json, "{\"type\":\"window\",\"window\":1}");
  auto amount = store_->monitor_events(p, {"amount", false}, {0, 2}).value();
  ASSERT_EQ(amount.size(), 2u);
  EXPECT_EQ((amount[1].window), 3);
  EXPECT_EQ(store_->monitor_events(p, {"amount", false}, {amount[1].id, 10}).value().size(), 2u);
  EXPECT_EQ(store_->monitor_events(p, {"x'; DROP TABLE monitor_events; --", false}, {}).value().size(), 3u);
  auto alerts = store_->monitor_events(p, {"", true}, {}).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, "error");
  EXPECT_EQ(store_->monitor_events(q, {}, {}).value().size(), 1u);
}

TEST_P(StoreTest, RateLimitHitsCountPerKeyAndWindow) {
  EXPECT_EQ(store_->hit("login:alice", 60).value(), 1);
  EXPECT_EQ(store_->hit("login:alice", 60).value(), 2);
  EXPECT_EQ(store_->hit("login:bob", 60).value(), 1);
  EXPECT_EQ(store_->hit("login:alice", 120).value(), 1);
  ASSERT_TRUE(store_->clear_hits("login:alice").ok());
  EXPECT_EQ(store_->hit("login:alice", 120).value(), 1);
  EXPECT_EQ(store_->hit("login:bob", 60).value(), 2);
}

TEST_P(StoreTest, NewerSchemaIsRefused) {
  store_.reset();
  ASSERT_TRUE(raw("UPDATE schema_version SET version = 99").ok());
  auto s = open(url_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::Invalid);
  EXPECT_NE(s.error().message.find("99"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find(std::to_string(kSchemaVersion)), std::string::npos);
  EXPECT_NE(s.error().message.find("newer seam"), std::string::npos);
}

TEST_P(StoreTest, ReopenKeepsEverything) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  const Revision r = write(doc(p, alice, "raw_data", std::nullopt, "kept"), [](const ProjectState&) {
    return Result<Annotation>(Annotation{"[1]", "[]", "[]"});
  });
  ASSERT_TRUE(store_->create_session({"s", alice, "c", 1, 4000000000}).ok());
  reopen();
  EXPECT_EQ(store_->schema_version(), kSchemaVersion);
  EXPECT_EQ(store_->find_user("alice").value()->id, alice);
  EXPECT_EQ(store_->document(p, DocKind::Descriptor, "raw_data").value()->head.content, "kept");
  EXPECT_EQ(store_->findings_at(p, r.project_revision).value(), "[1]");
  EXPECT_TRUE(store_->find_session("s", 2).value());
  EXPECT_EQ(write(doc(p, alice, "raw_data", r.id)).number, 2);
}

TEST_P(StoreTest, HostileTextIsStoredVerbatim) {
  const std::string weird[] = {"'; DROP TABLE users; --",
                               "Robert'); DROP TABLE projects;--",
                               "\"double\" 'single' `back`",
                               "back\\slash $1 ?1 :name @x %s %",
                               "Grüße, 漢字, 🙂, \u200b, tab\tnew\nline",
                               std::string(70000, 'x')};
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  int i = 0;
  for (const std::string& w : weird) {
    const std::string name = w.substr(0, 200) + std::to_string(i++);
    auto u = store_->create_user(name, w, false);
    ASSERT_TRUE(u.ok()) << u.error().message;
    EXPECT_EQ(store_->find_user(name).value()->password_hash, w);
    NewRevision r = doc(p, alice, name, std::nullopt, w);
    r.message = w;
    const Revision got = write(r);
    auto d = store_->document(p, DocKind::Descriptor, name).value();
    ASSERT_TRUE(d);
    EXPECT_EQ(d->head.content, w);
    EXPECT_EQ(d->head.message, w);
    EXPECT_EQ(got.content, w);
    ASSERT_TRUE(store_->audit({0, 0, p, alice, name, "write", w, w, w}).ok());
    EXPECT_EQ(store_->audit_log(p, {0, 1}).value()[0].detail, w);
    EXPECT_EQ(store_->hit(w, 60).value(), 1);
  }
  EXPECT_TRUE(store_->find_user("alice").value());  // the tables are all still there
  for (const std::string& bad : {std::string("nul\0byte", 8), std::string("latin1 \xe9t\xe9")}) {
    auto refused = store_->create_user(bad, "h", false);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Usage);
  }
}

// Writers that start from the same head: exactly one wins, the others see its revision.
void race(const std::vector<Store*>& stores, int64_t p, int64_t author, int64_t head) {
  constexpr int kThreads = 8;
  std::atomic<int> wins{0}, conflicts{0}, errors{0};
  std::atomic<int64_t> winner{0}, seen{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      NewRevision r;
      r.project_id = p;
      r.name = "trained_model";
      r.author_id = author;
      r.content = "writer " + std::to_string(t);
      r.format = "yaml";
      r.expected_head = head;
      auto w = stores[t % stores.size()]->write(r, nullptr);
      if (!w.ok())
        ++errors;
      else if (w.value().conflict)
        ++conflicts, seen = w.value().revision.id;
      else
        ++wins, winner = w.value().revision.id;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(conflicts, kThreads - 1);
  EXPECT_EQ(seen, winner);
}

TEST_P(StoreTest, RacingWritersExactlyOneWins) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  const Revision r1 = write(doc(p, alice, "trained_model", std::nullopt));
  race({store_.get()}, p, alice, r1.id);
  EXPECT_EQ(store_->history(p, std::nullopt, "", {}).value().size(), 2u);
  EXPECT_EQ(store_->find_project("p").value()->revision, 2);
}

// Two stores on one database stand for two server processes.
TEST_P(StoreTest, RacingWritersAcrossTwoStoresExactlyOneWins) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  const Revision r1 = write(doc(p, alice, "trained_model", std::nullopt));
  auto other = open(url_);
  ASSERT_TRUE(other.ok()) << other.error().message;
  race({store_.get(), other.value().get()}, p, alice, r1.id);
  auto d = other.value()->document(p, DocKind::Descriptor, "trained_model").value();
  EXPECT_EQ(d->head.number, 2);
}

TEST_P(StoreTest, ConcurrentHitsAreAllCounted) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) EXPECT_TRUE(store_->hit("addr:127.0.0.1", 0).ok());
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(store_->hit("addr:127.0.0.1", 0).value(), 201);
}

TEST_P(StoreTest, BackupCopiesTheDatabase) {
  const int64_t alice = user("alice");
  const int64_t p = project("p", alice);
  write(doc(p, alice, "raw_data", std::nullopt, "backed up"));
  const std::string copy = url_ + ".bak";
  auto s = store_->backup(copy);
  if (GetParam() == Backend::Postgres) {
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::Usage);
    EXPECT_NE(s.error().message.find("pg_dump"), std::string::npos);
    return;
  }
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(store_->backup(url_).error().kind, ErrorKind::Usage);  // never over itself
  auto restored = open(copy);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored.value()->find_user("alice").value()->id, alice);
  EXPECT_EQ(restored.value()->document(p, DocKind::Descriptor, "raw_data").value()->head.content, "backed up");
  restored.value().reset();
  for (const char* suffix : {"-wal", "-shm"}) std::remove((copy + suffix).c_str());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, testing::kBothBackends, testing::backend_name);

}  // namespace
}  // namespace seam::store
