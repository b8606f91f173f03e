#include "report/trl_card_common.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "util/text.h"
#include "util/version.h"

namespace seam::report::detail {
namespace {

using Style = Span::Style;

std::string number(double d, const char* format = "%.15g") {
  char buf[40];
  std::snprintf(buf, sizeof buf, format, d);
  return buf;
}

std::string scalar(const doc::Node* n) {
  if (!n) return {};
  switch (n->kind) {
    case doc::Kind::String: return std::string(text::trim(n->text));
    case doc::Kind::Int: return std::to_string(n->integer);
    case doc::Kind::Float: return number(n->number);
    case doc::Kind::Bool: return n->boolean ? "yes" : "no";
    default: return {};
  }
}

bool is_url(const std::string& s) {
  if (s.rfind("https://", 0) != 0 && s.rfind("http://", 0) != 0) return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == '"' || c == '`') return false;
  return true;
}

Inline missing() { return {{Style::missing, "not filled"}}; }
// Where no label stands beside it (a paragraph under a heading with several parts), an empty
// part names the card field to fill, so two gaps in a row can be told apart.
Inline missing(std::string_view dotted) {
  return {{Style::missing, "not filled:"}, {Style::plain, " "}, {Style::code, std::string(dotted)}};
}
Inline plain(std::string s) { return {{Style::plain, std::move(s)}}; }

// A scalar field as text, a link when the whole value is a URL, or "not filled".
Inline value(const doc::Node* n) {
  std::string s = scalar(n);
  if (s.empty()) return missing();
  return {{is_url(s) ? Style::link : Style::plain, std::move(s)}};
}

// The items of a list of strings, as code spans separated by commas.
Inline codes(const doc::Node* list) {
  Inline out;
  if (list && list->kind == doc::Kind::Array)
    for (const auto& i : list->items) {
      if (scalar(&i).empty()) continue;
      if (!out.empty()) out.push_back({Style::plain, ", "});
      out.push_back({Style::code, scalar(&i)});
    }
  return out.empty() ? missing() : out;
}

std::string level_label(const trl::Catalogue& c, int64_t level) {
  std::string out = std::to_string(level);
  if (level >= 0 && level < static_cast<int64_t>(c.levels.size())) out += " (" + c.levels[static_cast<size_t>(level)].name + ")";
  return out;
}

struct Builder {
  std::vector<Block> blocks;

  void heading(int level, std::string text) { blocks.push_back({Block::Kind::heading, level, plain(std::move(text)), {}, {}, {}}); }
  void paragraph(Inline text) { blocks.push_back({Block::Kind::paragraph, 0, std::move(text), {}, {}, {}}); }
  void text_or_missing(const trl::Card& card, const char* dotted) {
    Inline v = value(card.get(dotted));
    paragraph(v.front().style == Style::missing ? missing(dotted) : std::move(v));
  }
  void fields(std::vector<std::vector<Inline>> rows) { blocks.push_back({Block::Kind::fields, 0, {}, {}, {}, std::move(rows)}); }
  void table(std::vector<std::string> header, std::vector<bool> numeric, std::vector<std::vector<Inline>> rows) {
    blocks.push_back({Block::Kind::table, 0, {}, std::move(header), std::move(numeric), std::move(rows)});
  }
  void list(const trl::Card& card, const char* dotted, bool as_code = false) {
    const doc::Node* items = card.get(dotted);
    std::vector<std::vector<Inline>> rows;
    if (items && items->kind == doc::Kind::Array)
      for (const auto& i : items->items)
        if (!scalar(&i).empty()) rows.push_back({as_code ? Inline{{Style::code, scalar(&i)}} : value(&i)});
    if (rows.empty()) return paragraph(missing(dotted));
    blocks.push_back({Block::Kind::list, 0, {}, {}, {}, std::move(rows)});
  }
  // A table of list entries (objects), one column per key; "not filled" when the list is empty.
  void entries(const trl::Card& card, const char* dotted, const std::vector<std::pair<std::string, std::string>>& columns) {
    const doc::Node* list = card.get(dotted);
    std::vector<std::vector<Inline>> rows;
    if (list && list->kind == doc::Kind::Array)
      for (const auto& e : list->items) {
        std::vector<Inline> row;
        for (const auto& [key, title] : columns) {
          Inline v = value(e.find(key));
          row.push_back(v.front().style == Style::missing ? Inline{} : v);
        }
        rows.push_back(std::move(row));
      }
    if (rows.empty()) return paragraph(missing(dotted));
    std::vector<std::string> header;
    std::vector<bool> numeric;
    for (const auto& [key, title] : columns) {
      header.push_back(title);
      numeric.push_back(key == "value");
    }
    table(std::move(header), std::move(numeric), std::move(rows));
  }
};

void project(Builder& b, const trl::Card& card, const trl::Catalogue& cat) {
  const auto f = [&](const char* dotted) { return value(card.get(dotted)); };
  b.heading(2, "Project information");
  const doc::Node* start = card.get("project.start_level");
  b.fields({{plain("Technology"), f("project.technology_name")},
            {plain("Version"), f("project.technology_version")},
            {plain("Component"), {{Style::code, card.id}}},
            {plain("Component type"), f("project.component_type")},
            {plain("Level"), plain(level_label(cat, card.level))},
            {plain("Start level"), start && start->kind == doc::Kind::Int ? plain(level_label(cat, start->integer)) : plain("0 (not stated)")},
            {plain("R&D owner"), f("project.rnd_owner")},
            {plain("R&D reviewer"), f("project.rnd_reviewer")},
            {plain("Product owner"), f("project.product_owner")},
            {plain("Product reviewer"), f("project.product_reviewer")},
            {plain("Component codes"), codes(card.get("project.component_codes"))}});
  b.heading(3, "Summary");
  b.text_or_missing(card, "project.summary");
  b.heading(3, "Earlier cards");
  b.list(card, "project.previous_cards");
  b.heading(3, "Versioning");
  b.fields({{plain("Code"), f("project.versioning.code")},
            {plain("Model"), f("project.versioning.model")},
            {plain("Data"), f("project.versioning.data")}});
}

void implicit_knowledge(Builder& b, const trl::Card& card) {
  const auto f = [&](const char* dotted) { return value(card.get(dotted)); };
  b.heading(2, "Implicit knowledge");
  b.heading(3, "Data considerations");
  b.text_or_missing(card, "implicit_knowledge.data_considerations.notes");
  b.entries(card, "implicit_knowledge.data_considerations.datasets",
            {{"name", "Dataset"}, {"version", "Version"}, {"role", "Role"}, {"location", "Location"}, {"notes", "Notes"}});
  b.heading(3, "Ethics");
  b.text_or_missing(card, "implicit_knowledge.ethics.considerations");
  b.fields({{plain("Checklist"), f("implicit_knowledge.ethics.checklist")},
            {plain("Last reviewed"), f("implicit_knowledge.ethics.last_reviewed")}});
  b.heading(3, "Model details");
  b.text_or_missing(card, "implicit_knowledge.model_details");
  b.heading(3, "Metrics and results");
  b.text_or_missing(card, "implicit_knowledge.metrics_results.summary");
  b.entries(card, "implicit_knowledge.metrics_results.metrics",
            {{"metric", "Metric"}, {"value", "Value"}, {"dataset", "Dataset"}, {"notes", "Notes"}});
  b.fields({{plain("Full report"), f("implicit_knowledge.metrics_results.report")}});
  b.heading(3, "Caveats and edge cases");
  b.list(card, "implicit_knowledge.caveats");
  b.heading(3, "Key assumptions");
  b.list(card, "implicit_knowledge.key_assumptions");
  b.heading(3, "Intended use");
  b.text_or_missing(card, "implicit_knowledge.intended_use");
}

void requirements(Builder& b, const trl::Card& card) {
  b.heading(2, "Requirements");
  const doc::Node* reqs = card.get("requirements");
  if (!reqs || reqs->kind != doc::Kind::Array || reqs->items.empty()) return b.paragraph(missing("requirements"));
  std::vector<std::vector<Inline>> rows;
  std::string top;
  double highest = -1;
  for (const auto& r : reqs->items) {
    const std::string id = scalar(r.find("id"));
    Inline need = value(r.find("text"));
    for (const auto& [key, label] : {std::pair{"vv", "V&V:"}, {"evidence", "Evidence:"}, {"owner", "Owner:"}, {"notes", "Notes:"}}) {
      Inline v = value(r.find(key));
      if (v.front().style == Style::missing) continue;
      need.push_back({Style::plain, "\n"});
      need.push_back({Style::strong, label});
      need.push_back({Style::plain, " "});
      need.insert(need.end(), v.begin(), v.end());
    }
    const double risk = trl::risk(r);
    const doc::Node* p = r.find("p_failure");
    rows.push_back({{{Style::code, id}}, value(r.find("type")), value(r.find("status")), need,
                    p && p->is_number() ? plain(number(p->number, "%.2f")) : missing(), value(r.find("value")),
                    std::isnan(risk) ? Inline{{Style::missing, "not assessed"}} : plain(number(risk, "%.2f"))});
    if (!std::isnan(risk) && risk > highest) highest = risk, top = id;
  }
  b.paragraph(plain("Risk is p(failure) \u00d7 value, from 0 to 10, computed by seam." +
                    (top.empty() ? std::string() : " The highest is " + top + " at " + number(highest, "%.2f") + ".")));
  b.table({"ID", "Type", "Status", "Requirement", "p(failure)", "Value", "Risk"}, {false, false, false, false, true, true, true},
          std::move(rows));
}

void gate(Builder& b, const trl::Card& card, const trl::Catalogue& cat, const trl::Gate* next) {
  if (!next) {
    b.heading(2, "Gate to the next level");
    return b.paragraph(plain("Level " + level_label(cat, card.level) + " is the top of the scale; there is no further gate."));
  }
  b.heading(2, "Gate to level " + level_label(cat, next->to));
  int unmet = 0, automatic = 0;
  std::vector<std::vector<Inline>> rows;
  for (const auto& c : next->criteria) {
    automatic += c.automatic;
    unmet += c.automatic && !c.met;
    rows.push_back({plain(std::to_string(c.level)), {{Style::code, c.id}, {Style::plain, "\n" + c.text}},
                    plain(c.automatic ? "automatic" : "manual"),
                    c.automatic ? Inline{{c.met ? Style::plain : Style::strong, c.met ? "met" : "not met"}}
                                : plain(c.met ? "signed off" : "to sign off"),
                    plain(c.evidence)});
  }
  b.paragraph(plain(next->passed ? "Passes: all " + std::to_string(automatic) +
                                       " automatic criteria are met; the manual ones are signed off in the review."
                                 : "Blocked: " + std::to_string(unmet) + " of the " + std::to_string(automatic) + " automatic criteria " +
                                       (unmet == 1 ? "is" : "are") + " not met."));
  b.paragraph(plain("Automatic criteria read the card and the findings of seam check on the project when this card was produced."));
  b.table({"Level", "Criterion", "Kind", "Status", "Evidence"}, {true, false, false, false, false}, std::move(rows));
}

void monitoring(Builder& b, const trl::Card& card) {
  const auto f = [&](const char* dotted) { return value(card.get(dotted)); };
  b.heading(2, "Monitoring");
  std::string thresholds;
  if (const doc::Node* t = card.get("monitoring.thresholds"); t && t->kind == doc::Kind::Object)
    for (const auto& m : t->members)
      if (!scalar(&m.value).empty()) thresholds += (thresholds.empty() ? "" : ", ") + m.key + " " + scalar(&m.value);
  b.fields({{plain("Reference profile"), f("monitoring.reference_profile")},
            {plain("Thresholds"), thresholds.empty() ? missing() : plain(thresholds)},
            {plain("Dataset share"), f("monitoring.dataset_share")},
            {plain("Notes"), f("monitoring.notes")}});
}

void history(Builder& b, const trl::Card& card) {
  b.heading(2, "Review history");
  const doc::Node* reviews = card.get("reviews");
  if (!reviews || reviews->kind != doc::Kind::Array || reviews->items.empty()) return b.paragraph(plain("No reviews recorded."));
  std::vector<std::vector<Inline>> rows;
  for (const auto& r : reviews->items) {
    std::string names;
    if (const doc::Node* rv = r.find("reviewers"); rv && rv->kind == doc::Kind::Array)
      for (const auto& n : rv->items) {
        if (!names.empty()) names += '\n';
        names += scalar(&n);
      }
    const auto optional = [&](const char* key) { Inline v = value(r.find(key)); return v.front().style == Style::missing ? Inline{} : v; };
    const doc::Node* signed_off = r.find("signed_off");
    rows.push_back({value(r.find("date")), plain(scalar(r.find("from_level")) + " \u2192 " + scalar(r.find("to_level"))),
                    value(r.find("decision")), optional("kind"), names.empty() ? missing() : plain(names),
                    signed_off && !signed_off->items.empty() ? codes(signed_off) : Inline{}, optional("override"), optional("notes")});
  }
  b.table({"Date", "Levels", "Decision", "Kind", "Reviewers", "Signed off", "Override", "Notes"}, {}, std::move(rows));
}

}  // namespace

std::string trl_card_title(const trl::Card& card) {
  const std::string name = scalar(card.get("project.technology_name"));
  return "TRL Card: " + (name.empty() ? card.id : name);
}

std::vector<Block> trl_card_blocks(const trl::Card& card, const trl::Catalogue& cat, const trl::Gate* next) {
  Builder b;
  b.heading(1, trl_card_title(card));
  const std::string version = scalar(card.get("project.technology_version"));
  b.paragraph({{Style::plain, "Component "}, {Style::code, card.id}, {Style::plain, ", version "},
               version.empty() ? Span{Style::missing, "not filled"} : Span{Style::plain, version},
               {Style::plain, ", at level "}, {Style::strong, level_label(cat, card.level)}, {Style::plain, "."}});
  project(b, card, cat);
  implicit_knowledge(b, card);
  b.heading(2, "Descriptors");
  b.paragraph(plain("The project's descriptors that concern this component:"));
  b.list(card, "descriptors", true);
  requirements(b, card);
  gate(b, card, cat, next);
  monitoring(b, card);
  history(b, card);
  b.paragraph({{Style::plain, std::string("Produced by seam ") + kVersion + " from "},
               {Style::code, "trl/" + std::filesystem::path(card.path).filename().string()}, {Style::plain, "."}});
  return std::move(b.blocks);
}

}  // namespace seam::report::detail
