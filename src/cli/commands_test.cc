// The command table against the parsers: `seam help CMD` must name every option the
// command accepts, and nothing it does not.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "cli/command.h"

namespace seam::cli {
namespace {

// The options a command's usage and help name: "--word" and "-o" tokens.
std::set<std::string> named_options(const Command& c) {
  const std::string text = std::string(c.usage) + "\n" + c.help;
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
  for (const auto& [name, spec] : {std::pair{"drift", &drift_spec()}, std::pair{"profile", &profile_spec()}}) {
    const Command* c = find_command(name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(named_options(*c), accepted(*spec)) << name;
  }
}

}  // namespace
}  // namespace seam::cli
