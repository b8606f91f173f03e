#include "stats/kstwo.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace seam::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = std::numbers::pi;
constexpr double kMinLog = -745.1332191019412;  // cephes MINLOG with denormals, log(2^-1075)

double clip01(double p) { return std::clamp(p, 0.0, 1.0); }

// log(k!) minus Stirling's k log k - k + log(2 pi k)/2. Keeping this remainder apart lets
// log C(n, v) be formed without subtracting numbers of size n log n.
double stirling_remainder(double k) {
  if (k <= 20) {
    double f = 1;  // k! is exact in a double up to 22!
    for (int i = 2; i <= k; ++i) f *= i;
    return std::log(f) - (k * std::log(k) - k + 0.5 * std::log(2 * kPi * k));
  }
  const double r = 1 / k, r2 = r * r;
  return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
}

// Adds to a running sum with Neumaier's compensation: the Smirnov sum has up to 1e6 terms.
struct Sum {
  double s = 0, c = 0;
  void add(double x) {
    const double t = s + x;
    c += std::abs(s) >= std::abs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  }
  double value() const { return s + c; }
};

// Durbin's matrix formula in the Marsaglia-Tsang-Wang form: with n x = k - h (k integer,
// 0 <= h < 1) and the m x m matrix H (m = 2k - 1), P(D_n < x) = n!/n^n (H^n)[k-1][k-1].
// Powers are kept as (matrix, binary exponent) so that nothing overflows. Returned in
// long double, so that 1 - CDF keeps the digits of a long-double computation.
template <class T>
long double durbin_cdf(uint64_t n, double x) {
  const T t = T(n) * T(x);
  const int k = static_cast<int>(std::ceil(t));
  const T h = T(k) - t;
  const int m = 2 * k - 1;
  const auto at = [m](std::vector<T>& a, int i, int j) -> T& { return a[size_t(i) * m + j]; };

  std::vector<T> inv_fact(m + 1);  // 1/j!
  inv_fact[0] = 1;
  for (int j = 1; j <= m; ++j) inv_fact[j] = inv_fact[j - 1] / T(j);
  std::vector<T> H(size_t(m) * m, T(0));
  for (int i = 0; i < m; ++i)
    for (int j = 1; j < m && j <= i + 1; ++j) at(H, i, j) = inv_fact[i - j + 1];
  for (int i = 0; i < m; ++i) {
    at(H, i, 0) = (1 - std::pow(h, T(i + 1))) * inv_fact[i + 1];
    at(H, m - 1, m - 1 - i) = at(H, i, 0);
  }
  const T corner = 2 * h - 1 > 0 ? std::pow(2 * h - 1, T(m)) : T(0);
  at(H, m - 1, 0) = (1 - 2 * std::pow(h, T(m)) + corner) * inv_fact[m];

  const T big = std::ldexp(T(1), 128), small = std::ldexp(T(1), -128);
  const auto mul = [&](std::vector<T>& a, std::vector<T>& b, int& e) {
    std::vector<T> c(size_t(m) * m, T(0));
    T peak = 0;
    for (int i = 0; i < m; ++i)
      for (int l = 0; l < m; ++l) {
        const T ail = at(a, i, l);
        if (ail == 0) continue;
        for (int j = 0; j < m; ++j) at(c, i, j) += ail * at(b, l, j);
      }
    for (const T& v : c) peak = std::max(peak, std::abs(v));
    if (peak > big) {
      for (T& v : c) v *= small;
      e += 128;
    }
    a.swap(c);
  };
  std::vector<T> P(size_t(m) * m, T(0));
  for (int i = 0; i < m; ++i) at(P, i, i) = 1;
  int pe = 0, he = 0;
  for (uint64_t e = n; e != 0; e >>= 1) {
    if (e & 1) {
      pe += he;
      mul(P, H, pe);
    }
    if (e > 1) {
      std::vector<T> copy = H;
      he *= 2;
      mul(H, copy, he);
    }
  }
  T p = at(P, k - 1, k - 1);
  for (uint64_t i = 1; i <= n; ++i) {  // times n!/n^n
    p = p * T(i) / T(n);
    if (p < small) {
      p *= big;
      pe -= 128;
    }
  }
  return static_cast<long double>(std::ldexp(p, pe));
}

// The Pelz-Good (1976) expansion of P(D_n <= x) in powers of 1/sqrt(n), each term a theta
// series good for small z = sqrt(n) x: CDF ~ K0 + K1/sqrt(n) + K2/n + K3/n^1.5.
double pelz_good_cdf(uint64_t n, double x) {
  const double z = std::sqrt(double(n)) * x;
  const double qlog = -kPi * kPi / 8 / (z * z);
  if (qlog < -708) return 0;
  const double z2 = z * z, z4 = z2 * z2, z6 = z4 * z2, z8 = z4 * z4;
  const double pi2 = kPi * kPi, pi4 = pi2 * pi2, pi6 = pi4 * pi2, s2pi = std::sqrt(2 * kPi);
  const int terms = static_cast<int>(std::ceil(16 * z / kPi));  // far past convergence
  double k0 = 0, k1 = 0, k2 = 0, k3 = 0, k2b = 0, k3b = 0;
  for (int k = terms; k >= 1; --k) {  // smallest terms first
    const double o = 2.0 * k - 1, o2 = o * o, o4 = o2 * o2, o6 = o4 * o2;
    const double w = std::exp(qlog * o2);  // exp(-(2k-1)^2 pi^2 / (8 z^2))
    k0 += w;
    k1 += (pi2 * o2 / 4 - z2) * w;
    k2 += (6 * z6 + 2 * z4 + (2 * z4 - 5 * z2) * pi2 * o2 / 4 + pi4 * (1 - 2 * z2) * o4 / 16) * w;
    k3 += (-30 * z6 - 90 * z8 + pi2 * (135 * z4 - 96 * z6) * o2 / 4 + pi4 * (212 * z4 - 60 * z2) * o4 / 16 +
           pi6 * (5 - 30 * z2) * o6 / 64) * w;
    const double kk = double(k) * k, u = std::exp(-pi2 * kk / (2 * z2));  // exp(-k^2 pi^2 / (2 z^2))
    k2b += kk * u;
    k3b += (3 * z2 - pi2 * kk) * kk * u;
  }
  k0 *= s2pi / z;
  k1 *= s2pi / (6 * z4);
  k2 = k2 * s2pi / (72 * z6 * z) - k2b * pi2 * s2pi / (36 * z2 * z);
  k3 = k3 * s2pi / (6480 * z8 * z2) + k3b * pi2 * s2pi / (216 * z6);
  const double rn = std::sqrt(double(n));
  return k0 + k1 / rn + k2 / (rn * rn) + k3 / (rn * rn * rn);
}

}  // namespace

double smirnov_sf(uint64_t n, double x) {
  if (n == 0 || !(x >= 0 && x <= 1)) return kNaN;
  if (n == 1) return 1 - x;
  if (x == 0) return 1;
  if (x == 1) return 0;
  const double nd = double(n), a = nd * x;
  if (a <= 1) return clip01(1 - x * std::pow(1 + x, nd - 1));
  if (-2 * nd * x * x < kMinLog) return 0;
  if (a >= nd - 1) return clip01(std::pow(1 - x, nd));
  if (n > 1000000) {  // scipy's approximation beyond this size: exp(-(6nx+1)^2 / 18n)
    const double logp = -std::pow(6 * a + 1, 2) / 18 / nd;
    return logp < -std::numbers::ln2 ? std::exp(logp) : 1 + std::expm1(logp);
  }
  // Birnbaum-Tingey: P(D+ >= x) = sum_{v=0}^{floor(n(1-x))} C(n,v) x (x+v/n)^(v-1) (1-x-v/n)^(n-v),
  // all terms positive. With a = n x and Stirling for C(n,v), the n log n parts cancel
  // analytically and log(term) = v log1p(a/v) + (n-v) log1p(-a/(n-v)) + log(a/(a+v))
  // + log(n / (2 pi v (n-v)))/2 + S(n) - S(v) - S(n-v), S the Stirling remainder.
  Sum sum;
  sum.add(std::exp(nd * std::log1p(-x)));  // v = 0: (1-x)^n
  const double sn = stirling_remainder(nd);
  double prev = 0;
  for (double v = 1; nd - v - a > 0; ++v) {
    const double w = nd - v;
    const double log_term = v * std::log1p(a / v) + w * std::log1p(-a / w) + std::log(a / (a + v)) +
                            0.5 * std::log(nd / (2 * kPi * v * w)) + sn - stirling_remainder(v) -
                            stirling_remainder(w);
    const double term = std::exp(log_term);
    sum.add(term);
    // The terms rise to a peak near v = n/2 and then fall; once falling, stop when all
    // the rest together cannot change the sum.
    if (term < prev && term * (nd - a - v) < 0x1p-60 * sum.value()) break;
    prev = term;
  }
  return clip01(sum.value());
}

double kstwo_sf(uint64_t n, double x) {
  if (n == 0 || std::isnan(x)) return kNaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const double nd = double(n), t = nd * x;
  if (t <= 1) {  // Ruben-Gambino: P(D_n < x) = n!/n^n (2t-1)^n for 1/2n <= x <= 1/n
    if (t <= 0.5) return 1;
    double cdf = 1;
    if (n <= 140) {
      for (uint64_t i = 1; i <= n; ++i) cdf *= double(i) / nd * (2 * t - 1);
    } else {
      cdf = std::exp(std::lgamma(nd + 1) - nd * std::log(nd) + nd * std::log(2 * t - 1));
    }
    return clip01(1 - cdf);
  }
  if (t >= nd - 1) return clip01(2 * std::pow(1 - x, nd));  // Ruben-Gambino
  if (x >= 0.5) return clip01(2 * smirnov_sf(n, x));
  const double nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip01(static_cast<double>(1 - durbin_cdf<long double>(n, x)));
    return clip01(2 * smirnov_sf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip01(2 * smirnov_sf(n, x));
  const bool durbin = n <= 100000 && nd * std::pow(x, 1.5) <= 1.4;
  return clip01(1 - (durbin ? static_cast<double>(durbin_cdf<double>(n, x)) : pelz_good_cdf(n, x)));
}

}  // namespace seam::stats
