// Progress metrics of one component from its review history: how long it stayed at each
// level and how often it switched back. MLTRL reads long stays and frequent switchbacks as
// signs of a bottleneck, so the longest stay is singled out.
//
// Thread safety: pure functions; results own their data.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "trl/trl.h"
#include "util/result.h"

namespace seam::trl {

// One uninterrupted stretch at a level: from the review that entered it to the next review,
// or to today for the level the component holds now.
struct Stay {
  int level = 0;
  std::string from, to;  // YYYY-MM-DD; `to` is today for the current stay
  int64_t days = 0;
  bool current = false;
};

struct SwitchbackCounts {
  int discovery = 0, review = 0, embedded = 0;
  int total = 0;  // also counts switchbacks that name no kind
};

struct Metrics {
  std::string component;
  int level = 0;
  std::string today;
  std::string first_review;  // empty when the card has no reviews, and then no stays
  int64_t total_days = 0;    // first review to today; equals the sum of days_at_level
  std::vector<Stay> stays;   // in date order
  std::array<int64_t, 10> days_at_level{};  // summed over the stays at each level
  std::array<int, 10> stays_at_level{};
  int longest = -1;          // index into stays of the longest (the earliest on a tie); -1 when none
  int graduations = 0;
  SwitchbackCounts switchbacks;
};

// The metrics of `card` as of `today` (YYYY-MM-DD). Fails, located at the date, when a
// review has no valid date, is dated before the review above it, or after today.
Result<Metrics> progress_metrics(const Card& card, const std::string& today);

// The metrics of every component and their totals, as `seam trl metrics` reports them.
struct MetricsSummary {
  std::string today;
  std::vector<Metrics> components;
  std::array<std::string, 10> level_names;  // from the level catalogue
  int graduations = 0;
  SwitchbackCounts switchbacks;             // summed over the components
  std::array<int64_t, 10> days_at_level{};  // summed over the components
  int slowest = -1;  // index into components of the one with the longest single stay; -1 when none
};

// Fails, like progress_metrics, on the first card with a bad review date.
Result<MetricsSummary> summarize_metrics(const Catalogue& levels, const std::vector<Card>& cards, const std::string& today);

// Days from `a` to `b` (both YYYY-MM-DD, proleptic Gregorian); false when either is not a
// valid date.
bool days_between(const std::string& a, const std::string& b, int64_t& days);

}  // namespace seam::trl
