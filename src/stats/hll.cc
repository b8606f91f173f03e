#include "stats/hll.h"

#include <algorithm>
#include <cmath>

namespace seam::stats {
namespace {

constexpr int kMinPrecision = 4, kMaxPrecision = 18;
constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

HyperLogLog::HyperLogLog(int precision)
    : p_(std::clamp(precision, kMinPrecision, kMaxPrecision)), regs_(size_t{1} << p_, 0) {}

double HyperLogLog::estimate() const {
  const double m = static_cast<double>(regs_.size());
  double sum = 0;  // the harmonic mean's denominator: sum of 2^-register
  size_t zeros = 0;
  for (uint8_t r : regs_) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  // alpha_m corrects the harmonic mean's bias (the paper's constants for small m).
  const double alpha =
      m == 16 ? 0.673 : m == 32 ? 0.697 : m == 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
  const double raw = alpha * m * m / sum;
  // Below 5m/2 the raw estimate is biased upwards; while registers are still empty, linear
  // counting (the expected number of empty bins) is the better estimator.
  if (raw <= 2.5 * m && zeros > 0) return m * std::log(m / static_cast<double>(zeros));
  return raw;
}

double HyperLogLog::relative_error() const {
  return 1.04 / std::sqrt(static_cast<double>(regs_.size()));
}

Status HyperLogLog::merge(const HyperLogLog& o) {
  if (o.p_ != p_) {
    return Error::invalid("cannot merge HyperLogLog sketches of precision " + std::to_string(p_) +
                          " and " + std::to_string(o.p_));
  }
  for (size_t i = 0; i < regs_.size(); ++i) regs_[i] = std::max(regs_[i], o.regs_[i]);
  return Ok{};
}

std::string HyperLogLog::encode() const {
  std::string out(regs_.size(), 'A');
  for (size_t i = 0; i < regs_.size(); ++i) out[i] = kAlphabet[regs_[i]];
  return out;
}

Result<HyperLogLog> HyperLogLog::decode(int precision, std::string_view text) {
  if (precision < kMinPrecision || precision > kMaxPrecision) {
    return Error::invalid("HyperLogLog precision " + std::to_string(precision) +
                          " is not in 4..18");
  }
  HyperLogLog h(precision);
  if (text.size() != h.regs_.size()) {
    return Error::invalid("HyperLogLog registers: expected " + std::to_string(h.regs_.size()) +
                          " characters, got " + std::to_string(text.size()));
  }
  const auto max_rank = static_cast<size_t>(65 - precision);
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t v = kAlphabet.find(text[i]);
    if (v == std::string_view::npos || v > max_rank) {
      return Error::invalid("HyperLogLog registers: bad character at offset " + std::to_string(i));
    }
    h.regs_[i] = static_cast<uint8_t>(v);
  }
  return h;
}

}  // namespace seam::stats
