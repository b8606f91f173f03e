// The data-file harnesses (CSV/TSV and JSON lines) share this: the fuzzed bytes become a file
// (an in-memory one, named through /proc/self/fd), which is profiled as `seam profile` does,
// and read whole, split into ranges as parallel profiling does, and as a stream that arrives
// in pieces, as `seam monitor` reads it.
#pragma once

#include <cstdint>
#include <cstddef>

#include "data/reader.h"

namespace seam::fuzz {

void fuzz_data(data::Format format, const uint8_t* data, size_t size);

}  // namespace seam::fuzz
