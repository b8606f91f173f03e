// A small command-line parser: "--name value", "--name=value", boolean flags and
// positional arguments, with a clear message for anything unknown.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/result.h"

namespace seam::cli {

struct ArgSpec {
  std::set<std::string> flags;    // options without a value, e.g. "--verbose"
  std::set<std::string> options;  // options with a value, e.g. "--format"
};

struct Args {
  std::set<std::string> flags;
  std::map<std::string, std::string> options;  // the last value given
  std::map<std::string, std::vector<std::string>> repeated;  // every value, in order
  std::vector<std::string> positional;

  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::string get(const std::string& option, const std::string& fallback) const;
  std::vector<std::string> all(const std::string& option) const;
};

Result<Args> parse_args(const std::vector<std::string>& argv, const ArgSpec& spec);

// Prints "seam: <message>" and a pointer to the command's help to stderr; returns kExitError.
int usage_error(const std::string& command, const std::string& message);

}  // namespace seam::cli
