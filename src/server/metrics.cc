#include "server/metrics.h"

#include <cstdio>
#include <vector>

namespace seam::server {
namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

std::string route_of(const std::string& path) {
  if (path.rfind("/api/", 0) != 0) return path == "/healthz" || path == "/readyz" || path == "/metrics" ? path : "other";
  static const std::map<std::string, std::string> placeholder = {
      {"projects", "{project}"}, {"descriptors", "{descriptor}"}, {"members", "{user}"}};
  const auto parts = split(path);
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string part = parts[i];
    if (all_digits(part)) part = "{id}";
    else if (i > 0) {
      auto it = placeholder.find(parts[i - 1]);
      if (it != placeholder.end()) part = it->second;
    }
    out += "/" + part;
  }
  return out;
}

void Metrics::record(const std::string& path, int status, double seconds) {
  const std::string route = route_of(path);
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  Latency& l = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++l.below[i];
  ++l.count;
  l.sum += seconds;
}

std::string Metrics::render(uint64_t cache_hits, uint64_t cache_misses, size_t event_streams) const {
  std::string out;
  out += "# HELP seam_http_requests_total HTTP requests by route and status.\n# TYPE seam_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [key, n] : requests_)
    out += "seam_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  out += "# HELP seam_http_request_duration_seconds Time to answer a request.\n# TYPE seam_http_request_duration_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    const std::string name = "seam_http_request_duration_seconds";
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += name + "_bucket{route=\"" + route + "\",le=\"" + number(kBuckets[i]) + "\"} " + std::to_string(l.below[i]) + "\n";
    out += name + "_bucket{route=\"" + route + "\",le=\"+Inf\"} " + std::to_string(l.count) + "\n";
    out += name + "_sum{route=\"" + route + "\"} " + number(l.sum) + "\n";
    out += name + "_count{route=\"" + route + "\"} " + std::to_string(l.count) + "\n";
  }
  out += "# HELP seam_analysis_cache_hits_total Findings served from the per-revision cache.\n# TYPE seam_analysis_cache_hits_total counter\n";
  out += "seam_analysis_cache_hits_total " + std::to_string(cache_hits) + "\n";
  out += "# HELP seam_analysis_cache_misses_total Findings that had to be computed.\n# TYPE seam_analysis_cache_misses_total counter\n";
  out += "seam_analysis_cache_misses_total " + std::to_string(cache_misses) + "\n";
  out += "# HELP seam_database_errors_total Requests the database could not answer.\n# TYPE seam_database_errors_total counter\n";
  out += "seam_database_errors_total " + std::to_string(database_errors_.load()) + "\n";
  out += "# HELP seam_event_streams Event streams open now.\n# TYPE seam_event_streams gauge\n";
  out += "seam_event_streams " + std::to_string(event_streams) + "\n";
  return out;
}

}  // namespace seam::server
