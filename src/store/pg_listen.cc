// Change events from PostgreSQL: LISTEN on a connection of one's own, read by a thread that
// waits on that connection's socket and on a pipe that tells it to stop. Waiting on the pipe
// rather than polling with a timeout ends a subscription at once, not after a tick.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include "store/events.h"
#include "store/libpq.h"
#include "store/pg_store.h"

namespace seam::store {
namespace {

constexpr int kRetryMs = 1000;  // between attempts to reconnect

void ignore_notice(void*, const char*) {}

std::string message_of(PGconn* c) {
  std::string s = c ? pq().PQerrorMessage(c) : "out of memory";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// A connection that LISTENs on the change channel.
Result<PGconn*> listen_connection(const std::string& url) {
  // TCP keepalives notice a server that vanished without closing the connection (on a Unix
  // socket the kernel tells at once). The URL comes last, so that its own settings win.
  const char* keys[] = {"keepalives_idle", "keepalives_interval", "keepalives_count", "connect_timeout",
                        "client_encoding", "dbname", nullptr};
  const char* values[] = {"30", "10", "3", "10", "UTF8", url.c_str(), nullptr};
  if (auto lib = load_libpq(); !lib.ok()) return std::move(lib).take_error();
  PGconn* c = pq().PQconnectdbParams(keys, values, 1);
  if (!c || pq().PQstatus(c) != CONNECTION_OK) {
    // The URL is not repeated in the message: it may hold a password.
    Error e = Error::io("cannot connect to PostgreSQL to listen for changes: " + message_of(c));
    pq().PQfinish(c);
    return e;
  }
  pq().PQsetNoticeProcessor(c, ignore_notice, nullptr);
  PGresult* r = pq().PQexec(c, (std::string("LISTEN ") + kChangeChannel).c_str());
  const bool ok = pq().PQresultStatus(r) == PGRES_COMMAND_OK;
  pq().PQclear(r);
  if (ok) return c;
  Error e = Error::io("PostgreSQL: cannot LISTEN for changes: " + message_of(c));
  pq().PQfinish(c);
  return e;
}

class PgListener final : public Subscription {
 public:
  PgListener(std::string url, ChangeListener listener, PGconn* conn, const int wake[2])
      : url_(std::move(url)), listener_(std::move(listener)), wake_{wake[0], wake[1]}, thread_([this, conn] { run(conn); }) {}

  ~PgListener() override {
    const char stop = 1;
    while (write(wake_[1], &stop, 1) < 0 && errno == EINTR) {
    }
    thread_.join();
    close(wake_[0]);
    close(wake_[1]);
  }

 private:
  void run(PGconn* c) {
    for (;;) {
      const bool stopping = read_until_lost(c);
      pq().PQfinish(c);
      if (stopping) return;
      for (c = nullptr; !c;) {
        if (stop_within(kRetryMs)) return;
        auto next = listen_connection(url_);
        if (next.ok()) c = next.value();
      }
      listener_(ChangeEvent{});  // a gap: changes made while disconnected were not heard
    }
  }

  // Delivers notifications until told to stop (true) or the connection is lost (false).
  bool read_until_lost(PGconn* c) {
    for (;;) {
      pollfd fds[2] = {{pq().PQsocket(c), POLLIN, 0}, {wake_[0], POLLIN, 0}};
      const int n = poll(fds, 2, -1);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return false;
      if (fds[1].revents) return true;
      if (!pq().PQconsumeInput(c)) return false;
      while (PGnotify* note = pq().PQnotifies(c)) {
        if (auto e = event_from_payload(note->extra)) listener_(*e);
        pq().PQfreemem(note);
      }
      if (pq().PQstatus(c) != CONNECTION_OK) return false;
    }
  }

  bool stop_within(int ms) {
    pollfd p{wake_[0], POLLIN, 0};
    return poll(&p, 1, ms) > 0;
  }

  std::string url_;
  ChangeListener listener_;
  int wake_[2];
  std::thread thread_;  // last: it starts once the rest is built
};

}  // namespace

Result<std::unique_ptr<Subscription>> pg_listen(const std::string& url, ChangeListener listener) {
  // Connected and listening before it returns, so no write committed afterwards is missed.
  auto conn = listen_connection(url);
  if (!conn.ok()) return std::move(conn).take_error();
  int wake[2];
  if (pipe2(wake, O_CLOEXEC) != 0) {
    pq().PQfinish(conn.value());
    return Error::io("cannot make a pipe for the change listener");
  }
  return std::unique_ptr<Subscription>(std::make_unique<PgListener>(url, std::move(listener), conn.value(), wake));
}

}  // namespace seam::store
