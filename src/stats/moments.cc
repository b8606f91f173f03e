#include "stats/moments.h"

#include <algorithm>
#include <cmath>

namespace seam::stats {

void Moments::merge(const Moments& o) {
  if (o.n == 0) return;
  if (n == 0) {
    *this = o;
    return;
  }
  const double na = static_cast<double>(n), nb = static_cast<double>(o.n);
  const double total = na + nb;
  const double delta = o.mean - mean;
  mean += delta * (nb / total);
  m2 += o.m2 + delta * delta * (na * nb / total);
  n += o.n;
  min = std::min(min, o.min);
  max = std::max(max, o.max);
}

double Moments::variance(int ddof) const {
  if (ddof < 0 || n <= static_cast<uint64_t>(ddof)) return std::nan("");
  // m2 is a sum of squares, but rounding in merges can leave it a hair below zero.
  return std::max(m2, 0.0) / static_cast<double>(n - static_cast<uint64_t>(ddof));
}

double Moments::stddev(int ddof) const { return std::sqrt(variance(ddof)); }

}  // namespace seam::stats
