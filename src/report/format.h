// Renderers by registry: each report family has one table from format name to renderer, so
// the CLI, the server and the Python module choose formats the same way and list the same
// names in their help and errors.
//
// Thread safety: the tables are built once, on first use, and read-only afterwards.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/writer.h"

namespace seam::report {

template <class Report>
struct Format {
  std::string_view name;
  void (*render)(const Report& report, Writer& out);
};

template <class Report>
using Formats = std::vector<Format<Report>>;

// The renderer named `name`, or null.
template <class Report>
const Format<Report>* find_format(const Formats<Report>& formats, std::string_view name) {
  for (const auto& f : formats)
    if (f.name == name) return &f;
  return nullptr;
}

// "text, json or html", for messages.
template <class Report>
std::string format_names(const Formats<Report>& formats, std::string_view last_joiner = " or ") {
  std::string out;
  for (size_t i = 0; i < formats.size(); ++i) {
    if (i) out += i + 1 == formats.size() ? last_joiner : std::string_view(", ");
    out += formats[i].name;
  }
  return out;
}

}  // namespace seam::report
