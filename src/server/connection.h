// The plain-HTTP server: httplib's routing and request parsing over a leaner connection loop.
//
// httplib's own loop polls the socket before every read and every write, asks the kernel for
// both addresses on every request and sends a response's headers and body separately: about a
// dozen system calls for one keep-alive request, which on loopback cost more than serving a
// cached analysis. This loop blocks in recv() with a socket timeout, buffers a response into one
// send() and learns the addresses once per connection: two or three calls per request.
// HTTPS keeps httplib's SSLServer, whose stream does its own buffering through OpenSSL.
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace seam::server {

// httplib listens with a backlog of 5, so a burst of clients connecting at once loses SYNs and
// waits a second for the retry; this raises it to the system's limit once the socket is bound.
void widen_backlog(httplib::Server& http);

class PlainServer : public httplib::Server {
 public:
  // Stops accepting, and ends the connections that are waiting for their next request;
  // a request already being read or answered finishes first.
  void stop_and_wake();

 private:
  bool process_and_close_socket(socket_t sock) override;

  // Whether each open connection is between requests, so that stopping can wake it.
  std::mutex mutex_;
  std::unordered_map<socket_t, std::shared_ptr<std::atomic<bool>>> idle_;
};

}  // namespace seam::server
