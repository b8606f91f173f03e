// The seam binary's side of server_module.h: the server commands of the table open the
// module and run the command there.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli/command.h"
#include "cli/server_module.h"

#ifndef SEAM_LIBDIR
#define SEAM_LIBDIR "lib"  // CMake passes CMAKE_INSTALL_LIBDIR
#endif

namespace seam::cli {

namespace {

int run_in_module(const char* name, const std::vector<std::string>& args) {
  // Beside the binary in a build tree; under lib/seam once installed, found relative to the
  // binary so that an installation can be moved.
  const std::string dir = binary_dir();
  std::string tried, why;
  const std::string installed = dir + "/../" + std::string(SEAM_LIBDIR) + "/seam/libseam-server.so";
  for (const std::string& path : {dir + "/libseam-server.so", installed}) {
    void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!module) {
      tried += (tried.empty() ? "" : ", ") + path;
      if (::access(path.c_str(), F_OK) == 0) why = std::string(": ") + ::dlerror();
      continue;
    }
    auto* run = reinterpret_cast<decltype(&seam_server_command)>(::dlsym(module, "seam_server_command"));
    if (run) return run(name, &args);
    tried += (tried.empty() ? "" : ", ") + path;
    why = ": it has no seam_server_command";
  }
  std::fprintf(stderr, "seam %s: the server commands are in libseam-server.so, which could not be loaded (tried %s)%s; "
               "reinstall seam\n", name, tried.c_str(), why.c_str());
  return kExitError;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) { return run_in_module("serve", args); }
int run_admin(const std::vector<std::string>& args) { return run_in_module("admin", args); }
int run_push(const std::vector<std::string>& args) { return run_in_module("push", args); }
int run_pull(const std::vector<std::string>& args) { return run_in_module("pull", args); }
int run_log(const std::vector<std::string>& args) { return run_in_module("log", args); }
int run_monitor(const std::vector<std::string>& args) { return run_in_module("monitor", args); }

}  // namespace seam::cli
