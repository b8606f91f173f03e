// Readiness of a whole project: each component's level with the gates around it, the
// system level, and the risk register over all requirements.
//
// Everything here is computed from loaded cards and findings and owns its data; the
// functions are pure and thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "trl/trl.h"

namespace seam::trl {

struct ComponentStatus {
  std::string id;
  std::string name;        // project.technology_name, or the id
  int level = 0;
  std::string level_name;
  Gate current;            // the criteria of the level the card claims
  std::optional<Gate> next;  // the gate into level + 1; none at level 9
  std::string next_level_name;
};

struct SystemStatus {
  int system_level = 9;    // the lowest level of the components
  std::string system_level_name;
  std::vector<std::string> limiting;  // the components at the system level
  std::vector<ComponentStatus> components;
};

// The status of every card, with gates evaluated against the project's findings.
SystemStatus system_status(const Catalogue& levels, const std::vector<Card>& cards,
                           const std::vector<rules::Finding>& findings, const std::vector<std::string>& present);

struct RiskRow {
  double risk = 0;  // p_failure x value
  std::string component, id, text;
  double p_failure = 0;
  int64_t value = 0;
};

struct RiskTable {
  std::vector<RiskRow> rows;  // highest risk first
  // Requirements by likelihood (p_failure in fifths, 0.0-0.2 first) and impact (value
  // 1-2, 3-4, ... 9-10).
  std::array<std::array<int, 5>, 5> matrix{};
};

// Every requirement that has both p_failure and value.
RiskTable risk_table(const std::vector<Card>& cards);

}  // namespace seam::trl
