#include "stats/moments.h"

#include <algorithm>
#include <cmath>

namespace seam::stats {

void Moments::add_batch(const double* x, size_t count) {
  if (count == 0) return;
  // Four partial sums each: independent chains the CPU runs side by side.
  double s[4] = {0, 0, 0, 0}, lo = x[0], hi = x[0];
  size_t i = 0;
  for (; i + 4 <= count; i += 4)
    for (int j = 0; j < 4; ++j) s[j] += x[i + j];
  for (; i < count; ++i) s[0] += x[i];
  Moments b;
  b.n = count;
  b.mean = (s[0] + s[1] + s[2] + s[3]) / static_cast<double>(count);
  double q[4] = {0, 0, 0, 0};
  for (i = 0; i + 4 <= count; i += 4)
    for (int j = 0; j < 4; ++j) {
      const double d = x[i + j] - b.mean;
      q[j] += d * d;
    }
  for (; i < count; ++i) q[0] += (x[i] - b.mean) * (x[i] - b.mean);
  for (i = 0; i < count; ++i) {
    lo = x[i] < lo ? x[i] : lo;
    hi = x[i] > hi ? x[i] : hi;
  }
  b.m2 = q[0] + q[1] + q[2] + q[3];
  b.min = lo;
  b.max = hi;
  merge(b);
}

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
