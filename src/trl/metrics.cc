#include "trl/metrics.h"

#include <chrono>

namespace seam::trl {
namespace {

bool parse_date(const std::string& s, std::chrono::sys_days& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const std::chrono::year_month_day ymd{std::chrono::year(std::stoi(s.substr(0, 4))),
                                        std::chrono::month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                        std::chrono::day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
  if (!ymd.ok()) return false;
  out = std::chrono::sys_days(ymd);
  return true;
}

Error at(const Card& card, const doc::Node& node, const std::string& pointer, const std::string& message) {
  if (card.source) return card.source->error_at(node.offset, message, pointer);
  Error e = Error::invalid(message);
  e.file = card.path;
  e.pointer = pointer;
  return e;
}

}  // namespace

bool days_between(const std::string& a, const std::string& b, int64_t& days) {
  std::chrono::sys_days da, db;
  if (!parse_date(a, da) || !parse_date(b, db)) return false;
  days = (db - da).count();
  return true;
}

Result<Metrics> progress_metrics(const Card& card, const std::string& today) {
  std::chrono::sys_days now;
  if (!parse_date(today, now)) return Error::usage("today's date '" + today + "' is not YYYY-MM-DD");
  Metrics m;
  m.component = card.id;
  m.level = card.level;
  m.today = today;
  const doc::Node* reviews = card.get("reviews");
  if (!reviews || reviews->kind != doc::Kind::Array) return m;
  std::chrono::sys_days previous{};
  for (size_t i = 0; i < reviews->items.size(); ++i) {
    const doc::Node& r = reviews->items[i];
    const std::string pointer = "/reviews/" + std::to_string(i);
    const doc::Node* date = r.find("date");
    std::chrono::sys_days d;
    if (!date || date->kind != doc::Kind::String || !parse_date(date->text, d))
      return at(card, date ? *date : r, pointer + "/date", "a review needs its date as YYYY-MM-DD to count the time at each level");
    if (!m.stays.empty() && d < previous)
      return at(card, *date, pointer + "/date", "review dated " + date->text + " is listed after a later one (" + m.stays.back().from + "); list reviews oldest first");
    if (d > now) return at(card, *date, pointer + "/date", "review dated " + date->text + " lies after today (" + today + ")");
    if (!m.stays.empty()) {
      Stay& last = m.stays.back();
      last.to = date->text;
      last.days = (d - previous).count();
    }
    const doc::Node* to = r.find("to_level");
    Stay s;
    s.level = to && to->kind == doc::Kind::Int && to->integer >= 0 && to->integer <= 9 ? static_cast<int>(to->integer) : card.level;
    s.from = date->text;
    m.stays.push_back(s);
    previous = d;
    const doc::Node* decision = r.find("decision");
    const std::string what = decision && decision->kind == doc::Kind::String ? decision->text : "";
    if (what == "graduate") ++m.graduations;
    if (what != "switchback") continue;
    ++m.switchbacks.total;
    const doc::Node* kind = r.find("kind");
    const std::string k = kind && kind->kind == doc::Kind::String ? kind->text : "";
    if (k == "discovery") ++m.switchbacks.discovery;
    if (k == "review") ++m.switchbacks.review;
    if (k == "embedded") ++m.switchbacks.embedded;
  }
  if (m.stays.empty()) return m;
  Stay& last = m.stays.back();
  last.to = today;
  last.days = (now - previous).count();
  last.current = true;
  m.first_review = m.stays.front().from;
  for (size_t i = 0; i < m.stays.size(); ++i) {
    const Stay& s = m.stays[i];
    m.days_at_level[s.level] += s.days;
    ++m.stays_at_level[s.level];
    m.total_days += s.days;
    if (m.longest < 0 || s.days > m.stays[m.longest].days) m.longest = static_cast<int>(i);
  }
  return m;
}

}  // namespace seam::trl

namespace seam::trl {

Result<MetricsSummary> summarize_metrics(const Catalogue& levels, const std::vector<Card>& cards, const std::string& today) {
  MetricsSummary s;
  s.today = today;
  for (size_t l = 0; l < s.level_names.size() && l < levels.levels.size(); ++l) s.level_names[l] = levels.levels[l].name;
  for (const auto& c : cards) {
    auto m = progress_metrics(c, today);
    if (!m.ok()) return std::move(m).take_error();
    s.components.push_back(std::move(m).value());
  }
  for (size_t i = 0; i < s.components.size(); ++i) {
    const Metrics& m = s.components[i];
    s.switchbacks.total += m.switchbacks.total, s.switchbacks.discovery += m.switchbacks.discovery;
    s.switchbacks.review += m.switchbacks.review, s.switchbacks.embedded += m.switchbacks.embedded;
    s.graduations += m.graduations;
    for (size_t l = 0; l < s.days_at_level.size(); ++l) s.days_at_level[l] += m.days_at_level[l];
    const Metrics* slowest = s.slowest < 0 ? nullptr : &s.components[s.slowest];
    if (m.longest >= 0 && (!slowest || m.stays[m.longest].days > slowest->stays[slowest->longest].days))
      s.slowest = static_cast<int>(i);
  }
  return s;
}

}  // namespace seam::trl
