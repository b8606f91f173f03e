// seam trl status and seam trl check, as text and JSON.
#include <cstdio>

#include "report/trl_report.h"
#include "util/json_writer.h"

namespace seam::report {
namespace {

void write_gate(JsonWriter& w, const trl::Gate& g) {
  w.begin_object().key("to").value(g.to).key("passed").value(g.passed).key("criteria").begin_array();
  for (const auto& c : g.criteria)
    w.begin_object().key("id").value(c.id).key("level").value(c.level).key("text").value(c.text)
        .key("kind").value(c.automatic ? "automatic" : "manual").key("met").value(c.met).key("evidence").value(c.evidence).end_object();
  w.end_array().end_object();
}

std::string unmet(const trl::Gate& g, bool automatic_only) {
  std::string out;
  for (const auto& c : g.criteria)
    if (!c.met && (c.automatic || !automatic_only)) out += "      - " + c.id + ": " + c.evidence + "\n";
  return out;
}

void status_json(const trl::SystemStatus& s, Writer& out) {
  JsonWriter w(2);
  w.begin_object().key("system_level").value(s.system_level).key("limiting").begin_array();
  for (const auto& id : s.limiting) w.value(id);
  w.end_array().key("components").begin_array();
  for (const auto& c : s.components) {
    w.begin_object().key("id").value(c.id).key("name").value(c.name).key("level").value(c.level);
    w.key("level_name").value(c.level_name).key("level_supported").value(c.current.passed).key("next_level");
    if (!c.next) {
      w.null().key("gate").null();
    } else {
      w.value(c.level + 1).key("gate");
      write_gate(w, *c.next);
    }
    w.end_object();
  }
  w.end_array().end_object();
  out.write(w.str());
  out.write("\n");
}

void status_text(const trl::SystemStatus& s, Writer& out) {
  std::string text;
  for (const auto& c : s.components) {
    text += c.id + "  level " + std::to_string(c.level) + " (" + c.level_name + ")" +
            (c.level == s.system_level ? "  <- limits the system" : "") + "\n";
    if (!c.current.passed)
      text += "    level " + std::to_string(c.level) + " is claimed but its criteria are not all met:\n" + unmet(c.current, true);
    if (c.next)
      text += "    gate to " + std::to_string(c.level + 1) + " (" + c.next_level_name + "): " +
              (c.next->passed ? "automatic criteria met" : "blocked") + "\n" + unmet(*c.next, false);
  }
  text += "system level " + std::to_string(s.system_level) + " (" + s.system_level_name + "), the lowest of its components\n";
  out.write(text);
}

void gate_json(const GateView& v, Writer& out) {
  JsonWriter w(2);
  write_gate(w, v.gate);
  out.write(w.str());
  out.write("\n");
}

void gate_text(const GateView& v, Writer& sink) {
  const trl::Gate& g = v.gate;
  std::string out;
  char line[512];
  for (const auto& c : g.criteria) {
    std::snprintf(line, sizeof line, "%-6s L%d %-28s ", c.met ? "met" : c.automatic ? "UNMET" : "manual", c.level, c.id.c_str());
    out += line + c.evidence + "\n";
  }
  out += "gate of " + v.component + " into level " + std::to_string(g.to) + " (" + v.level_name + "): " +
         (g.passed ? "passes (manual criteria are signed off in the review)" : "fails") + "\n";
  sink.write(out);
}

void risks_text(const trl::RiskTable& t, Writer& sink) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-6s %-22s %-8s %-6s %-5s %s\n", "risk", "component", "req", "p", "value", "requirement");
  out += line;
  for (const auto& r : t.rows) {
    std::snprintf(line, sizeof line, "%-6.2f %-22.22s %-8.8s %-6.2f %-5lld %.70s\n", r.risk, r.component.c_str(), r.id.c_str(),
                  r.p_failure, static_cast<long long>(r.value), r.text.c_str());
    out += line;
  }
  std::snprintf(line, sizeof line, "\nlikelihood (p_failure) by impact (value)\n%-12s %6s %6s %6s %6s %6s\n", "", "1-2", "3-4",
                "5-6", "7-8", "9-10");
  out += line;
  static const char* labels[] = {"0.0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1.0"};
  for (int l = 4; l >= 0; --l) {
    std::snprintf(line, sizeof line, "%-12s", labels[l]);
    out += line;
    for (int i = 0; i < 5; ++i) {
      std::snprintf(line, sizeof line, " %6d", t.matrix[l][i]);
      out += line;
    }
    out += "\n";
  }
  sink.write(out);
}


// The matrix's rows are likelihood (p_failure in fifths, 0.0-0.2 first), its columns impact
// (value 1-2 first), as trl::RiskTable keeps them.
void risks_json(const trl::RiskTable& t, Writer& out) {
  JsonWriter w(2);
  w.begin_object().key("requirements").begin_array();
  for (const auto& r : t.rows)
    w.begin_object().key("component").value(r.component).key("id").value(r.id).key("text").value(r.text)
        .key("p_failure").value(r.p_failure).key("value").value(r.value).key("risk").value(r.risk).end_object();
  w.end_array().key("matrix").begin_array();
  for (const auto& row : t.matrix) {
    w.begin_array();
    for (int n : row) w.value(n);
    w.end_array();
  }
  w.end_array().end_object();
  out.write(w.str());
  out.write("\n");
}

}  // namespace

const Formats<trl::SystemStatus>& trl_status_formats() {
  static const Formats<trl::SystemStatus> table = {{"text", status_text}, {"json", status_json}};
  return table;
}

const Formats<GateView>& trl_gate_formats() {
  static const Formats<GateView> table = {{"text", gate_text}, {"json", gate_json}};
  return table;
}

const Formats<trl::RiskTable>& trl_risks_formats() {
  static const Formats<trl::RiskTable> table = {{"text", risks_text}, {"json", risks_json}};
  return table;
}

}  // namespace seam::report
