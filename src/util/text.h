// Small text helpers shared by loaders, validation messages and the CLI.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seam::text {

// Decodes the UTF-8 sequence at s[i] into `cp` and returns its length in bytes, or 0 when
// the bytes there are not UTF-8 (truncated, overlong, a surrogate, past U+10FFFF).
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp);

// Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included),
// or nullopt when `s` is valid UTF-8.
std::optional<size_t> find_invalid_utf8(std::string_view s);

// Number of UTF-8 characters in `s` (continuation bytes are not counted).
size_t utf8_length(std::string_view s);

// `s` as a table cell `width` characters wide: cut at a character boundary (never inside a
// UTF-8 sequence), then padded with spaces on the right, or on the left when `right`.
std::string cell(std::string_view s, size_t width, bool right = false);

// Levenshtein distance, used for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// `s` quoted for a message: 'abc', with control characters escaped (escape::control) and
// long values cut.
std::string quote(std::string_view s);

std::string join(const std::vector<std::string>& parts, std::string_view sep);
// "a,b" -> {"a", "b"}; empty parts are dropped.
std::vector<std::string> split_list(std::string_view s);
// A byte count in mebibytes with one decimal, for messages: "16.0 MiB".
std::string mib(uint64_t bytes);
std::string lower(std::string_view s);
std::string_view trim(std::string_view s);

// The C locale's classes, inline: the <cctype> functions are calls that consult the locale,
// and rules classify every character of the names they compare.
inline bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
inline bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace seam::text
