// KLL quantile sketch (Karnin, Lang, Liberty 2016, "Optimal Quantile Approximation in
// Streams"), with the lazy compaction schedule of Ivkin, Liberty, Lang, Karnin and Braverman
// (2019): a level is compacted only when the whole sketch is full, which keeps updates
// cheap and fills the space. Values are doubles; the caller passes finite values only.
//
// Thread safety: a sketch is a value; one writer at a time, merge sketches built in different threads.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <span>
#include <vector>

#include "util/result.h"

namespace seam::stats {

class KllSketch {
 public:
  // k sets the accuracy (the top level holds about k items); clamped to 8..65535.
  explicit KllSketch(int k = 200);

  // Level 0 is a plain unsorted vector: an update is an append, and the sketch is sorted
  // and compacted only when full (amortised O(1) per value).
  void add(double x) {
    levels_[0].push_back(x);
    level0_sorted_ = false;
    ++n_;
    min_ = x < min_ ? x : min_;
    max_ = x > max_ ? x : max_;
    if (++retained_ >= capacity_) compress();
  }

  // Adds many finite values at once, in any order: the same sketch as adding them one by one
  // up to the coin flips, but level 0 is sorted once per batch (by radix) instead of being
  // compacted a few values at a time. Leaves `values` sorted.
  void add_batch(std::span<double> values);

  Status merge(const KllSketch& o);  // k must match

  uint64_t count() const { return n_; }
  double min() const;  // exact; NaN when empty
  double max() const;  // exact; NaN when empty

  // The smallest retained value whose estimated rank (number of values <= it) is at least
  // q * n; q <= 0 gives the exact min and q >= 1 the exact max. NaN when empty.
  double quantile(double q) const;
  // Estimated fraction of values <= x. NaN when empty.
  double cdf(double x) const;
  // A bound on |estimated rank - true rank| / n that holds with probability >= 99% for any
  // one query (derivation in kll.cc). 0 while exact.
  double normalized_rank_error() const;
  // A bound that holds for every query at once with probability >= 1 - delta: for all x,
  // both |cdf(x) - F(x)| and the same for "< x" are at most it, so every quantile(q) is a
  // true quantile of some q' within q +- it. What a test over the whole distribution (KS,
  // Wasserstein, bins) needs; about 1.5 times normalized_rank_error(). 0 while exact.
  double uniform_rank_error(double delta) const;
  bool exact() const { return levels_.size() == 1; }  // no compaction has happened
  int k() const { return k_; }
  // Sum over all compactions so far of (weight of the compacted values)^2, the variance
  // term of the error bound; NaN when unknown (a sketch read from an older profile).
  double compaction_weight() const { return weight_sq_; }

  // Retained values with their weights, sorted by value: the distribution the sketch
  // estimates (cdf and quantile read it).
  std::vector<std::pair<double, uint64_t>> items() const;

  // Retained values per level, each level sorted; a value at level i stands for 2^i values.
  std::vector<std::vector<double>> levels() const;
  // `compaction_weight` as compaction_weight() returned it, or NaN when not known (the bound
  // is then derived from the levels alone, a looser one).
  static Result<KllSketch> from_levels(int k, uint64_t n, double min, double max,
                                       std::vector<std::vector<double>> levels,
                                       double compaction_weight = std::numeric_limits<double>::quiet_NaN());

 private:
  void set_height(size_t height);
  void compress();
  void compact(size_t h);
  double variance_term() const;  // S of the bound in kll.cc

  int k_;
  uint64_t n_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> levels_;  // never empty; levels_[0] takes new values
  bool level0_sorted_ = false;               // levels_[0] is known to be sorted (after add_batch)
  std::vector<uint32_t> caps_;               // capacity of each level at the current height
  size_t retained_ = 0;                      // values held in all levels
  size_t capacity_ = 0;                      // sum of caps_
  uint64_t coin_state_;
  double weight_sq_ = 0;  // compaction_weight()
};

}  // namespace seam::stats
