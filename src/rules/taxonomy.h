// The ML mismatch taxonomy: 7 categories, 34 subcategories, with how often practitioners
// named each one in interviews and how important they rated it in the survey. seam uses it
// to place every finding and to rank missing information, most important first.
//
// Thread safety: the built-in taxonomy is parsed once, on first use, and read-only afterwards.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seam::rules {

struct Subcategory {
  std::string category;     // "Trained Model"
  std::string code;         // "TM"
  std::string name;         // "API/Specifications"
  int interviews = 0;       // instances named in the interviews
  double importance = 0;    // mean share of survey respondents who rated it important (0-100)
};

class Taxonomy {
 public:
  static const Taxonomy& builtin();  // from rules/taxonomy.csv, compiled in
  const std::vector<Subcategory>& all() const { return all_; }
  const Subcategory* find(std::string_view category, std::string_view name) const;
  std::vector<std::string> categories() const;
  Taxonomy with(std::vector<Subcategory> all) const;  // a taxonomy holding `all`

 private:
  std::vector<Subcategory> all_;
};

}  // namespace seam::rules
