// The entry point of libseam-server.so (see server_module.h). The module holds the command
// table too, and there the server commands' run functions are the real ones.
#include "cli/command.h"
#include "cli/server_module.h"

extern "C" __attribute__((visibility("default"))) int seam_server_command(const char* name,
                                                                           const std::vector<std::string>* args) {
  const seam::cli::Command* cmd = seam::cli::find_command(name);
  return cmd ? cmd->run(*args) : -1;
}
