// Where seam monitor's settings come from, and which source wins.
//
// Settings come in layers, and a setting that a layer leaves unset is left to the layers
// after it. In order of precedence:
//   1. the command line;
//   2. the project's descriptors: the monitoring section of a TRL card (the reference, and
//      thresholds by method) and the production_data descriptor (what each field promises);
//   3. the monitor settings file, DIR/monitor.yaml or --config FILE (schemas/monitor.schema.json);
//   4. the built-in defaults (monitor::Options).
// The descriptors come before monitor.yaml because they are the team's written assumptions,
// and an operator's file should not quietly contradict them. Every setting that was set
// remembers where, so that `seam monitor --show-settings` can say why a threshold is what it is.
//
// Thread safety: the functions are pure apart from reading files through `fs`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/reader.h"
#include "monitor/monitor.h"
#include "stats/drift.h"
#include "util/fs.h"
#include "util/result.h"

namespace seam::api {

struct MonitorLayer {
  std::string name;  // "command line", "proj/monitor.yaml", "proj/trl/model.yaml"
  std::optional<std::string> reference;  // a path, already relative to the working directory
  std::optional<data::Format> format;
  std::optional<uint64_t> window, slide, min_window;              // counted in records
  std::optional<std::string> time_column;                          // windows in event time:
  std::optional<double> length, every, lateness;                   // seconds
  std::optional<std::vector<std::string>> columns;
  std::map<std::string, stats::Method> methods;            // by column
  std::map<std::string, double> column_thresholds;         // by column
  std::map<stats::Method, double> method_thresholds;       // by method
  std::optional<double> missing_rate_margin;
  std::optional<int> alert_after, cooldown;
  std::optional<std::string> events, quarantine;           // paths, as reference
  std::optional<std::string> webhook, dead_letter;         // a URL; a path
  std::optional<int> webhook_retries;
  std::optional<std::string> metrics;                      // "host:port" to serve /metrics on
  std::vector<monitor::Expectation> expectations;
  // Where the layer sets each setting ("window.records" -> "monitor.yaml:4: /window/records");
  // a setting not here is named by the layer's name.
  std::map<std::string, std::string> where;
};

struct MonitorSettings {
  monitor::Options options;
  std::string reference;  // empty when no layer gives one
  std::optional<data::Format> format;
  std::string events, quarantine;  // empty: standard output; none
  std::string webhook, dead_letter, metrics;  // empty: none
  int webhook_retries = 5;
  // Each setting some layer set, with where: {"thresholds.ks", "proj/trl/m.yaml:288: /monitoring/thresholds/ks"}.
  std::map<std::string, std::string> origin;
};

// A monitor settings file. Io error when it cannot be read; Invalid, with its line, column
// and pointer, when it is not YAML or JSON or breaks schemas/monitor.schema.json.
Result<MonitorLayer> monitor_file_layer(const std::string& path, const FileSystem& fs = disk());

// What a project's descriptors say: the production_data descriptor's promises, when there is
// one, and the monitoring section of the TRL card of `component`. With no component given,
// the one card that has a monitoring section is used; several are a usage error that names
// them. Errors of the files are located as in seam validate.
Result<MonitorLayer> monitor_project_layer(const std::string& dir, const std::string& component = "",
                                           const FileSystem& fs = disk());

// The layers merged, the first first.
MonitorSettings merge_monitor_layers(const std::vector<MonitorLayer>& layers);

// A duration: a number of seconds, or a number with a unit: "500ms", "30s", "15m", "1h",
// "1.5d". nullopt for anything else, and for a negative or infinite one.
std::optional<double> parse_duration(std::string_view text);

// The settings and their origins as a JSON object, for --show-settings.
std::string monitor_settings_json(const MonitorSettings& s);

}  // namespace seam::api
