#include "trl/status.h"

#include <algorithm>
#include <cmath>

namespace seam::trl {
namespace {

std::string name_of(const Card& c) {
  const doc::Node* n = c.get("project.technology_name");
  return n && n->kind == doc::Kind::String ? n->text : c.id;
}

}  // namespace

SystemStatus system_status(const Catalogue& levels, const std::vector<Card>& cards,
                           const std::vector<rules::Finding>& findings, const std::vector<std::string>& present) {
  SystemStatus s;
  for (const auto& c : cards) s.system_level = std::min(s.system_level, c.level);
  s.system_level_name = levels.levels[s.system_level].name;
  for (const auto& c : cards) {
    if (c.level == s.system_level) s.limiting.push_back(c.id);
    ComponentStatus cs{c.id, name_of(c), c.level, levels.levels[c.level].name,
                       evaluate_gate(levels, c, c.level, findings, present), std::nullopt, ""};
    if (c.level < 9) {
      cs.next = evaluate_gate(levels, c, c.level + 1, findings, present);
      cs.next_level_name = levels.levels[c.level + 1].name;
    }
    s.components.push_back(std::move(cs));
  }
  return s;
}

RiskTable risk_table(const std::vector<Card>& cards) {
  RiskTable t;
  for (const auto& c : cards)
    if (const doc::Node* reqs = c.get("requirements"))
      for (const auto& r : reqs->items) {
        const double risk = trl::risk(r);
        if (std::isnan(risk)) continue;
        const double p = r.find("p_failure")->number;
        const int64_t v = r.find("value")->integer;
        t.rows.push_back({risk, c.id, r.find("id") ? r.find("id")->text : "?", r.find("text") ? r.find("text")->text : "", p, v});
        const int likelihood = p < 0.2 ? 0 : p < 0.4 ? 1 : p < 0.6 ? 2 : p < 0.8 ? 3 : 4;  // edges compared, not floor(p*5)
        ++t.matrix[likelihood][std::clamp<int64_t>((v - 1) / 2, 0, 4)];
      }
  std::stable_sort(t.rows.begin(), t.rows.end(), [](const RiskRow& a, const RiskRow& b) { return a.risk > b.risk; });
  return t;
}

}  // namespace seam::trl
