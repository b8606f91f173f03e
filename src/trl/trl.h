// Machine Learning Technology Readiness Levels (MLTRL): TRL Cards, the level catalogue, and
// gates whose automatic criteria read the cards and the findings of `seam check`.
//
// A project keeps one card per component in DIR/trl/<component>.yaml (schemas/trl_card.schema.json).
// The catalogue (trl/levels.yaml, compiled in; schemas/trl_levels.schema.json) lists the ten
// levels and the criteria for graduating into each. docs/trl.md is the user guide.
//
// Thread safety: loaded cards and catalogues are immutable values; the functions are pure.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doc/node.h"
#include "doc/source.h"
#include "rules/finding.h"
#include "util/result.h"

namespace seam::trl {

struct Criterion {
  std::string id, text;
  std::string kind;                      // card_fields, requirements, no_open_errors, descriptors_complete, monitoring; empty: manual
  std::vector<std::string> fields;       // card_fields
  std::string need, type;                // requirements
  int64_t at_least = 0;                  // requirements
  std::vector<std::string> categories;   // no_open_errors ("components" stands for the card's)
  std::vector<std::string> descriptors;  // descriptors_complete
  bool manual() const { return kind.empty(); }
};

struct Level {
  int level = 0;
  std::string name, summary;
  std::vector<Criterion> criteria;
};

struct Switchback {
  int from = 0, to = 0;  // `to`: the highest level the component may return to
  std::string kind, text;
};

struct Catalogue {
  std::vector<Level> levels;  // index == level
  std::vector<Switchback> switchbacks;
  static Result<Catalogue> builtin();
  static Result<Catalogue> from_text(const std::string& path, std::string text);
};

struct Card {
  std::string path;
  std::shared_ptr<const doc::Source> source;
  doc::Node root;
  std::string id;
  int level = 0;
  const doc::Node* get(std::string_view dotted) const;  // "project.rnd_owner"; null when absent
};

// Every DIR/trl/*.yaml except levels.yaml, validated; sorted by component id. A malformed card
// is an error with its file, line, column and JSON pointer; so is a project without cards.
Result<std::vector<Card>> load_cards(const std::string& project_dir, const FileSystem& files = disk());

// The paths of the card files load_cards reads, sorted; empty when DIR/trl is missing or holds
// none, which means the project has not started on readiness yet.
std::vector<std::string> card_paths(const std::string& project_dir, const FileSystem& files = disk());

// Whether `id` can name a component, and so its card file trl/<id>.yaml: letters, digits,
// '-', '_' and '.', not starting with '.', and not "levels" (the catalogue's file name).
bool valid_component_id(std::string_view id);

// One card from its text (parse and schema), e.g. for tests; `path` names it in messages.
// Unlike load_cards, the component id need not match the file name.
Result<Card> card_from_text(const std::string& path, std::string text);

// Checks a card's text (parse and schema) without a file, e.g. before writing it.
Status validate_card_text(const std::string& path, std::string text);

// Risk of a requirement: p(failure) x value (1..10); NaN when either is missing.
double risk(const doc::Node& requirement);

struct CriterionResult {
  int level = 0;
  std::string id, text;
  bool automatic = true;
  bool met = false;
  std::string evidence;
};

struct Gate {
  int to = 0;
  bool passed = false;  // every automatic criterion of levels 1..to is met
  std::vector<CriterionResult> criteria;
};

// The gate into level `to`: the automatic criteria of levels 1..to (they accumulate) and the
// manual criteria of level `to`, which a review signs off. `findings` are those of `seam
// check` on the same project (waived ones count as accepted).
Gate evaluate_gate(const Catalogue& c, const Card& card, int to, const std::vector<rules::Finding>& findings,
                   const std::vector<std::string>& present_descriptors);

// A review to record with `seam trl review`.
struct ReviewRequest {
  int to = 0;
  std::string decision;   // graduate or switchback
  std::string kind;       // switchbacks: discovery, review or embedded
  std::vector<std::string> reviewers;
  std::string note, override_reason, date;  // date: YYYY-MM-DD
};

// Checks the review against the rules (no skipped levels once reviews exist, no graduation
// past a failing gate without an override, switchbacks downwards with a kind, embedded
// switchbacks as the catalogue defines them) and returns the card's new text: the review
// appended to `reviews` and `level` updated, with every other line, comments included, kept.
Result<std::string> record_review(const Catalogue& c, const Card& card, const ReviewRequest& r, const Gate& gate);

}  // namespace seam::trl
