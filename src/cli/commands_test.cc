// The command table: the parsers take their options from it, so `seam help CMD` must
// name every option the table gives the command, and nothing else.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "cli/command.h"

namespace seam::cli {
namespace {

// The options a command's usage and help name: "--word" and "-o" tokens, outside quoted
// examples of other commands ('seam admin create-user NAME --admin').
std::set<std::string> named_options(const Command& c) {
  const std::string text = std::regex_replace(std::string(c.usage) + "\n" + c.help, std::regex("'[^'\n]*'"), "");
  static const std::regex option(R"((?:^|[\s\[|])(--?[a-z][a-z0-9-]*))");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

std::set<std::string> accepted(const ArgSpec& spec) {
  std::set<std::string> out(spec.flags.begin(), spec.flags.end());
  out.insert(spec.options.begin(), spec.options.end());
  return out;
}

TEST(CommandTable, HelpNamesExactlyTheOptionsTheParserTakes) {
  for (const auto& c : commands()) EXPECT_EQ(named_options(c), accepted(spec_of(c.name))) << c.name;
}

// Every subcommand appears in the command's usage line.
TEST(CommandTable, UsageNamesEverySubcommand) {
  for (const auto& c : commands())
    for (const auto& sub : c.subcommands)
      EXPECT_TRUE(std::regex_search(c.usage, std::regex(std::string("(^|[ |])") + sub.name + "( |\\||$)"))) << c.name << " " << sub.name;
}

}  // namespace
}  // namespace seam::cli
