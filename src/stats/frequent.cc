#include "stats/frequent.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>

#include "stats/hash.h"

namespace seam::stats {

FrequentItems::FrequentItems(size_t exact_cap, size_t capacity)
    : exact_cap_(exact_cap), capacity_(std::max<size_t>(capacity, 1)) {}

namespace {

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Equal bytes, for the short values that categories mostly are: two overlapping loads per
// side instead of a call to memcmp, which cost as much as the rest of a lookup.
bool same_text(const std::string& a, std::string_view b) {
  const size_t n = b.size();
  if (a.size() != n) return false;
  const char *p = a.data(), *q = b.data();
  if (n >= 8 && n <= 16)
    return ((load<uint64_t>(p) ^ load<uint64_t>(q)) | (load<uint64_t>(p + n - 8) ^ load<uint64_t>(q + n - 8))) == 0;
  if (n >= 4 && n < 8)
    return ((load<uint32_t>(p) ^ load<uint32_t>(q)) | (load<uint32_t>(p + n - 4) ^ load<uint32_t>(q + n - 4))) == 0;
  return std::memcmp(p, q, n) == 0;
}

}  // namespace

// A multiply-mix of the value's first and last eight bytes (overlapping for short values)
// and its length; longer values go through hash64. Equal bytes give equal hashes, and the
// final mix spreads every input bit into the low bits that pick a slot.
uint64_t FrequentItems::probe_hash(std::string_view value) {
  const size_t n = value.size();
  const char* p = value.data();
  uint64_t a, b;
  if (n >= 8 && n <= 16) {
    a = load<uint64_t>(p);
    b = load<uint64_t>(p + n - 8);
  } else if (n >= 4 && n < 8) {
    a = load<uint32_t>(p);
    b = load<uint32_t>(p + n - 4);
  } else if (n > 0 && n < 4) {
    a = static_cast<uint8_t>(p[0]) | uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 | uint64_t{static_cast<uint8_t>(p[n - 1])} << 16;
    b = 0;
  } else if (n == 0) {
    a = b = 0;
  } else {
    return hash64(value);
  }
  uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ std::rotl(b * 0xC2B2AE3D27D4EB4FULL, 31) ^ n;
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  return h ^ (h >> 29);
}

FrequentItems::Slot& FrequentItems::find_or_insert(std::string_view value, uint64_t hash, bool& inserted) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.count == 0) {  // the caller adds a nonzero count
      s.hash = hash;
      s.value.assign(value);
      ++size_;
      inserted = true;
      return s;
    }
    if (s.hash == hash && same_text(s.value, value)) return s;
  }
}

// Puts a value known to be absent into the first free slot of its probe sequence.
void FrequentItems::place(Slot&& slot) {
  const size_t mask = slots_.size() - 1;
  size_t i = slot.hash & mask;
  while (slots_[i].count != 0) i = (i + 1) & mask;
  slots_[i] = std::move(slot);
  ++size_;
}

void FrequentItems::grow() {
  // No table until the first value: a wide table holds one of these per column.
  std::vector<Slot> old(std::max<size_t>(slots_.size() * 2, 16));
  old.swap(slots_);
  size_ = 0;
  for (Slot& s : old) {
    if (s.count > 0) place(std::move(s));
  }
}

bool FrequentItems::add(std::string_view value, uint64_t count) {
  if (count == 0) return true;
  total_ += count;
  bool inserted = false;
  find_or_insert(value, probe_hash(value), inserted).count += count;
  if (size_ > (exact_ ? exact_cap_ : capacity_)) overflow();
  return inserted;
}

void FrequentItems::overflow() {
  exact_ = false;
  if (size_ > capacity_) reduce();
}

// Agarwal et al.'s merge step, which with one new counter is the classic Misra-Gries
// decrement: subtract the (capacity+1)-th largest count from every counter and drop those
// left at zero. No count rises, each falls by the same amount, which is added to the
// error; and since at least capacity+1 counters each lose it, the error stays at most
// (total - sum of counters) / (capacity + 1).
void FrequentItems::reduce() {
  std::vector<uint64_t> counts;
  counts.reserve(size_);
  for (const Slot& s : slots_) {
    if (s.count > 0) counts.push_back(s.count);
  }
  const auto nth = counts.begin() + static_cast<std::ptrdiff_t>(capacity_);
  std::nth_element(counts.begin(), nth, counts.end(), std::greater<>());
  const uint64_t delta = *nth;
  error_ += delta;
  std::vector<Slot> keep;
  for (Slot& s : slots_) {
    if (s.count > delta) keep.push_back({s.hash, s.count - delta, std::move(s.value)});
    s.count = 0;
  }
  size_ = 0;
  for (Slot& s : keep) place(std::move(s));
}

void FrequentItems::merge(const FrequentItems& o) {
  if (this == &o) return merge(FrequentItems(o));
  total_ += o.total_;
  error_ += o.error_;
  exact_ = exact_ && o.exact_;
  for (const Slot& s : o.slots_) {
    bool inserted = false;
    if (s.count > 0) find_or_insert(s.value, s.hash, inserted).count += s.count;
  }
  if (!exact_ || size_ > exact_cap_) overflow();
}

std::vector<std::pair<std::string, uint64_t>> FrequentItems::items() const {
  std::vector<std::pair<std::string, uint64_t>> out;
  out.reserve(size_);
  for (const Slot& s : slots_) {
    if (s.count > 0) out.emplace_back(s.value, s.count);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

FrequentItems FrequentItems::restore(size_t exact_cap, size_t capacity, bool exact,
                                     uint64_t total, uint64_t error,
                                     std::vector<std::pair<std::string, uint64_t>> items) {
  FrequentItems f(exact_cap, capacity);
  f.exact_ = exact;
  f.error_ = exact ? 0 : error;
  uint64_t sum = 0;
  for (auto& [value, count] : items) {
    if (count == 0) continue;
    bool inserted = false;
    f.find_or_insert(value, probe_hash(value), inserted).count += count;
    sum += count;
  }
  f.total_ = std::max(total, sum);  // the listed counts are part of the total
  if (!f.exact_ || f.size_ > exact_cap) f.overflow();
  return f;
}

}  // namespace seam::stats
