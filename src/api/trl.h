// The readiness use-cases (MLTRL): status, gate check, risks, review, card and metrics of a
// project's components. Gates read the findings of the same check pipeline as `seam check`
// (api/check.h), with the same rule files, parameters and waivers.
//
// Thread safety: every function may run in many threads at once; results own their data.
// trl_review writes the component's card through the FileSystem, atomically.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/check.h"
#include "trl/metrics.h"
#include "trl/status.h"
#include "trl/trl.h"

namespace seam::api {

struct TrlOptions {
  std::string levels_file;  // an organisation's own level catalogue; empty: the built-in one
  CheckOptions check;       // how the findings the gates read are made
  std::string today;        // YYYY-MM-DD: waiver expiry, metrics and the default review date
  // When set, the gates' findings come from this analyzer and `check` is not used: the
  // server checks a project held in memory with rule files it read from disk at start.
  // Not owned; it must outlive the call.
  const Analyzer* analyzer = nullptr;
};

// A project's cards with the findings its gates read.
struct TrlProject {
  std::string dir;
  trl::Catalogue levels;
  std::vector<trl::Card> cards;
  std::vector<rules::Finding> findings;
  std::vector<std::string> present;       // descriptors the project has
  std::vector<Error> check_problems;      // documents or waivers the check could not use

  const trl::Card* find(const std::string& component) const;
};

// Loads the level catalogue, the cards (DIR/trl/*.yaml) and, with `with_findings`, checks the
// project. Fails on a malformed catalogue or card, a project without cards, or bad check options.
Result<TrlProject> load_trl(const std::string& dir, const TrlOptions& options, bool with_findings,
                            const FileSystem& fs = disk());

// Gives a project loaded without findings those of a check already made of the same
// documents with the same analyzer (the server keeps one per project revision).
void use_findings(TrlProject& project, const CheckResult& checked);

// The status of every component of a project loaded with its findings.
trl::SystemStatus trl_status(const TrlProject& project);

// The gate of one component into level `to` (1..9). Usage error for an unknown component.
Result<trl::Gate> trl_gate(const TrlProject& project, const std::string& component, int to);

Result<trl::RiskTable> trl_risks(const std::string& dir, const FileSystem& fs = disk());

Result<trl::MetricsSummary> trl_metrics(const std::string& dir, const TrlOptions& options, const FileSystem& fs = disk());

// A card with the gate into its next level, for rendering (report::CardView).
struct CardDocument {
  TrlProject project;
  const trl::Card* card = nullptr;  // into project.cards
  std::optional<trl::Gate> next;
};
Result<CardDocument> trl_card(const std::string& dir, const std::string& component, const TrlOptions& options,
                              const FileSystem& fs = disk());

// Starts the card of `component`: writes DIR/trl/<component>.yaml, a commented card at level 0
// (doc::trl_card_template), creating DIR/trl if needed, atomically. Usage error for an id that
// cannot name a card (trl::valid_component_id) and for a card that exists already: pointer
// /overwrite unless `overwrite` is set (a .yml twin is never replaced). Io error when it
// cannot be written.
// Returns the path written.
Result<std::string> trl_init(const std::string& dir, const std::string& component, bool overwrite, FileSystem& fs = disk());

struct ReviewOutcome {
  bool recorded = false;
  Error refusal;         // without `recorded`: why the review breaks the rules (Usage: malformed request)
  int from = 0, to = 0;  // levels
};
// Records a review in the component's card, when the catalogue's rules allow it (see
// trl::record_review): a graduation into a higher level needs its gate to pass or an
// override. A refused review is an outcome, not a failure; failures are unreadable or
// malformed inputs and a card that cannot be written.
Result<ReviewOutcome> trl_review(const std::string& dir, const std::string& component, const trl::ReviewRequest& request,
                                 const TrlOptions& options, FileSystem& fs = disk());

}  // namespace seam::api
