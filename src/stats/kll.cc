#include "stats/kll.h"

#include "stats/sort.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <utility>

namespace seam::stats {
namespace {

constexpr int kMinK = 8, kMaxK = 65535;
constexpr size_t kMinWidth = 8;  // no level is made smaller than this, as in the paper's m
constexpr size_t kMaxLevels = 61;  // weights 2^h stay exact in uint64_t and double
constexpr double kConfidence = 0.99;

// SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijection whose output bits each
// depend on all input bits.
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

KllSketch::KllSketch(int k) : k_(std::clamp(k, kMinK, kMaxK)), coin_state_(0x5EA3C0FFEE5EEDULL) {
  set_height(1);  // level 0 grows as values come: a column with few values costs little
}

// Level h of H levels holds about k (2/3)^(H-1-h) values: the top level k, lower levels
// geometrically fewer (KLL's c = 2/3). Integer arithmetic, so that every platform compacts
// at the same moments and sketches are reproducible.
void KllSketch::set_height(size_t height) {
  levels_.resize(height);
  caps_.resize(height);
  capacity_ = 0;
  uint64_t num = static_cast<uint64_t>(k_), den = 1;  // k (2/3)^depth = num / den
  for (size_t depth = 0; depth < height; ++depth) {
    const uint64_t cap = depth > 30 ? 0 : (num + den - 1) / den;  // (2/3)^31 * 65535 < 8
    caps_[height - 1 - depth] = static_cast<uint32_t>(std::max<uint64_t>(kMinWidth, cap));
    capacity_ += caps_[height - 1 - depth];
    num *= depth < 30 ? 2 : 1;
    den *= depth < 30 ? 3 : 1;
  }
}

void KllSketch::add_batch(std::span<double> values) {
  if (values.empty()) return;
  sort_doubles(values);
  min_ = std::min(min_, values.front());
  max_ = std::max(max_, values.back());
  n_ += values.size();
  // Level 0 is normally unsorted; after a batch it is one sorted run, and the compaction
  // that follows need not sort it again.
  std::vector<double>& level0 = levels_[0];
  const bool was_sorted = level0.size() <= 1;  // compactions leave at most one value behind
  const auto mid = static_cast<std::ptrdiff_t>(level0.size());
  level0.insert(level0.end(), values.begin(), values.end());
  if (was_sorted) std::inplace_merge(level0.begin(), level0.begin() + mid, level0.end());
  level0_sorted_ = was_sorted;
  retained_ += values.size();
  if (retained_ >= capacity_) compress();
}

// Compacts the lowest level at or over its capacity until the sketch is under its total
// capacity. Such a level exists whenever the total is reached.
void KllSketch::compress() {
  while (retained_ >= capacity_) {
    size_t h = 0;
    while (levels_[h].size() < caps_[h]) ++h;
    if (h + 1 == levels_.size()) set_height(levels_.size() + 1);
    compact(h);
  }
}

// Promotes every other value of level h, from a random offset, to level h + 1 at twice
// the weight. Levels above 0 are kept sorted, so only level 0 is ever sorted here; the
// survivors are merged into level h + 1. With an odd count the largest value stays behind.
void KllSketch::compact(size_t h) {
  std::vector<double>& src = levels_[h];
  if (h == 0 && !level0_sorted_) std::sort(src.begin(), src.end());
  if (h == 0) level0_sorted_ = false;  // what remains (at most one value) is appended to
  const size_t even = src.size() & ~size_t{1};
  // The coin comes from a fixed-seed generator, so results are reproducible, stirred with
  // the run's end values: shards built from the same seed would otherwise flip the same
  // coins, their errors would be correlated, and a merge of them would add errors
  // linearly instead of in quadrature.
  coin_state_ = mix64(coin_state_ + 0x9E3779B97F4A7C15ULL + std::bit_cast<uint64_t>(src[0]) +
                      std::rotl(std::bit_cast<uint64_t>(src[even - 1]), 29));
  const double* survivors = src.data() + (coin_state_ >> 63);  // survivors[2 * i]
  std::vector<double>& dst = levels_[h + 1];
  // Merge from the back, into the space appended to dst: no buffer needed.
  size_t i = dst.size(), j = even / 2, out = i + j;
  dst.resize(out);
  while (j > 0) {
    const double s = survivors[2 * (j - 1)];
    if (i > 0 && dst[i - 1] > s) {
      dst[--out] = dst[--i];
    } else {
      dst[--out] = s;
      --j;
    }
  }
  src.erase(src.begin(), src.begin() + static_cast<std::ptrdiff_t>(even));
  retained_ -= even / 2;
  weight_sq_ += std::ldexp(1.0, 2 * static_cast<int>(h));  // this compaction's (2^h)^2
}

Status KllSketch::merge(const KllSketch& o) {
  if (o.k_ != k_) {
    return Error::invalid("cannot merge KLL sketches with k " + std::to_string(k_) + " and " +
                          std::to_string(o.k_));
  }
  if (this == &o) return merge(KllSketch(o));
  if (o.n_ == 0) return Ok{};
  if (levels_.size() < o.levels_.size()) set_height(o.levels_.size());
  for (size_t h = 0; h < o.levels_.size(); ++h) {
    std::vector<double>& level = levels_[h];
    const auto mid = static_cast<std::ptrdiff_t>(level.size());
    level.insert(level.end(), o.levels_[h].begin(), o.levels_[h].end());
    if (h > 0) std::inplace_merge(level.begin(), level.begin() + mid, level.end());
  }
  n_ += o.n_;
  retained_ += o.retained_;
  weight_sq_ += o.weight_sq_;  // the other's compactions are errors of the merged sketch too
  min_ = std::min(min_, o.min_);
  max_ = std::max(max_, o.max_);
  level0_sorted_ = false;  // the other sketch's level 0 was appended unsorted
  compress();
  return Ok{};
}

double KllSketch::min() const { return n_ == 0 ? std::nan("") : min_; }
double KllSketch::max() const { return n_ == 0 ? std::nan("") : max_; }

double KllSketch::quantile(double q) const {
  if (n_ == 0 || std::isnan(q)) return std::nan("");
  if (q <= 0) return min_;
  if (q >= 1) return max_;
  const auto all = items();
  // The wanted rank is ceil(q n); the tolerance stops q n = 7.000000000000001 asking for 8.
  const double target = q * static_cast<double>(n_);
  const double wanted = std::max(1.0, std::ceil(target - target * 1e-12));
  uint64_t rank = 0;
  for (const auto& [v, w] : all) {
    rank += w;
    if (static_cast<double>(rank) >= wanted) return v;
  }
  return max_;
}

double KllSketch::cdf(double x) const {
  if (n_ == 0 || std::isnan(x)) return std::nan("");
  if (x < min_) return 0;
  if (x >= max_) return 1;
  uint64_t rank = 0;
  for (size_t h = 0; h < levels_.size(); ++h) {
    for (double v : levels_[h]) rank += v <= x ? uint64_t{1} << h : 0;
  }
  return static_cast<double>(rank) / static_cast<double>(n_);
}

// The bound, derived for this implementation (after the analysis in KLL section 3):
//
// Compacting a sorted run of weight-w values keeps every other one at weight 2w. For a
// query x, if an even number of the run's values are <= x the estimated rank of x is
// unchanged; if odd, it moves by +w or -w on the coin. So the rank error of any fixed
// query is a sum of terms w_i X_i, one per compaction, with X_i in [-1, 1] and zero mean
// given the past (taking the hashed coin as fair and independent of the run). Which levels
// are compacted, and when, depends only on level sizes, never on coins or values, so the
// w_i are fixed in advance. Azuma-Hoeffding then gives
//   P(|error| >= t) <= 2 exp(-t^2 / (2 S)),   S = sum_i w_i^2,
// so with probability >= 1 - delta: |error| / n <= sqrt(2 S ln(2 / delta)) / n. A merge adds
// no other kind of error: the merged sketch's S is the sum of both S plus its own
// compactions, and the argument above holds for the union of the inputs.
//
// The sketch counts S as it compacts (compaction_weight, kept in profiles). A sketch read
// without it bounds S from the retained state alone: values leave a level only by
// compaction, half of them promoted: with r_h values retained at level h, the values
// compacted at level h number exactly C_h = 2 E_{h+1}, where E_h = r_h + C_h is the number
// that ever entered level h (the top level is never compacted: E_top = r_top). A compaction
// at level h takes at least 2 floor(c_h / 2) values, c_h being the level's capacity at the
// current height (capacities only shrink as levels are added, and merged sketches are never
// taller). So level h saw at most m_h = floor(C_h / (2 floor(c_h / 2))) compactions of
// weight 2^h, and S <= sum_h m_h 4^h: about three times the counted S, since lazy
// compaction takes about three times the fewest values.
double KllSketch::variance_term() const {
  double s = 0;
  uint64_t entered = levels_.back().size();  // E_{h+1}, starting from the top
  for (size_t h = levels_.size() - 1; h-- > 0;) {
    const uint64_t compacted = 2 * entered;
    const uint64_t per_compaction = caps_[h] & ~uint32_t{1};
    const double weight = std::ldexp(1.0, static_cast<int>(h));
    const uint64_t compactions = compacted / per_compaction;  // the floor in m_h above
    s += static_cast<double>(compactions) * weight * weight;
    entered = levels_[h].size() + compacted;
  }
  return std::isnan(weight_sq_) ? s : std::min(s, weight_sq_);
}

double KllSketch::normalized_rank_error() const {
  if (exact()) return 0;
  const double delta = 1 - kConfidence;
  return std::sqrt(2 * variance_term() * std::log(2 / delta)) / static_cast<double>(n_);
}

// Every query at once, by a net: let z_j be the values of true rank ceil(j n / M), j = 1..M.
// Any x lies between two of them, z_j <= x < z_{j+1}, and as both ranks are monotone,
//   err(x) <= err(< z_{j+1}) + (rank(< z_{j+1}) - rank(z_j)) <= err(< z_{j+1}) + n / M
// and likewise from below with err(z_j); the same holds for "< x" queries. So the largest
// error anywhere is at most the largest over these 2M fixed queries plus n / M, and the
// union bound over them gives, with probability >= 1 - delta,
//   sup |error| / n <= sqrt(2 S ln(4 M / delta)) / n + 1 / M.
// M depends only on S and n, never on coins; it is chosen to make the bound smallest.
double KllSketch::uniform_rank_error(double delta) const {
  if (exact()) return 0;
  const double s = variance_term(), n = static_cast<double>(n_);
  double best = 1;
  for (double m = 16; m <= 1 << 24; m *= 2) best = std::min(best, std::sqrt(2 * s * std::log(4 * m / delta)) / n + 1 / m);
  return best;
}

std::vector<std::pair<double, uint64_t>> KllSketch::items() const {
  std::vector<std::pair<double, uint64_t>> out;
  out.reserve(retained_);
  for (size_t h = 0; h < levels_.size(); ++h)
    for (double v : levels_[h]) out.emplace_back(v, uint64_t{1} << h);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::vector<double>> KllSketch::levels() const {
  std::vector<std::vector<double>> out = levels_;
  std::sort(out[0].begin(), out[0].end());  // the others are sorted already
  return out;
}

Result<KllSketch> KllSketch::from_levels(int k, uint64_t n, double min, double max,
                                         std::vector<std::vector<double>> levels, double compaction_weight) {
  if (k < kMinK || k > kMaxK) {
    return Error::invalid("KLL k " + std::to_string(k) + " is not in 8..65535");
  }
  while (levels.size() > 1 && levels.back().empty()) levels.pop_back();
  if (levels.size() > kMaxLevels) return Error::invalid("KLL sketch has too many levels");
  if (n > 0 && !(std::isfinite(min) && std::isfinite(max) && min <= max)) {
    return Error::invalid("KLL min and max must be finite with min <= max");
  }
  uint64_t weight = 0;
  size_t retained = 0;
  for (size_t h = 0; h < levels.size(); ++h) {
    for (double v : levels[h]) {
      if (!(v >= min && v <= max)) return Error::invalid("KLL value outside [min, max]");
    }
    std::sort(levels[h].begin(), levels[h].end());  // levels above 0 are kept sorted
    if (levels[h].size() > ((UINT64_MAX - weight) >> h)) {
      return Error::invalid("KLL level weights overflow");
    }
    weight += static_cast<uint64_t>(levels[h].size()) << h;
    retained += levels[h].size();
  }
  if (!std::isnan(compaction_weight) && !(compaction_weight >= 0 && std::isfinite(compaction_weight))) {
    return Error::invalid("KLL compaction weight must be a finite number >= 0");
  }
  if (weight != n) {
    return Error::invalid("KLL levels weigh " + std::to_string(weight) + " but n is " +
                          std::to_string(n));
  }
  KllSketch s(k);
  if (n == 0) return s;
  s.n_ = n;
  s.min_ = min;
  s.max_ = max;
  s.levels_ = std::move(levels);
  s.retained_ = retained;
  s.weight_sq_ = s.levels_.size() == 1 ? 0 : compaction_weight;  // an exact sketch never compacted
  s.set_height(s.levels_.size());
  s.compress();  // only a sketch not written by this class can be over capacity
  return s;
}

}  // namespace seam::stats
