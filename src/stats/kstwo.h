// Distributions of the one-sample Kolmogorov-Smirnov statistics, as scipy 1.10 computes
// them (scipy/stats/_ksstats.py for kstwo, scipy/special/cephes/kolmogorov.c for smirnov).
//
// kstwo_sf(n, x) = P(D_n >= x), D_n = sup |F_n - F|, follows Simard & L'Ecuyer (2011),
// "Computing the Two-Sided Kolmogorov-Smirnov Distribution", J. Stat. Softw. 39(11), with
// scipy's choice of method per region, so that the p-values equal scipy's:
//   n*x <= 1 or n*x >= n-1  Ruben-Gambino closed forms (exact)
//   x >= 0.5                2 * smirnov_sf (exact: D+ and D- cannot both exceed 1/2)
//   n <= 140, n x^2 <= 4    Durbin's matrix (Marsaglia-Tsang-Wang), exact, in long double
//   n <= 140, n x^2 > 4     2 * smirnov_sf (drops P(D+ >= x and D- >= x) < 4e-11 relative)
//   n > 140,  n x^2 >= 370  0
//   n > 140,  n x^2 >= 2.2  2 * smirnov_sf (the dropped term is < 2e-6 relative)
//   n > 140,  else          1 - CDF, the CDF by Durbin's matrix when n <= 1e5 and
//                           n x^1.5 <= 1.4, else by the Pelz-Good expansion (~5 digits)
// Scipy uses Pomeranz's recursion where this uses Durbin's matrix for n <= 140; both are
// exact, so they differ by rounding only. Against a 50-digit evaluation of the exact
// formulas, the Durbin part is within 1e-15 and the Smirnov sum within 1e-13 relative;
// against scipy the worst difference measured is 2e-11, scipy's own rounding error in
// 1 - CDF near n x^2 = 4 (drift_math_test prints it). Elsewhere the result is as accurate
// as the approximation scipy chose, which it reproduces.
#pragma once

#include <cstdint>

namespace seam::stats {

double kstwo_sf(uint64_t n, double x);    // P(D_n >= x); NaN when n == 0
double smirnov_sf(uint64_t n, double x);  // P(D_n^+ >= x), one-sided; scipy.special.smirnov

}  // namespace seam::stats
