#include "data/bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "data/source.h"
#include "util/file.h"

namespace seam::data {
namespace {

// Closes the descriptor with the input.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

class FileBytes final : public ByteInput {
 public:
  FileBytes(std::string path, int fd, detail::Compression c, uint64_t size)
      : path_(std::move(path)), fd_(fd), source_(detail::open_source(fd, c)), size_(size) {}
  Result<Piece> read(char* dst, size_t n) override {
    // A plain file is read up to the size stat gave; a compressed one up to its data's end.
    const auto want = static_cast<size_t>(std::min<uint64_t>(n, size_ - pos_));
    auto got = want ? source_->read(dst, want, pos_) : Result<size_t>(size_t{0});
    if (!got.ok()) return io_error(path_, got.error().message);
    pos_ += got.value();
    return Piece{got.value(), false, got.value() == 0};
  }

 private:
  std::string path_;
  Fd fd_;
  std::unique_ptr<detail::Source> source_;
  uint64_t size_, pos_ = 0;
};

class StdinBytes final : public ByteInput {
 public:
  Result<Piece> read(char* dst, size_t n) override {
    const ssize_t got = ::read(STDIN_FILENO, dst, n);
    if (got < 0 && errno == EINTR) return Piece{};
    if (got < 0) return io_error("standard input", std::strerror(errno));
    return Piece{static_cast<size_t>(got), false, got == 0};
  }
};

class FollowBytes final : public ByteInput {
 public:
  explicit FollowBytes(std::string path) : path_(std::move(path)) {}

  Result<Piece> read(char* dst, size_t n) override {
    if (fd_.get() < 0) return open();
    const ssize_t got = ::read(fd_.get(), dst, n);
    if (got < 0 && errno == EINTR) return Piece{};
    if (got < 0) return io_error(path_, std::strerror(errno));
    if (got > 0) {
      pos_ += static_cast<uint64_t>(got);
      return Piece{static_cast<size_t>(got)};
    }
    // At the end for now. A path that names nothing is a rotation half done: the old file
    // may still grow until the new one appears.
    struct stat st;
    if (::stat(path_.c_str(), &st) != 0) return Piece{};
    if (st.st_dev != dev_ || st.st_ino != ino_) {
      // Rotated: what the writer added to the old file before it moved on comes first.
      const ssize_t more = ::read(fd_.get(), dst, n);
      if (more > 0) {
        pos_ += static_cast<uint64_t>(more);
        return Piece{static_cast<size_t>(more)};
      }
      fd_.reset();
      return open();
    }
    if (static_cast<uint64_t>(st.st_size) < pos_) {
      if (::lseek(fd_.get(), 0, SEEK_SET) < 0) return io_error(path_, std::strerror(errno));
      pos_ = 0;
      return Piece{0, true};
    }
    return Piece{};
  }

 private:
  Result<Piece> open() {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return Piece{};
    if (fd < 0) return io_error(path_, std::strerror(errno));
    fd_.reset(fd);
    struct stat st;
    if (::fstat(fd, &st) != 0) return io_error(path_, std::strerror(errno));
    if (S_ISDIR(st.st_mode)) return io_error(path_, "is a directory");
    dev_ = st.st_dev;
    ino_ = st.st_ino;
    pos_ = 0;
    const bool again = opened_;
    opened_ = true;
    return Piece{0, again};
  }

  std::string path_;
  Fd fd_;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  uint64_t pos_ = 0;
  bool opened_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteInput>> open_bytes(const std::string& path) {
  auto size = regular_file_size(path, "data file");
  if (!size.ok()) return std::move(size).take_error();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, std::strerror(errno));
  auto c = detail::sniff_compression(fd);
  if (!c.ok()) {
    ::close(fd);
    return io_error(path, c.error().message);
  }
  const uint64_t end = c.value() == detail::Compression::None ? size.value() : UINT64_MAX;
  return std::unique_ptr<ByteInput>(std::make_unique<FileBytes>(path, fd, c.value(), end));
}

std::unique_ptr<ByteInput> stdin_bytes() { return std::make_unique<StdinBytes>(); }

std::unique_ptr<ByteInput> follow_bytes(const std::string& path) { return std::make_unique<FollowBytes>(path); }

}  // namespace seam::data
