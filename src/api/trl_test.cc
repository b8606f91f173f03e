#include "api/trl.h"

#include <gtest/gtest.h>

namespace seam::api {
namespace {

const std::string kTurbine = SEAM_SOURCE_DIR "/examples/turbine-maintenance";

// The turbine example, descriptors and cards, in memory under "p".
MemoryFileSystem turbine_in_memory() {
  MemoryFileSystem mem;
  for (const std::string sub : {"", "/trl"})
    for (const auto& name : disk().list(kTurbine + sub).value())
      if (auto text = disk().read(kTurbine + sub + "/" + name, 1 << 20); text.ok()) {
        EXPECT_TRUE(mem.write("p" + sub + "/" + name, text.value()).ok());
      }
  return mem;
}

const TrlOptions kOptions{"", {}, "2026-12-01"};

TEST(Trl, AReviewIsWrittenThroughTheFileSystem) {
  MemoryFileSystem mem = turbine_in_memory();
  const std::string before = mem.files().at("p/trl/scoring-service.yaml");
  const trl::ReviewRequest r{3, "switchback", "review", {"Ana"}, "latency", "", "2026-11-30"};
  auto outcome = trl_review("p", "scoring-service", r, kOptions, mem);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_TRUE(outcome.value().recorded);
  EXPECT_EQ(outcome.value().from, 5);
  const std::string after = mem.files().at("p/trl/scoring-service.yaml");
  EXPECT_NE(after, before);
  EXPECT_NE(after.find("latency"), std::string::npos);
  auto cards = trl::load_cards("p", mem);
  ASSERT_TRUE(cards.ok());
  for (const auto& c : cards.value())
    if (c.id == "scoring-service") {
      EXPECT_EQ(c.level, 3);
    }
}

TEST(Trl, ARefusedReviewIsAnOutcomeAndWritesNothing) {
  MemoryFileSystem mem = turbine_in_memory();
  const std::string before = mem.files().at("p/trl/scoring-service.yaml");
  const trl::ReviewRequest r{3, "switchback", "", {"Ana"}, "", "", "2026-11-30"};  // no kind
  auto outcome = trl_review("p", "scoring-service", r, kOptions, mem);
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome.value().recorded);
  EXPECT_EQ(outcome.value().refusal.pointer, "/kind");
  EXPECT_EQ(mem.files().at("p/trl/scoring-service.yaml"), before);
}

TEST(Trl, GatesUseTheCheckOptions) {
  MemoryFileSystem mem = turbine_in_memory();
  auto plain = load_trl("p", kOptions, true, mem);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(trl_status(plain.value()).components.size(), 3u);
  TrlOptions bad = kOptions;
  bad.check.params = {"statistic-differs.tolerance=lots"};
  auto refused = load_trl("p", bad, true, mem);
  ASSERT_FALSE(refused.ok());  // not ignored, as it once was
  EXPECT_EQ(refused.error().kind, ErrorKind::Usage);
  EXPECT_EQ(refused.error().pointer, "/params");
}

TEST(Trl, AnUnknownComponentIsAUsageError) {
  MemoryFileSystem mem = turbine_in_memory();
  auto card = trl_card("p", "nope", kOptions, mem);
  ASSERT_FALSE(card.ok());
  EXPECT_EQ(card.error().message, "no TRL card for component 'nope' in p/trl");
}

}  // namespace
}  // namespace seam::api
