// seam profile --dask: profiling on a Dask cluster runs in Python, where Dask is, through the
// seam package's helper. This side finds the package, passes the options on, and waits.
#include <glob.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/command.h"
#include "report/profile_descriptor.h"
#include "stats/profile.h"

extern char** environ;

namespace seam::cli {

std::string binary_dir() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  const std::string path(buf, static_cast<size_t>(n));
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

namespace {

// The directory holding the seam package: build/python beside a built binary, or
// lib/python3.X/dist-packages under an installed one (found from the binary, so that an
// installation can be moved); "" when neither has it.
std::string package_dir() {
  const std::string dir = binary_dir();
  std::vector<std::string> candidates{dir + "/python"};
  glob_t g;
  if (::glob((dir + "/../lib/python3*/dist-packages").c_str(), 0, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) candidates.emplace_back(g.gl_pathv[i]);
    ::globfree(&g);
  }
  for (const auto& c : candidates)
    if (::access((c + "/seam/dask.py").c_str(), R_OK) == 0) return c;
  return {};
}

// Runs argv with PYTHONPATH starting at `path`; the child's exit code, or kExitError.
int run_child(const std::vector<std::string>& argv, const std::string& path) {
  std::vector<std::string> env_strings;
  const char* old = std::getenv("PYTHONPATH");
  std::string python_path = "PYTHONPATH=" + path;
  if (old && *old) python_path.append(":").append(old);
  env_strings.push_back(std::move(python_path));
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "PYTHONPATH=", 11) != 0) env_strings.emplace_back(*e);
  std::vector<char*> args, env;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  for (const auto& e : env_strings) env.push_back(const_cast<char*>(e.c_str()));
  args.push_back(nullptr);
  env.push_back(nullptr);
  pid_t pid = 0;
  if (const int err = ::posix_spawn(&pid, argv[0].c_str(), nullptr, nullptr, args.data(), env.data())) {
    std::fprintf(stderr, "seam profile: cannot run %s: %s\n", argv[0].c_str(), std::strerror(err));
    return kExitError;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : kExitError;
}

}  // namespace

int profile_on_dask(const Args& args) {
  for (const char* local : {"--descriptor", "--threads", "--max-record", "--max-columns"})
    if (args.options.count(local))
      return usage_error("profile", std::string(local) + " applies to profiling on this machine, not with --dask");
  const std::string dir = package_dir();
  if (dir.empty())
    return print_error(Error::io("--dask needs the seam Python package (make install, or make build in a source tree), "
                                 "which is not beside " + binary_dir()));
  const char* python = std::getenv("SEAM_PYTHON");
  std::vector<std::string> argv{python && *python ? python : "/usr/bin/python3", "-m", "seam.dask",
                                "--scheduler", args.get("--dask", ""), "--output", args.get("-o", "-")};
  for (const char* passed : {"--format", "--columns", "--types", "--label", "--sketch-k"})
    if (args.options.count(passed)) argv.insert(argv.end(), {passed, args.get(passed, "")});
  argv.insert(argv.end(), args.positional.begin(), args.positional.end());
  const int code = run_child(argv, dir);
  const std::string out = args.get("-o", "");
  if (code > kExitFindings || out.empty() || out == "-") return code;
  auto p = stats::read_profile(out);  // the summary a local run prints with -o
  if (!p.ok()) return print_error(p.error());
  std::fputs(report::profile_summary(p.value()).c_str(), stdout);
  return code;
}

}  // namespace seam::cli
