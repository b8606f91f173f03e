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
    : p_(std::clamp(precision, kMinPrecision, kMaxPrecision)) {}

void HyperLogLog::add_sparse(uint32_t index, uint8_t rank) {
  for (uint32_t& e : sparse_) {
    if (e >> 8 != index) continue;
    if (rank > (e & 0xFF)) e = (index << 8) | rank;
    return;
  }
  sparse_.push_back((index << 8) | rank);
  if (sparse_.size() > kSparseMax || sparse_.size() * 4 >= (size_t{1} << p_)) densify();
}

void HyperLogLog::add_hashes(const uint64_t* h, size_t n) {
  if (!regs_.empty() || n < 64) {
    for (size_t i = 0; i < n; ++i) add_hash(h[i]);
    return;
  }
  regs_ = dense();
  for (size_t i = 0; i < n; ++i) add_hash(h[i]);
  // Back to the short form while it holds few registers, as add_sparse would have left it.
  std::vector<uint32_t> set;
  for (size_t i = 0; i < regs_.size(); ++i) {
    if (regs_[i] == 0) continue;
    if (set.size() == kSparseMax || (set.size() + 1) * 4 >= regs_.size()) return;  // dense it stays
    set.push_back(static_cast<uint32_t>(i << 8) | regs_[i]);
  }
  sparse_ = std::move(set);
  std::vector<uint8_t>().swap(regs_);
}

void HyperLogLog::densify() {
  regs_ = dense();
  std::vector<uint32_t>().swap(sparse_);
}

std::vector<uint8_t> HyperLogLog::dense() const {
  if (!regs_.empty()) return regs_;
  std::vector<uint8_t> out(size_t{1} << p_, 0);
  for (const uint32_t e : sparse_) out[e >> 8] = static_cast<uint8_t>(e & 0xFF);
  return out;
}

double HyperLogLog::estimate() const {
  const std::vector<uint8_t> regs = dense();
  const double m = static_cast<double>(regs.size());
  double sum = 0;  // the harmonic mean's denominator: sum of 2^-register
  size_t zeros = 0;
  for (uint8_t r : regs) {
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
  return 1.04 / std::sqrt(std::ldexp(1.0, p_));
}

Status HyperLogLog::merge(const HyperLogLog& o) {
  if (o.p_ != p_) {
    return Error::invalid("cannot merge HyperLogLog sketches of precision " + std::to_string(p_) +
                          " and " + std::to_string(o.p_));
  }
  if (o.regs_.empty()) {
    for (const uint32_t e : o.sparse_) {
      const auto rank = static_cast<uint8_t>(e & 0xFF);
      if (regs_.empty()) add_sparse(e >> 8, rank);
      else regs_[e >> 8] = std::max(regs_[e >> 8], rank);
    }
    return Ok{};
  }
  if (regs_.empty()) densify();
  for (size_t i = 0; i < regs_.size(); ++i) regs_[i] = std::max(regs_[i], o.regs_[i]);
  return Ok{};
}

std::string HyperLogLog::encode() const {
  const std::vector<uint8_t> regs = dense();
  std::string out(regs.size(), 'A');
  for (size_t i = 0; i < regs.size(); ++i) out[i] = kAlphabet[regs[i]];
  return out;
}

std::string HyperLogLog::encode_sparse() const {
  const std::vector<uint8_t> regs = dense();
  const size_t limit = std::min(kSparseMax, regs.size() / 4);
  std::string out;
  for (size_t i = 0; i < regs.size(); ++i) {
    if (regs[i] == 0) continue;
    if (out.size() == 4 * limit) return {};
    out += kAlphabet[(i >> 12) & 63];
    out += kAlphabet[(i >> 6) & 63];
    out += kAlphabet[i & 63];
    out += kAlphabet[regs[i]];
  }
  return out.empty() ? std::string(1, '=') : out;  // '=' stands for no register set
}

Result<HyperLogLog> HyperLogLog::decode_sparse(int precision, std::string_view text) {
  if (precision < kMinPrecision || precision > kMaxPrecision) {
    return Error::invalid("HyperLogLog precision " + std::to_string(precision) + " is not in 4..18");
  }
  HyperLogLog h(precision);
  if (text == "=") return h;
  if (text.empty() || text.size() % 4 != 0) {
    return Error::invalid("HyperLogLog sparse registers: expected groups of four characters, got " +
                          std::to_string(text.size()));
  }
  const auto max_rank = static_cast<size_t>(65 - precision);
  const size_t m = size_t{1} << precision;
  size_t previous = 0;
  for (size_t at = 0; at < text.size(); at += 4) {
    size_t digits[4];
    for (size_t k = 0; k < 4; ++k) {
      digits[k] = kAlphabet.find(text[at + k]);
      if (digits[k] == std::string_view::npos)
        return Error::invalid("HyperLogLog sparse registers: bad character at offset " + std::to_string(at + k));
    }
    const size_t index = (digits[0] << 12) | (digits[1] << 6) | digits[2];
    if (index >= m || (at > 0 && index <= previous) || digits[3] == 0 || digits[3] > max_rank)
      return Error::invalid("HyperLogLog sparse registers: bad entry at offset " + std::to_string(at));
    previous = index;
    h.add_sparse(static_cast<uint32_t>(index), static_cast<uint8_t>(digits[3]));
  }
  return h;
}

Result<HyperLogLog> HyperLogLog::decode(int precision, std::string_view text) {
  if (precision < kMinPrecision || precision > kMaxPrecision) {
    return Error::invalid("HyperLogLog precision " + std::to_string(precision) +
                          " is not in 4..18");
  }
  HyperLogLog h(precision);
  h.densify();
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
