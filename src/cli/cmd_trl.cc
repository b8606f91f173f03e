// seam trl init|status|check|risks|review|card|metrics: parses the arguments, calls the
// readiness use-cases in api/trl.h and renders what they return.
#include <cstdio>
#include <cstdlib>
#include <set>

#include "api/trl.h"
#include "cli/args.h"
#include "cli/command.h"
#include "report/diagnostic.h"
#include "report/trl_card.h"
#include "report/trl_report.h"
#include "util/date.h"

namespace seam::cli {
namespace {

// Usage errors (an unknown component, say) point to the help; errors about an option name it
// (print_error); others print located.
int fail(const Error& e) {
  return e.kind == ErrorKind::Usage && e.pointer.empty() ? usage_error("trl", e.message) : print_error(e);
}

// Findings the gates could not take into account: shown, but they do not stop the command.
void warn_check_problems(const api::TrlProject& p) {
  for (const auto& e : p.check_problems) std::fputs(report::format_error(e).c_str(), stderr);
}

template <class R>
int bad_format(const report::Formats<R>& formats) {
  return usage_error("trl", "--format must be " + report::format_names(formats));
}

template <class R>
int render(const report::Formats<R>& formats, const std::string& name, const R& value) {
  const auto* format = report::find_format(formats, name);
  if (!format) return bad_format(formats);
  StreamWriter out(stdout);
  format->render(value, out);
  return kExitOk;
}

std::optional<int> level_arg(const Args& args, int lowest) {
  const std::string to = args.get("--to", "");
  char* end = nullptr;
  const long n = std::strtol(to.c_str(), &end, 10);
  if (to.empty() || *end || n < lowest || n > 9) return std::nullopt;
  return static_cast<int>(n);
}

int status(const std::string& dir, const api::TrlOptions& opt, const std::string& format) {
  if (!report::find_format(report::trl_status_formats(), format)) return bad_format(report::trl_status_formats());
  auto p = api::load_trl(dir, opt, true);
  if (!p.ok()) return fail(p.error());
  warn_check_problems(p.value());
  return render(report::trl_status_formats(), format, api::trl_status(p.value()));
}

int check(const std::string& dir, const std::string& component, const Args& args, const api::TrlOptions& opt) {
  const auto to = level_arg(args, 1);
  if (!to) return usage_error("trl", "check needs --to N with N from 1 to 9");
  const std::string format = args.get("--format", "text");
  if (!report::find_format(report::trl_gate_formats(), format)) return bad_format(report::trl_gate_formats());
  auto p = api::load_trl(dir, opt, true);
  if (!p.ok()) return fail(p.error());
  warn_check_problems(p.value());
  auto gate = api::trl_gate(p.value(), component, *to);
  if (!gate.ok()) return fail(gate.error());
  render(report::trl_gate_formats(), format, report::GateView{component, gate.value(), p.value().levels.levels[*to].name});
  return gate.value().passed ? kExitOk : kExitFindings;
}

int review(const std::string& dir, const std::string& component, const Args& args, const api::TrlOptions& opt) {
  const auto to = level_arg(args, 0);
  if (!to) return usage_error("trl", "review needs --to N with N from 0 to 9");
  const trl::ReviewRequest r{*to, args.get("--decision", ""), args.get("--kind", ""), args.all("--reviewer"),
                             args.get("--note", ""), args.get("--override", ""), args.get("--date", opt.today)};
  auto outcome = api::trl_review(dir, component, r, opt);
  if (!outcome.ok()) return fail(outcome.error());
  const auto& o = outcome.value();
  if (!o.recorded) {
    std::fprintf(stderr, "seam trl review: %s\n", with_flag(o.refusal).c_str());
    return o.refusal.kind == ErrorKind::Usage ? kExitError : kExitFindings;
  }
  std::printf("%s: level %d -> %d (%s%s%s)\n", component.c_str(), o.from, o.to, r.decision.c_str(), r.kind.empty() ? "" : ", ",
              r.kind.c_str());
  return kExitOk;
}

int card(const std::string& dir, const std::string& component, const api::TrlOptions& opt, const std::string& format) {
  if (!report::find_format(report::trl_card_formats(), format)) return bad_format(report::trl_card_formats());
  auto d = api::trl_card(dir, component, opt);
  if (!d.ok()) return fail(d.error());
  warn_check_problems(d.value().project);
  const report::CardView view{*d.value().card, d.value().project.levels, d.value().next ? &*d.value().next : nullptr};
  return render(report::trl_card_formats(), format, view);
}

int init(const std::string& dir, const std::string& component, bool force) {
  auto path = api::trl_init(dir, component, force);
  if (!path.ok() && path.error().pointer == "/overwrite") {  // refused, not misused: no pointer to the help
    std::fprintf(stderr, "seam trl init: %s (use --force to overwrite it)\n", path.error().message.c_str());
    return kExitError;
  }
  if (!path.ok()) return fail(path.error());
  std::printf("wrote %s (level 0)\nnext: fill it in, then run 'seam trl status %s'\n", path.value().c_str(), dir.c_str());
  return kExitOk;
}

// A project that has not started on readiness is told how to start, rather than that a
// directory cannot be listed.
std::optional<int> without_cards(const std::string& dir) {
  if (disk().stat(dir).kind != PathKind::Directory || !trl::card_paths(dir).empty()) return std::nullopt;
  std::fprintf(stderr,
               "seam trl: %s has no TRL cards yet (trl/<component>.yaml)\n"
               "Start one for each component with: seam trl init %s COMPONENT\n",
               dir.c_str(), dir.c_str());
  return kExitError;
}

int other(const std::vector<std::string>& pos, const Args& args, const api::TrlOptions& opt) {
  const std::string format = args.get("--format", "text");
  if (pos.size() == 2 && pos[0] == "risks") {
    if (!report::find_format(report::trl_risks_formats(), format)) return bad_format(report::trl_risks_formats());
    auto t = api::trl_risks(pos[1]);
    if (!t.ok()) return fail(t.error());
    return render(report::trl_risks_formats(), format, t.value());
  }
  if (pos.size() == 2 && pos[0] == "metrics") {
    if (!report::find_format(report::trl_metrics_formats(), format)) return bad_format(report::trl_metrics_formats());
    auto m = api::trl_metrics(pos[1], opt);
    if (!m.ok()) return fail(m.error());
    return render(report::trl_metrics_formats(), format, m.value());
  }
  return usage_error("trl", "expected: init DIR COMPONENT | status DIR | check DIR COMPONENT --to N [--format text|json] | "
                            "review DIR COMPONENT --to N --decision D ... | risks DIR [--format text|json] | card DIR COMPONENT | metrics DIR");
}

}  // namespace

int run_trl(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("trl"));
  if (!parsed.ok()) return usage_error("trl", parsed.error().message);
  const Args& args = parsed.value();
  const auto& pos = args.positional;
  const api::TrlOptions opt{args.get("--levels", ""), check_options(args), today_utc()};
  if (pos.size() == 3 && pos[0] == "init") return init(pos[1], pos[2], args.has("--force"));
  if (args.has("--force")) return usage_error("trl", "--force belongs to trl init");
  static const std::set<std::string> reads_cards = {"status", "check", "review", "card", "risks", "metrics"};
  if (pos.size() >= 2 && reads_cards.count(pos[0]))
    if (auto code = without_cards(pos[1])) return *code;
  if (pos.size() >= 2 && pos[0] == "status") return status(pos[1], opt, args.get("--format", "text"));
  if (pos.size() == 3 && pos[0] == "check") return check(pos[1], pos[2], args, opt);
  if (pos.size() == 3 && pos[0] == "review") return review(pos[1], pos[2], args, opt);
  if (pos.size() == 3 && pos[0] == "card") return card(pos[1], pos[2], opt, args.get("--format", "markdown"));
  return other(pos, args, opt);
}

}  // namespace seam::cli
