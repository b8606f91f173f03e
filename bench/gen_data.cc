// Writes data files for the profiling and drift benchmarks, deterministically: the same
// arguments always give the same bytes. Shapes:
//   base   10 numeric columns, 5 categorical with 5 to 1,000 categories, a binary label;
//          --drift shifts some of them, as production data might
//   jsonl  the base shape as JSON lines
//   wide   300 columns, numeric and categorical, some with blanks
//   log    ISO 8601 timestamps with zones, dates, levels, status codes, latencies
//   text   quoted free text with commas, doubled quotes and line breaks inside
//
// Usage: seam-gen-data --bytes N [--seed S] [--drift] [--shape SHAPE] > out.csv
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

// Appends printf-formatted text to a line buffer.
struct Line {
  std::string s;
  template <class... A>
  void add(const char* fmt, A... a) {
    char buf[256];
    const int n = std::snprintf(buf, sizeof buf, fmt, a...);
    s.append(buf, static_cast<size_t>(n));
  }
};

// The original shape: 10 numeric columns, 5 categorical, a binary label.
void base_row(Rng& rng, bool drift, bool jsonl, Line& l) {
  static const char* names[] = {"n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"};
  static const char* cats[] = {"c5", "c20", "c100", "c500", "c1000"};
  if (jsonl) l.s += '{';
  for (int c = 0; c < 10; ++c) {
    double x = 10.0 * (c + 1) + (c + 1) * rng.normal();
    if (drift && c < 3) x += 0.5 * (c + 1);  // a shift of half a standard deviation
    if (jsonl) l.add("\"%s\":", names[c]);
    if (c % 3 == 0) l.add("%lld,", static_cast<long long>(std::llround(x)));
    else l.add("%.4f,", x);
  }
  for (int k = 0; k < 5; ++k) {
    int cat = rng.zipf(kCategories[k]);
    if (drift && k == 0 && rng.uniform() < 0.1) cat = kCategories[k] - 1;  // the rarest grows
    if (jsonl) l.add("\"%s\":\"cat%d_%d\",", cats[k], kCategories[k], cat);
    else l.add("cat%d_%d,", kCategories[k], cat);
  }
  const double positive = drift ? 0.08 : 0.05;
  if (jsonl) l.add("\"label\":%d}\n", rng.uniform() < positive ? 1 : 0);
  else l.add("%d\n", rng.uniform() < positive ? 1 : 0);
}

// A wide table: 300 columns, every fifth categorical, the rest numeric, a few with blanks.
constexpr int kWide = 300;
void wide_row(Rng& rng, Line& l) {
  for (int c = 0; c < kWide; ++c) {
    const char* sep = c + 1 < kWide ? "," : "\n";
    if (c % 5 == 4) {
      l.add("v%d%s", rng.zipf(10 + c), sep);
    } else if (c % 17 == 3 && rng.uniform() < 0.2) {
      l.add("%s", sep);  // missing
    } else if (c % 2) {
      l.add("%.3f%s", 100.0 * (c % 7 + 1) + (c % 13 + 1) * rng.normal(), sep);
    } else {
      l.add("%d%s", static_cast<int>(rng.uniform() * 1000 * (c % 4 + 1)), sep);
    }
  }
}

// A log: ISO 8601 timestamps with fractional seconds and zones, dates, codes and numbers.
void log_row(Rng& rng, uint64_t i, Line& l) {
  static const char* zones[] = {"Z", "+00:00", "+01:00", "-05:00", "+05:30"};
  static const char* levels[] = {"INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"};
  const uint64_t t = 1767225600 + i / 4;  // 2026-01-01T00:00:00Z, four events a second
  const uint64_t day = t / 86400, sec = t % 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  const int64_t z = static_cast<int64_t>(day) + 719468, era = z / 146097, doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  l.add("%04lld-%02lld-%02lldT%02llu:%02llu:%02llu.%03d%s,", static_cast<long long>(y), static_cast<long long>(m),
        static_cast<long long>(d), static_cast<unsigned long long>(sec / 3600), static_cast<unsigned long long>(sec / 60 % 60),
        static_cast<unsigned long long>(sec % 60), static_cast<int>(rng.uniform() * 1000), zones[rng.zipf(5)]);
  l.add("%04lld-%02lld-%02lld,", static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d));
  l.add("%s,%d,%.2f,svc-%d,%d\n", levels[rng.zipf(6)], 200 + 100 * rng.zipf(4), std::exp(3 + rng.normal()), rng.zipf(40),
        static_cast<int>(rng.uniform() * 65536));
}

// Free text: quoted fields with commas, doubled quotes and line breaks inside.
void text_row(Rng& rng, uint64_t i, Line& l) {
  static const char* words[] = {"sensor", "reading", "late", "batch", "model", "drift", "customer", "order", "the", "a",
                                "failed", "retry", "window", "unit", "value", "network", "device", "report", "is", "of"};
  l.add("%llu,\"", static_cast<unsigned long long>(i));
  const int title = 3 + static_cast<int>(rng.uniform() * 6);
  for (int w = 0; w < title; ++w) l.add(w ? (rng.uniform() < 0.2 ? ", %s" : " %s") : "%s", words[rng.zipf(20)]);
  l.s += "\",\"";
  const int body = 10 + static_cast<int>(rng.uniform() * 40);
  for (int w = 0; w < body; ++w) {
    const double u = rng.uniform();
    l.add(u < 0.05 ? "\n%s" : u < 0.1 ? " \"\"%s\"\"" : u < 0.2 ? ", %s" : " %s", words[rng.zipf(20)]);
  }
  l.add("\",%.1f,topic%d\n", rng.uniform() * 5, rng.zipf(30));
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t bytes = 100u << 20, seed = 42;
  bool drift = false, usage = false;
  std::string shape = "base";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--bytes") && i + 1 < argc) bytes = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--shape") && i + 1 < argc) shape = argv[++i];
    else if (!std::strcmp(argv[i], "--drift")) drift = true;
    else usage = true;
  }
  if (usage || (shape != "base" && shape != "wide" && shape != "log" && shape != "text" && shape != "jsonl")) {
    std::fprintf(stderr, "usage: seam-gen-data --bytes N [--seed S] [--drift] [--shape base|wide|log|text|jsonl]\n");
    return 2;
  }
  Rng rng{seed};
  static char buf[1 << 16];
  std::setvbuf(stdout, buf, _IOFBF, sizeof buf);
  Line l;
  if (shape == "base") l.s = "n0,n1,n2,n3,n4,n5,n6,n7,n8,n9,c5,c20,c100,c500,c1000,label\n";
  if (shape == "wide")
    for (int c = 0; c < kWide; ++c) l.add(c + 1 < kWide ? "col%d," : "col%d\n", c);
  if (shape == "log") l.s = "time,date,level,status,latency_ms,service,port\n";
  if (shape == "text") l.s = "id,title,body,score,topic\n";
  uint64_t written = 0;
  for (uint64_t i = 0; written < bytes; ++i) {
    if (shape == "base" || shape == "jsonl") base_row(rng, drift, shape == "jsonl", l);
    else if (shape == "wide") wide_row(rng, l);
    else if (shape == "log") log_row(rng, i, l);
    else text_row(rng, i, l);
    std::fwrite(l.s.data(), 1, l.s.size(), stdout);
    written += l.s.size();
    l.s.clear();
  }
  return 0;
}
