// How seam should get a warm file's bytes: read() into a reused buffer (what data::Window
// does), or mmap with madvise(MADV_SEQUENTIAL). Each way hands every byte to the same consumer,
// a newline count, so that the figure includes touching the data, not just mapping it.
// Usage: seam-read-vs-mmap FILE [CHUNK_BYTES]   (best of five runs each, GB/s)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "data/blocks.h"

namespace {

uint64_t by_read(int fd, size_t size, size_t chunk) {
  std::vector<char> buf(chunk);
  uint64_t lines = 0;
  for (size_t off = 0; off < size;) {
    const ssize_t n = ::pread(fd, buf.data(), chunk, static_cast<off_t>(off));
    if (n <= 0) break;
    lines += seam::data::detail::count_byte(buf.data(), static_cast<size_t>(n), '\n');
    off += static_cast<size_t>(n);
  }
  return lines;
}

uint64_t by_mmap(int fd, size_t size, size_t chunk, int flags) {
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | flags, fd, 0);
  if (map == MAP_FAILED) return 0;
  ::madvise(map, size, MADV_SEQUENTIAL);
  const char* p = static_cast<const char*>(map);
  uint64_t lines = 0;
  for (size_t off = 0; off < size; off += chunk)
    lines += seam::data::detail::count_byte(p + off, std::min(chunk, size - off), '\n');
  ::munmap(map, size);
  return lines;
}

double best_gbs(size_t size, const std::function<uint64_t()>& run, uint64_t& lines) {
  double best = 0;
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    lines = run();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::max(best, static_cast<double>(size) / took.count() / 1e9);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: seam-read-vs-mmap FILE [CHUNK_BYTES]\n");
    return 2;
  }
  const size_t chunk = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : size_t{1} << 20;
  const int fd = ::open(argv[1], O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0 || chunk == 0) return 2;
  const auto size = static_cast<size_t>(st.st_size);
  uint64_t a = 0, b = 0, c = 0;
  const double read_gbs = best_gbs(size, [&] { return by_read(fd, size, chunk); }, a);
  const double mmap_gbs = best_gbs(size, [&] { return by_mmap(fd, size, chunk, 0); }, b);
  const double populate_gbs = best_gbs(size, [&] { return by_mmap(fd, size, chunk, MAP_POPULATE); }, c);
  if (a != b || b != c) return 1;
  std::printf("read %zu KiB chunks  %6.2f GB/s\nmmap + SEQUENTIAL    %6.2f GB/s (%.2fx read)\nmmap + POPULATE      %6.2f GB/s (%.2fx read)\n",
              chunk >> 10, read_gbs, mmap_gbs, mmap_gbs / read_gbs, populate_gbs, populate_gbs / read_gbs);
  return 0;
}
