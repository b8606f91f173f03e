// The format tables of the report families whose renderers return a whole document.
#include "report/diagnostic.h"
#include "report/diff_report.h"
#include "report/drift_report.h"
#include "report/findings.h"
#include "report/trl_card.h"
#include "report/trl_report.h"

namespace seam::report {
namespace {

template <class Report, std::string (*Render)(const Report&)>
void to_writer(const Report& r, Writer& out) {
  out.write(Render(r));
}

std::string findings_json_indented(const rules::Report& r) { return findings_json(r, 2); }

template <std::string (*Render)(std::span<const rules::Report>)>
void batch_to_writer(std::span<const rules::Report> reports, Writer& out) {
  out.write(Render(reports));
}

void json_line(const rules::Report& r, Writer& out) {
  std::string line = findings_json(r, 0);
  while (!line.empty() && line.back() == '\n') line.pop_back();
  out.write(line.append("\n"));
}

// Text reports do not name their project, so each gets a heading line.
void text_part(const rules::Report& r, Writer& out) { out.write("== " + r.project + " ==\n" + findings_text(r) + "\n"); }

// Markdown reports start with their own "# seam check: PROJECT" heading.
void markdown_part(const rules::Report& r, Writer& out) { out.write(findings_markdown(r) + "\n"); }

}  // namespace

const Formats<rules::Report>& findings_formats() {
  static const Formats<rules::Report> table = {
      {"text", to_writer<rules::Report, findings_text>},
      {"json", to_writer<rules::Report, findings_json_indented>},
      {"markdown", to_writer<rules::Report, findings_markdown>},
      {"html", to_writer<rules::Report, findings_html>},
      {"sarif", to_writer<rules::Report, findings_sarif>},
      {"junit", to_writer<rules::Report, findings_junit>},
  };
  return table;
}

const std::vector<BatchFormat>& findings_batch_formats() {
  static const std::vector<BatchFormat> table = {
      {"text", text_part, nullptr},
      {"json", json_line, nullptr},
      {"markdown", markdown_part, nullptr},
      {"html", nullptr, batch_to_writer<findings_html_batch>},
      {"sarif", nullptr, batch_to_writer<findings_sarif_batch>},
      {"junit", nullptr, batch_to_writer<findings_junit_batch>},
  };
  return table;
}

const BatchFormat* find_batch_format(std::string_view name) {
  for (const auto& f : findings_batch_formats())
    if (f.name == name) return &f;
  return nullptr;
}

const Formats<stats::DriftReport>& drift_formats() {
  static const Formats<stats::DriftReport> table = {
      {"text", to_writer<stats::DriftReport, drift_text>},
      {"json", to_writer<stats::DriftReport, drift_json>},
      {"markdown", to_writer<stats::DriftReport, drift_markdown>},
      {"html", to_writer<stats::DriftReport, drift_html>},
  };
  return table;
}

const Formats<doc::Diff>& diff_formats() {
  static const Formats<doc::Diff> table = {
      {"text", to_writer<doc::Diff, diff_text>},
      {"json", to_writer<doc::Diff, diff_json>},
  };
  return table;
}

const Formats<CardView>& trl_card_formats() {
  static const Formats<CardView> table = {
      {"markdown", [](const CardView& v, Writer& out) { out.write(trl_card_markdown(v.card, v.levels, v.next)); }},
      {"html", [](const CardView& v, Writer& out) { out.write(trl_card_html(v.card, v.levels, v.next)); }},
  };
  return table;
}

const Formats<ValidationView>& validation_formats() {
  static const Formats<ValidationView> table = {
      {"text", [](const ValidationView& v, Writer& out) { out.write(validation_text(v.files, v.verbose)); }},
      {"json", [](const ValidationView& v, Writer& out) { out.write(validation_json(v.files)); }},
  };
  return table;
}

}  // namespace seam::report
