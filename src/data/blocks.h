// 64-byte block classification for the CSV scanner: one bit per byte for quotes,
// separators and newlines, so that the scanner visits only the interesting bytes and
// finds quoted regions with a prefix XOR instead of a branch per byte.
#pragma once

#include <cstdint>

#include <cstddef>

#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace seam::data::detail {

struct BlockMasks {
  uint64_t quote, delim, newline;
};

// Reads exactly 64 bytes at `p`; callers mask off bits past their data.
inline BlockMasks classify(const char* p, char delim) {
#if defined(__AVX2__)
  const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
  auto eq = [&](char c) {
    const __m256i v = _mm256_set1_epi8(c);
    const uint64_t lo = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, v)));
    const uint64_t hi = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, v)));
    return lo | hi << 32;
  };
  return {eq('"'), eq(delim), eq('\n')};
#elif defined(__SSE2__)
  __m128i v[4];
  for (int i = 0; i < 4; ++i) v[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
  auto eq = [&](char c) {
    const __m128i k = _mm_set1_epi8(c);
    uint64_t m = 0;
    for (int i = 0; i < 4; ++i)
      m |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v[i], k)))) << (16 * i);
    return m;
  };
  return {eq('"'), eq(delim), eq('\n')};
#else
  BlockMasks m{0, 0, 0};
  for (int i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    if (p[i] == '"') m.quote |= bit;
    if (p[i] == delim) m.delim |= bit;
    if (p[i] == '\n') m.newline |= bit;
  }
  return m;
#endif
}

// Bit i of the result is the XOR of bits 0..i of x: with x the quote bits, it is set
// inside quoted regions (the opening quote included, the closing one not).
inline uint64_t prefix_xor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Number of bytes equal to `c` in [p, p + n), at about memchr speed: compare results are
// summed in byte lanes and folded with SAD before a lane can overflow.
inline uint64_t count_byte(const char* p, size_t n, char c) {
  uint64_t total = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i k = _mm_set1_epi8(c);
  while (i + 16 <= n) {
    __m128i acc = _mm_setzero_si128();
    for (int lap = 0; lap < 255 && i + 16 <= n; ++lap, i += 16)
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), k));
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    total += static_cast<uint64_t>(_mm_extract_epi16(sums, 0) + _mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < n; ++i) total += p[i] == c;
  return total;
}

// Bits 0..n-1 set (n <= 64).
inline uint64_t low_bits(size_t n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

}  // namespace seam::data::detail
