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

TEST(Trl, GatesUseAGivenAnalyzerInsteadOfTheCheckOptions) {
  MemoryFileSystem mem = turbine_in_memory();
  auto made = make_analyzer({}, mem);
  ASSERT_TRUE(made.ok());
  TrlOptions given = kOptions;
  given.check.params = {"statistic-differs.tolerance=lots"};  // refused, were it used
  given.analyzer = &made.value();
  auto p = load_trl("p", given, true, mem);
  ASSERT_TRUE(p.ok()) << p.error().message;
  auto plain = load_trl("p", kOptions, true, mem);
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(p.value().findings.empty());
  EXPECT_EQ(p.value().findings.size(), plain.value().findings.size());
  // An analyzer made for projects with descriptors still reads one that has only cards.
  MemoryFileSystem cards_only;
  for (const auto& [path, text] : mem.files()) {
    if (path.rfind("p/trl/", 0) == 0) {
      ASSERT_TRUE(cards_only.write(path, text).ok());
    }
  }
  ASSERT_FALSE(made.value().load.allow_no_descriptors);
  auto early = load_trl("p", given, true, cards_only);
  ASSERT_TRUE(early.ok()) << early.error().message;
  EXPECT_TRUE(early.value().present.empty());
}

TEST(Trl, AnUnknownComponentIsAUsageError) {
  MemoryFileSystem mem = turbine_in_memory();
  auto card = trl_card("p", "nope", kOptions, mem);
  ASSERT_FALSE(card.ok());
  EXPECT_EQ(card.error().message, "no TRL card for component 'nope' in p/trl");
}

// A project with descriptors but no cards yet, as `seam init` leaves it.
MemoryFileSystem without_cards() {
  MemoryFileSystem mem = turbine_in_memory();
  MemoryFileSystem out;
  for (const auto& [path, text] : mem.files())
    if (path.rfind("p/trl/", 0) != 0) {
      EXPECT_TRUE(out.write(path, text).ok());
    }
  return out;
}

TEST(TrlInit, WritesACardThatLoadsGatesAndTakesReviews) {
  MemoryFileSystem mem = without_cards();
  EXPECT_TRUE(trl::card_paths("p", mem).empty());
  auto path = trl_init("p", "gearbox-model", false, mem);
  ASSERT_TRUE(path.ok()) << path.error().message;
  EXPECT_EQ(path.value(), "p/trl/gearbox-model.yaml");
  auto project = load_trl("p", kOptions, true, mem);
  ASSERT_TRUE(project.ok()) << project.error().message;
  ASSERT_EQ(project.value().cards.size(), 1u);
  EXPECT_EQ(project.value().cards[0].level, 0);
  const auto status = trl_status(project.value());
  EXPECT_EQ(status.system_level, 0);
  auto gate = trl_gate(project.value(), "gearbox-model", 1);
  ASSERT_TRUE(gate.ok());
  EXPECT_FALSE(gate.value().passed);  // nothing is filled in yet
  // An empty monitoring.thresholds block (every method null) sets no thresholds.
  auto gate9 = trl_gate(project.value(), "gearbox-model", 9);
  ASSERT_TRUE(gate9.ok());
  for (const auto& c : gate9.value().criteria)
    if (c.id == "l9-monitoring") {
      EXPECT_NE(c.evidence.find("no drift thresholds"), std::string::npos) << c.evidence;
    }
  const trl::ReviewRequest r{1, "graduate", "", {"Ana"}, "", "pilot", "2026-11-30"};
  auto outcome = trl_review("p", "gearbox-model", r, kOptions, mem);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_TRUE(outcome.value().recorded) << outcome.value().refusal.message;
  auto after = trl::load_cards("p", mem);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after.value()[0].level, 1);
  EXPECT_EQ(after.value()[0].get("reviews")->items.size(), 1u);
}

TEST(TrlInit, RefusesToOverwriteUnlessAskedAndRefusesBadIds) {
  MemoryFileSystem mem = without_cards();
  ASSERT_TRUE(mem.write("p/trl/m.yaml", "mine").ok());
  auto again = trl_init("p", "m", false, mem);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::Usage);
  EXPECT_EQ(again.error().pointer, "/overwrite");
  EXPECT_EQ(mem.files().at("p/trl/m.yaml"), "mine");
  ASSERT_TRUE(trl_init("p", "m", true, mem).ok());
  EXPECT_NE(mem.files().at("p/trl/m.yaml"), "mine");
  ASSERT_TRUE(mem.write("p/trl/y.yml", "twin").ok());
  EXPECT_FALSE(trl_init("p", "y", true, mem).ok());  // a second card for the same component
  for (const std::string bad : {"", "../m", "a/b", ".hidden", "levels", "with space"}) {
    auto r = trl_init("p", bad, true, mem);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::Usage);
  }
}

}  // namespace
}  // namespace seam::api
