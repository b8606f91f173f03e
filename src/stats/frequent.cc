#include "stats/frequent.h"

#include <algorithm>
#include <functional>

#include "stats/hash.h"

namespace seam::stats {

FrequentItems::FrequentItems(size_t exact_cap, size_t capacity)
    : exact_cap_(exact_cap), capacity_(std::max<size_t>(capacity, 1)) {}

FrequentItems::Slot& FrequentItems::find_or_insert(std::string_view value, uint64_t hash) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.count == 0) {  // the caller adds a nonzero count
      s.hash = hash;
      s.value.assign(value);
      ++size_;
      return s;
    }
    if (s.hash == hash && s.value == value) return s;
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

void FrequentItems::add(std::string_view value, uint64_t count) { add_hashed(value, hash64(value), count); }

void FrequentItems::add_hashed(std::string_view value, uint64_t hash, uint64_t count) {
  if (count == 0) return;
  total_ += count;
  find_or_insert(value, hash).count += count;
  if (size_ > (exact_ ? exact_cap_ : capacity_)) overflow();
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
    if (s.count > 0) find_or_insert(s.value, s.hash).count += s.count;
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
    f.find_or_insert(value, hash64(value)).count += count;
    sum += count;
  }
  f.total_ = std::max(total, sum);  // the listed counts are part of the total
  if (!f.exact_ || f.size_ > exact_cap) f.overflow();
  return f;
}

}  // namespace seam::stats
