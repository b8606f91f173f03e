#include "rules/taxonomy.h"

#include <cstdlib>
#include <sstream>

#include "util/embedded.h"

namespace seam::rules {
namespace {

// Splits one CSV record; fields may be quoted (the taxonomy has commas in names).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') out.back() += line[++i];
      else quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

Taxonomy parse(const char* text) {
  std::vector<Subcategory> all;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto f = split_csv(line);
    if (f.size() < 7) continue;
    Subcategory s{f[0], f[1], f[2], std::atoi(f[3].c_str()), 0};
    s.importance = (std::atof(f[4].c_str()) + std::atof(f[5].c_str()) + std::atof(f[6].c_str())) / 3;
    all.push_back(std::move(s));
  }
  Taxonomy t;
  return t.with(std::move(all));
}

}  // namespace

Taxonomy Taxonomy::with(std::vector<Subcategory> all) const {
  Taxonomy t;
  t.all_ = std::move(all);
  return t;
}

const Taxonomy& Taxonomy::builtin() {
  static const Taxonomy t = parse(embedded_taxonomy().at(0).text);
  return t;
}

const Subcategory* Taxonomy::find(std::string_view category, std::string_view name) const {
  for (const auto& s : all_)
    if (s.category == category && s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> Taxonomy::categories() const {
  std::vector<std::string> out;
  for (const auto& s : all_)
    if (out.empty() || out.back() != s.category) out.push_back(s.category);
  return out;
}

}  // namespace seam::rules
