#include "stats/frequent.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace seam::stats {
namespace {

using Items = std::vector<std::pair<std::string, uint64_t>>;

// A skewed stream over 100k values (log-uniform ids): a few heavy hitters, a long tail.
std::vector<std::string> stream(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::string> out(n);
  for (auto& v : out) v = std::to_string(static_cast<int>(std::pow(1e5, u(rng))));
  return out;
}

// Values of every length up to 40 that differ only in one byte (first, middle or last) or
// in a trailing NUL: the probe hash reads short values in overlapping words, so each length
// class must still tell them apart. add() says new exactly once per value.
TEST(FrequentItems, ShortValuesThatDifferInOneByteCountApart) {
  FrequentItems f(100000, 100000);
  std::map<std::string, uint64_t> truth;
  for (size_t n = 0; n <= 40; ++n) {
    const std::string base(n, 'a');
    truth[base] = 0;
    std::string longer = base;
    longer.push_back('\0');
    truth[longer] = 0;
    for (size_t at : {size_t{0}, n / 2, n ? n - 1 : 0}) {
      if (n == 0) break;
      std::string v = base;
      v[at] = 'b';
      truth[v] = 0;
    }
  }
  uint64_t k = 0;
  for (const auto& [value, count] : truth) {
    for (uint64_t i = 0; i <= k % 3; ++i) {
      EXPECT_EQ(f.add(value), truth[value] == 0) << value.size();
      ++truth[value];
    }
    ++k;
  }
  const auto items = f.items();
  const std::map<std::string, uint64_t> counted(items.begin(), items.end());
  EXPECT_EQ(counted, truth);
  EXPECT_TRUE(f.exact());
}

// Checks the Misra-Gries guarantees of a non-exact summary against true counts.
void expect_bounds(const FrequentItems& f, const std::map<std::string, uint64_t>& truth,
                   size_t capacity) {
  const uint64_t err = f.max_error();
  EXPECT_FALSE(f.exact());
  EXPECT_LE(err, f.total() / (capacity + 1));
  const auto items = f.items();
  std::map<std::string, uint64_t> listed(items.begin(), items.end());
  EXPECT_LE(listed.size(), capacity);
  size_t heavy = 0;
  for (const auto& [value, count] : truth) {
    auto it = listed.find(value);
    if (count > f.total() / (capacity + 1)) {
      ++heavy;
      EXPECT_NE(it, listed.end()) << value;
    }
    if (it == listed.end()) {
      EXPECT_LE(count, err) << value;
    } else {
      EXPECT_LE(it->second, count) << value;
      EXPECT_GE(it->second + err, count) << value;
    }
  }
  EXPECT_GT(heavy, 3u);  // the data has heavy hitters to find
}

TEST(Frequent, ExactUnderTheCap) {
  FrequentItems f(10, 10);
  for (const char* v : {"b", "a", "c", "a", "b", "a"}) f.add(v);
  f.add("d", 3);
  f.add("e", 0);
  EXPECT_TRUE(f.exact());
  EXPECT_EQ(f.total(), 9u);
  EXPECT_EQ(f.max_error(), 0u);
  EXPECT_EQ(f.items(), (Items{{"a", 3}, {"d", 3}, {"b", 2}, {"c", 1}}));
}

TEST(Frequent, MergeStaysExactWhileTheUnionFits) {
  FrequentItems a(3, 3), b(3, 3);
  a.add("x", 2);
  a.add("y");
  b.add("y", 4);
  b.add("z");
  a.merge(b);
  EXPECT_TRUE(a.exact());
  EXPECT_EQ(a.total(), 8u);
  EXPECT_EQ(a.items(), (Items{{"y", 5}, {"x", 2}, {"z", 1}}));
  FrequentItems c(3, 3);
  c.add("w");
  a.merge(c);  // four values: over the cap
  EXPECT_FALSE(a.exact());
  EXPECT_EQ(a.total(), 9u);
  EXPECT_EQ(a.max_error(), 1u);  // the fourth-largest count, 1, came off every counter
  EXPECT_EQ(a.items(), (Items{{"y", 4}, {"x", 1}}));
}

TEST(Frequent, BeyondTheCapKeepsMisraGriesBounds) {
  const auto values = stream(1'000'000, 3);
  std::map<std::string, uint64_t> truth;
  FrequentItems f(100, 100);
  for (const auto& v : values) {
    f.add(v);
    ++truth[v];
  }
  EXPECT_EQ(f.total(), values.size());
  expect_bounds(f, truth, 100);
}

TEST(Frequent, MergeOfShardsKeepsTheBounds) {
  const auto values = stream(1'000'000, 4);
  std::map<std::string, uint64_t> truth;
  std::vector<FrequentItems> shards(8, FrequentItems(100, 100));
  for (size_t i = 0; i < values.size(); ++i) {
    shards[i % 8].add(values[i]);
    ++truth[values[i]];
  }
  FrequentItems merged(100, 100);
  for (const auto& s : shards) merged.merge(s);
  EXPECT_EQ(merged.total(), values.size());
  expect_bounds(merged, truth, 100);
}

TEST(Frequent, RestoreRoundTrip) {
  FrequentItems f(50, 20);
  for (const auto& v : stream(10'000, 5)) f.add(v);
  ASSERT_FALSE(f.exact());
  const auto r = FrequentItems::restore(50, 20, f.exact(), f.total(), f.max_error(), f.items());
  EXPECT_EQ(r.items(), f.items());
  EXPECT_EQ(r.total(), f.total());
  EXPECT_EQ(r.max_error(), f.max_error());
  EXPECT_FALSE(r.exact());

  const auto e = FrequentItems::restore(5, 5, true, 3, 0, {{"a", 2}, {"b", 1}});
  EXPECT_TRUE(e.exact());
  EXPECT_EQ(e.items(), (Items{{"a", 2}, {"b", 1}}));
}

}  // namespace
}  // namespace seam::stats
