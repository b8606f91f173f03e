// Recording a review in the card itself, by editing its text: the new review is appended to
// the `reviews` list and the `level` line is changed, and nothing else is touched, so the
// team's comments and layout survive. (Keeping the history in a separate file would avoid
// the edit, but would split one component's story over two files that can disagree.)
#include <sstream>

#include "doc/parse.h"
#include "trl/trl.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::trl {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool top_level_key(const std::string& line) {
  return !line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line[0] != '-';
}

Status check_rules(const Catalogue& c, const Card& card, const ReviewRequest& r, const Gate& gate) {
  const std::string from = std::to_string(card.level), to = std::to_string(r.to);
  if (r.decision == "graduate") {
    if (!r.kind.empty()) return Error::usage_at("/kind", "a graduation has no kind; kinds belong to switchbacks");
    if (r.to <= card.level) return Error::usage("graduating goes up: " + card.id + " is at level " + from + ", not below " + to);
    const doc::Node* reviews = card.get("reviews");
    const bool started = reviews && !reviews->items.empty();
    if (started && r.to != card.level + 1)
      return Error::usage("cannot skip from level " + from + " to " + to + ": graduate to level " + std::to_string(card.level + 1) + " first");
    if (!gate.passed && r.override_reason.empty()) {
      std::string unmet;
      for (const auto& g : gate.criteria)
        if (g.automatic && !g.met) unmet += "\n  - " + g.id + ": " + g.evidence;
      return Error::invalid("the gate into level " + to + " fails:" + unmet + "\n(an override with a reason graduates anyway; the reason is recorded)");
    }
    return Ok{};
  }
  if (r.decision != "switchback") return Error::usage_at("/decision", "the decision is graduate or switchback");
  if (r.to >= card.level) return Error::usage("a switchback goes down: " + card.id + " is at level " + from);
  if (r.kind != "discovery" && r.kind != "review" && r.kind != "embedded")
    return Error::usage_at("/kind", "a switchback needs a kind: discovery, review or embedded");
  if (r.kind == "embedded") {
    std::string offered;
    for (const auto& sb : c.switchbacks) {
      if (sb.kind != "embedded" || sb.from != card.level) continue;
      if (r.to <= sb.to) return Ok{};
      offered += "\n  - to level " + std::to_string(sb.to) + " or lower: " + sb.text;
    }
    return Error::usage("no embedded switchback from level " + from + " to " + to + " is defined" +
                        (offered.empty() ? std::string(" (the catalogue has none from this level)") : "; the catalogue offers:" + offered));
  }
  return Ok{};
}

std::string review_item(const Card& card, const ReviewRequest& r, const Gate& gate, const std::string& indent) {
  const std::string in = indent + "  ";
  std::string out = indent + "- date: " + JsonWriter::quoted(r.date) + "\n";
  out += in + "from_level: " + std::to_string(card.level) + "\n" + in + "to_level: " + std::to_string(r.to) + "\n";
  out += in + "decision: " + r.decision + "\n";
  if (!r.kind.empty()) out += in + "kind: " + r.kind + "\n";
  out += in + "reviewers:\n";
  for (const auto& name : r.reviewers) out += in + "  - " + JsonWriter::quoted(name) + "\n";
  std::vector<std::string> signed_off;  // the reviewers attest the manual criteria of the new level
  for (const auto& g : gate.criteria)
    if (r.decision == "graduate" && !g.automatic && g.level == r.to) signed_off.push_back(g.id);
  if (!signed_off.empty()) {
    out += in + "signed_off:\n";
    for (const auto& id : signed_off) out += in + "  - " + id + "\n";
  }
  if (!r.override_reason.empty()) out += in + "override: " + JsonWriter::quoted(r.override_reason) + "\n";
  if (!r.note.empty()) out += in + "notes: " + JsonWriter::quoted(r.note) + "\n";
  return out;
}

}  // namespace

Result<std::string> record_review(const Catalogue& c, const Card& card, const ReviewRequest& r, const Gate& gate) {
  if (auto st = check_rules(c, card, r, gate); !st.ok()) return std::move(st).take_error();
  if (r.reviewers.empty()) return Error::usage_at("/reviewers", "a review names at least one reviewer");
  std::vector<std::string> lines = lines_of(card.source->text());
  bool level_set = false;
  for (auto& line : lines)
    if (line.rfind("level:", 0) == 0) {
      line = "level: " + std::to_string(r.to);
      level_set = true;
      break;
    }
  if (!level_set) return card.source->error_at(0, "the card has no top-level 'level:' line to update");
  size_t start = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("reviews:", 0) != 0) continue;
    const auto rest = text::trim(std::string_view(lines[i]).substr(8));
    if (rest == "[]" || rest.rfind("[] ", 0) == 0 || rest.rfind("[]#", 0) == 0) lines[i] = "reviews:";  // an empty list, as a new card has
    if (text::trim(lines[i]) == "reviews:") start = i;
  }
  std::string indent = "  ";
  if (start == lines.size()) {  // no reviews yet: start the list at the end
    lines.push_back("reviews:");
    start = lines.size() - 1;
  }
  size_t end = start + 1;
  while (end < lines.size() && !top_level_key(lines[end])) ++end;
  size_t insert = end;
  // Before trailing blank lines and column-0 comments, which introduce the next key.
  while (insert > start + 1 && (text::trim(lines[insert - 1]).empty() || lines[insert - 1][0] == '#')) --insert;
  for (size_t i = start + 1; i < end; ++i)
    if (const auto dash = lines[i].find("- "); dash != std::string::npos && text::trim(lines[i].substr(0, dash)).empty()) {
      indent = lines[i].substr(0, dash);
      break;
    }
  std::string item = review_item(card, r, gate, indent);
  item.pop_back();
  lines.insert(lines.begin() + static_cast<long>(insert), item);
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace seam::trl
