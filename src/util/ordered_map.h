// ordered_map: computes items on several threads and hands the results back in input order,
// so that what a parallel run prints is byte-identical to what one thread prints.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace seam {

// Calls produce(i) for every i in [0, n) on `threads` threads and consume(i, result) on the
// calling thread in increasing i. A result waits for the ones before it, and at most `window`
// results wait at once (a worker does not start item i before item i - window is consumed),
// so memory stays bounded when one item is slow. With one thread nothing is started.
// produce must be safe to call concurrently; consume runs on one thread only.
template <class T, class Produce, class Consume>
void ordered_map(size_t n, int threads, size_t window, Produce produce, Consume consume) {
  threads = std::max(1, threads);
  if (threads == 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) consume(i, produce(i));
    return;
  }
  window = std::max<size_t>(window, static_cast<size_t>(threads));
  std::vector<std::optional<T>> ready(window);
  std::mutex mu;
  std::condition_variable changed;
  size_t next = 0, consumed = 0;
  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return next >= n || next < consumed + window; });
        if (next >= n) return;
        i = next++;
      }
      T result = produce(i);
      std::lock_guard lock(mu);
      ready[i % window].emplace(std::move(result));
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  const size_t count = std::min(static_cast<size_t>(threads), n);
  workers.reserve(count);
  for (size_t t = 0; t < count; ++t) workers.emplace_back(work);
  for (size_t i = 0; i < n; ++i) {
    std::optional<T> result;
    {
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return ready[i % window].has_value(); });
      result.swap(ready[i % window]);
      consumed = i + 1;
      changed.notify_all();
    }
    consume(i, std::move(*result));
  }
  for (auto& w : workers) w.join();
}

}  // namespace seam
