#include "report/coverage.h"

#include <algorithm>
#include <cstdio>

#include "util/escape.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::report {
namespace {

using rules::CoverageKind;

// What each kind of coverage means, for the legends of the text and markdown formats.
constexpr const char* kKindsExplained =
    "structured: a rule compares structured fields of descriptors and can find a mismatch in the "
    "subcategory; text only: only rules that read facts from prose (marked *), whose findings quote "
    "their words; missing only: only a missing-information check, which asks for the subcategory's "
    "fields but cannot find a mismatch; not covered: nothing";

std::string_view kind_label(const rules::SubcategoryCoverage& s) {
  switch (s.kind()) {
    case CoverageKind::Mismatch: return s.structured() ? "structured" : "text only";
    case CoverageKind::MissingOnly: return "missing only";
    case CoverageKind::None: return "NOT COVERED";
  }
  return "NOT COVERED";
}

// "21 of 34 subcategories covered by a structured rule, 3 by text rules only, 10 only by a
// missing-information check, 0 not covered"
std::string summary(const rules::Coverage& c) {
  const size_t total = c.subcategories.size();
  return std::to_string(c.by_structured) + " of " + std::to_string(total) + " subcategories covered by a structured rule, " +
         std::to_string(c.text_only) + " by text rules only, " + std::to_string(c.missing_only) +
         " only by a missing-information check, " + std::to_string(total - c.covered) + " not covered";
}

// The mismatch rules of a subcategory, those reading prose marked with '*'.
std::vector<std::string> marked_rules(const rules::SubcategoryCoverage& s) {
  std::vector<std::string> out;
  for (const auto& id : s.rules)
    out.push_back(std::find(s.text_rules.begin(), s.text_rules.end(), id) == s.text_rules.end() ? id : id + "*");
  return out;
}

// "TP Task and Purpose, RD Raw Data, ...": the category codes the text format uses.
std::string category_codes(const rules::Coverage& c) {
  std::vector<std::string> codes;
  std::string last;
  for (const auto& s : c.subcategories)
    if (s.subcategory.code != last) codes.push_back((last = s.subcategory.code) + " " + s.subcategory.category);
  return text::join(codes, ", ");
}

void coverage_json(const rules::Coverage& c, Writer& out) {
  JsonWriter w(2);
  w.begin_object().key("subcategories").begin_array();
  for (const auto& s : c.subcategories) {
    w.begin_object().key("category").value(s.subcategory.category).key("code").value(s.subcategory.code);
    w.key("subcategory").value(s.subcategory.name);
    w.key("importance").value(s.subcategory.importance).key("rules").begin_array();
    for (const auto& id : s.rules) w.value(id);
    w.end_array().key("text_rules").begin_array();
    for (const auto& id : s.text_rules) w.value(id);
    w.end_array().key("missing_checks").begin_array();
    for (const auto& id : s.missing_checks) w.value(id);
    w.end_array().key("covered").value(s.covered()).key("coverage").value(rules::coverage_kind_name(s.kind()));
    w.key("basis").value(s.structured() ? "structured" : s.rules.empty() ? "none" : "text").end_object();
  }
  const auto count = [](size_t n) { return static_cast<int64_t>(n); };
  w.end_array().key("covered").value(count(c.covered)).key("by_mismatch").value(count(c.by_mismatch));
  w.key("by_structured").value(count(c.by_structured)).key("text_only").value(count(c.text_only));
  w.key("missing_only").value(count(c.missing_only)).key("not_covered").value(count(c.subcategories.size() - c.covered));
  w.key("total").value(count(c.subcategories.size()));
  w.end_object();
  out.write(w.str());
  out.write("\n");
}

std::string cell(const std::vector<std::string>& ids) {
  return ids.empty() ? "**none**" : escape::markdown(text::join(ids, ", "));
}

void coverage_markdown(const rules::Coverage& c, Writer& out) {
  out.write("| category | subcategory | importance | covered by | mismatch rules | missing-information checks |\n"
            "|---|---|---|---|---|---|\n");
  char pct[32];
  for (const auto& s : c.subcategories) {
    std::snprintf(pct, sizeof pct, "%.0f%%", s.subcategory.importance);
    const std::string kind(kind_label(s));
    out.write("| " + escape::markdown(s.subcategory.category) + " | " + escape::markdown(s.subcategory.name) + " | " + pct + " | " +
              (s.kind() == CoverageKind::None ? "**not covered**" : kind) + " | " + cell(marked_rules(s)) + " | " + cell(s.missing_checks) + " |\n");
  }
  out.write("\n");  // a separate write: "\n" + string trips a GCC 12 -Wrestrict false positive
  out.write(summary(c) + ".\n\n");
  out.write("*importance*: the mean of the three survey percentages for the subcategory (rules/taxonomy.csv). "
            "*covered by*: " + std::string(kKindsExplained) + ".\n");
}

void coverage_text(const rules::Coverage& c, Writer& out) {
  char line[1024];
  std::snprintf(line, sizeof line, "%-3s %-52s %4s  %-13s  %s\n", "CAT", "SUBCATEGORY", "IMP", "COVERED BY", "RULES; missing: CHECKS");
  out.write(line);
  for (const auto& s : c.subcategories) {
    const std::string rules_col = text::join(marked_rules(s), ", "), missing_col = text::join(s.missing_checks, ", ");
    std::snprintf(line, sizeof line, "%-3s %-52s %3.0f%%  %-13s  ", s.subcategory.code.c_str(), s.subcategory.name.c_str(),
                  s.subcategory.importance, std::string(kind_label(s)).c_str());
    out.write(std::string(line) + rules_col + (!rules_col.empty() && !missing_col.empty() ? "; missing: " : missing_col.empty() ? "" : "missing: ") +
              missing_col + "\n");
  }
  out.write(summary(c) + "\n\n");
  out.write("CAT: category: " + category_codes(c) + "\n");
  out.write("IMP: importance, the mean of the three survey percentages (rules/taxonomy.csv)\n");
  out.write("COVERED BY: " + std::string(kKindsExplained) + "\n");
  out.write("missing: the missing-information checks, after the mismatch rules\n");
}

}  // namespace

const Formats<rules::Coverage>& coverage_formats() {
  static const Formats<rules::Coverage> table = {{"text", coverage_text}, {"markdown", coverage_markdown}, {"json", coverage_json}};
  return table;
}

}  // namespace seam::report
