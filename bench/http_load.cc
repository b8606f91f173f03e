// A small HTTP load generator for bench/server-bench: N keep-alive clients send the same GET
// as fast as they can for a fixed time, and the latency of every reply is kept to report
// throughput and percentiles. Loopback only: it connects to 127.0.0.1 and nothing else.
//
//   seam-http-load PORT PATH CLIENTS SECONDS [HEADER: VALUE]...
// prints one JSON line: {"requests", "errors", "seconds", "rps", "p50_ms", "p99_ms", "max_ms"}
//
// Each client is one thread with one blocking socket: one send() per request and as few
// recv() calls as the reply needs. The clients share the machine with the server under test,
// so a client that polls before every call (as general-purpose HTTP libraries do) takes CPU
// from the server and measures the client instead.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

int connect_loopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Reads one reply with a Content-Length body; returns its status, or -1 when the connection
// failed or the reply was not one this tool understands (chunked, say).
int read_reply(int fd, std::string& buf) {
  buf.clear();
  size_t header_end = std::string::npos, total = 0;
  char chunk[65536];
  for (;;) {
    if (header_end == std::string::npos) {
      header_end = buf.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::string head = buf.substr(0, header_end);
        for (auto& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const size_t cl = head.find("\r\ncontent-length:");
        if (cl == std::string::npos) return -1;
        total = header_end + 4 + std::strtoul(head.c_str() + cl + 17, nullptr, 10);
      }
    }
    if (header_end != std::string::npos && buf.size() >= total) break;
    const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return -1;
    buf.append(chunk, static_cast<size_t>(n));
  }
  return buf.size() > 12 ? std::atoi(buf.c_str() + 9) : -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: seam-http-load PORT PATH CLIENTS SECONDS [HEADER: VALUE]...\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int clients = std::atoi(argv[3]);
  const double seconds = std::atof(argv[4]);
  std::string request = std::string("GET ") + argv[2] + " HTTP/1.1\r\nHost: 127.0.0.1:" + argv[1] + "\r\n";
  for (int i = 5; i < argc; ++i) request += std::string(argv[i]) + "\r\n";
  request += "\r\n";

  using Clock = std::chrono::steady_clock;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<long> errors{0};
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      int fd = -1;
      std::string reply;
      while (Clock::now() < end) {
        const auto t0 = Clock::now();
        if (fd < 0) fd = connect_loopback(port);
        const bool sent = fd >= 0 && send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size());
        const int status = sent ? read_reply(fd, reply) : -1;
        const auto t1 = Clock::now();
        if (status != 200) {
          ++errors;
          if (fd >= 0) close(fd);
          fd = -1;  // reconnect, as a client library would
          continue;
        }
        latencies[c].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        // The server says when it closes the connection after this reply (its keep-alive limit).
        const size_t head = reply.find("\r\n\r\n");
        std::string h = reply.substr(0, head);
        for (auto& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (h.find("\r\nconnection: close") != std::string::npos) close(fd), fd = -1;
      }
      if (fd >= 0) close(fd);
    });
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))]; };
  std::printf("{\"requests\": %zu, \"errors\": %ld, \"seconds\": %.3f, \"rps\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}\n",
              all.size(), errors.load(), elapsed, all.size() / elapsed, pct(0.50), pct(0.99), all.empty() ? 0.0 : all.back());
  return errors.load() && all.empty() ? 1 : 0;
}
