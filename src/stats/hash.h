// Hashes for the sketches. They must be deterministic across runs and platforms, because
// sketches built on different machines are merged and stored in profiles.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

namespace seam::stats {

// XXH64 (seed 0) of the bytes, written from the published xxHash specification. Its output
// is well mixed in every bit, which HyperLogLog needs: it reads the top bits as a register
// index and the rest as a geometric variable.
uint64_t hash64(std::string_view bytes);

namespace detail {
inline constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL, kP2 = 0xC2B2AE3D27D4EB4FULL, kP3 = 0x165667B19E3779F9ULL,
                          kP4 = 0x85EBCA77C2B2AE63ULL, kP5 = 0x27D4EB2F165667C5ULL;
inline uint64_t avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  return h ^ (h >> 32);
}
// One 8-byte lane of the tail of XXH64.
inline uint64_t word_step(uint64_t acc, uint64_t lane) {
  return std::rotl(acc ^ (std::rotl(lane * kP2, 31) * kP1), 27) * kP1 + kP4;
}
}  // namespace detail

// hash64 of the 8 little-endian bytes of x, after mapping -0.0 to 0.0 and every NaN to one
// quiet NaN, so that values that compare equal (and all NaNs) count as one distinct value.
// Inline: it runs once per numeric cell.
inline uint64_t hash_double(double x) {
  if (x == 0) x = 0.0;  // -0.0 == 0.0
  // One fixed NaN pattern rather than quiet_NaN(), whose payload is left to the platform.
  const uint64_t bits = x != x ? 0x7FF8000000000000ULL : std::bit_cast<uint64_t>(x);
  return detail::avalanche(detail::word_step(detail::kP5 + 8, bits));
}

}  // namespace seam::stats
