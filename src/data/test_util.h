// Helpers shared by the data reader tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/reader.h"
#include "data/scan.h"

namespace seam::data::testing_util {

using Row = std::vector<std::optional<std::string>>;  // nullopt: a null field

// Copies every record, since Field texts die with the record() call.
class CollectSink : public RecordSink {
 public:
  void columns(const std::vector<std::string>& n) override {
    names = n;
    ++columns_calls;
  }
  void record(const Field* fields, size_t n, uint64_t line) override {
    lines.push_back(line);
    Row row;
    for (size_t i = 0; i < n; ++i)
      row.push_back(fields[i].null ? std::nullopt : std::optional<std::string>(std::string(fields[i].text)));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> names;
  std::vector<Row> rows;
  std::vector<uint64_t> lines;  // of the rows
  int columns_calls = 0;
};

inline std::string write_temp(const std::string& name, std::string_view content) {
  const std::string path = ::testing::TempDir() + "seam_data_" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

struct Read {
  std::vector<std::string> names;
  std::vector<Row> rows;
  ReadResult result;
  std::vector<uint64_t> lines;  // of the rows
};

// Reads the whole file as one range (optionally with small test limits); fails the test on error.
inline Read read_all(const std::string& path, Format f, const detail::Limits& limits = {}) {
  Read out;
  auto file = DataFile::open(path);
  EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().message);
  if (!file.ok()) return out;
  CollectSink sink;
  auto r = detail::read_range(file.value(), f, 0, file.value().size(), sink, nullptr, limits);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return out;
  EXPECT_EQ(sink.columns_calls, 1);
  return Read{sink.names, sink.rows, r.value(), sink.lines};
}

inline Row row(std::initializer_list<const char*> values) {
  Row r;
  for (const char* v : values) r.push_back(v ? std::optional<std::string>(v) : std::nullopt);
  return r;
}

inline std::vector<uint64_t> bad_lines(const ReadResult& r) {
  std::vector<uint64_t> lines;
  for (const BadRow& b : r.bad) lines.push_back(b.line);
  return lines;
}

}  // namespace seam::data::testing_util
