#include "stats/sort.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace seam::stats {
namespace {

// Order-preserving map of doubles to unsigned integers: flip all bits of negatives, the sign
// bit of the rest.
uint64_t order_key(double d) {
  const uint64_t b = std::bit_cast<uint64_t>(d);
  return b & 0x8000000000000000ULL ? ~b : b | 0x8000000000000000ULL;
}

}  // namespace

// Sorts by an LSD radix sort over 32 bits of the keys (digits of 11, 11 and 10 bits, a pass
// skipped when every value has the same digit there), then sorts each run of keys alike in
// those bits by the whole key. The 32 bits are the highest ones that differ within the batch:
// for values spread over many magnitudes that is sign, exponent and the top of the mantissa;
// for values close together (timestamps of one day, prices around one level) it is further
// down, where they differ. Either way the runs left are short, and when no bit below the
// window differs there is nothing left to sort. Faster than comparison sorts, whose
// comparisons of random doubles mispredict half the time, and than a radix sort over all 64 bits.
void sort_doubles(std::span<double> v) {
  const size_t n = v.size();
  thread_local std::vector<uint64_t> keys, tmp;
  keys.resize(n);
  tmp.resize(n);
  uint64_t any = 0, all = ~uint64_t{0};
  for (size_t i = 0; i < n; ++i) {
    const uint64_t k = order_key(v[i]);
    keys[i] = k;
    any |= k;
    all &= k;
  }
  const uint64_t varying = any ^ all;
  if (varying == 0) return;  // all equal
  const int shift = std::max(0, 63 - std::countl_zero(varying) - 31);  // the window [shift, shift + 32)
  const int digit_shift[3] = {shift, shift + 11, shift + 22};
  constexpr uint64_t kMask[3] = {2047, 2047, 1023};
  std::vector<uint32_t> count(3 * 2049, 0);
  for (const uint64_t k : keys)
    for (int d = 0; d < 3; ++d) ++count[d * 2049 + ((k >> digit_shift[d]) & kMask[d]) + 1];
  for (int d = 0; d < 3; ++d) {
    uint32_t* c = count.data() + d * 2049;
    if (std::find(c + 1, c + 2049, n) != c + 2049) continue;  // one bucket holds all
    for (int b = 0; b < 2048; ++b) c[b + 1] += c[b];
    for (uint64_t k : keys) tmp[c[(k >> digit_shift[d]) & kMask[d]]++] = k;
    keys.swap(tmp);
  }
  if (varying & ((uint64_t{1} << shift) - 1)) {
    for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (j < n && (keys[j] >> shift) == (keys[i] >> shift)) ++j;
      if (j - i > 1) std::sort(keys.begin() + static_cast<std::ptrdiff_t>(i), keys.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const uint64_t k = keys[i];
    v[i] = std::bit_cast<double>(k & 0x8000000000000000ULL ? k & ~0x8000000000000000ULL : ~k);
  }
}


}  // namespace seam::stats
