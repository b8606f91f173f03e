// The least a checker that reads projects from disk must do: list each project directory and
// read each descriptor file (open, fstat, read, close), and nothing else. bench/check-vs-tec
// prints it beside `seam check --batch`, because on a machine whose system calls cost a
// microsecond or more this floor is most of what a 10x-TEC target allows.
// Usage: seam-io-floor ROOT   (every directory under ROOT is a project)
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d))
      if (e->d_name[0] != '.') out.emplace_back(e->d_name);
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool descriptor(const std::string& name) {
  for (const char* ext : {".json", ".yaml", ".yml"}) {
    const std::string e(ext);
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

// Bytes read from every descriptor of one project.
size_t read_project(const std::string& dir) {
  size_t bytes = 0;
  for (const auto& name : names_in(dir)) {
    if (!descriptor(name)) continue;
    const int fd = ::open((dir + "/" + name).c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) continue;
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      std::string text(static_cast<size_t>(st.st_size), '\0');
      const ssize_t n = ::read(fd, text.data(), text.size());
      bytes += n > 0 ? static_cast<size_t>(n) : 0;
    }
    ::close(fd);
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: seam-io-floor ROOT\n");
    return 2;
  }
  const std::string root = argv[1];
  std::vector<std::string> dirs;
  for (const auto& name : names_in(root)) dirs.push_back(root + "/" + name);
  if (dirs.empty()) return 2;
  double best = 1e300;
  size_t bytes = 0;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    bytes = 0;
    for (const auto& d : dirs) bytes += read_project(d);
    const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count() / static_cast<double>(dirs.size()));
  }
  std::printf("%.1f us per project (%zu bytes each)\n", best, bytes / dirs.size());
  return 0;
}
