// Units and type names as people write them in descriptors, so that "100 Milliseconds" can
// be compared with "1 Seconds" and a Float output with an "integer" input.
#pragma once

#include <optional>
#include <string_view>

namespace seam::rules {

// Seconds in one `unit`: "ms", "Milliseconds", "s", "sec", "Minutes", "h", ... (any case).
std::optional<double> seconds_per_unit(std::string_view unit);

// Bytes in one `unit`: "B", "KB", "MB", "GB", "TB" (powers of 1000), "KiB".."TiB" (of 1024).
std::optional<double> bytes_per_unit(std::string_view unit);

// Whether a value of type `from` can be passed where `to` is expected without losing
// meaning: the same type, or an integer where a float is expected. Type names are matched
// loosely ("int", "Integer", "int64"; "float", "double", "number"...). Unknown names are
// compatible only with themselves.
bool types_compatible(std::string_view from, std::string_view to);

}  // namespace seam::rules
