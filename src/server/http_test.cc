#include "server/http.h"

#include <gtest/gtest.h>

#include "server/metrics.h"

namespace seam::server {
namespace {

httplib::Request with_header(const char* name, const char* value) {
  httplib::Request r;
  r.headers.emplace(name, value);
  return r;
}

TEST(Precondition, IfMatchNamesARevisionAndIfNoneMatchStarCreates) {
  EXPECT_FALSE(precondition(httplib::Request()).given);
  auto m = precondition(with_header("If-Match", "\"r42\""));
  EXPECT_TRUE(m.given);
  EXPECT_FALSE(m.malformed);
  EXPECT_EQ(m.expected, 42);
  EXPECT_EQ(precondition(with_header("If-Match", "W/\"r7\"")).expected, 7);
  auto create = precondition(with_header("If-None-Match", "*"));
  EXPECT_TRUE(create.given);
  EXPECT_FALSE(create.expected.has_value());
  for (const char* bad : {"r42", "\"x42\"", "\"r\"", "\"r4a\"", "\"r99999999999999999999999\"", "*"})
    EXPECT_TRUE(precondition(with_header("If-Match", bad)).malformed) << bad;
  EXPECT_EQ(etag_of(42), "\"r42\"");
}

TEST(Metrics, RoutesHidePathValuesAndCountEveryRequest) {
  EXPECT_EQ(route_of("/api/v1/projects/turbine/descriptors/trained_model"), "/api/v1/projects/{project}/descriptors/{descriptor}");
  EXPECT_EQ(route_of("/api/v1/projects/turbine/revisions/17/diff"), "/api/v1/projects/{project}/revisions/{id}/diff");
  EXPECT_EQ(route_of("/api/v1/projects/p/members/alice"), "/api/v1/projects/{project}/members/{user}");
  EXPECT_EQ(route_of("/healthz"), "/healthz");
  EXPECT_EQ(route_of("/etc/passwd"), "other");
  Metrics m;
  m.record("/healthz", 200, 0.0003);
  m.record("/healthz", 200, 0.2);
  const std::string text = m.render(3, 1, 2);
  EXPECT_NE(text.find("seam_http_requests_total{route=\"/healthz\",status=\"200\"} 2"), std::string::npos);
  EXPECT_NE(text.find("seam_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.0005\"} 1"), std::string::npos);
  EXPECT_NE(text.find("seam_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 2"), std::string::npos);
  EXPECT_NE(text.find("seam_analysis_cache_hits_total 3"), std::string::npos);
  EXPECT_NE(text.find("\nseam_event_streams 2\n"), std::string::npos);
}

}  // namespace
}  // namespace seam::server
