// seam trl status|check|risks|review|card|metrics: readiness levels of a project's components,
// with gates whose automatic criteria read the TRL Cards and the findings of `seam check` on
// the project, the card as a document, and progress metrics from the review history.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <variant>
#include <optional>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/data_options.h"
#include "doc/load.h"
#include "rules/engine.h"
#include "report/trl_card.h"
#include "rules/waivers.h"
#include "util/date.h"
#include "trl/metrics.h"
#include "trl/trl.h"
#include "util/json_writer.h"

namespace seam::cli {
namespace {

struct Evidence {
  std::vector<rules::Finding> findings;
  std::vector<std::string> present;  // descriptor ids in the project
};

// --levels FILE: an organisation's own catalogue instead of the built-in one. Set once per
// command before any subcommand runs.
std::string levels_file;

Result<trl::Catalogue> level_catalogue() {
  if (levels_file.empty()) return trl::Catalogue::builtin();
  auto src = doc::read_source(levels_file);
  if (!src.ok()) return std::move(src).take_error();
  return trl::Catalogue::from_text(levels_file, src.value().text());
}

Result<Evidence> check_evidence(const std::string& dir) {
  auto analyzer = api::make_analyzer({});
  if (!analyzer.ok()) return std::move(analyzer).take_error();
  auto checked = api::check_project(analyzer.value(), dir, today_utc());
  if (!checked.ok()) return std::move(checked).take_error();
  return Evidence{std::move(checked.value().report.findings), std::move(checked.value().present)};
}

std::string name_of(const trl::Card& c) {
  const doc::Node* n = c.get("project.technology_name");
  return n && n->kind == doc::Kind::String ? n->text : c.id;
}

void write_gate(JsonWriter& w, const trl::Gate& g) {
  w.begin_object().key("to").value(g.to).key("passed").value(g.passed).key("criteria").begin_array();
  for (const auto& c : g.criteria)
    w.begin_object().key("id").value(c.id).key("level").value(c.level).key("text").value(c.text)
        .key("kind").value(c.automatic ? "automatic" : "manual").key("met").value(c.met).key("evidence").value(c.evidence).end_object();
  w.end_array().end_object();
}

std::string unmet(const trl::Gate& g, bool automatic_only) {
  std::string out;
  for (const auto& c : g.criteria)
    if (!c.met && (c.automatic || !automatic_only)) out += "      - " + c.id + ": " + c.evidence + "\n";
  return out;
}

int status(const std::string& dir, const std::string& format) {
  auto catalogue = level_catalogue();
  if (!catalogue.ok()) return print_error(catalogue.error());
  auto cards = trl::load_cards(dir);
  if (!cards.ok()) return print_error(cards.error());
  auto ev = check_evidence(dir);
  if (!ev.ok()) return print_error(ev.error());
  int system = 9;
  for (const auto& c : cards.value()) system = std::min(system, c.level);
  JsonWriter w(2);
  std::string text;
  w.begin_object().key("system_level").value(system).key("limiting").begin_array();
  for (const auto& c : cards.value())
    if (c.level == system) w.value(c.id);
  w.end_array().key("components").begin_array();
  for (const auto& c : cards.value()) {
    const trl::Gate current = trl::evaluate_gate(catalogue.value(), c, c.level, ev.value().findings, ev.value().present);
    w.begin_object().key("id").value(c.id).key("name").value(name_of(c)).key("level").value(c.level);
    w.key("level_name").value(catalogue.value().levels[c.level].name);
    w.key("level_supported").value(current.passed);
    text += c.id + "  level " + std::to_string(c.level) + " (" + catalogue.value().levels[c.level].name + ")" +
            (c.level == system ? "  <- limits the system" : "") + "\n";
    if (!current.passed) text += "    level " + std::to_string(c.level) + " is claimed but its criteria are not all met:\n" + unmet(current, true);
    w.key("next_level");
    if (c.level >= 9) {
      w.null().key("gate").null();
    } else {
      const trl::Gate next = trl::evaluate_gate(catalogue.value(), c, c.level + 1, ev.value().findings, ev.value().present);
      w.value(c.level + 1).key("gate");
      write_gate(w, next);
      text += "    gate to " + std::to_string(c.level + 1) + " (" + catalogue.value().levels[c.level + 1].name + "): " +
              (next.passed ? "automatic criteria met" : "blocked") + "\n" + unmet(next, false);
    }
    w.end_object();
  }
  w.end_array().end_object();
  text += "system level " + std::to_string(system) + " (" + catalogue.value().levels[system].name + "), the lowest of its components\n";
  std::fputs((format == "json" ? w.str() + "\n" : text).c_str(), stdout);
  return kExitOk;
}

const trl::Card* find_card(const std::vector<trl::Card>& cards, const std::string& id) {
  for (const auto& c : cards)
    if (c.id == id) return &c;
  return nullptr;
}

// The catalogue, the project's cards and one component's card, or an exit code to return.
struct Component {
  trl::Catalogue catalogue;
  std::vector<trl::Card> cards;
  const trl::Card* card = nullptr;
};

std::variant<Component, int> load_component(const std::string& dir, const std::string& id) {
  auto catalogue = level_catalogue();
  if (!catalogue.ok()) return print_error(catalogue.error());
  auto cards = trl::load_cards(dir);
  if (!cards.ok()) return print_error(cards.error());
  Component c{std::move(catalogue).value(), std::move(cards).value(), nullptr};
  c.card = find_card(c.cards, id);
  if (!c.card) return usage_error("trl", "no TRL card for component '" + id + "' in " + dir + "/trl");
  return c;
}

int check(const std::string& dir, const std::string& component, int to) {
  auto loaded = load_component(dir, component);
  if (auto* code = std::get_if<int>(&loaded)) return *code;
  const auto& [catalogue_value, cards, card] = std::get<Component>(loaded);
  auto ev = check_evidence(dir);
  if (!ev.ok()) return print_error(ev.error());
  const trl::Gate g = trl::evaluate_gate(catalogue_value, *card, to, ev.value().findings, ev.value().present);
  for (const auto& c : g.criteria)
    std::printf("%-6s L%d %-28s %s\n", c.met ? "met" : c.automatic ? "UNMET" : "manual", c.level, c.id.c_str(), c.evidence.c_str());
  std::printf("gate of %s into level %d (%s): %s\n", component.c_str(), to, catalogue_value.levels[to].name.c_str(),
              g.passed ? "passes (manual criteria are signed off in the review)" : "fails");
  return g.passed ? kExitOk : kExitFindings;
}

// Requirements by risk, and the 5x5 matrix of likelihood (p_failure) by impact (value).
int risks(const std::string& dir) {
  auto cards = trl::load_cards(dir);
  if (!cards.ok()) return print_error(cards.error());
  struct Row { double risk; std::string component, id, text; double p; int64_t value; };
  std::vector<Row> rows;
  int matrix[5][5] = {};
  for (const auto& c : cards.value())
    if (const doc::Node* reqs = c.get("requirements"))
      for (const auto& r : reqs->items) {
        const double risk = trl::risk(r);
        if (std::isnan(risk)) continue;
        const double p = r.find("p_failure")->number;
        const int64_t v = r.find("value")->integer;
        rows.push_back({risk, c.id, r.find("id") ? r.find("id")->text : "?", r.find("text") ? r.find("text")->text : "", p, v});
        const int likelihood = p < 0.2 ? 0 : p < 0.4 ? 1 : p < 0.6 ? 2 : p < 0.8 ? 3 : 4;  // edges compared, not floor(p*5)
        ++matrix[likelihood][std::min<int64_t>(4, (v - 1) / 2)];
      }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.risk > b.risk; });
  std::printf("%-6s %-22s %-8s %-6s %-5s %s\n", "risk", "component", "req", "p", "value", "requirement");
  for (const auto& r : rows)
    std::printf("%-6.2f %-22.22s %-8.8s %-6.2f %-5lld %.70s\n", r.risk, r.component.c_str(), r.id.c_str(), r.p, static_cast<long long>(r.value), r.text.c_str());
  std::printf("\nlikelihood (p_failure) by impact (value)\n%-12s %6s %6s %6s %6s %6s\n", "", "1-2", "3-4", "5-6", "7-8", "9-10");
  static const char* rows_label[] = {"0.0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1.0"};
  for (int l = 4; l >= 0; --l) {
    std::printf("%-12s", rows_label[l]);
    for (int i = 0; i < 5; ++i) std::printf(" %6d", matrix[l][i]);
    std::printf("\n");
  }
  return kExitOk;
}


int review(const Args& args, const std::string& dir, const std::string& component) {
  auto loaded = load_component(dir, component);
  if (auto* code = std::get_if<int>(&loaded)) return *code;
  const auto& [catalogue_value, cards, card] = std::get<Component>(loaded);
  trl::ReviewRequest r;
  char* end = nullptr;
  const std::string to = args.get("--to", "");
  r.to = static_cast<int>(std::strtol(to.c_str(), &end, 10));
  if (to.empty() || *end || r.to < 0 || r.to > 9) return usage_error("trl", "review needs --to N with N from 0 to 9");
  r.decision = args.get("--decision", "");
  r.kind = args.get("--kind", "");
  r.reviewers = args.all("--reviewer");
  r.note = args.get("--note", "");
  r.override_reason = args.get("--override", "");
  r.date = args.get("--date", today_utc());
  trl::Gate gate;
  if (r.decision == "graduate" && r.to > card->level) {
    auto ev = check_evidence(dir);
    if (!ev.ok()) return print_error(ev.error());
    gate = trl::evaluate_gate(catalogue_value, *card, r.to, ev.value().findings, ev.value().present);
  }
  auto text = trl::record_review(catalogue_value, *card, r, gate);
  if (!text.ok()) {
    std::fprintf(stderr, "seam trl review: %s\n", text.error().message.c_str());
    return text.error().kind == ErrorKind::Usage ? kExitError : kExitFindings;
  }
  if (auto st = trl::validate_card_text(card->path, text.value()); !st.ok()) return print_error(st.error());
  const std::string tmp = card->path + ".seam-tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f || std::fwrite(text.value().data(), 1, text.value().size(), f) != text.value().size() || std::fclose(f) != 0 ||
      std::rename(tmp.c_str(), card->path.c_str()) != 0) {
    std::fprintf(stderr, "seam trl review: cannot write %s\n", card->path.c_str());
    return kExitError;
  }
  std::printf("%s: level %d -> %d (%s%s%s)\n", component.c_str(), card->level, r.to, r.decision.c_str(),
              r.kind.empty() ? "" : ", ", r.kind.c_str());
  return kExitOk;
}

// The card as a document, with the gate to the next level evaluated on the project now.
int card(const std::string& dir, const std::string& component, const std::string& format) {
  auto loaded = load_component(dir, component);
  if (auto* code = std::get_if<int>(&loaded)) return *code;
  const auto& [catalogue_value, cards, c] = std::get<Component>(loaded);
  std::optional<trl::Gate> next;
  if (c->level < 9) {
    auto ev = check_evidence(dir);
    if (!ev.ok()) return print_error(ev.error());
    next = trl::evaluate_gate(catalogue_value, *c, c->level + 1, ev.value().findings, ev.value().present);
  }
  const trl::Gate* gate = next ? &*next : nullptr;
  const std::string out = format == "html" ? report::trl_card_html(*c, catalogue_value, gate)
                                           : report::trl_card_markdown(*c, catalogue_value, gate);
  std::fputs(out.c_str(), stdout);
  return kExitOk;
}

void write_stay(JsonWriter& w, const trl::Stay& s) {
  w.begin_object().key("level").value(s.level).key("from").value(s.from).key("to").value(s.to)
      .key("days").value(s.days).key("current").value(s.current).end_object();
}

void write_switchbacks(JsonWriter& w, const trl::SwitchbackCounts& s) {
  w.begin_object().key("total").value(s.total).key("discovery").value(s.discovery).key("review").value(s.review)
      .key("embedded").value(s.embedded).end_object();
}

std::string switchback_text(const trl::SwitchbackCounts& s) {
  return std::to_string(s.total) + (s.total == 1 ? " switchback" : " switchbacks") + " (discovery " + std::to_string(s.discovery) +
         ", review " + std::to_string(s.review) + ", embedded " + std::to_string(s.embedded) + ")";
}

// Time at each level and switchbacks per component, from the review dates up to today.
int metrics(const std::string& dir, const std::string& format) {
  auto catalogue = level_catalogue();
  if (!catalogue.ok()) return print_error(catalogue.error());
  auto cards = trl::load_cards(dir);
  if (!cards.ok()) return print_error(cards.error());
  const std::string today = today_utc();
  std::vector<trl::Metrics> all;
  for (const auto& c : cards.value()) {
    auto m = trl::progress_metrics(c, today);
    if (!m.ok()) return print_error(m.error());
    all.push_back(std::move(m).value());
  }
  const auto& levels = catalogue.value().levels;
  trl::SwitchbackCounts sum;
  std::array<int64_t, 10> days{};
  int graduations = 0;
  const trl::Metrics* slowest = nullptr;  // the component with the longest single stay
  for (const auto& m : all) {
    sum.total += m.switchbacks.total, sum.discovery += m.switchbacks.discovery;
    sum.review += m.switchbacks.review, sum.embedded += m.switchbacks.embedded;
    graduations += m.graduations;
    for (size_t l = 0; l < days.size(); ++l) days[l] += m.days_at_level[l];
    if (m.longest >= 0 && (!slowest || m.stays[m.longest].days > slowest->stays[slowest->longest].days)) slowest = &m;
  }
  JsonWriter w(2);
  std::string text;
  w.begin_object().key("today").value(today).key("components").begin_array();
  for (const auto& m : all) {
    w.begin_object().key("id").value(m.component).key("level").value(m.level).key("level_name").value(levels[m.level].name);
    w.key("first_review");
    if (m.first_review.empty()) w.null();
    else w.value(m.first_review);
    w.key("total_days").value(m.total_days).key("days_at_level").begin_array();
    text += m.component + ": level " + std::to_string(m.level) + " (" + levels[m.level].name + ")";
    text += m.stays.empty() ? ", no reviews recorded\n"
                            : ", " + std::to_string(m.total_days) + " days since the first review on " + m.first_review + "\n";
    for (int l = 0; l < 10; ++l) {
      if (!m.stays_at_level[l]) continue;
      w.begin_object().key("level").value(l).key("name").value(levels[l].name).key("days").value(m.days_at_level[l])
          .key("stays").value(m.stays_at_level[l]).end_object();
    }
    w.end_array().key("stays").begin_array();
    for (size_t i = 0; i < m.stays.size(); ++i) {
      const trl::Stay& s = m.stays[i];
      write_stay(w, s);
      char line[160];
      std::snprintf(line, sizeof line, "  %s to %-10s  level %d  %6lld days%s\n", s.from.c_str(), s.current ? "today" : s.to.c_str(), s.level,
                    static_cast<long long>(s.days), static_cast<int>(i) == m.longest ? "  <- longest stay" : "");
      text += line;
    }
    w.end_array().key("longest_stay");
    if (m.longest < 0) w.null();
    else write_stay(w, m.stays[m.longest]);
    w.key("graduations").value(m.graduations).key("switchbacks");
    write_switchbacks(w, m.switchbacks);
    w.end_object();
    if (!m.stays.empty()) {
      std::string by_level;
      for (int l = 0; l < 10; ++l)
        if (m.stays_at_level[l]) by_level += (by_level.empty() ? "" : ", ") + ("level " + std::to_string(l)) + " " + std::to_string(m.days_at_level[l]);
      text += "  days by level: " + by_level + "\n";
    }
    text += "  " + std::to_string(m.graduations) + (m.graduations == 1 ? " graduation, " : " graduations, ") + switchback_text(m.switchbacks) + "\n\n";
  }
  w.end_array().key("totals").begin_object().key("components").value(static_cast<int64_t>(all.size()))
      .key("graduations").value(graduations).key("switchbacks");
  write_switchbacks(w, sum);
  w.key("days_at_level").begin_array();
  for (int l = 0; l < 10; ++l)
    if (days[l]) w.begin_object().key("level").value(l).key("name").value(levels[l].name).key("days").value(days[l]).end_object();
  w.end_array().key("longest_stay");
  if (slowest) {
    const trl::Stay& s = slowest->stays[slowest->longest];
    w.begin_object().key("component").value(slowest->component).key("level").value(s.level).key("from").value(s.from)
        .key("to").value(s.to).key("days").value(s.days).key("current").value(s.current).end_object();
  } else {
    w.null();
  }
  w.end_object().end_object();
  text += "total: " + std::to_string(all.size()) + " components, " + std::to_string(graduations) + " graduations, " + switchback_text(sum) + "\n";
  if (slowest) {
    const trl::Stay& s = slowest->stays[slowest->longest];
    text += "longest stay: " + slowest->component + " at level " + std::to_string(s.level) + ", " + std::to_string(s.days) + " days" +
            (s.current ? " so far" : "") + " (a long stay or many switchbacks can point to a bottleneck)\n";
  }
  std::fputs((format == "json" ? w.str() + "\n" : text).c_str(), stdout);
  return kExitOk;
}

}  // namespace

int run_trl(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, {{}, {"--format", "--to", "--decision", "--kind", "--reviewer", "--note", "--override", "--date", "--levels"}});
  if (!parsed.ok()) return usage_error("trl", parsed.error().message);
  const Args& args = parsed.value();
  const auto& pos = args.positional;
  levels_file = args.get("--levels", "");
  if (pos.size() >= 2 && pos[0] == "status") {
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("trl", "--format must be text or json");
    return status(pos[1], format);
  }
  if (pos.size() == 3 && pos[0] == "check") {
    char* end = nullptr;
    const std::string to = args.get("--to", "");
    const long n = std::strtol(to.c_str(), &end, 10);
    if (to.empty() || *end || n < 1 || n > 9) return usage_error("trl", "check needs --to N with N from 1 to 9");
    return check(pos[1], pos[2], static_cast<int>(n));
  }
  if (pos.size() == 2 && pos[0] == "risks") return risks(pos[1]);
  if (pos.size() == 3 && pos[0] == "review") return review(args, pos[1], pos[2]);
  if (pos.size() == 3 && pos[0] == "card") {
    const std::string format = args.get("--format", "markdown");
    if (format != "markdown" && format != "html") return usage_error("trl", "--format must be markdown or html");
    return card(pos[1], pos[2], format);
  }
  if (pos.size() == 2 && pos[0] == "metrics") {
    const std::string format = args.get("--format", "text");
    if (format != "text" && format != "json") return usage_error("trl", "--format must be text or json");
    return metrics(pos[1], format);
  }
  return usage_error("trl", "expected: status DIR | check DIR COMPONENT --to N | review DIR COMPONENT --to N --decision D ... | "
                            "risks DIR | card DIR COMPONENT | metrics DIR");
}

}  // namespace seam::cli
