// Gate evaluation: each automatic criterion reads the card or the findings of `seam check`
// and says why it is or is not met; manual criteria are met by a review's sign-off.
#include <algorithm>
#include <filesystem>
#include <set>

#include "trl/trl.h"
#include "util/text.h"

namespace seam::trl {
namespace {

using rules::Finding;

// "thresholds: {ks: null}" sets nothing: see Node::is_blank.
bool provided(const doc::Node* n) { return n && !n->is_blank(); }

std::string text_of(const doc::Node& n, std::string_view key) {
  const doc::Node* v = n.find(key);
  return v && v->kind == doc::Kind::String ? v->text : std::string();
}

// "a[].b": every element of a has b.
bool field_filled(const Card& card, const std::string& path) {
  const size_t each = path.find("[].");
  if (each == std::string::npos) return provided(card.get(path));
  const doc::Node* list = card.get(path.substr(0, each));
  if (!provided(list) || list->kind != doc::Kind::Array) return false;
  const std::string rest = path.substr(each + 3);
  return std::all_of(list->items.begin(), list->items.end(), [&](const doc::Node& item) {
    Card sub;
    sub.root = item;
    return provided(sub.get(rest));
  });
}

CriterionResult card_fields(const Criterion& c, const Card& card) {
  std::vector<std::string> missing;
  for (const auto& f : c.fields)
    if (!field_filled(card, f)) missing.push_back(f);
  return {0, c.id, c.text, true, missing.empty(), missing.empty() ? "all filled" : "not filled: " + text::join(missing, ", ")};
}

bool satisfies(const doc::Node& r, const std::string& need) {
  const std::string status = text_of(r, "status");
  if (need == "vv_defined") return provided(r.find("vv")) && status != "proposed" && !status.empty();
  if (need == "verified") return status == "verified" || status == "validated";
  if (need == "validated") return status == "validated";
  return provided(r.find("p_failure")) && provided(r.find("value"));  // risk_assessed
}

CriterionResult requirements(const Criterion& c, const Card& card) {
  std::vector<std::string> failing;
  int64_t matching = 0;
  if (const doc::Node* reqs = card.get("requirements"))
    for (const auto& r : reqs->items) {
      if (!c.type.empty() && text_of(r, "type") != c.type) continue;
      ++matching;
      if (!satisfies(r, c.need)) failing.push_back(text_of(r, "id"));
    }
  const std::string what = (c.type.empty() ? "" : c.type + " ") + "requirements";
  CriterionResult out{0, c.id, c.text, true, failing.empty() && matching >= c.at_least, ""};
  if (matching < c.at_least) out.evidence = "needs at least " + std::to_string(c.at_least) + " " + what + "; the card has " + std::to_string(matching);
  else if (!failing.empty()) out.evidence = "not " + c.need + ": " + text::join(failing, ", ");
  else out.evidence = std::to_string(matching) + " " + what + ", all " + c.need;
  return out;
}

// The taxonomy categories of the descriptors a card links to.
std::set<std::string> card_categories(const Card& card) {
  static const std::pair<std::string_view, std::string_view> map[] = {
      {"system_context", "Task and Purpose"}, {"raw_data", "Raw Data"}, {"data_pipeline", "Operational Data"},
      {"training_data", "Training Data"}, {"trained_model", "Trained Model"}, {"development_environment", "Development Environment"},
      {"production_environment", "Operational Environment"}, {"production_data", "Operational Data"}};
  std::set<std::string> out;
  if (const doc::Node* ds = card.get("descriptors"))
    for (const auto& d : ds->items) {
      const std::string id = std::filesystem::path(d.text).stem().string();
      for (const auto& [k, v] : map)
        if (k == id) out.emplace(v);
    }
  return out;
}

CriterionResult no_open_errors(const Criterion& c, const Card& card, const std::vector<Finding>& findings) {
  std::set<std::string> cats;
  for (const auto& x : c.categories) {
    if (x == "components") {
      auto mine = card_categories(card);
      cats.insert(mine.begin(), mine.end());
    } else {
      cats.insert(x);
    }
  }
  std::vector<std::string> open;
  for (const auto& f : findings)
    if (!f.waived && f.severity == rules::Severity::Error && f.kind == rules::FindingKind::Mismatch && cats.count(f.category))
      open.push_back(f.rule);
  return {0, c.id, c.text, true, open.empty(),
          open.empty() ? "no open error-level mismatch in " + text::join(std::vector<std::string>(cats.begin(), cats.end()), ", ")
                       : "open: " + text::join(open, ", ")};
}

CriterionResult descriptors_complete(const Criterion& c, const std::vector<Finding>& findings, const std::vector<std::string>& present) {
  std::vector<std::string> problems;
  for (const auto& d : c.descriptors) {
    if (std::find(present.begin(), present.end(), d) == present.end()) {
      problems.push_back(d + " is not in the project");
      continue;
    }
    size_t gaps = 0;
    for (const auto& f : findings)
      if (!f.waived && f.kind == rules::FindingKind::Missing)
        for (const auto& i : f.items)
          gaps += std::any_of(i.locations.begin(), i.locations.end(), [&](const rules::Location& l) { return l.descriptor == d; });
    if (gaps) problems.push_back(d + " lacks " + std::to_string(gaps) + " field(s)");
  }
  return {0, c.id, c.text, true, problems.empty(), problems.empty() ? "complete" : text::join(problems, "; ")};
}

CriterionResult monitoring(const Criterion& c, const Card& card, const std::vector<Finding>& findings) {
  std::vector<std::string> problems;
  for (const auto& f : findings)
    if (!f.waived && f.subcategory == "Runtime Metrics and Data") problems.push_back("open: " + f.rule);
  if (!provided(card.get("monitoring.reference_profile"))) problems.push_back("no reference profile for drift monitoring");
  if (!provided(card.get("monitoring.thresholds"))) problems.push_back("no drift thresholds");
  return {0, c.id, c.text, true, problems.empty(), problems.empty() ? "metrics and logs collected; drift monitoring configured" : text::join(problems, "; ")};
}

// The last review that graduated the card into `level`, if it lists `id` as signed off.
CriterionResult manual(const Criterion& c, const Card& card, int level) {
  const doc::Node* reviews = card.get("reviews");
  const doc::Node* last = nullptr;
  if (reviews)
    for (const auto& r : reviews->items)
      if (text_of(r, "decision") == "graduate" && r.find("to_level") && r.find("to_level")->integer == level) last = &r;
  bool signed_off = false;
  if (last && last->find("signed_off"))
    for (const auto& s : last->find("signed_off")->items) signed_off = signed_off || s.text == c.id;
  std::string evidence = signed_off ? "signed off in the review of " + text_of(*last, "date") : "to be signed off in the review into level " + std::to_string(level);
  return {0, c.id, c.text, false, signed_off, evidence};
}

}  // namespace

Gate evaluate_gate(const Catalogue& cat, const Card& card, int to, const std::vector<Finding>& findings,
                   const std::vector<std::string>& present) {
  Gate g;
  g.to = to;
  g.passed = true;
  for (int l = 1; l <= to && l < static_cast<int>(cat.levels.size()); ++l)
    for (const auto& c : cat.levels[l].criteria) {
      if (c.manual() && l != to) continue;  // earlier levels' sign-offs are history
      CriterionResult r = c.manual()                      ? manual(c, card, l)
                          : c.kind == "card_fields"        ? card_fields(c, card)
                          : c.kind == "requirements"       ? requirements(c, card)
                          : c.kind == "no_open_errors"     ? no_open_errors(c, card, findings)
                          : c.kind == "descriptors_complete" ? descriptors_complete(c, findings, present)
                                                            : monitoring(c, card, findings);
      r.level = l;
      if (r.automatic && !r.met) g.passed = false;
      g.criteria.push_back(std::move(r));
    }
  return g;
}

}  // namespace seam::trl
