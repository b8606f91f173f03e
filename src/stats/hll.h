// HyperLogLog distinct-value estimate (Flajolet, Fusy, Gandouet, Meunier 2007), fed 64-bit
// hashes (stats/hash.h). With 64-bit hashes no large-range correction is needed; the
// small-range correction is the paper's linear counting.
//
// Thread safety: a sketch is a value; one writer at a time, merge sketches built in different threads.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace seam::stats {

class HyperLogLog {
 public:
  // 4..18 (values outside are clamped); m = 2^precision one-byte registers.
  explicit HyperLogLog(int precision = 12);

  // The top `precision` bits pick a register; the register keeps the largest rank (1 +
  // leading zeros) seen in the remaining bits. Written without branches: called per cell.
  void add_hash(uint64_t h) {
    const uint64_t w = (h << p_) | (uint64_t{1} << (p_ - 1));  // caps the rank at 65 - p
    const auto rank = static_cast<uint8_t>(std::countl_zero(w) + 1);
    uint8_t& r = regs_[h >> (64 - p_)];
    r = rank > r ? rank : r;
  }

  double estimate() const;
  double relative_error() const;  // 1.04 / sqrt(m): the paper's standard error
  int precision() const { return p_; }

  Status merge(const HyperLogLog& o);  // register-wise max; precisions must match

  // Register i is character i, the base64 digit of its value (at most 65 - precision <= 61,
  // so one digit suffices): 4096 characters at the default precision. decode() gives an
  // Invalid error for a precision out of range, a wrong length, or a bad digit.
  std::string encode() const;
  static Result<HyperLogLog> decode(int precision, std::string_view text);

 private:
  int p_;
  std::vector<uint8_t> regs_;
};

}  // namespace seam::stats
