#include "doc/parse.h"

namespace seam::doc {

Result<Node> parse(const Source& src) {
  const std::string& p = src.path();
  auto ends_with = [&](std::string_view suffix) {
    return p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".json")) return parse_json(src);
  if (ends_with(".yaml") || ends_with(".yml")) return parse_yaml(src);
  const auto first = src.text().find_first_not_of(" \t\r\n");
  const char c = first == std::string::npos ? ' ' : src.text()[first];
  return (c == '{' || c == '[') ? parse_json(src) : parse_yaml(src);
}

}  // namespace seam::doc
