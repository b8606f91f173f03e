// Counters for /metrics, in Prometheus' text format: requests by route and status, request
// latency by route, analysis cache hits and misses, database errors and open event streams.
//
// Thread safety: record() and render() may be called from any thread at once.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace seam::server {

// "/api/v1/projects/turbine/descriptors/trained_model" -> "/api/v1/projects/{project}/descriptors/{descriptor}",
// so that label values stay few whatever the names in requests.
std::string route_of(const std::string& path);

class Metrics {
 public:
  void record(const std::string& path, int status, double seconds);
  // The database could not answer (a 503 was sent).
  static void database_error() { database_errors_.fetch_add(1, std::memory_order_relaxed); }
  std::string render(uint64_t cache_hits, uint64_t cache_misses, size_t event_streams) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
  struct Latency {
    std::array<uint64_t, kBuckets.size()> below{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Latency> latency_;
  static inline std::atomic<uint64_t> database_errors_{0};
};

}  // namespace seam::server
