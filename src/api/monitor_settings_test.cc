#include "api/monitor_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace seam::api {
namespace {

using ::testing::HasSubstr;

constexpr const char* kSettings =
    "version: '1.0'\n"
    "reference: profiles/train.json\n"
    "window: {records: 500}\n"
    "methods: {amount: wasserstein}\n"
    "thresholds: {ks: 0.01, psi: 0.3}\n"
    "column_thresholds: {amount: 0.5}\n"
    "alerts: {after: 2, cooldown: 4}\n"
    "quarantine: /var/log/bad.jsonl\n";

constexpr const char* kCard =
    "version: '1.0'\n"
    "component: model\n"
    "monitoring:\n"
    "  reference_profile: data/training.csv\n"
    "  thresholds: {ks: 0.05}\n";

TEST(MonitorSettings, AFileSetsWhatItNamesAndSaysWhere) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.write("p/monitor.yaml", kSettings).ok());
  auto layer = monitor_file_layer("p/monitor.yaml", fs);
  ASSERT_TRUE(layer.ok()) << layer.error().message;
  const MonitorSettings s = merge_monitor_layers({layer.value()});
  EXPECT_EQ(s.reference, "p/profiles/train.json");  // beside the file
  EXPECT_EQ(s.quarantine, "/var/log/bad.jsonl");
  EXPECT_EQ(s.options.window, 500u);
  EXPECT_EQ(s.options.drift.methods.at("amount"), stats::Method::Wasserstein);
  EXPECT_EQ(s.options.method_thresholds.at(stats::Method::Psi), 0.3);
  EXPECT_EQ(s.options.drift.thresholds.at("amount"), 0.5);
  EXPECT_EQ(s.options.alert_after, 2);
  EXPECT_EQ(s.options.cooldown, 4);
  EXPECT_EQ(s.origin.at("window.records"), "p/monitor.yaml:3: /window/records");
  EXPECT_EQ(s.origin.at("thresholds.psi"), "p/monitor.yaml:5: /thresholds/psi");
  EXPECT_EQ(s.options.alert_after, 2);
}

TEST(MonitorSettings, Durations) {
  EXPECT_EQ(parse_duration("90"), 90);
  EXPECT_EQ(parse_duration("1.5h"), 5400);
  EXPECT_EQ(parse_duration("500ms"), 0.5);
  EXPECT_EQ(parse_duration("15m"), 900);
  EXPECT_EQ(parse_duration("2d"), 172800);
  for (const char* bad : {"", "h", "-5s", "5 m", "5y", "inf", "nan"}) EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
}

TEST(MonitorSettings, EventTimeWindows) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.write("m.yaml", "version: '1.0'\nwindow: {time_column: ts, length: 1h, every: 15m, lateness: 2m}\n").ok());
  ASSERT_TRUE(fs.write("bad.yaml", "version: '1.0'\nwindow:\n  time_column: ts\n  length: an hour\n").ok());
  const MonitorSettings s = merge_monitor_layers({monitor_file_layer("m.yaml", fs).value()});
  EXPECT_EQ(s.options.time_column, "ts");
  EXPECT_EQ(s.options.length, 3600);
  EXPECT_EQ(s.options.every, 900);
  EXPECT_EQ(s.options.lateness, 120);
  auto bad = monitor_file_layer("bad.yaml", fs);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().line, 4u);
  EXPECT_EQ(bad.error().pointer, "/window/length");
  EXPECT_THAT(bad.error().message, HasSubstr("an hour"));
}

TEST(MonitorSettings, ABrokenFileIsLocated) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.write("a.yaml", "version: '1.0'\nwindow: {records: 1}\n").ok());
  ASSERT_TRUE(fs.write("b.yaml", "version: '1.0'\nthresholds: {kss: 0.1}\n").ok());
  ASSERT_TRUE(fs.write("c.yaml", "version: '1.0'\nwindow: [\n").ok());
  auto a = monitor_file_layer("a.yaml", fs);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().line, 2u);
  EXPECT_EQ(a.error().pointer, "/window/records");
  auto b = monitor_file_layer("b.yaml", fs);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().pointer, "/thresholds/kss");
  auto c = monitor_file_layer("c.yaml", fs);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().file, "c.yaml");
  EXPECT_EQ(monitor_file_layer("missing.yaml", fs).error().kind, ErrorKind::Io);
}

TEST(MonitorSettings, TheProjectGivesPromisesAndTheCardsMonitoring) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.write("p/production_data.yaml",
                       "version: '1.2'\nschema:\n  - {field_name: temp, field_type: float, min_value: -30, max_value: 110}\n")
                  .ok());
  ASSERT_TRUE(fs.write("p/trl/model.yaml", kCard).ok());
  auto layer = monitor_project_layer("p", "", fs);
  ASSERT_TRUE(layer.ok()) << layer.error().message;
  ASSERT_EQ(layer.value().expectations.size(), 1u);
  EXPECT_EQ(layer.value().expectations[0].range, std::make_pair(-30.0, 110.0));
  EXPECT_EQ(layer.value().expectations[0].source, "p/production_data.yaml:3: /schema/0/min_value");
  EXPECT_EQ(layer.value().reference, "p/data/training.csv");
  EXPECT_EQ(layer.value().method_thresholds.at(stats::Method::Ks), 0.05);
  EXPECT_EQ(layer.value().where.at("thresholds.ks"), "p/trl/model.yaml:5: /monitoring/thresholds/ks");
  // Two cards with monitoring sections: the user must pick one.
  ASSERT_TRUE(fs.write("p/trl/pipeline.yaml", std::string(kCard).replace(26, 5, "pipeline")).ok());
  auto two = monitor_project_layer("p", "", fs);
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().kind, ErrorKind::Usage);
  EXPECT_THAT(two.error().message, HasSubstr("model, pipeline"));
  EXPECT_TRUE(monitor_project_layer("p", "pipeline", fs).ok());
  EXPECT_EQ(monitor_project_layer("p", "nobody", fs).error().kind, ErrorKind::Usage);
}

TEST(MonitorSettings, EarlierLayersWin) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.write("p/monitor.yaml", kSettings).ok());
  ASSERT_TRUE(fs.write("p/trl/model.yaml", kCard).ok());
  MonitorLayer cli;
  cli.name = "command line";
  cli.window = 1000;
  const MonitorSettings s = merge_monitor_layers(
      {cli, monitor_project_layer("p", "", fs).value(), monitor_file_layer("p/monitor.yaml", fs).value()});
  EXPECT_EQ(s.options.window, 1000u);
  EXPECT_EQ(s.origin.at("window.records"), "command line");
  EXPECT_EQ(s.reference, "p/data/training.csv");  // the card before monitor.yaml
  EXPECT_EQ(s.options.method_thresholds.at(stats::Method::Ks), 0.05);
  EXPECT_EQ(s.options.method_thresholds.at(stats::Method::Psi), 0.3);  // only monitor.yaml says
  EXPECT_EQ(s.origin.at("thresholds.psi"), "p/monitor.yaml:5: /thresholds/psi");
  EXPECT_THAT(monitor_settings_json(s), HasSubstr("\"window.records\":\"command line\""));
}

}  // namespace
}  // namespace seam::api
