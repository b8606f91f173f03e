// Change events (Store::subscribe) on both stores: what a write announces, that only
// committed writes are announced, and on PostgreSQL that every store on the database hears
// them and that a listener whose connection drops reconnects.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/events.h"
#include "store/store_test_fixture.h"

namespace seam::store {
namespace {

using testing::Backend;

// The events a listener heard, waited for with a deadline.
class Heard {
 public:
  ChangeListener listener() {
    return [this](const ChangeEvent& e) {
      std::lock_guard lock(mu_);
      events_.push_back(e);
      cv_.notify_all();
    };
  }
  // The events heard once there are `n`, or after `seconds` those there are.
  std::vector<ChangeEvent> wait(size_t n, double seconds = 5) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return events_.size() >= n; });
    return events_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ChangeEvent> events_;
};

class EventsStoreTest : public testing::StoreFixture {
 protected:
  NewRevision doc(int64_t project, int64_t author, const std::string& name, std::optional<int64_t> expected,
                  bool draft = false) {
    NewRevision r;
    r.project_id = project;
    r.name = name;
    r.author_id = author;
    r.content = "a: 1";
    r.format = "yaml";
    r.draft = draft;
    r.diagnostics_json = "[]";
    r.expected_head = expected;
    return r;
  }
  Revision write(Store& s, const NewRevision& r) {
    auto w = s.write(r, nullptr);
    EXPECT_TRUE(w.ok() && !w.value().conflict);
    return w.ok() ? w.value().revision : Revision{};
  }
};

TEST_P(EventsStoreTest, EachCommittedWriteIsAnnouncedOnceInOrder) {
  Heard heard;
  auto sub = store_->subscribe(heard.listener());
  ASSERT_TRUE(sub.ok()) << sub.error().message;
  const int64_t alice = store_->create_user("alice", "h", false).value().id;
  const int64_t p = store_->create_project("p", alice).value().id;
  const Revision r1 = write(*store_, doc(p, alice, "trained_model", std::nullopt));
  // Neither a conflict nor a write whose annotation fails commits, so neither is announced.
  EXPECT_TRUE(store_->write(doc(p, alice, "trained_model", std::nullopt), nullptr).value().conflict);
  auto failing = [](const ProjectState&) -> Result<Annotation> { return Error::io("analysis failed"); };
  EXPECT_FALSE(store_->write(doc(p, alice, "raw_data", std::nullopt), failing).ok());
  const Revision r2 = write(*store_, doc(p, alice, "raw_data", std::nullopt, true));

  const auto events = heard.wait(2);
  ASSERT_EQ(events.size(), 2u);
  const ChangeEvent& e = events[0];
  EXPECT_EQ(e.project_id, p);
  EXPECT_EQ(e.project_revision, 1);
  EXPECT_EQ(e.kind, DocKind::Descriptor);
  EXPECT_EQ(e.name, "trained_model");
  EXPECT_EQ(e.revision_id, r1.id);
  EXPECT_EQ(e.number, 1);
  EXPECT_EQ(e.author, "alice");
  EXPECT_FALSE(e.draft);
  EXPECT_EQ(e.created_at, r1.created_at);
  EXPECT_EQ(events[1].revision_id, r2.id);
  EXPECT_EQ(events[1].project_revision, 2);
  EXPECT_TRUE(events[1].draft);

  // Once the subscription ends, nothing more is heard.
  sub.value().reset();
  write(*store_, doc(p, alice, "data_pipeline", std::nullopt));
  EXPECT_EQ(heard.wait(3, 0.3).size(), 2u);
}

// Two stores on one database stand for two server processes: on PostgreSQL each hears the
// other's writes; a SQLite store announces the writes made through itself only.
TEST_P(EventsStoreTest, WritesThroughAnotherStoreAreHeardOnPostgresOnly) {
  auto other = open(url_);
  ASSERT_TRUE(other.ok()) << other.error().message;
  Heard heard;
  auto sub = other.value()->subscribe(heard.listener());
  ASSERT_TRUE(sub.ok()) << sub.error().message;
  const int64_t alice = store_->create_user("alice", "h", false).value().id;
  const int64_t p = store_->create_project("p", alice).value().id;
  const Revision r = write(*store_, doc(p, alice, "trained_model", std::nullopt));
  if (GetParam() == Backend::Sqlite) {
    EXPECT_TRUE(heard.wait(1, 0.3).empty());
    return;
  }
  const auto events = heard.wait(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].revision_id, r.id);
}

TEST_P(EventsStoreTest, PostgresListenerReconnectsAndReportsTheGap) {
  if (GetParam() == Backend::Sqlite) return;  // no connection to lose
  Heard heard;
  auto sub = store_->subscribe(heard.listener());
  ASSERT_TRUE(sub.ok()) << sub.error().message;
  // Cut the listener's connection from the server's side.
  ASSERT_TRUE(raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN seam_changes'").ok());
  auto gap = heard.wait(1);
  ASSERT_EQ(gap.size(), 1u);
  EXPECT_EQ(gap[0].project_id, 0);
  const int64_t alice = store_->create_user("alice", "h", false).value().id;
  const int64_t p = store_->create_project("p", alice).value().id;
  const Revision r = write(*store_, doc(p, alice, "trained_model", std::nullopt));
  const auto events = heard.wait(2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].revision_id, r.id);
}

TEST(ChangeEventPayload, RoundTripsAndRefusesOthers) {
  ChangeEvent e{7, 12, DocKind::Waivers, "waivers", 99, 3, "zo\u00eb \"q\"", true, 1700000000};
  const std::string payload = event_payload(e);
  auto back = event_from_payload(payload);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->project_id, 7);
  EXPECT_EQ(back->project_revision, 12);
  EXPECT_EQ(back->kind, DocKind::Waivers);
  EXPECT_EQ(back->name, "waivers");
  EXPECT_EQ(back->revision_id, 99);
  EXPECT_EQ(back->number, 3);
  EXPECT_EQ(back->author, e.author);
  EXPECT_TRUE(back->draft);
  EXPECT_EQ(back->created_at, 1700000000);
  EXPECT_FALSE(event_from_payload("not json").has_value());
  EXPECT_FALSE(event_from_payload("{\"p\": 1, \"k\": \"spreadsheet\"}").has_value());
  // Too long for a NOTIFY payload: the names go, the ids stay.
  e.name = std::string(8000, 'x');
  const std::string shortened = event_payload(e);
  EXPECT_LT(shortened.size(), 8000u);
  EXPECT_EQ(event_from_payload(shortened)->revision_id, 99);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsStoreTest, testing::kBothBackends, testing::backend_name);

}  // namespace
}  // namespace seam::store
