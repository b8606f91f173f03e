// Where a stream's bytes come from, read forward in pieces for a StreamReader: a stored file
// (decompressed when it is gzip or zstd), standard input, or a file that is still being
// written and is followed the way `tail -F` follows it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "util/result.h"

namespace seam::data {

struct Piece {
  size_t size = 0;        // bytes read; 0 when nothing is new yet
  bool new_file = false;  // a new file starts with this piece (rotation or truncation)
  bool end = false;       // the stream has ended: nothing more will come
};

class ByteInput {
 public:
  virtual ~ByteInput() = default;
  // Up to n bytes. A read interrupted by a signal returns an empty piece, so that the caller
  // can look at why. Errors are Io or Invalid (corrupt compressed data) naming the file.
  virtual Result<Piece> read(char* dst, size_t n) = 0;
};

// A stored file, from its start to its end. Io error naming the path.
Result<std::unique_ptr<ByteInput>> open_bytes(const std::string& path);
// Standard input, to its end.
std::unique_ptr<ByteInput> stdin_bytes();
// A file followed like `tail -F`, from its start, and never at an end. A file that does not
// exist yet is waited for. When the path names another file (the log was rotated), the old
// one is read to its end first; when the file shrinks (truncated in place), it is read again
// from its start. Both start a new file. Bytes a writer appends to the old file after the
// switch are not seen.
std::unique_ptr<ByteInput> follow_bytes(const std::string& path);

}  // namespace seam::data
