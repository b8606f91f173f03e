// The subcommand table: one entry per command drives dispatch, the parsers' options,
// `seam help`, the "did you mean" suggestions, shell completions, man pages and
// docs/cli.md, so none of them can disagree with another.
#pragma once

#include <string>
#include <vector>

#include "cli/args.h"
#include "api/check.h"

namespace seam::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // the input is invalid (or, later, has findings)
inline constexpr int kExitError = 2;     // unreadable input or wrong usage

// How a shell completes a word: a space-separated list of the values, or one of "@file",
// "@dir", "@rule" (a rule id), "@command"; "" when nothing can be offered.
using Completion = const char*;

struct Option {
  const char* name;              // "--format", "-o"
  const char* value = nullptr;   // its metavariable ("FORMAT"); null for a flag
  Completion values = "";
};

struct Subcommand {
  const char* name;
  Completion operands;
};

struct Command {
  const char* name;
  const char* summary;  // one line for the command list
  const char* usage;    // "seam validate [options] PATH..."
  const char* help;     // options and details for `seam help NAME`
  int (*run)(const std::vector<std::string>& args);
  std::vector<Option> options;           // every option the command accepts
  std::vector<Subcommand> subcommands;   // e.g. rules list|show|test|coverage
  Completion operands = "";              // its positional arguments
};

const std::vector<Command>& commands();

// --rules FILE... and --set RULE.PARAM=VALUE..., as check, rules and trl take them.
api::CheckOptions check_options(const Args& args);
// --threads N (1 to 256), or `fallback` when it is not given.
Result<int> threads_option(const Args& args, int fallback);
// Prints an error compiler-style on stderr; a Usage error about a request field names the
// flag that set it. Returns kExitError.
int print_error(const Error& e);
// What print_error prints, for callers that print it later.
std::string error_text(const Error& e);
// A Usage error's message with the flag its field stands for: "--method: ...".
std::string with_flag(const Error& e);
const Command* find_command(const std::string& name);
// The parser's options for a command, from the table.
ArgSpec spec_of(const std::string& command);
// "; did you mean 'X'?" for a mistyped command name, or "" when nothing is close.
std::string command_hint(const std::string& name);

// The directory of the running binary, from /proc (argv[0] may be a bare name on PATH).
std::string binary_dir();
// seam profile --dask ADDRESS FILE...: the profile made on a Dask cluster by the Python
// package's helper (python3 -m seam.dask), which this starts and waits for. Its exit code.
int profile_on_dask(const Args& args);

// Prints `seam help` or, with a name, one command's help. Returns an exit code.
int print_help(const std::vector<std::string>& args);

int run_validate(const std::vector<std::string>& args);
int run_check(const std::vector<std::string>& args);
int run_rules(const std::vector<std::string>& args);
int run_profile(const std::vector<std::string>& args);
int run_drift(const std::vector<std::string>& args);
int run_monitor(const std::vector<std::string>& args);
int run_trl(const std::vector<std::string>& args);
int run_init(const std::vector<std::string>& args);
int run_serve(const std::vector<std::string>& args);
int run_admin(const std::vector<std::string>& args);
int run_push(const std::vector<std::string>& args);
int run_pull(const std::vector<std::string>& args);
int run_log(const std::vector<std::string>& args);
int run_completion(const std::vector<std::string>& args);
int run_manpage(const std::vector<std::string>& args);

// "1.0, 1.1, 1.2": the descriptor format versions seam reads, for --version and the docs.
std::string known_versions();

}  // namespace seam::cli
