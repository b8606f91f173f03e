// The format tables of the report families whose renderers return a whole document.
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

const Formats<stats::DriftReport>& drift_formats() {
  static const Formats<stats::DriftReport> table = {
      {"text", to_writer<stats::DriftReport, drift_text>},
      {"json", to_writer<stats::DriftReport, drift_json>},
      {"markdown", to_writer<stats::DriftReport, drift_markdown>},
      {"html", to_writer<stats::DriftReport, drift_html>},
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

}  // namespace seam::report
