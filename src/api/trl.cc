#include "api/trl.h"

#include "doc/template.h"

namespace seam::api {
namespace {

Result<trl::Catalogue> level_catalogue(const std::string& levels_file, const FileSystem& fs) {
  if (levels_file.empty()) return trl::Catalogue::builtin();
  auto src = doc::read_source(levels_file, fs);
  if (!src.ok()) return std::move(src).take_error();
  return trl::Catalogue::from_text(levels_file, src.value().text());
}

// The analyzer the gates read findings from. A component still in research has a TRL card
// before it has descriptors, so a project without them is checked too.
Result<const Analyzer*> gate_analyzer(const TrlOptions& options, const FileSystem& fs, std::optional<Analyzer>& made) {
  if (options.analyzer && options.analyzer->load.allow_no_descriptors) return options.analyzer;
  if (options.analyzer) {
    made = *options.analyzer;
  } else {
    auto analyzer = make_analyzer(options.check, fs);
    if (!analyzer.ok()) return std::move(analyzer).take_error();
    made = std::move(analyzer).value();
  }
  made->load.allow_no_descriptors = true;
  return &*made;
}

Status add_findings(TrlProject& p, const std::string& dir, const TrlOptions& options, const FileSystem& fs) {
  std::optional<Analyzer> made;
  auto analyzer = gate_analyzer(options, fs, made);
  if (!analyzer.ok()) return std::move(analyzer).take_error();
  auto checked = check_project(*analyzer.value(), dir, options.today, fs);
  if (!checked.ok()) return std::move(checked).take_error();
  use_findings(p, checked.value());
  return Ok{};
}

Error no_card(const std::string& dir, const std::string& component) {
  return Error::usage("no TRL card for component '" + component + "' in " + dir + "/trl");
}

}  // namespace

const trl::Card* TrlProject::find(const std::string& component) const {
  for (const auto& c : cards)
    if (c.id == component) return &c;
  return nullptr;
}

Result<TrlProject> load_trl(const std::string& dir, const TrlOptions& options, bool with_findings, const FileSystem& fs) {
  TrlProject p;
  p.dir = dir;
  auto levels = level_catalogue(options.levels_file, fs);
  if (!levels.ok()) return std::move(levels).take_error();
  p.levels = std::move(levels).value();
  auto cards = trl::load_cards(dir, fs);
  if (!cards.ok()) return std::move(cards).take_error();
  p.cards = std::move(cards).value();
  if (with_findings)
    if (auto st = add_findings(p, dir, options, fs); !st.ok()) return std::move(st).take_error();
  return p;
}

void use_findings(TrlProject& project, const CheckResult& checked) {
  project.findings = checked.report.findings;
  project.present = checked.present;
  project.check_problems = checked.report.load_errors;
}

trl::SystemStatus trl_status(const TrlProject& p) { return trl::system_status(p.levels, p.cards, p.findings, p.present); }

Result<trl::Gate> trl_gate(const TrlProject& project, const std::string& component, int to) {
  const trl::Card* card = project.find(component);
  if (!card) return no_card(project.dir, component);
  if (to < 1 || to > 9) return Error::usage("a gate leads into a level from 1 to 9");
  return trl::evaluate_gate(project.levels, *card, to, project.findings, project.present);
}

Result<trl::RiskTable> trl_risks(const std::string& dir, const FileSystem& fs) {
  auto cards = trl::load_cards(dir, fs);
  if (!cards.ok()) return std::move(cards).take_error();
  return trl::risk_table(cards.value());
}

Result<trl::MetricsSummary> trl_metrics(const std::string& dir, const TrlOptions& options, const FileSystem& fs) {
  auto p = load_trl(dir, options, false, fs);
  if (!p.ok()) return std::move(p).take_error();
  return trl::summarize_metrics(p.value().levels, p.value().cards, options.today);
}

Result<CardDocument> trl_card(const std::string& dir, const std::string& component, const TrlOptions& options,
                              const FileSystem& fs) {
  auto p = load_trl(dir, options, false, fs);
  if (!p.ok()) return std::move(p).take_error();
  CardDocument d{std::move(p).value(), nullptr, std::nullopt};
  d.card = d.project.find(component);
  if (!d.card) return no_card(dir, component);
  if (d.card->level < 9) {
    if (auto st = add_findings(d.project, dir, options, fs); !st.ok()) return std::move(st).take_error();
    d.next = trl::evaluate_gate(d.project.levels, *d.card, d.card->level + 1, d.project.findings, d.project.present);
  }
  return d;
}

Result<std::string> trl_init(const std::string& dir, const std::string& component, bool overwrite, FileSystem& fs) {
  if (!trl::valid_component_id(component))
    return Error::usage("'" + component + "' cannot name a component: use letters, digits, '-', '_' and '.', "
                        "not starting with '.', and not 'levels'");
  const std::string cards = join_path(dir, "trl"), path = join_path(cards, component + ".yaml");
  // A .yml twin would be a second card for the same component, so it is never replaced.
  if (const std::string twin = join_path(cards, component + ".yml"); fs.stat(twin).kind != PathKind::Missing)
    return Error::usage(twin + " already exists; nothing was written");
  if (!overwrite && fs.stat(path).kind != PathKind::Missing)
    return Error::usage_at("/overwrite", path + " already exists; nothing was written");
  const std::string text = doc::trl_card_template(component);
  if (auto st = trl::validate_card_text(path, text); !st.ok()) return std::move(st).take_error();
  if (auto st = fs.make_directories(cards); !st.ok()) return std::move(st).take_error();
  if (auto st = fs.write(path, text); !st.ok()) return std::move(st).take_error();
  return path;
}

Result<ReviewOutcome> trl_review(const std::string& dir, const std::string& component, const trl::ReviewRequest& request,
                                 const TrlOptions& options, FileSystem& fs) {
  auto p = load_trl(dir, options, false, fs);
  if (!p.ok()) return std::move(p).take_error();
  TrlProject& project = p.value();
  const trl::Card* card = project.find(component);
  if (!card) return no_card(dir, component);
  trl::Gate gate;
  if (request.decision == "graduate" && request.to > card->level) {
    if (auto st = add_findings(project, dir, options, fs); !st.ok()) return std::move(st).take_error();
    gate = trl::evaluate_gate(project.levels, *card, request.to, project.findings, project.present);
  }
  ReviewOutcome out;
  out.from = card->level;
  out.to = request.to;
  auto text = trl::record_review(project.levels, *card, request, gate);
  if (!text.ok()) {
    out.refusal = text.error();
    return out;
  }
  if (auto st = trl::validate_card_text(card->path, text.value()); !st.ok()) return std::move(st).take_error();
  if (auto st = fs.write(card->path, text.value()); !st.ok()) return std::move(st).take_error();
  out.recorded = true;
  return out;
}

}  // namespace seam::api
