// Renderings of readiness results: `seam trl status`, `metrics`, `risks`, `check` and `card`.
// Like every renderer, these write whole documents to the caller's Writer and print nothing.
//
// Thread safety: renderers are pure functions of their input; call them from any thread.
#pragma once

#include <string>

#include "report/format.h"
#include "trl/metrics.h"
#include "trl/status.h"

namespace seam::report {

// text: one block per component with what blocks its gates, then the system level.
// json: {"system_level", "limiting", "components": [{"id", "name", "level", "level_name",
//        "level_supported", "next_level", "gate": {"to", "passed", "criteria": [...]}}]}
const Formats<trl::SystemStatus>& trl_status_formats();

// text: per component its stays, days by level, graduations and switchbacks, then totals.
// json: {"today", "components": [...], "totals": {...}}
const Formats<trl::MetricsSummary>& trl_metrics_formats();

// text: requirements by risk, then the 5x5 likelihood-by-impact matrix.
// json: {"requirements": [{"component", "id", "text", "p_failure", "value", "risk"}] (highest
//        risk first), "matrix": 5 rows of likelihood (p_failure 0.0-0.2 first) by 5 columns
//        of impact (value 1-2 first)}
const Formats<trl::RiskTable>& trl_risks_formats();

// A gate with the names its text shows.
struct GateView {
  const std::string& component;
  const trl::Gate& gate;
  const std::string& level_name;  // of the level the gate leads into
};
// text: one line per criterion, then the verdict.
// json: the gate object of the status JSON: {"to", "passed", "criteria": [{"id", "level",
//       "text", "kind", "met", "evidence"}]}
const Formats<GateView>& trl_gate_formats();

// A TRL Card as a document, with the gate into its next level (null at level 9).
struct CardView {
  const trl::Card& card;
  const trl::Catalogue& levels;
  const trl::Gate* next;
};
// markdown (default) and html.
const Formats<CardView>& trl_card_formats();

}  // namespace seam::report
