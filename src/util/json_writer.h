// A minimal streaming JSON writer for seam's machine-readable output.
//
// The caller drives structure explicitly (begin/end object and array, key, value); the
// writer inserts commas and escapes strings. Output is compact unless `indent` > 0.
//
// Thread safety: one writer per thread; it owns the text it builds.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seam {

class JsonWriter {
 public:
  explicit JsonWriter(int indent = 0) : indent_(indent) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(int64_t n);
  JsonWriter& value(uint32_t n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(double d);
  JsonWriter& null();
  // Emits `json` verbatim as one value, for values that arrive already encoded. The caller
  // vouches that it is one well-formed JSON value; it is not re-indented. An empty string
  // becomes null, so that a forgotten value cannot leave a bare "key": behind.
  JsonWriter& raw(std::string_view json);

  const std::string& str() const;

  static void escape(std::string_view s, std::string& out);  // appends "s", quotes included
  static std::string quoted(std::string_view s);            // "s" as a JSON (and YAML) string

 private:
  void before_value();
  JsonWriter& close(char bracket);
  void newline();
  // The text grows in buf_ by plain stores; str() copies it out once. An append to a
  // std::string per piece cost more than most pieces.
  char* room(size_t n);  // n writable bytes at the end
  void put(std::string_view s);
  void put(char c) { *room(1) = c; ++len_; }
  void put_string(std::string_view s);  // quoted and escaped

  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0, len_ = 0;
  mutable std::string out_;  // what str() returned last
  std::vector<char> has_items_;  // one flag per open container (vector<bool>'s bit ops cost more)
  bool after_key_ = false;
  int indent_;
};

}  // namespace seam
