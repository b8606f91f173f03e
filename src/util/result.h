// Result<T>: the one error style at seam's module boundaries.
//
// A function that can fail on user input returns Result<T>: either a value or an Error
// that says where (file, line, column, JSON pointer) and what went wrong. Bad input never
// throws out of a module and never crashes; callers test ok() and either use value() or
// pass error() up.
//
// Thread safety: Result and Error are plain values that own their data.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace seam {

// Why a step failed. The CLI maps these to exit codes: Invalid -> 1, Io/Usage -> 2.
enum class ErrorKind : uint8_t {
  Invalid,  // the input was read but is not acceptable (syntax, schema, limits)
  Io,       // the input could not be read (missing, permission, not a file)
  Usage,    // the caller asked for something that makes no sense
};

struct Error {
  ErrorKind kind = ErrorKind::Invalid;
  std::string message;
  std::string file;      // empty when not about a file
  uint32_t line = 0;     // 1-based; 0 when unknown
  uint32_t column = 0;   // 1-based, counted in characters; 0 when unknown
  std::string pointer;   // JSON pointer of the offending field; empty for syntax errors
  std::string snippet;   // the offending source line, for the caret display
  uint32_t snippet_column = 0;  // the column within `snippet` when it is cut from a long line

  static Error make(ErrorKind kind, std::string msg) {
    Error e;
    e.kind = kind;
    e.message = std::move(msg);
    return e;
  }
  static Error invalid(std::string msg) { return make(ErrorKind::Invalid, std::move(msg)); }
  static Error io(std::string msg) { return make(ErrorKind::Io, std::move(msg)); }
  static Error usage(std::string msg) { return make(ErrorKind::Usage, std::move(msg)); }
  // A Usage error about one field of a request ("/methods/age"), which a front end can map
  // to its own name for it: a command-line flag, a form field.
  static Error usage_at(std::string pointer, std::string msg) {
    Error e = usage(std::move(msg));
    e.pointer = std::move(pointer);
    return e;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  // By value, so that `for (auto& x : f().value())` owns what it iterates over.
  T value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }
  Error&& take_error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing on success.
struct Ok {};
using Status = Result<Ok>;

}  // namespace seam
