// Where the readers' bytes come from: a plain file read with pread, or a gzip or zstd file
// decompressed as it is read. Internal to src/data.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "util/result.h"

namespace seam::data::detail {

enum class Compression : uint8_t { None, Gzip, Zstd };

// gzip (1F 8B) or zstd (28 B5 2F FD) by the first bytes of the file, whatever its name.
Result<Compression> sniff_compression(int fd);
std::string_view compression_name(Compression c);  // "gzip", "zstd"

// A stream of the file's (uncompressed) bytes, read forward. Each reader of a range owns one;
// the descriptor is shared and only read with pread.
class Source {
 public:
  virtual ~Source() = default;
  // Up to n bytes from `offset` of the uncompressed data; fewer only at its end. Offsets
  // normally move forward; an earlier one starts a compressed stream again from the top.
  // A plain file's readers ask only for bytes within its stat size, so there a short read
  // is an error. Errors: I/O, the file shrank, corrupt or truncated compressed data (Invalid).
  virtual Result<size_t> read(char* dst, size_t n, uint64_t offset) = 0;
};

// `progress`, if given, is advanced by the file bytes consumed: compressed bytes for a
// compressed file, so that it can be set against the file's size.
std::unique_ptr<Source> open_source(int fd, Compression c, std::atomic<uint64_t>* progress = nullptr);

// Bytes already in memory, as the data from `offset` on: a read at offset + k gets data[k...].
// The caller keeps `data` alive and large enough for every read it makes.
std::unique_ptr<Source> memory_source(const char* data, uint64_t offset);

}  // namespace seam::data::detail
