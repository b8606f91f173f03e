// Hashes for the sketches. They must be deterministic across runs and platforms, because
// sketches built on different machines are merged and stored in profiles.
#pragma once

#include <cstdint>
#include <string_view>

namespace seam::stats {

// XXH64 (seed 0) of the bytes, written from the published xxHash specification. Its output
// is well mixed in every bit, which HyperLogLog needs: it reads the top bits as a register
// index and the rest as a geometric variable.
uint64_t hash64(std::string_view bytes);

// hash64 of the 8 little-endian bytes of x, after mapping -0.0 to 0.0 and every NaN to one
// quiet NaN, so that values that compare equal (and all NaNs) count as one distinct value.
uint64_t hash_double(double x);

}  // namespace seam::stats
