// A TRL card (trl/<component>.yaml) in the example project: loaded and validated, its gate
// evaluated, and a review recorded into its text the way `seam trl review` edits it, keeping
// every other line. A recorded review must leave a card that loads, at the new level.
#include "api/trl.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  const std::string component = "scoring-service";
  const std::string path = join_path(fuzz::kProjectDir, "trl/" + component + ".yaml");
  auto fs = fuzz::project_with(path, fuzz::text(data, size), path);
  api::TrlOptions options;
  options.today = "2026-12-01";
  auto project = api::load_trl(fuzz::kProjectDir, options, false, fs);
  if (!project.ok()) {
    fuzz::expect_named(project.error(), path);
    return 0;
  }
  const trl::Card* card = project.value().find(component);
  if (!card) return 0;  // the card names another component: reported by load_trl's callers
  (void)api::trl_status(project.value());
  const int to = card->level < 9 ? card->level + 1 : card->level - 1;
  (void)api::trl_gate(project.value(), component, to);

  trl::ReviewRequest review;
  review.to = to;
  review.decision = to > card->level ? "graduate" : "switchback";
  review.kind = "review";
  review.reviewers = {"Fuzz Reviewer"};
  review.note = "recorded by the fuzz harness";
  review.override_reason = "the harness overrides every gate";
  review.date = "2026-12-01";
  auto outcome = api::trl_review(fuzz::kProjectDir, component, review, options, fs);
  if (!outcome.ok() || !outcome.value().recorded) return 0;
  auto again = api::load_trl(fuzz::kProjectDir, options, false, fs);
  if (!again.ok()) fuzz::broken("a card with a recorded review loads", again.error());
  const trl::Card* reviewed = again.value().find(component);
  if (!reviewed || reviewed->level != to) {
    std::fprintf(stderr, "broken promise: the reviewed card is at level %d\n%s\n", to,
                 fs.files().at(path).c_str());
    std::abort();
  }
  return 0;
}
