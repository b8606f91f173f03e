// `seam serve`: the team server. HTTP (or HTTPS) over the library and a Store.
//
// Thread safety: run() blocks the calling thread and serves requests from a pool of worker
// threads; stop_on_signal() makes SIGTERM and SIGINT end it after in-flight requests finish.
#pragma once

#include <string>

#include "api/check.h"
#include "server/app.h"
#include "store/store.h"

namespace seam::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (tests)
  std::string tls_cert, tls_key;  // both or neither
  Limits limits;
  bool access_log = true;  // one JSON line per request on stderr
  std::vector<std::string> trusted_proxies;  // addresses whose X-Forwarded-For is believed
  std::string ui_dir;  // serve the web UI from this folder instead of the binary (development)
};

// Serves until SIGTERM or SIGINT. Prints "seam serve: listening on URL" on stderr once the
// socket is bound, so scripts and tests can wait for it. Io error when it cannot listen or
// the TLS files cannot be used.
Status run(store::Store& store, api::Analyzer analyzer, const Options& options);

}  // namespace seam::server
