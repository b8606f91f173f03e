// seam rules list|show|test|coverage: the catalogue as users see it.
#include <cstdio>
#include <map>

#include "cli/args.h"
#include "cli/command.h"
#include "report/coverage.h"
#include "report/diagnostic.h"
#include "rules/cases.h"
#include "util/text.h"

namespace seam::cli {
namespace {

using rules::Rule;

int list(const rules::Catalogue& c) {
  std::printf("%-36s %-8s %-8s %-4s %s\n", "RULE", "KIND", "SEVERITY", "TEC", "TAXONOMY");
  for (const auto& r : c.rules())
    std::printf("%-36s %-8s %-8s %-4s %s / %s\n", r->info.id.c_str(), std::string(rules::kind_name(r->info.kind)).c_str(),
                std::string(rules::severity_name(r->info.severity)).c_str(), r->info.tec_rule.empty() ? "-" : r->info.tec_rule.c_str(),
                r->info.category.c_str(), r->info.subcategory.c_str());
  std::printf("%zu rules\n", c.rules().size());
  return kExitOk;
}

int show(const rules::Catalogue& c, const std::string& id) {
  const Rule* r = c.find(id);
  if (!r) {
    auto near = text::closest(id, c.ids());
    return usage_error("rules", "no rule '" + id + "'" + (near ? "; did you mean '" + *near + "'?" : ""));
  }
  std::printf("%s  (%s, %s%s)\n", r->info.id.c_str(), std::string(rules::severity_name(r->info.severity)).c_str(),
              std::string(rules::kind_name(r->info.kind)).c_str(), r->info.tec_rule.empty() ? "" : (", TEC rule " + r->info.tec_rule).c_str());
  std::printf("taxonomy:  %s / %s (importance %.0f%%)\n", r->info.category.c_str(), r->info.subcategory.c_str(), r->importance);
  std::printf("defined:   %s:%u\n", r->file.c_str(), r->line);
  std::printf("message:   %s\n", r->info.message.c_str());
  std::printf("rationale: %s\n", r->info.rationale.c_str());
  std::printf("reads:     %s\n", text::join(r->reads, ", ").c_str());
  if (!r->subsumes.empty()) {
    std::vector<std::string> ids;
    for (const auto& s : r->subsumes) ids.push_back(s.id);
    std::printf("subsumes:  %s\n", text::join(ids, ", ").c_str());
  }
  auto bindings = [](const char* title, const std::vector<rules::Binding>& list) {
    if (list.empty()) return;
    std::printf("%s\n", title);
    for (const auto& b : list) std::printf("  %s: %s\n", b.name.c_str(), b.text.c_str());
  };
  bindings("params:", r->params);
  bindings("for_each:", r->for_each);
  bindings("let:", r->lets);
  if (!r->when_text.empty()) std::printf("when:\n  %s\n", r->when_text.c_str());
  if (!r->fields.empty()) {
    std::printf("fields:\n");
    for (const auto& f : r->fields) std::printf("  %s\n", f.text.c_str());
  }
  return kExitOk;
}

// Runs the cases under `paths`. With `complete`, every rule from index `first` of the
// catalogue on (the rules under test) must have a case where it fires and one where it is quiet.
int test(const rules::Catalogue& c, const rules::Params& params, const std::vector<std::string>& paths, bool complete, size_t first) {
  int failed = 0, total = 0;
  std::map<std::string, std::pair<bool, bool>> seen;  // rule -> (has firing case, has quiet case)
  for (const auto& p : paths) {
    auto results = rules::run_cases(c, p, params);
    if (!results.ok()) {
      std::fputs(report::format_error(results.error()).c_str(), stderr);
      return kExitError;
    }
    for (const auto& r : results.value()) {
      ++total;
      (r.fires ? seen[r.rule].first : seen[r.rule].second) = true;
      if (r.passed) continue;
      ++failed;
      std::printf("FAIL %s:%u: %s: %s%s\n", r.file.c_str(), r.line, r.rule.c_str(), r.name.c_str(), r.problem.c_str());
    }
  }
  int gaps = 0;
  if (complete)
    for (size_t i = first; i < c.rules().size(); ++i) {
      const auto& r = c.rules()[i];
      const auto& s = seen[r->info.id];
      if (s.first && s.second) continue;
      ++gaps;
      std::printf("MISSING %s: no case where it %s\n", r->info.id.c_str(), !s.first ? "fires" : "stays quiet");
    }
  std::printf("%d cases, %d failed%s\n", total, failed, complete ? (", " + std::to_string(gaps) + " rules without both kinds of case").c_str() : "");
  return failed || gaps ? kExitFindings : kExitOk;
}

}  // namespace

int run_rules(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("rules"));
  if (!parsed.ok()) return usage_error("rules", parsed.error().message);
  const Args& args = parsed.value();
  if (args.positional.empty()) return usage_error("rules", "say what to do: list, show ID, test PATH... or coverage");
  auto analyzer = api::make_analyzer(check_options(args));
  if (!analyzer.ok()) return print_error(analyzer.error());
  const rules::Catalogue& catalogue = analyzer.value().catalogue;
  const std::string& what = args.positional[0];
  const std::vector<std::string> rest(args.positional.begin() + 1, args.positional.end());
  const std::string format = args.get("--format", "text");
  if (what == "list") return list(catalogue);
  if (what == "show" && rest.size() == 1) return show(catalogue, rest[0]);
  // With --rules, the rules under test are the user's: the built-in ones have their own cases.
  const size_t first = args.all("--rules").empty() ? 0 : rules::Catalogue::builtin().rules().size();
  if (what == "test" && !rest.empty()) return test(catalogue, analyzer.value().params, rest, args.has("--complete"), first);
  if (what == "coverage") {
    const auto* f = report::find_format(report::coverage_formats(), format);
    if (!f) {
      std::vector<std::string> names;
      for (const auto& x : report::coverage_formats()) names.emplace_back(x.name);
      auto near = text::closest(format, names);
      return usage_error("rules", "--format must be " + report::format_names(report::coverage_formats()) +
                                      (near ? "; did you mean '" + *near + "'?" : ""));
    }
    StreamWriter out(stdout);
    f->render(rules::coverage(catalogue), out);
    return kExitOk;
  }
  auto near = text::closest(what, {"list", "show", "test", "coverage"});
  return usage_error("rules", "unknown or incomplete subcommand '" + what + "'; expected list, show ID, test PATH... or coverage" +
                                  (near && *near != what ? "; did you mean '" + *near + "'?" : ""));
}

}  // namespace seam::cli
