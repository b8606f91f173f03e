// Writes a wide CSV for the profiling and drift benchmarks, deterministically: the same
// arguments always give the same bytes. 10 numeric columns, 5 categorical columns with 5 to
// 1,000 categories, and a binary label. --drift shifts some of them, as production data might.
//
// Usage: seam-gen-data --bytes N [--seed S] [--drift] > out.csv
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// splitmix64: tiny, fast and good enough for synthetic data.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double normal() {  // Box-Muller
    const double u = uniform() + 1e-300, v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
  // Roughly Zipf-distributed category index in [0, n): popular categories come first.
  int zipf(int n) { return static_cast<int>(std::pow(static_cast<double>(n) + 1, uniform())) - 1; }
};

constexpr int kCategories[5] = {5, 20, 100, 500, 1000};

}  // namespace

int main(int argc, char** argv) {
  uint64_t bytes = 100u << 20, seed = 42;
  bool drift = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--bytes") && i + 1 < argc) bytes = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--drift")) drift = true;
    else {
      std::fprintf(stderr, "usage: seam-gen-data --bytes N [--seed S] [--drift]\n");
      return 2;
    }
  }
  Rng rng{seed};
  static char buf[1 << 16];
  std::setvbuf(stdout, buf, _IOFBF, sizeof buf);
  uint64_t written = static_cast<uint64_t>(std::printf(
      "n0,n1,n2,n3,n4,n5,n6,n7,n8,n9,c5,c20,c100,c500,c1000,label\n"));
  char line[512];
  while (written < bytes) {
    int len = 0;
    for (int c = 0; c < 10; ++c) {
      double x = 10.0 * (c + 1) + (c + 1) * rng.normal();
      if (drift && c < 3) x += 0.5 * (c + 1);  // a shift of half a standard deviation
      len += c % 3 == 0 ? std::snprintf(line + len, sizeof line - len, "%lld,", static_cast<long long>(std::llround(x)))
                        : std::snprintf(line + len, sizeof line - len, "%.4f,", x);
    }
    for (int k = 0; k < 5; ++k) {
      int cat = rng.zipf(kCategories[k]);
      if (drift && k == 0 && rng.uniform() < 0.1) cat = kCategories[k] - 1;  // the rarest grows
      len += std::snprintf(line + len, sizeof line - len, "cat%d_%d,", kCategories[k], cat);
    }
    const double positive = drift ? 0.08 : 0.05;
    len += std::snprintf(line + len, sizeof line - len, "%d\n", rng.uniform() < positive ? 1 : 0);
    std::fwrite(line, 1, static_cast<size_t>(len), stdout);
    written += static_cast<uint64_t>(len);
  }
  return 0;
}
