// The entry point of libseam-server.so (see server_module.h).
#include <cstring>

#include "cli/command.h"
#include "cli/server_module.h"

extern "C" __attribute__((visibility("default"))) int seam_server_command(const char* name,
                                                                           const std::vector<std::string>* args) {
  using namespace seam::cli;
  for (auto run : {std::make_pair("serve", run_serve), std::make_pair("admin", run_admin), std::make_pair("push", run_push),
                   std::make_pair("pull", run_pull), std::make_pair("log", run_log)})
    if (std::strcmp(name, run.first) == 0) return run.second(*args);
  return -1;
}
