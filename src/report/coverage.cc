#include "report/coverage.h"

#include <cstdio>

#include "util/escape.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::report {
namespace {

void coverage_json(const rules::Coverage& c, Writer& out) {
  JsonWriter w(2);
  w.begin_object().key("subcategories").begin_array();
  for (const auto& s : c.subcategories) {
    w.begin_object().key("category").value(s.subcategory.category).key("subcategory").value(s.subcategory.name);
    w.key("importance").value(s.subcategory.importance).key("rules").begin_array();
    for (const auto& id : s.rules) w.value(id);
    w.end_array().key("missing_checks").begin_array();
    for (const auto& id : s.missing_checks) w.value(id);
    w.end_array().key("covered").value(s.covered()).end_object();
  }
  w.end_array().key("covered").value(static_cast<int64_t>(c.covered)).key("total").value(static_cast<int64_t>(c.subcategories.size()));
  w.end_object();
  out.write(w.str());
  out.write("\n");
}

std::string cell(const std::vector<std::string>& ids) {
  return ids.empty() ? "**none**" : escape::markdown(text::join(ids, ", "));
}

void coverage_markdown(const rules::Coverage& c, Writer& out) {
  out.write("| category | subcategory | importance | rules | missing-information checks |\n|---|---|---|---|---|\n");
  char pct[32];
  for (const auto& s : c.subcategories) {
    std::snprintf(pct, sizeof pct, "%.0f%%", s.subcategory.importance);
    out.write("| " + escape::markdown(s.subcategory.category) + " | " + escape::markdown(s.subcategory.name) + " | " + pct + " | " +
              cell(s.rules) + " | " + cell(s.missing_checks) + " |\n");
  }
  out.write("\n");
  out.write(std::to_string(c.covered) + " of " + std::to_string(c.subcategories.size()) + " subcategories covered\n");
}

void coverage_text(const rules::Coverage& c, Writer& out) {
  char line[1024];
  for (const auto& s : c.subcategories) {
    const std::string rules_col = text::join(s.rules, ", "), missing_col = text::join(s.missing_checks, ", ");
    std::snprintf(line, sizeof line, "%-2s %-52s %3.0f%%  ", s.subcategory.code.c_str(), s.subcategory.name.c_str(), s.subcategory.importance);
    out.write(std::string(line) + (s.covered() ? rules_col : "NOT COVERED") +
              (!rules_col.empty() && !missing_col.empty() ? "; missing: " : missing_col.empty() ? "" : "missing: ") + missing_col + "\n");
  }
  out.write(std::to_string(c.covered) + " of " + std::to_string(c.subcategories.size()) + " subcategories covered\n");
}

}  // namespace

const Formats<rules::Coverage>& coverage_formats() {
  static const Formats<rules::Coverage> table = {{"text", coverage_text}, {"markdown", coverage_markdown}, {"json", coverage_json}};
  return table;
}

}  // namespace seam::report
