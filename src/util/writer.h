// Where renderers write: the caller supplies the Writer, so output can go to a string, a
// file or stream, or into an envelope of the caller's own (a server response).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace seam {

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void write(std::string_view text) = 0;
};

// Collects everything written; not thread-safe.
class StringWriter : public Writer {
 public:
  void write(std::string_view text) override { out_.append(text); }
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Writes to a stdio stream the caller owns (stdout, say); errors show in ferror(stream).
class StreamWriter : public Writer {
 public:
  explicit StreamWriter(std::FILE* stream) : stream_(stream) {}
  void write(std::string_view text) override { std::fwrite(text.data(), 1, text.size(), stream_); }

 private:
  std::FILE* stream_;
};

}  // namespace seam
