// simdjson as the oracle for parse_flat_object, shared by its unit test and fuzz harness:
// whatever line the one-pass reader takes, simdjson must read as the same object. A line it
// refuses is not checked: simdjson reads those itself.
#pragma once

#include <simdjson.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "data/flat_json.h"

namespace seam::data::detail {

// The line with every number token quoted: a number too wide for simdjson's 64 bits is valid
// JSON, which the JSON-lines reader gives simdjson as a string of the same text.
inline std::string quote_numbers(std::string_view line) {
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') in_string = !in_string;  // a line parse_flat_object took has no escapes
    if (in_string || !(c == '-' || (c >= '0' && c <= '9'))) {
      out += c;
      continue;
    }
    size_t j = i;
    while (j < line.size() && std::string_view("0123456789.eE+-").find(line[j]) != std::string_view::npos) ++j;
    out.append(1, '"').append(line.substr(i, j - i)).append(1, '"');
    i = j - 1;
  }
  return out;
}

// "" when they agree; otherwise what differs.
inline std::string flat_json_disagreement(std::string_view line) {
  std::vector<FlatMember> members;
  if (!parse_flat_object(line, members)) return "";
  if (!simdjson::validate_utf8(line.data(), line.size())) return "";  // the caller checks UTF-8 first
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  auto e = parser.parse(std::string(line)).get_object().get(obj);
  if (e == simdjson::NUMBER_ERROR) e = parser.parse(quote_numbers(line)).get_object().get(obj);
  if (e) return std::string("taken, but simdjson says: ") + simdjson::error_message(e);
  size_t k = 0;
  for (const auto kv : obj) {
    if (k == members.size()) return "simdjson finds more members";
    const FlatMember& m = members[k++];
    if (kv.key != m.key) return "key " + std::to_string(k) + " differs";
    const auto v = kv.value;
    using T = simdjson::dom::element_type;
    switch (v.type()) {
      case T::STRING:  // numbers too, when they had to be quoted
        if (m.null || v.get_string().value_unsafe() != m.text) return "string " + std::to_string(k) + " differs";
        break;
      case T::BOOL:
        if (m.null || (v.get_bool().value_unsafe() ? "true" : "false") != m.text) return "boolean " + std::to_string(k) + " differs";
        break;
      case T::NULL_VALUE:
        if (!m.null) return "null " + std::to_string(k) + " differs";
        break;
      case T::INT64:
      case T::UINT64:
      case T::DOUBLE: {
        const std::string token(m.text);
        char* end = nullptr;
        const double want = std::strtod(token.c_str(), &end);
        if (m.null || token.empty() || end != token.c_str() + token.size()) return "number " + std::to_string(k) + " differs";
        const double got = v.type() == T::DOUBLE ? v.get_double().value_unsafe()
                           : v.type() == T::INT64 ? static_cast<double>(v.get_int64().value_unsafe())
                                                  : static_cast<double>(v.get_uint64().value_unsafe());
        if (got != want) return "number " + std::to_string(k) + " differs";
        break;
      }
      default:
        return "member " + std::to_string(k) + " is nested";
    }
  }
  return k == members.size() ? "" : "simdjson finds fewer members";
}

}  // namespace seam::data::detail
