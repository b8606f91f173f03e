// seam trl metrics, as text and JSON.
#include <cstdio>

#include "report/trl_report.h"
#include "util/json_writer.h"

namespace seam::report {
namespace {

void write_stay(JsonWriter& w, const trl::Stay& s) {
  w.begin_object().key("level").value(s.level).key("from").value(s.from).key("to").value(s.to)
      .key("days").value(s.days).key("current").value(s.current).end_object();
}

void write_switchbacks(JsonWriter& w, const trl::SwitchbackCounts& s) {
  w.begin_object().key("total").value(s.total).key("discovery").value(s.discovery).key("review").value(s.review)
      .key("embedded").value(s.embedded).end_object();
}

void write_component(JsonWriter& w, const trl::Metrics& m, const std::array<std::string, 10>& names) {
  w.begin_object().key("id").value(m.component).key("level").value(m.level).key("level_name").value(names[m.level]);
  w.key("first_review");
  if (m.first_review.empty()) w.null();
  else w.value(m.first_review);
  w.key("total_days").value(m.total_days).key("days_at_level").begin_array();
  for (int l = 0; l < 10; ++l)
    if (m.stays_at_level[l])
      w.begin_object().key("level").value(l).key("name").value(names[l]).key("days").value(m.days_at_level[l])
          .key("stays").value(m.stays_at_level[l]).end_object();
  w.end_array().key("stays").begin_array();
  for (const auto& s : m.stays) write_stay(w, s);
  w.end_array().key("longest_stay");
  if (m.longest < 0) w.null();
  else write_stay(w, m.stays[m.longest]);
  w.key("graduations").value(m.graduations).key("switchbacks");
  write_switchbacks(w, m.switchbacks);
  w.end_object();
}

void metrics_json(const trl::MetricsSummary& s, Writer& out) {
  JsonWriter w(2);
  w.begin_object().key("today").value(s.today).key("components").begin_array();
  for (const auto& m : s.components) write_component(w, m, s.level_names);
  w.end_array().key("totals").begin_object().key("components").value(static_cast<int64_t>(s.components.size()))
      .key("graduations").value(s.graduations).key("switchbacks");
  write_switchbacks(w, s.switchbacks);
  w.key("days_at_level").begin_array();
  for (int l = 0; l < 10; ++l)
    if (s.days_at_level[l])
      w.begin_object().key("level").value(l).key("name").value(s.level_names[l]).key("days").value(s.days_at_level[l]).end_object();
  w.end_array().key("longest_stay");
  if (s.slowest >= 0) {
    const trl::Metrics& m = s.components[s.slowest];
    const trl::Stay& st = m.stays[m.longest];
    w.begin_object().key("component").value(m.component).key("level").value(st.level).key("from").value(st.from)
        .key("to").value(st.to).key("days").value(st.days).key("current").value(st.current).end_object();
  } else {
    w.null();
  }
  w.end_object().end_object();
  out.write(w.str());
  out.write("\n");
}

std::string switchback_text(const trl::SwitchbackCounts& s) {
  return std::to_string(s.total) + (s.total == 1 ? " switchback" : " switchbacks") + " (discovery " + std::to_string(s.discovery) +
         ", review " + std::to_string(s.review) + ", embedded " + std::to_string(s.embedded) + ")";
}

std::string component_text(const trl::Metrics& m, const std::array<std::string, 10>& names) {
  std::string text = m.component + ": level " + std::to_string(m.level) + " (" + names[m.level] + ")";
  text += m.stays.empty() ? ", no reviews recorded\n"
                          : ", " + std::to_string(m.total_days) + " days since the first review on " + m.first_review + "\n";
  for (size_t i = 0; i < m.stays.size(); ++i) {
    const trl::Stay& s = m.stays[i];
    char line[160];
    std::snprintf(line, sizeof line, "  %s to %-10s  level %d  %6lld days%s\n", s.from.c_str(), s.current ? "today" : s.to.c_str(),
                  s.level, static_cast<long long>(s.days), static_cast<int>(i) == m.longest ? "  <- longest stay" : "");
    text += line;
  }
  if (!m.stays.empty()) {
    std::string by_level;
    for (int l = 0; l < 10; ++l)
      if (m.stays_at_level[l]) by_level += (by_level.empty() ? "" : ", ") + ("level " + std::to_string(l)) + " " + std::to_string(m.days_at_level[l]);
    text += "  days by level: " + by_level + "\n";
  }
  return text + "  " + std::to_string(m.graduations) + (m.graduations == 1 ? " graduation, " : " graduations, ") +
         switchback_text(m.switchbacks) + "\n\n";
}

void metrics_text(const trl::MetricsSummary& s, Writer& out) {
  std::string text;
  for (const auto& m : s.components) text += component_text(m, s.level_names);
  text += "total: " + std::to_string(s.components.size()) + " components, " + std::to_string(s.graduations) + " graduations, " +
          switchback_text(s.switchbacks) + "\n";
  if (s.slowest >= 0) {
    const trl::Metrics& m = s.components[s.slowest];
    const trl::Stay& st = m.stays[m.longest];
    text += "longest stay: " + m.component + " at level " + std::to_string(st.level) + ", " + std::to_string(st.days) + " days" +
            (st.current ? " so far" : "") + " (a long stay or many switchbacks can point to a bottleneck)\n";
  }
  out.write(text);
}

}  // namespace

const Formats<trl::MetricsSummary>& trl_metrics_formats() {
  static const Formats<trl::MetricsSummary> table = {{"text", metrics_text}, {"json", metrics_json}};
  return table;
}

}  // namespace seam::report
