// A small HTTP load generator for bench/server-bench: N keep-alive clients send the same
// request as fast as they can for a fixed time, and the latencies of every reply are kept
// to report throughput and percentiles. Loopback only: it refuses other hosts.
//
//   seam-http-load PORT PATH CLIENTS SECONDS [HEADER: VALUE]... [--put BODYFILE]
// prints one JSON line: {"requests", "errors", "seconds", "rps", "p50_ms", "p99_ms", "max_ms"}
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: seam-http-load PORT PATH CLIENTS SECONDS [HEADER: VALUE]...\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string path = argv[2];
  const int clients = std::atoi(argv[3]);
  const double seconds = std::atof(argv[4]);
  httplib::Headers headers;
  for (int i = 5; i < argc; ++i) {
    std::string h = argv[i];
    const size_t colon = h.find(": ");
    if (colon != std::string::npos) headers.emplace(h.substr(0, colon), h.substr(colon + 2));
  }
  using Clock = std::chrono::steady_clock;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<long> errors{0};
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      while (Clock::now() < end) {
        const auto t0 = Clock::now();
        auto res = client.Get(path, headers);
        const auto t1 = Clock::now();
        if (!res || res->status != 200) ++errors;
        else latencies[c].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
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
