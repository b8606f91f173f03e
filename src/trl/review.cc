// Recording a review in the card itself, by editing its text at the places the parsed card
// points to: the new review is appended to the `reviews` list and the `level` value is
// changed, and nothing else is touched, so the
// team's comments and layout survive. (Keeping the history in a separate file would avoid
// the edit, but would split one component's story over two files that can disagree.)
#include <algorithm>
#include <cctype>

#include "doc/parse.h"
#include "trl/trl.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::trl {
namespace {

bool top_level_key(std::string_view line) {
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

// One change to the card's text: `erase` bytes at `at` replaced by `insert`.
struct Edit {
  size_t at;
  size_t erase;
  std::string insert;
};

const doc::Member* member(const doc::Node& root, std::string_view key) {
  for (const auto& m : root.members)
    if (m.key == key) return &m;
  return nullptr;
}

// The level's own token, wherever YAML put it (after `level:`, or on the next line), so
// that a comment beside it survives.
Result<Edit> level_edit(const Card& card, int to) {
  const std::string& text = card.source->text();
  const doc::Member* level = member(card.root, "level");
  if (!level || level->value.kind != doc::Kind::Int)
    return card.source->error_at(0, "the card has no top-level 'level:' to update");
  size_t end = level->value.offset;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '+')) ++end;
  return Edit{level->value.offset, end - level->value.offset, std::to_string(to)};
}

// Where the review goes: after the last line of the `reviews` block list, before blank
// lines and column-0 comments that introduce what follows; with the indent of its items.
// An empty value on the key's line ([], ~ or null, a comment kept) is removed first.
Result<std::vector<Edit>> reviews_edits(const Card& card, const ReviewRequest& r, const Gate& gate) {
  const doc::Source& src = *card.source;
  const std::string& text = src.text();
  const doc::Member* reviews = member(card.root, "reviews");
  std::vector<Edit> edits;
  if (!reviews) {
    std::string item(text.empty() || text.back() == '\n' ? 0 : 1, '\n');
    item.append("reviews:\n").append(review_item(card, r, gate, "  "));
    edits.push_back({text.size(), 0, std::move(item)});
    return edits;
  }
  const uint32_t key_line = src.locate(reviews->key_offset).line;
  const std::string_view line = src.line_text(key_line);
  const size_t line_start = src.offset_of(key_line, 0);
  const size_t colon = line.find(':', reviews->key_offset - line_start);
  if (colon == std::string_view::npos) return src.error_at(reviews->key_offset, "cannot find the ':' after 'reviews'");
  size_t v = colon + 1;
  while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
  const std::string_view rest = line.substr(v);
  for (std::string_view empty : {"[]", "~", "null", "Null", "NULL"}) {
    if (!rest.starts_with(empty)) continue;
    const std::string_view after = rest.substr(empty.size());
    if (!after.empty() && after[0] != ' ' && after[0] != '\t' && after[0] != '#') continue;
    if (text::trim(after).empty()) edits.push_back({line_start + colon + 1, line.size() - colon - 1, ""});
    else edits.push_back({line_start + v, empty.size(), ""});
    break;
  }
  if (edits.empty() && !rest.empty() && rest[0] != '#')
    return src.error_at(static_cast<uint32_t>(line_start + v),
                        "'reviews' is written on one line; write it as a block list (one '- ' item per review) so "
                        "that seam can add to it");
  const uint32_t lines = src.locate(static_cast<uint32_t>(text.size())).line;
  uint32_t end = key_line + 1;
  while (end <= lines && !top_level_key(src.line_text(end))) ++end;
  uint32_t insert = end;
  while (insert > key_line + 1) {
    const std::string_view prev = src.line_text(insert - 1);
    if (!text::trim(prev).empty() && prev[0] != '#') break;
    --insert;
  }
  std::string indent = "  ";
  for (uint32_t i = key_line + 1; i < end; ++i) {
    const std::string_view l = src.line_text(i);
    const size_t dash = l.find("- ");
    if (dash != std::string_view::npos && text::trim(l.substr(0, dash)).empty()) {
      indent = std::string(l.substr(0, dash));
      break;
    }
  }
  size_t at = insert <= lines ? src.offset_of(insert, 0) : text.size();
  std::string item(at == text.size() && !text.empty() && text.back() != '\n' ? 1 : 0, '\n');
  item += review_item(card, r, gate, indent);
  edits.push_back({at, 0, std::move(item)});
  return edits;
}

}  // namespace

Result<std::string> record_review(const Catalogue& c, const Card& card, const ReviewRequest& r, const Gate& gate) {
  if (auto st = check_rules(c, card, r, gate); !st.ok()) return std::move(st).take_error();
  if (r.reviewers.empty()) return Error::usage_at("/reviewers", "a review names at least one reviewer");
  auto level = level_edit(card, r.to);
  if (!level.ok()) return std::move(level).take_error();
  auto edits = reviews_edits(card, r, gate);
  if (!edits.ok()) return std::move(edits).take_error();
  std::vector<Edit> all = std::move(edits).value();
  all.push_back(std::move(level).value());
  // Apply from the end of the text backwards, so each offset still holds when its turn comes.
  std::sort(all.begin(), all.end(), [](const Edit& a, const Edit& b) { return a.at > b.at; });
  std::string out = card.source->text();
  for (const Edit& e : all) out.replace(e.at, e.erase, e.insert);
  return out;
}

}  // namespace seam::trl
