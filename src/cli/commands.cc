#include <cstdio>

#include "cli/command.h"
#include "util/text.h"

namespace seam::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "check descriptor files against the descriptor schemas",
       "seam validate [--format text|json] [--as DESCRIPTOR] [--verbose] PATH...",
       "PATH is a descriptor file or a project directory holding one file per descriptor\n"
       "(system_context.yaml, trained_model.json, ...). Files written in format 1.0 or 1.1\n"
       "are upgraded to 1.2 in memory before they are checked.\n\n"
       "Options:\n"
       "  --format text|json   text: one line per problem with the source line and a caret\n"
       "                       (default); json: a machine-readable report\n"
       "  --as DESCRIPTOR      read files as this descriptor (e.g. trained_model) whatever\n"
       "                       their names are\n"
       "  --verbose            also list valid files, upgrades, and files that are ignored\n\n"
       "Exit status: 0 all valid, 1 some document invalid, 2 a path is unreadable or the\n"
       "usage is wrong.",
       run_validate},
      {"check", "find mismatches and missing information across a project's descriptors",
       "seam check [--format FORMAT] [--rules FILE]... [--fail-on LEVEL] [--set RULE.PARAM=VALUE]... [--batch] DIR",
       "Loads the descriptors in DIR, runs the rule catalogue (rules/*.yaml, built in) and any\n"
       "--rules files over them, and reports each finding with its rule, its place in the\n"
       "mismatch taxonomy and the file, line and field of every offending value. Findings the\n"
       "team accepted are listed in DIR/waivers.yaml.\n\n"
       "Options:\n"
       "  --format FORMAT      text (default), json, markdown, html, sarif or junit\n"
       "  --rules FILE         add the rules in FILE (repeatable)\n"
       "  --fail-on LEVEL      error (default), warning or never: the lowest severity that\n"
       "                       makes the exit status 1\n"
       "  --set RULE.P=VALUE   override parameter P of a rule, e.g. a tolerance (repeatable)\n"
       "  --batch              DIR holds project directories: print one JSON line per project\n\n"
       "Exit status: 0 nothing reaches --fail-on, 1 a finding does (or a document is invalid),\n"
       "2 the project or a rule file cannot be read, or the usage is wrong.",
       run_check},
      {"rules", "list, show, test and map the rule catalogue",
       "seam rules list | show ID | test [--complete] PATH... | coverage [--format text|markdown|json]  [--rules FILE]... [--set RULE.P=VALUE]...",
       "  list              every rule: id, kind, severity, TEC rule, taxonomy subcategory\n"
       "  show ID           one rule in full: taxonomy, message, rationale, the fields it\n"
       "                    reads, its parameters, loops, bindings and condition\n"
       "  test PATH...      run rule test cases (YAML files: a small project per case and\n"
       "                    the items a rule must give on it); exit 1 when a case fails.\n"
       "                    --complete also fails when a rule lacks a case where it fires\n"
       "                    or one where it stays quiet\n"
       "  coverage          the 34 taxonomy subcategories against the rules and\n"
       "                    missing-information checks that cover each\n\n"
       "Options:\n"
       "  --rules FILE      add the rules in FILE to the built-in catalogue (repeatable)\n"
       "  --set R.P=VALUE   override a rule parameter, as for seam check\n"
       "  --format F        coverage only: text (default), markdown or json",
       run_rules},
      {"init", "start a project with a commented template for each descriptor",
       "seam init [--force] DIR",
       "Writes DIR/<descriptor>.yaml for all eight descriptors, creating DIR if needed.\n"
       "Each template lists every field with what it means; fill in what you know.\n\n"
       "Options:\n"
       "  --force   overwrite descriptor files that already exist\n\n"
       "Exit status: 0 written, 2 a file exists (without --force) or cannot be written.",
       run_init},
      {"help", "show the commands, or the help of one command", "seam help [COMMAND]", "", print_help},
  };
  return table;
}

const Command* find_command(const std::string& name) {
  for (const auto& c : commands())
    if (name == c.name) return &c;
  return nullptr;
}

std::string command_hint(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& c : commands()) names.emplace_back(c.name);
  const auto guess = text::closest(name, names);
  return guess ? "; did you mean '" + *guess + "'?" : "";
}

int print_help(const std::vector<std::string>& args) {
  if (!args.empty()) {
    const Command* c = find_command(args.front());
    if (!c) {
      std::fprintf(stderr, "seam help: no command '%s'%s\n", args.front().c_str(), command_hint(args.front()).c_str());
      return kExitError;
    }
    std::printf("usage: %s\n\n%s\n%s%s", c->usage, c->summary, *c->help ? "\n" : "", c->help);
    if (*c->help) std::printf("\n");
    return kExitOk;
  }
  std::printf("seam %s: finds ML mismatches before they ship\n\nusage: seam COMMAND [ARGS]\n\ncommands:\n",
              SEAM_VERSION);
  for (const auto& c : commands()) std::printf("  %-10s %s\n", c.name, c.summary);
  std::printf("\nRun 'seam help COMMAND' for a command's options; 'seam --version' prints the version.\n");
  return kExitOk;
}

}  // namespace seam::cli
