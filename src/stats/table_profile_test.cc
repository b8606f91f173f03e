#include "stats/table_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "stats/profiler.h"

namespace seam::stats {
namespace {

TEST(TableProfileTest, FloatsPrintAsPythonReprDoes) {
  // Each right-hand side is what Python 3.11's repr() prints.
  const std::pair<double, std::string_view> cases[] = {
      {0.1, "0.1"}, {1.0, "1.0"}, {-0.0, "-0.0"}, {0.0001, "0.0001"}, {0.00001, "1e-05"},
      {1.5e-7, "1.5e-07"}, {1e15, "1000000000000000.0"}, {1e16, "1e+16"}, {1.2345678901234568e+17, "1.2345678901234568e+17"},
      {123456789.123, "123456789.123"}, {1e22, "1e+22"}, {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
      {-2.5, "-2.5"}, {100.0, "100.0"}, {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"}, {std::nan(""), ""}};
  char buf[40];
  for (const auto& [v, want] : cases) EXPECT_EQ(python_float(v, buf), want) << v;
  // numpy prints a float32 with the shortest digits of the float32, as pandas writes it.
  EXPECT_EQ(python_float(0.1f, buf), "0.1");
  EXPECT_EQ(python_float(3.0f, buf), "3.0");
  EXPECT_EQ(python_float(1e-5f, buf), "1e-05");
}

// The CSV that pandas' to_csv(index=False) writes: Python's csv module quotes a cell with a
// comma, quote or line break, doubling quotes.
std::string csv_cell(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Profile without_sources(Profile p) {
  p.sources.clear();
  for (auto& b : p.bad_row_samples) b.file.clear();
  return p;
}

TEST(TableProfileTest, GivesTheProfileOfTheCsvTheTableWouldBe) {
  // Enough rows that the type sample ends at the first MiB of the file, not at its end:
  // `late` is blank until after it and numbers then, so both must call it categorical; `mixed` has numbers in
  // the sample and words after it, so both must profile it again as categorical or text.
  const uint64_t rows = 60000;
  std::vector<double> amount(rows);
  std::vector<float> ratio(rows);
  std::vector<int32_t> count(rows);
  std::vector<uint8_t> flag(rows);
  std::vector<std::string> note(rows), late(rows), mixed(rows);
  for (uint64_t i = 0; i < rows; ++i) {
    amount[i] = i % 101 == 0 ? std::nan("") : static_cast<double>(i) * 0.37 - 1000;
    ratio[i] = static_cast<float>(i % 1000) / 7.0f;
    count[i] = static_cast<int32_t>(i % 13) - 6;
    flag[i] = i % 3 == 0;
    note[i] = i % 17 == 0 ? "says \"hi\", then\nleaves" : "n";
    if (i % 17) note[i] += std::to_string(i % 40);
    late[i] = i > 50000 ? std::to_string(i % 5) : "";
    mixed[i] = i > 40000 && i % 7 == 0 ? "word" : std::to_string(i % 50);
  }
  Table t;
  t.rows = rows;
  t.source = "<table>";
  t.names = {"amount", "ratio", "count", "flag", "note, quoted", "late", "mixed"};
  auto buffer = [](const auto& v, TableColumn::Kind k) {
    return TableColumn{k, reinterpret_cast<const char*>(v.data()), sizeof v[0], {}};
  };
  auto texts = [](const std::vector<std::string>& v) {
    TableColumn c;
    for (const auto& s : v) c.text.emplace_back(s);
    return c;
  };
  t.columns = {buffer(amount, TableColumn::Kind::Float64), buffer(ratio, TableColumn::Kind::Float32),
               buffer(count, TableColumn::Kind::Int32), buffer(flag, TableColumn::Kind::Bool), texts(note), texts(late),
               texts(mixed)};

  const std::string path = ::testing::TempDir() + "seam_table_profile.csv";
  {
    std::ofstream out(path, std::ios::binary);
    for (size_t c = 0; c < t.names.size(); ++c) out << (c ? "," : "") << csv_cell(t.names[c]);
    out << "\n";
    char buf[40];
    for (uint64_t i = 0; i < rows; ++i)
      out << python_float(amount[i], buf) << ',' << python_float(ratio[i], buf) << ',' << count[i] << ','
          << (flag[i] ? "True" : "False") << ',' << csv_cell(note[i]) << ',' << late[i] << ',' << mixed[i] << "\n";
  }
  ColumnOptions options;
  options.label = "count";
  ProfileOptions file_options;
  static_cast<ColumnOptions&>(file_options) = options;
  auto from_file = profile_files({path}, file_options);
  auto from_table = profile_table(t, options);
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  ASSERT_TRUE(from_table.ok()) << from_table.error().message;
  const Profile& table_profile = from_table.value().profile;
  EXPECT_EQ(table_profile.sources, std::vector<std::string>{"<table>"});
  EXPECT_EQ(to_json(without_sources(table_profile)), to_json(without_sources(from_file.value().profile)));
  EXPECT_EQ(from_table.value().notes, from_file.value().notes);
  // The cases the table was built for did happen.
  EXPECT_EQ(table_profile.find("late")->type, ColumnType::Categorical);
  EXPECT_NE(table_profile.find("mixed")->type, ColumnType::Numeric);
  EXPECT_EQ(table_profile.find("flag")->type, ColumnType::Boolean);
  EXPECT_EQ(table_profile.find("amount")->missing, (rows + 100) / 101);
}

TEST(TableProfileTest, RefusesColumnsThatDoNotFitTheTable) {
  Table t;
  t.rows = 2;
  t.names = {"a", "b"};
  t.columns.resize(1);
  EXPECT_FALSE(profile_table(t, {}).ok());
  t.columns.resize(2);
  t.columns[0].text = {"x", "y"};
  t.columns[1].text = {"x"};
  auto r = profile_table(t, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'b' has 1 cells, not 2"), std::string::npos);
  t.columns[1].text = {"x", "y"};
  ColumnOptions unknown;
  unknown.columns = {"nope"};
  EXPECT_FALSE(profile_table(t, unknown).ok());
}

}  // namespace
}  // namespace seam::stats
