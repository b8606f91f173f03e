// The team-server commands (serve, admin, push, pull, log) and seam monitor, whose webhook and
// /metrics speak HTTP, live in a module of their own,
// libseam-server.so, which the seam binary opens only when one of them runs. The module
// brings the HTTP stack, OpenSSL, compression, SQLite and libsodium: loading those in every
// process took 2.3 of the 4 ms that `seam --version` cost, and `seam check` runs once per
// project in CI.
#pragma once

#include <string>
#include <vector>

// The module's one entry point: runs the server command `name` with its arguments, as the
// table's run function would. Returns an exit code; -1 for a name it does not know.
extern "C" int seam_server_command(const char* name, const std::vector<std::string>* args);
