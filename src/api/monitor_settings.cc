#include "api/monitor_settings.h"

#include <charconv>
#include <cmath>
#include <filesystem>

#include "api/monitor.h"
#include "doc/descriptor.h"
#include "doc/parse.h"
#include "doc/schema.h"
#include "doc/source.h"
#include "trl/trl.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::api {
namespace {

// "file:line: /pointer", the way events and messages name a place in a document.
std::string place(const doc::Source& src, const doc::Node& n, const std::string& pointer) {
  std::string out = src.path();
  out.append(":").append(std::to_string(src.locate(n.offset).line)).append(": ").append(pointer);
  return out;
}

// A path written in a file, as seen from the working directory.
std::string beside(const std::string& file, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  const std::string dir = std::filesystem::path(file).parent_path().string();
  return dir.empty() ? path : join_path(dir, path);
}

// Reads one settings document: each known member sets its field and remembers its place.
class FileReader {
 public:
  FileReader(const doc::Source& src, MonitorLayer& layer) : src_(src), layer_(layer) {}

  void read(const doc::Node& root) {
    if (const auto* n = get(root, "reference", "/reference", "reference")) layer_.reference = beside(src_.path(), n->text);
    if (const auto* n = get(root, "format", "/format", "format")) layer_.format = data::format_from_name(n->text);
    if (const doc::Node* w = root.find("window")) {
      if (const auto* n = get(*w, "records", "/window/records", "window.records")) layer_.window = static_cast<uint64_t>(n->integer);
      if (const auto* n = get(*w, "slide", "/window/slide", "window.slide")) layer_.slide = static_cast<uint64_t>(n->integer);
      if (const auto* n = get(*w, "min_records", "/window/min_records", "window.min_records")) layer_.min_window = static_cast<uint64_t>(n->integer);
      if (const auto* n = get(*w, "time_column", "/window/time_column", "window.time_column")) layer_.time_column = n->text;
      duration(*w, "length", layer_.length);
      duration(*w, "every", layer_.every);
      duration(*w, "lateness", layer_.lateness);
    }
    if (const auto* n = get(root, "columns", "/columns", "columns")) {
      layer_.columns.emplace();
      for (const auto& c : n->items) layer_.columns->push_back(c.text);
    }
    each(root, "methods", [&](const std::string& col, const doc::Node& v) {
      layer_.methods[col] = *stats::method_from_name(v.text);
      return std::string("methods.").append(col);
    });
    each(root, "thresholds", [&](const std::string& method, const doc::Node& v) {
      layer_.method_thresholds[*stats::method_from_name(method)] = v.number;
      return std::string("thresholds.").append(method);
    });
    each(root, "column_thresholds", [&](const std::string& col, const doc::Node& v) {
      layer_.column_thresholds[col] = v.number;
      return std::string("column_thresholds.").append(col);
    });
    if (const auto* n = get(root, "missing_rate_margin", "/missing_rate_margin", "missing_rate_margin")) layer_.missing_rate_margin = n->number;
    if (const doc::Node* a = root.find("alerts")) {
      if (const auto* n = get(*a, "after", "/alerts/after", "alerts.after")) layer_.alert_after = clamp(n->integer);
      if (const auto* n = get(*a, "cooldown", "/alerts/cooldown", "alerts.cooldown")) layer_.cooldown = clamp(n->integer);
    }
    if (const auto* n = get(root, "events", "/events", "events")) layer_.events = beside(src_.path(), n->text);
    if (const auto* n = get(root, "quarantine", "/quarantine", "quarantine")) layer_.quarantine = beside(src_.path(), n->text);
    if (const doc::Node* h = root.find("webhook")) {
      if (const auto* n = get(*h, "url", "/webhook/url", "webhook.url")) layer_.webhook = n->text;
      if (const auto* n = get(*h, "retries", "/webhook/retries", "webhook.retries")) layer_.webhook_retries = clamp(n->integer);
      if (const auto* n = get(*h, "dead_letter", "/webhook/dead_letter", "webhook.dead_letter")) layer_.dead_letter = beside(src_.path(), n->text);
    }
    if (const doc::Node* m = root.find("metrics"))
      if (const auto* n = get(*m, "listen", "/metrics/listen", "metrics.listen")) layer_.metrics = n->text;
  }

 private:
  static int clamp(int64_t v) { return static_cast<int>(std::min<int64_t>(v, 1 << 20)); }

  // A duration in /window; the schema has checked its form, so it parses.
  void duration(const doc::Node& window, std::string_view key, std::optional<double>& to) {
    std::string pointer = "/window/", setting = "window.";
    pointer.append(key);
    setting.append(key);
    const auto* n = get(window, key, pointer, setting);
    if (!n) return;
    to = parse_duration(n->text);
    if (!to && !error)
      error = src_.error_at(n->offset, "expected a duration such as 90, 30s, 15m, 1h or 1d; found '" + n->text + "'", pointer);
  }

 public:
  std::optional<Error> error;  // the first value the schema cannot check that is wrong

 private:

  const doc::Node* get(const doc::Node& parent, std::string_view key, const std::string& pointer, const std::string& setting) {
    const doc::Node* n = parent.find(key);
    if (n) layer_.where[setting] = place(src_, *n, pointer);
    return n;
  }

  // Each member of the object `key`; `set` applies one and returns the setting's name.
  template <typename Set>
  void each(const doc::Node& root, std::string_view key, Set set) {
    const doc::Node* obj = root.find(key);
    if (!obj) return;
    for (const auto& m : obj->members) {
      std::string pointer = "/";
      pointer.append(key).append("/").append(m.key);
      layer_.where[set(m.key, m.value)] = place(src_, m.value, pointer);
    }
  }

  const doc::Source& src_;
  MonitorLayer& layer_;
};

// The monitoring section of the one card that has it, or of `component`'s card.
Status read_card(const std::string& dir, const std::string& component, const FileSystem& fs, MonitorLayer& layer) {
  if (trl::card_paths(dir, fs).empty()) {
    if (component.empty()) return Ok{};
    return Error::usage("--component " + component + ": " + dir + " has no TRL cards (trl/*.yaml)");
  }
  auto cards = trl::load_cards(dir, fs);
  if (!cards.ok()) return std::move(cards).take_error();
  const trl::Card* chosen = nullptr;
  std::vector<std::string> with;
  for (const auto& c : cards.value()) {
    if (!component.empty() ? c.id == component : c.get("monitoring") != nullptr) chosen = &c;
    if (c.get("monitoring")) with.push_back(c.id);
  }
  if (!component.empty() && !chosen) return Error::usage("--component " + component + ": no TRL card of that component in " + dir);
  if (component.empty() && with.size() > 1)
    return Error::usage("several TRL cards have a monitoring section (" + text::join(with, ", ") + "): name one with --component");
  if (!chosen || !chosen->get("monitoring")) return Ok{};
  const doc::Source& src = *chosen->source;
  if (const doc::Node* r = chosen->get("monitoring.reference_profile"); r && r->kind == doc::Kind::String) {
    layer.reference = join_path(dir, r->text);
    layer.where["reference"] = place(src, *r, "/monitoring/reference_profile");
  }
  if (const doc::Node* t = chosen->get("monitoring.thresholds"))
    for (const auto& m : t->members) {
      layer.method_thresholds[*stats::method_from_name(m.key)] = m.value.number;
      layer.where["thresholds." + m.key] = place(src, m.value, "/monitoring/thresholds/" + m.key);
    }
  return Ok{};
}

}  // namespace

std::optional<double> parse_duration(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || !(v >= 0) || !std::isfinite(v)) return std::nullopt;
  const std::string_view unit = text.substr(static_cast<size_t>(end - text.data()));
  static const std::pair<std::string_view, double> units[] = {{"", 1}, {"s", 1}, {"ms", 1e-3}, {"m", 60}, {"h", 3600}, {"d", 86400}};
  for (const auto& [name, scale] : units)
    if (unit == name) return v * scale;
  return std::nullopt;
}

Result<MonitorLayer> monitor_file_layer(const std::string& path, const FileSystem& fs) {
  auto text = fs.read(path, uint64_t{1} << 20, "monitor settings");
  if (!text.ok()) return std::move(text).take_error();
  auto src = doc::make_source(path, std::move(text).value());
  if (!src.ok()) return std::move(src).take_error();
  auto root = doc::parse_yaml(src.value());
  if (!root.ok()) return std::move(root).take_error();
  std::vector<doc::Violation> violations;
  doc::embedded_schema("monitor").validate(root.value(), violations);
  if (!violations.empty()) return src.value().error_at(violations[0].offset, violations[0].message, violations[0].pointer);
  MonitorLayer layer;
  layer.name = path;
  FileReader reader(src.value(), layer);
  reader.read(root.value());
  if (reader.error) return *reader.error;
  return layer;
}

Result<MonitorLayer> monitor_project_layer(const std::string& dir, const std::string& component, const FileSystem& fs) {
  MonitorLayer layer;
  layer.name = dir;
  auto promised = monitor_expectations(dir, fs);
  if (!promised.ok()) return std::move(promised).take_error();
  layer.expectations = std::move(promised).value();
  if (Status s = read_card(dir, component, fs, layer); !s.ok()) return s.error();
  return layer;
}

MonitorSettings merge_monitor_layers(const std::vector<MonitorLayer>& layers) {
  MonitorSettings s;
  // The first layer that sets a setting wins; `origin` says which.
  auto take = [&](const MonitorLayer& l, const std::string& name, const auto& from, auto& to) {
    if (!from || s.origin.count(name)) return;
    to = *from;
    s.origin[name] = l.where.count(name) ? l.where.at(name) : l.name;
  };
  auto take_each = [&](const MonitorLayer& l, const std::string& prefix, const auto& from, auto& to, auto key_name) {
    for (const auto& [key, value] : from) {
      const std::string name = prefix + std::string(key_name(key));
      if (s.origin.count(name)) continue;
      to[key] = value;
      s.origin[name] = l.where.count(name) ? l.where.at(name) : l.name;
    }
  };
  const auto same = [](const std::string& k) { return k; };
  monitor::Options& o = s.options;
  for (const auto& l : layers) {
    take(l, "reference", l.reference, s.reference);
    take(l, "format", l.format, s.format);
    take(l, "window.records", l.window, o.window);
    take(l, "window.slide", l.slide, o.slide);
    take(l, "window.min_records", l.min_window, o.min_window);
    take(l, "window.time_column", l.time_column, o.time_column);
    take(l, "window.length", l.length, o.length);
    take(l, "window.every", l.every, o.every);
    take(l, "window.lateness", l.lateness, o.lateness);
    take(l, "columns", l.columns, o.drift.columns);
    take_each(l, "methods.", l.methods, o.drift.methods, same);
    take_each(l, "column_thresholds.", l.column_thresholds, o.drift.thresholds, same);
    take_each(l, "thresholds.", l.method_thresholds, o.method_thresholds, stats::method_name);
    take(l, "missing_rate_margin", l.missing_rate_margin, o.missing_rate_margin);
    take(l, "alerts.after", l.alert_after, o.alert_after);
    take(l, "alerts.cooldown", l.cooldown, o.cooldown);
    take(l, "events", l.events, s.events);
    take(l, "quarantine", l.quarantine, s.quarantine);
    take(l, "webhook.url", l.webhook, s.webhook);
    take(l, "webhook.retries", l.webhook_retries, s.webhook_retries);
    take(l, "webhook.dead_letter", l.dead_letter, s.dead_letter);
    take(l, "metrics.listen", l.metrics, s.metrics);
    o.expectations.insert(o.expectations.end(), l.expectations.begin(), l.expectations.end());
  }
  return s;
}

std::string monitor_settings_json(const MonitorSettings& s) {
  const monitor::Options& o = s.options;
  JsonWriter w;
  w.begin_object();
  auto text_or_null = [&](std::string_view key, std::string_view v) {
    w.key(key);
    if (v.empty()) w.null();
    else w.value(v);
  };
  text_or_null("reference", s.reference);
  text_or_null("format", !s.format ? "" : *s.format == data::Format::Csv ? "csv" : *s.format == data::Format::Tsv ? "tsv" : "jsonl");
  w.key("window").begin_object();
  if (o.time_column.empty()) {
    w.key("records").value(static_cast<int64_t>(o.window)).key("slide").value(static_cast<int64_t>(o.slide ? o.slide : o.window));
  } else {
    w.key("time_column").value(o.time_column).key("length").value(o.length);
    w.key("every").value(o.every > 0 ? o.every : o.length).key("lateness").value(o.lateness);
  }
  const uint64_t min_window = o.min_window ? o.min_window : !o.time_column.empty() ? 2 : std::max<uint64_t>(2, o.window / 2);
  w.key("min_records").value(static_cast<int64_t>(min_window)).end_object();
  w.key("columns").begin_array();
  for (const auto& c : o.drift.columns) w.value(c);
  w.end_array().key("methods").begin_object();
  for (const auto& [c, m] : o.drift.methods) w.key(c).value(stats::method_name(m));
  w.end_object().key("thresholds").begin_object();
  for (const auto& [m, t] : o.method_thresholds) w.key(stats::method_name(m)).value(t);
  w.end_object().key("column_thresholds").begin_object();
  for (const auto& [c, t] : o.drift.thresholds) w.key(c).value(t);
  w.end_object().key("missing_rate_margin").value(o.missing_rate_margin);
  w.key("alerts").begin_object().key("after").value(o.alert_after).key("cooldown").value(o.cooldown).end_object();
  text_or_null("events", s.events);
  text_or_null("quarantine", s.quarantine);
  w.key("webhook").begin_object();
  text_or_null("url", s.webhook);
  w.key("retries").value(s.webhook_retries);
  text_or_null("dead_letter", s.dead_letter);
  w.end_object().key("metrics").begin_object();
  text_or_null("listen", s.metrics);
  w.end_object();
  w.key("expectations").begin_array();
  for (const auto& x : o.expectations) w.value(x.column + ": " + x.source);
  w.end_array().key("origin").begin_object();
  for (const auto& [k, v] : s.origin) w.key(k).value(v);
  w.end_object().end_object();
  return w.str();
}

}  // namespace seam::api
