#include "report/drift_report.h"

#include <array>

#include "report/drift_common.h"
#include "util/escape.h"
#include "util/text.h"

namespace seam::report {
namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + escape::control(s);
  return out;
}

constexpr size_t kCells = 7;
using Row = std::array<std::string, kCells>;
constexpr std::array<bool, kCells> kRight = {false, false, false, true, true, true, false};

void pad(std::string& out, const std::string& cell, size_t width, bool right) {
  const size_t n = text::utf8_length(cell);
  const std::string fill(width > n ? width - n : 0, ' ');
  out += right ? fill + cell : cell + fill;
}

// Why each inconclusive column could not be decided, and what would decide it.
void inconclusive(const stats::DriftReport& r, std::string& out) {
  if (!r.inconclusive) return;
  out += "\ninconclusive:\n";
  for (const auto& c : r.columns)
    if (c.verdict == stats::Verdict::Inconclusive)
      out += "  " + escape::control(c.name) + ": " + escape::control(c.why) + (c.advice.empty() ? "" : "; " + escape::control(c.advice)) + "\n";
}

}  // namespace

// Names and notes go through escape::control: a newline in a column name would otherwise
// break the table into extra lines.
std::string drift_text(const stats::DriftReport& r) {
  const std::string summary = escape::control(detail::drift_summary_line(r));
  std::string out = "reference: " + escape::control(r.reference) + "\ncurrent:   " + escape::control(r.current) + "\n\n" +
                    summary + "\n\n";

  std::vector<Row> rows = {{"column", "type", "method", "statistic", "p-value", "threshold", "result"}};
  for (const auto& c : r.columns)
    rows.push_back({escape::control(c.name), std::string(stats::type_name(c.type)), std::string(stats::method_name(c.method)),
                    detail::statistic_cell(c), detail::p_value_cell(c), detail::drift_number(c.threshold),
                    detail::result_cell(c)});
  std::array<size_t, kCells> width{};
  for (const auto& row : rows)
    for (size_t i = 0; i < kCells; ++i) width[i] = std::max(width[i], text::utf8_length(row[i]));

  if (r.columns.empty()) {
    out += "no column tested\n";
  } else {
    for (const auto& row : rows) {
      for (size_t i = 0; i + 1 < kCells; ++i) {
        pad(out, row[i], width[i], kRight[i]);
        out += "  ";
      }
      out += row[kCells - 1] + "\n";
    }
  }

  inconclusive(r, out);
  const bool more = !r.notes.empty() || !r.only_in_reference.empty() || !r.only_in_current.empty() || !r.skipped.empty();
  if (more) out += "\n";
  if (!r.notes.empty()) {
    out += "notes:\n";
    for (const auto& n : r.notes) out += "  " + escape::control(n) + "\n";
  }
  if (!r.only_in_reference.empty()) out += "only in the reference: " + joined(r.only_in_reference) + "\n";
  if (!r.only_in_current.empty()) out += "only in the current data: " + joined(r.only_in_current) + "\n";
  if (!r.skipped.empty()) out += "not tested: " + joined(r.skipped) + "\n";

  (out += '\n') += summary + "\n";
  return out;
}

}  // namespace seam::report
