#include "util/ordered_map.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>

namespace seam {
namespace {

// Items finish out of order (later ones are quicker), yet they come back in input order, and
// no more than `window` finished results ever wait to be consumed.
TEST(OrderedMapConcurrency, ResultsComeBackInInputOrderWithinTheWindow) {
  const size_t n = 200, window = 6;
  std::atomic<int> produced{0};
  int consumed = 0, most_waiting = 0;
  std::vector<std::string> out;
  ordered_map<std::string>(
      n, 4, window,
      [&](size_t i) {
        std::this_thread::sleep_for(std::chrono::microseconds((n - i) % 7 * 50));
        ++produced;
        return "item " + std::to_string(i);
      },
      [&](size_t i, std::string s) {
        EXPECT_EQ(s, "item " + std::to_string(i));
        ++consumed;  // this one is in hand, not waiting
        most_waiting = std::max(most_waiting, produced.load() - consumed);
        out.push_back(std::move(s));
      });
  ASSERT_EQ(out.size(), n);
  EXPECT_EQ(out.back(), "item 199");
  EXPECT_LE(most_waiting, static_cast<int>(window));
}

TEST(OrderedMapConcurrency, OneThreadAndEmptyInputRunInline) {
  std::vector<size_t> seen;
  ordered_map<size_t>(3, 1, 1, [](size_t i) { return i * 10; }, [&](size_t, size_t v) { seen.push_back(v); });
  EXPECT_EQ(seen, (std::vector<size_t>{0, 10, 20}));
  ordered_map<size_t>(0, 8, 4, [](size_t i) { return i; }, [&](size_t, size_t) { ADD_FAILURE(); });
}

}  // namespace
}  // namespace seam
