// Value counts of a column: exact while there are at most `exact_cap` distinct values, then
// a Misra-Gries summary with `capacity` counters, in the mergeable form of Agarwal,
// Cormode, Huang, Phillips, Wei and Yi (2012), "Mergeable Summaries".
//
// Thread safety: a sketch is a value; one writer at a time, merge sketches built in different threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seam::stats {

class FrequentItems {
 public:
  explicit FrequentItems(size_t exact_cap = 1000, size_t capacity = 1000);  // capacity >= 1

  // Returns whether the value was not among the counted ones before (always true for a
  // count of 0, which adds nothing). Every value ever added was new at least once, so a
  // profile hashes each distinct value for HyperLogLog only then, not at every occurrence.
  bool add(std::string_view value, uint64_t count = 1);
  // Exact + exact stays exact while the union has at most exact_cap values. Merging
  // summaries of different capacity keeps the count bounds below, but the "every value
  // above total / (capacity + 1) is listed" guarantee needs equal capacities.
  void merge(const FrequentItems& o);

  bool exact() const { return exact_; }
  uint64_t total() const { return total_; }  // sum of all counts added (exact)
  // 0 when exact. Otherwise every listed count c of a value with true count t satisfies
  // t - max_error() <= c <= t (Misra-Gries only undercounts), an unlisted value has
  // t <= max_error(), and max_error() <= (total - sum of listed counts) / (capacity + 1).
  uint64_t max_error() const { return error_; }

  // Counts sorted by count descending, then value ascending; lower bounds when not exact.
  std::vector<std::pair<std::string, uint64_t>> items() const;

  static FrequentItems restore(size_t exact_cap, size_t capacity, bool exact, uint64_t total,
                               uint64_t error, std::vector<std::pair<std::string, uint64_t>> items);

 private:
  struct Slot {
    uint64_t hash = 0;  // probe_hash(value)
    uint64_t count = 0;  // 0 marks an empty slot
    std::string value;
  };

  // The table's own hash: cheaper than hash64 for short values, and never stored.
  static uint64_t probe_hash(std::string_view value);
  Slot& find_or_insert(std::string_view value, uint64_t hash, bool& inserted);
  void place(Slot&& slot);
  void grow();
  void overflow();
  void reduce();

  size_t exact_cap_;
  size_t capacity_;
  bool exact_ = true;
  uint64_t total_ = 0;
  uint64_t error_ = 0;
  // Open addressing with linear probing; never more than half full. Values are never
  // erased one by one: reduce() rebuilds the table, which it must scan anyway.
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace seam::stats
