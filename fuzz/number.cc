// A number as profiling reads it from a data file (stats/parse_number): whatever it accepts,
// strtod must read in full to the same double, bit for bit. That covers the inline path for
// plain decimals and fast_float for the rest, on far more strings than the unit tests try.
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz.h"
#include "stats/number.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64) return 0;  // numbers in files are short; longer inputs only slow the search
  const std::string s = seam::fuzz::text(data, size);
  const auto got = seam::stats::parse_number(s);
  if (!got) return 0;
  if (s.find('\0') != std::string::npos || s.find_first_of(" \t\n\v\f\r") != std::string::npos) {
    std::fprintf(stderr, "broken promise: a number with a NUL or space in it was read: '%s'\n", s.c_str());
    std::abort();
  }
  char* end = nullptr;
  const double want = std::strtod(s.c_str(), &end);
  const bool same = std::isnan(*got) ? std::isnan(want) : std::bit_cast<uint64_t>(*got) == std::bit_cast<uint64_t>(want);
  if (end != s.c_str() + s.size() || !same) {
    std::fprintf(stderr, "broken promise: '%s' read as %.17g, strtod gives %.17g\n", s.c_str(), *got, want);
    std::abort();
  }
  return 0;
}
