#include "stats/number.h"

#include <fast_float/fast_float.h>

#include <cmath>

namespace seam::stats::detail {

std::optional<double> parse_number_rest(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return std::nullopt;
  }
  const char* end = s.data() + s.size();
  double x = 0;
  const auto r = fast_float::from_chars(s.data(), end, x);
  if (r.ec != std::errc() || r.ptr != end) return std::nullopt;
  // Infinity or NaN spelled out has an 'n' in it; an infinite result without one overflowed.
  if (!std::isfinite(x) && s.find_first_of("nN") == std::string_view::npos) return std::nullopt;
  return x;
}

}  // namespace seam::stats::detail
