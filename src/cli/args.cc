#include "cli/args.h"

#include <cstdio>

#include "cli/command.h"
#include "util/text.h"

namespace seam::cli {

std::string Args::get(const std::string& option, const std::string& fallback) const {
  auto it = options.find(option);
  return it == options.end() ? fallback : it->second;
}

std::vector<std::string> Args::all(const std::string& option) const {
  auto it = repeated.find(option);
  return it == repeated.end() ? std::vector<std::string>{} : it->second;
}

Result<Args> parse_args(const std::vector<std::string>& argv, const ArgSpec& spec) {
  Args out;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      out.positional.insert(out.positional.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
      break;
    }
    if (a.size() < 2 || a[0] != '-') {
      out.positional.push_back(a);
      continue;
    }
    const auto eq = a.find('=');
    const std::string name = a.substr(0, eq);
    if (spec.flags.count(name) && eq == std::string::npos) {
      out.flags.insert(name);
    } else if (spec.options.count(name)) {
      if (eq != std::string::npos) out.options[name] = a.substr(eq + 1);
      else if (i + 1 < argv.size()) out.options[name] = argv[++i];
      else return Error::usage("option " + name + " needs a value");
      out.repeated[name].push_back(out.options[name]);
    } else {
      std::vector<std::string> known(spec.flags.begin(), spec.flags.end());
      known.insert(known.end(), spec.options.begin(), spec.options.end());
      std::string msg = "unknown option '" + name + "'";
      if (auto guess = text::closest(name, known)) msg += "; did you mean '" + *guess + "'?";
      return Error::usage(msg);
    }
  }
  return out;
}

int usage_error(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "seam %s: %s\nRun 'seam help %s' for usage.\n", command.c_str(), message.c_str(),
               command.c_str());
  return kExitError;
}

}  // namespace seam::cli
