// How profiling reads a number from text: std::from_chars's general format (decimal, with
// an optional exponent; "inf", "infinity" and "nan" in any case), correctly rounded, with an
// optional leading '+'. A number beyond the range of doubles is not read as infinity but
// refused; one too small rounds to zero or a subnormal. Anything else is refused.
//
// The common case is inline: it runs once per numeric cell of a profiled file.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace seam::stats {

namespace detail {
// Everything but plain decimals, with fast_float (Lemire's algorithm, exact).
bool parse_number_rest(std::string_view s, double& out);
}

// Data files are mostly plain decimals: an optional '-', digits, an optional '.' and
// digits. With at most 15 significant digits and 22 after the point, such a number is an
// integer below 2^53 divided by an exact power of ten, and IEEE division rounds that
// correctly (Clinger 1990), so the result equals the general path's. Measured faster here
// than fast_float, and than a SWAR version that sums eight digits at a time.
//
// The result is an out-parameter: GCC builds a returned std::optional<double> in memory
// from its parts and reads it back whole, which stalls store forwarding on every value.
[[gnu::always_inline]] inline bool parse_number(std::string_view s, double& out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const bool negative = !s.empty() && s[0] == '-';
  uint64_t mantissa = 0;
  int digits = 0, fraction = -1;
  bool any = false;
  for (size_t i = negative; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
      digits += mantissa != 0;  // leading zeros do not count
      fraction += fraction >= 0;
      any = true;
    } else if (c == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return detail::parse_number_rest(s, out);
    }
  }
  if (!any || digits > 15 || fraction > 22) return detail::parse_number_rest(s, out);
  const double x = static_cast<double>(mantissa) / kPow10[fraction > 0 ? fraction : 0];
  out = negative ? -x : x;
  return true;
}

inline std::optional<double> parse_number(std::string_view s) {
  double x;
  return parse_number(s, x) ? std::optional<double>(x) : std::nullopt;
}

}  // namespace seam::stats
