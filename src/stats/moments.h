// Count, mean, variance, min and max of a numeric column, mergeable without loss: shards of
// a file (or several files) summarised apart and merged give the one-pass result up to
// rounding.
//
// Thread safety: a value; one writer at a time, merge moments built in different threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

namespace seam::stats {

struct Moments {
  uint64_t n = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from the mean
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  // Welford's update (1962): numerically stable where the textbook sum of squares cancels
  // catastrophically for values with a large mean. Finite values only (the caller filters).
  void add(double x) {
    ++n;
    // The division depends only on n, so it overlaps the previous update instead of
    // lengthening the chain through `mean` that bounds the speed of this loop.
    const double inv_n = 1.0 / static_cast<double>(n);
    const double delta = x - mean;
    mean += delta * inv_n;
    m2 += delta * (x - mean);
    min = x < min ? x : min;
    max = x > max ? x : max;
  }

  // Finite values at once: their own mean and M2 in two passes (which, unlike Welford's
  // update, has no division in the chain from one value to the next), merged in.
  void add_batch(const double* x, size_t count);

  // Chan, Golub and LeVeque (1979): the pairwise combination of mean and M2.
  void merge(const Moments& o);

  double variance(int ddof = 1) const;  // NaN when n <= ddof (or ddof < 0)
  double stddev(int ddof = 1) const;
};

}  // namespace seam::stats
