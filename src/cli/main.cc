// seam: finds ML mismatches before they ship. This file is the thin entry point: it picks
// a subcommand from the table in commands.cc and hands it the remaining arguments.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "util/version.h"

int main(int argc, char** argv) {
  using namespace seam::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return print_help({}), kExitError;
  const std::string name = args.front();
  args.erase(args.begin());
  if (name == "--version" || name == "-V" || name == "version") {
    std::printf("seam %s\ndescriptor formats read: %s (TEC format; older versions are upgraded in memory)\n",
                seam::kVersion, known_versions().c_str());
    return kExitOk;
  }
  if (name == "--help" || name == "-h") return print_help(args);
  if (const Command* cmd = find_command(name)) {
    // --help and -h anywhere among a command's options (before "--") show its help, for
    // subcommands too: `seam trl status -h`.
    for (const auto& a : args) {
      if (a == "--") break;
      if (a == "--help" || a == "-h") return print_help({name});
    }
    return cmd->run(args);
  }

  std::fprintf(stderr, "seam: unknown command '%s'%s\nRun 'seam help' for the list of commands.\n", name.c_str(),
               command_hint(name).c_str());
  return kExitError;
}
