#include "data/source.h"

#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace seam::data::detail {
namespace {

// Reads what pread gives, retrying on EINTR; short only at the end of the file.
Result<size_t> pread_some(int fd, char* dst, size_t n, uint64_t offset) {
  size_t done = 0;
  while (done < n) {
    const ssize_t got = ::pread(fd, dst + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return Error::io(std::strerror(errno));
    }
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  return done;
}

class PlainSource final : public Source {
 public:
  PlainSource(int fd, std::atomic<uint64_t>* progress) : fd_(fd), progress_(progress) {}
  Result<size_t> read(char* dst, size_t n, uint64_t offset) override {
    auto got = pread_some(fd_, dst, n, offset);
    if (!got.ok()) return got;
    if (progress_) progress_->fetch_add(got.value(), std::memory_order_relaxed);
    // Readers ask only for bytes within the size stat gave: fewer means the file shrank.
    if (got.value() < n) return Error::io("file shrank while it was being read");
    return got;
  }

 private:
  int fd_;
  std::atomic<uint64_t>* progress_;
};

// What both decompressors share: the compressed input, read in large chunks, and the
// position in the uncompressed stream, with skipping forward and starting again.
class Decompressor : public Source {
 public:
  Decompressor(int fd, std::atomic<uint64_t>* progress) : fd_(fd), progress_(progress), in_(kChunk) {}

  Result<size_t> read(char* dst, size_t n, uint64_t offset) final {
    if (offset < pos_) {
      if (Status s = restart(); !s.ok()) return s.error();
    }
    std::vector<char> skip;
    while (pos_ < offset) {  // forward to the offset, decompressing into a scratch buffer
      skip.resize(kChunk);
      auto got = produce(skip.data(), static_cast<size_t>(std::min<uint64_t>(kChunk, offset - pos_)));
      if (!got.ok()) return got;
      if (got.value() == 0) return size_t{0};  // the data ends before the offset
    }
    size_t done = 0;
    while (done < n) {
      auto got = produce(dst + done, n - done);
      if (!got.ok()) return got;
      if (got.value() == 0) break;
      done += got.value();
    }
    return done;
  }

 protected:
  static constexpr size_t kChunk = size_t{1} << 18;
  // Decompresses up to n bytes into dst; 0 at the end of the data.
  virtual Result<size_t> decompress(char* dst, size_t n) = 0;
  virtual void reset() = 0;

  // Makes compressed input available: false at the end of the file.
  Result<bool> fill() {
    if (in_pos_ < in_len_) return true;
    auto got = pread_some(fd_, in_.data(), in_.size(), file_pos_);
    if (!got.ok()) return got.error();
    file_pos_ += got.value();
    if (progress_) progress_->fetch_add(got.value(), std::memory_order_relaxed);
    in_pos_ = 0;
    in_len_ = got.value();
    return in_len_ > 0;
  }
  const char* input() const { return in_.data() + in_pos_; }
  size_t available() const { return in_len_ - in_pos_; }
  void consume(size_t n) { in_pos_ += n; }

 private:
  Result<size_t> produce(char* dst, size_t n) {
    auto got = decompress(dst, n);
    if (got.ok()) pos_ += got.value();
    return got;
  }
  Status restart() {
    reset();
    pos_ = file_pos_ = 0;
    in_pos_ = in_len_ = 0;
    return Ok{};
  }

  int fd_;
  std::atomic<uint64_t>* progress_;
  std::vector<char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t file_pos_ = 0;  // compressed bytes read
  uint64_t pos_ = 0;       // uncompressed bytes produced
};

// gzip with zlib, several members one after the other included (as `cat a.gz b.gz` makes).
class GzipSource final : public Decompressor {
 public:
  GzipSource(int fd, std::atomic<uint64_t>* progress) : Decompressor(fd, progress) {
    std::memset(&z_, 0, sizeof z_);
    inflateInit2(&z_, 16 + MAX_WBITS);
  }
  ~GzipSource() override { inflateEnd(&z_); }

 private:
  Result<size_t> decompress(char* dst, size_t n) override {
    z_.next_out = reinterpret_cast<Bytef*>(dst);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, UINT32_MAX));
    while (z_.avail_out > 0) {
      auto more = fill();
      if (!more.ok()) return more.error();
      if (!more.value()) {
        if (mid_member_) return Error::invalid("truncated gzip data: the file ends inside a compressed member");
        break;
      }
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input()));
      z_.avail_in = static_cast<uInt>(available());
      const int rc = inflate(&z_, Z_NO_FLUSH);
      consume(available() - z_.avail_in);
      mid_member_ = rc != Z_STREAM_END;
      if (rc == Z_STREAM_END) inflateReset(&z_);  // another member may follow
      else if (rc != Z_OK && rc != Z_BUF_ERROR)
        return Error::invalid(std::string("corrupt gzip data: ") + (z_.msg ? z_.msg : "inflate failed"));
    }
    return n - z_.avail_out;
  }
  void reset() override {
    inflateReset(&z_);
    mid_member_ = false;
  }

  z_stream z_;
  bool mid_member_ = false;  // inside a member (its end not yet seen)
};

// zstd with libzstd's streaming API; several frames one after the other included.
class ZstdSource final : public Decompressor {
 public:
  ZstdSource(int fd, std::atomic<uint64_t>* progress) : Decompressor(fd, progress), ctx_(ZSTD_createDCtx()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(ctx_); }

 private:
  Result<size_t> decompress(char* dst, size_t n) override {
    ZSTD_outBuffer out{dst, n, 0};
    while (out.pos < n) {
      auto more = fill();
      if (!more.ok()) return more.error();
      if (!more.value()) {
        if (hint_ != 0) return Error::invalid("truncated zstd data: the file ends inside a frame");
        break;
      }
      ZSTD_inBuffer in{input(), available(), 0};
      hint_ = ZSTD_decompressStream(ctx_, &out, &in);
      consume(in.pos);
      if (ZSTD_isError(hint_)) return Error::invalid(std::string("corrupt zstd data: ") + ZSTD_getErrorName(hint_));
    }
    return out.pos;
  }
  void reset() override {
    ZSTD_DCtx_reset(ctx_, ZSTD_reset_session_only);
    hint_ = 0;
  }

  ZSTD_DCtx* ctx_;
  size_t hint_ = 0;  // 0 when a frame has just ended
};

class MemorySource final : public Source {
 public:
  MemorySource(const char* data, uint64_t offset) : data_(data), offset_(offset) {}
  Result<size_t> read(char* dst, size_t n, uint64_t offset) override {
    std::memcpy(dst, data_ + (offset - offset_), n);
    return n;
  }

 private:
  const char* data_;
  uint64_t offset_;
};

}  // namespace

std::unique_ptr<Source> memory_source(const char* data, uint64_t offset) {
  return std::make_unique<MemorySource>(data, offset);
}

Result<Compression> sniff_compression(int fd) {
  unsigned char magic[4] = {0, 0, 0, 0};
  auto got = pread_some(fd, reinterpret_cast<char*>(magic), sizeof magic, 0);
  if (!got.ok()) return got.error();
  if (got.value() >= 2 && magic[0] == 0x1F && magic[1] == 0x8B) return Compression::Gzip;
  if (got.value() == 4 && magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD) return Compression::Zstd;
  return Compression::None;
}

std::string_view compression_name(Compression c) {
  return c == Compression::Gzip ? "gzip" : c == Compression::Zstd ? "zstd" : "none";
}

std::unique_ptr<Source> open_source(int fd, Compression c, std::atomic<uint64_t>* progress) {
  switch (c) {
    case Compression::Gzip: return std::make_unique<GzipSource>(fd, progress);
    case Compression::Zstd: return std::make_unique<ZstdSource>(fd, progress);
    default: return std::make_unique<PlainSource>(fd, progress);
  }
}

}  // namespace seam::data::detail
