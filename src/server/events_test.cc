// The Hub that hands change events to the open event streams.
#include "server/events.h"

#include <gtest/gtest.h>

#include <thread>

namespace seam::server {
namespace {

using std::chrono::milliseconds;

store::ChangeEvent change(int64_t project, int64_t revision) {
  store::ChangeEvent e;
  e.project_id = project;
  e.project_revision = revision;
  e.name = "trained_model";
  return e;
}

TEST(EventHub, EachStreamGetsItsProjectsEventsAndEveryoneTheGaps) {
  Hub hub(4);
  auto a = hub.open(1), b = hub.open(2);
  ASSERT_TRUE(a && b);
  hub.publish(change(1, 7));
  hub.publish(change(1, 8));
  Pending got = a->wait(milliseconds(0));
  ASSERT_EQ(got.events.size(), 2u);
  EXPECT_EQ(got.events[1].project_revision, 8);
  EXPECT_FALSE(got.gap);
  EXPECT_TRUE(b->wait(milliseconds(0)).events.empty());
  hub.publish(store::ChangeEvent{});  // the store's listener lost its connection for a while
  EXPECT_TRUE(a->wait(milliseconds(0)).gap);
  EXPECT_TRUE(b->wait(milliseconds(0)).gap);
  EXPECT_FALSE(a->wait(milliseconds(0)).gap);  // taken once
}

TEST(EventHub, AWaitingStreamWakesForAnEvent) {
  Hub hub(1);
  auto s = hub.open(3);
  std::thread writer([&] {
    std::this_thread::sleep_for(milliseconds(50));
    hub.publish(change(3, 1));
  });
  const auto started = std::chrono::steady_clock::now();
  Pending got = s->wait(milliseconds(5000));
  writer.join();
  EXPECT_EQ(got.events.size(), 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(2000));
}

TEST(EventHub, StreamsAreBoundedAndClosingEndsThemAll) {
  Hub hub(2);
  auto a = hub.open(1), b = hub.open(1);
  EXPECT_EQ(hub.open(1), nullptr);
  hub.remove(b);
  EXPECT_EQ(hub.open_count(), 1u);
  auto c = hub.open(1);
  ASSERT_NE(c, nullptr);
  hub.close();
  EXPECT_TRUE(a->wait(milliseconds(5000)).closed);
  EXPECT_TRUE(c->wait(milliseconds(0)).closed);
  hub.remove(c);
  EXPECT_EQ(hub.open(1), nullptr);  // not after closing
}

TEST(EventHub, AReaderTooFarBehindGetsAGapInsteadOfAnEndlessQueue) {
  Hub hub(1);
  auto s = hub.open(1);
  for (int i = 1; i <= 1500; ++i) hub.publish(change(1, i));
  Pending got = s->wait(milliseconds(0));
  EXPECT_TRUE(got.gap);
  EXPECT_LT(got.events.size(), 1000u);
  EXPECT_EQ(got.events.back().project_revision, 1500);
}

}  // namespace
}  // namespace seam::server
