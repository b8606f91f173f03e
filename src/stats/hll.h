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
    const auto index = static_cast<uint32_t>(h >> (64 - p_));
    if (regs_.empty()) [[unlikely]] return add_sparse(index, rank);
    uint8_t& r = regs_[index];
    r = rank > r ? rank : r;
  }

  // The same as add_hash for each, faster for many: a sparse sketch is updated through a
  // dense copy once per call instead of a search per hash.
  void add_hashes(const uint64_t* h, size_t n);

  double estimate() const;
  double relative_error() const;  // 1.04 / sqrt(m): the paper's standard error
  int precision() const { return p_; }

  Status merge(const HyperLogLog& o);  // register-wise max; precisions must match

  // Register i is character i, the base64 digit of its value (at most 65 - precision <= 61,
  // so one digit suffices): 4096 characters at the default precision. decode() gives an
  // Invalid error for a precision out of range, a wrong length, or a bad digit.
  std::string encode() const;
  static Result<HyperLogLog> decode(int precision, std::string_view text);
  // The registers that are set, when there are at most min(256, m/4) of them, as four
  // base64 digits each in index order: three for the index, one for the value. "" when
  // there are more, and encode() is the shorter form. A sketch of a column with few
  // distinct values then takes tens of characters instead of m.
  std::string encode_sparse() const;
  static Result<HyperLogLog> decode_sparse(int precision, std::string_view text);

 private:
  // A sketch starts as a short list of the registers set, and takes its 2^p bytes only once
  // that list would be longer: a profile of a wide table holds a sketch per column, and
  // one of 100,000 columns with a few rows would otherwise cost 400 MB.
  static constexpr size_t kSparseMax = 256;
  void add_sparse(uint32_t index, uint8_t rank);
  void densify();
  std::vector<uint8_t> dense() const;  // the registers, whichever form holds them

  int p_;
  std::vector<uint8_t> regs_;      // empty while sparse
  std::vector<uint32_t> sparse_;   // (index << 8) | rank, one per register set
};

}  // namespace seam::stats
