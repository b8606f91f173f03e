#include "stats/hash.h"

#include <bit>
#include <cstring>

namespace seam::stats {
namespace {

using detail::avalanche;
using detail::word_step;
constexpr uint64_t P1 = detail::kP1, P2 = detail::kP2, P3 = detail::kP3, P4 = detail::kP4, P5 = detail::kP5;

// Lanes are read little-endian whatever the host, so that hashes agree across platforms.
template <class T>
T load_le(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::big) {
    T r = 0;
    for (size_t i = 0; i < sizeof v; ++i, v >>= 8) r = (r << 8) | (v & 0xFF);
    v = r;
  }
  return v;
}
uint64_t read64(const char* p) { return load_le<uint64_t>(p); }
uint64_t read32(const char* p) { return load_le<uint32_t>(p); }

uint64_t lane_round(uint64_t acc, uint64_t lane) { return std::rotl(acc + lane * P2, 31) * P1; }
uint64_t merge_round(uint64_t acc, uint64_t v) { return (acc ^ lane_round(0, v)) * P1 + P4; }

}  // namespace

uint64_t hash64(std::string_view bytes) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  uint64_t h;
  if (bytes.size() >= 32) {
    uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = 0 - P1;
    for (; end - p >= 32; p += 32) {
      v1 = lane_round(v1, read64(p));
      v2 = lane_round(v2, read64(p + 8));
      v3 = lane_round(v3, read64(p + 16));
      v4 = lane_round(v4, read64(p + 24));
    }
    h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
    h = merge_round(merge_round(merge_round(merge_round(h, v1), v2), v3), v4);
  } else {
    h = P5;
  }
  h += bytes.size();
  for (; end - p >= 8; p += 8) h = word_step(h, read64(p));
  if (end - p >= 4) {
    h = std::rotl(h ^ (read32(p) * P1), 23) * P2 + P3;
    p += 4;
  }
  for (; p < end; ++p) h = std::rotl(h ^ (static_cast<uint8_t>(*p) * P5), 11) * P1;
  return avalanche(h);
}

}  // namespace seam::stats
