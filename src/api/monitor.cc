#include "api/monitor.h"

#include <charconv>
#include <cmath>

#include "doc/load.h"
#include "util/text.h"

namespace seam::api {
namespace {

std::optional<double> number(std::string_view s) {
  s = text::trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// "a to b", "a..b", "a - b" with two numbers.
std::optional<std::pair<double, double>> range(std::string_view s) {
  for (std::string_view sep : {" to ", "..", " - ", " – "}) {
    const size_t at = s.find(sep);
    if (at == std::string_view::npos) continue;
    const auto lo = number(s.substr(0, at)), hi = number(s.substr(at + sep.size()));
    if (lo && hi && *lo <= *hi) return std::make_pair(*lo, *hi);
  }
  return std::nullopt;
}

// "a, b or c": at least two items, each a number or one word.
std::vector<std::string> choices(std::string_view s) {
  std::string list;  // with " or " and " and " as commas
  for (size_t i = 0; i < s.size();) {
    const auto joiner = s.substr(i, 5) == " and " ? 5 : s.substr(i, 4) == " or " ? 4 : 0;
    if (joiner) list += ',';
    else list += s[i];
    i += joiner ? static_cast<size_t>(joiner) : 1;
  }
  std::vector<std::string> out;
  for (auto item : text::split_list(list)) {
    item = std::string(text::trim(item));
    if (item.empty() || item.find_first_of(" \t") != std::string::npos) return {};
    out.push_back(item);
  }
  return out.size() >= 2 ? out : std::vector<std::string>{};
}

}  // namespace

std::optional<ExpectedValues> parse_expected_values(std::string_view s) {
  s = text::trim(s);
  if (auto r = range(s)) return ExpectedValues{r, {}};
  if (auto c = choices(s); !c.empty()) return ExpectedValues{std::nullopt, std::move(c)};
  return std::nullopt;
}

Result<std::vector<monitor::Expectation>> monitor_expectations(const std::string& dir, const FileSystem& fs) {
  doc::LoadOptions o;
  o.allow_no_descriptors = true;
  auto project = doc::load_project(dir, fs, o);
  if (!project.ok()) return std::move(project).take_error();
  const doc::LoadedDocument* d = project.value().find(doc::Descriptor::ProductionData);
  if (!d) return std::vector<monitor::Expectation>{};
  if (!d->valid()) return d->errors.front();
  std::vector<monitor::Expectation> out;
  const doc::Node* schema = d->root ? d->root->find("schema") : nullptr;
  for (size_t i = 0; schema && i < schema->items.size(); ++i) {
    const doc::Node& field = schema->items[i];
    const doc::Node* name = field.find("field_name");
    if (!name || name->kind != doc::Kind::String) continue;
    auto where = [&](const doc::Node& n, std::string_view key) {
      std::string source = d->path;
      source.append(":").append(std::to_string(d->source ? d->source->locate(n.offset).line : 0));
      return source.append(": /schema/").append(std::to_string(i)).append("/").append(key);
    };
    const doc::Node* expected = field.find("expected_values");
    auto parsed = expected && expected->kind == doc::Kind::String ? parse_expected_values(expected->text) : std::nullopt;
    if (parsed) out.push_back({name->text, parsed->range, std::move(parsed->allowed), where(*expected, "expected_values")});
    // min_value and max_value, the format's numbers for the same promise: one range.
    const doc::Node* lo = field.find("min_value");
    const doc::Node* hi = field.find("max_value");
    if ((lo && lo->is_number()) || (hi && hi->is_number())) {
      const double a = lo && lo->is_number() ? lo->number : -INFINITY, b = hi && hi->is_number() ? hi->number : INFINITY;
      out.push_back({name->text, std::make_pair(a, b), {}, where(lo && lo->is_number() ? *lo : *hi, lo && lo->is_number() ? "min_value" : "max_value")});
    }
  }
  return out;
}

}  // namespace seam::api
