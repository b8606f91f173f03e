// Escaping of untrusted text (descriptor values, column and file names, messages) for each
// kind of output seam writes, so that a value shows literally and can break neither its
// document nor the terminal. JSON strings are escaped by JsonWriter (util/json_writer.h).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace seam::escape {

// XML 1.0 and HTML text: & < > " ' escaped, and what XML 1.0 forbids replaced by U+FFFD
// (invalid UTF-8, control characters other than tab/newline/return, U+FFFE/U+FFFF). In
// attributes, tab/newline/return become character references so that attribute-value
// normalization does not turn them into spaces.
std::string xml(std::string_view s, bool attribute = false);

// Markdown text: markup characters backslash-escaped, newlines as <br>, returns dropped.
std::string markdown(std::string_view s);

// A Markdown code span that survives backticks and, in tables, pipes; newlines become
// spaces. An empty value shows "(empty)".
std::string markdown_code(std::string_view s, bool in_table);

// `s` on one line of a terminal or message: newline, return and tab as \n \r \t, other
// control characters (DEL included) as \xNN. Every other byte is kept.
std::string control(std::string_view s);

// `s` with each control character but tab replaced by '?': one character for one, so that
// a caret line under it still lines up.
std::string mask_control(std::string_view s);

}  // namespace seam::escape
