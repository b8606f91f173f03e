#include "stats/number.h"

#include <fast_float/fast_float.h>

#include <cmath>

namespace seam::stats::detail {

bool parse_number_rest(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return false;
  }
  const char* end = s.data() + s.size();
  double x = 0;
  const auto r = fast_float::from_chars(s.data(), end, x);
  if (r.ec != std::errc() || r.ptr != end) return false;
  // Infinity or NaN spelled out has an 'n' in it; an infinite result without one overflowed.
  if (!std::isfinite(x) && s.find_first_of("nN") == std::string_view::npos) return false;
  out = x;
  return true;
}

}  // namespace seam::stats::detail
