#include "monitor/sinks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace seam::monitor {
namespace {

using ::testing::HasSubstr;

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(LineLog, AppendsToWhatIsThere) {
  const std::string path = ::testing::TempDir() + "seam_line_log.jsonl";
  std::ofstream(path) << "{\"old\":1}\n";
  {
    auto log = LineLog::open(path);
    ASSERT_TRUE(log.ok());
    ASSERT_TRUE(log.value().append("{\"a\":1}\n{\"b\":2}\n").ok());
  }
  EXPECT_EQ(slurp(path), "{\"old\":1}\n{\"a\":1}\n{\"b\":2}\n");
  auto nowhere = LineLog::open(::testing::TempDir() + "no/such/dir/log.jsonl");
  ASSERT_FALSE(nowhere.ok());
  EXPECT_THAT(nowhere.error().file, HasSubstr("no/such/dir/log.jsonl"));
}

TEST(Quarantine, KeepsTheFirstRecordsThenASample) {
  const std::string path = ::testing::TempDir() + "seam_quarantine.jsonl";
  std::remove(path.c_str());
  auto log = LineLog::open(path);
  ASSERT_TRUE(log.ok());
  Quarantine q(std::move(log).value(), "live.csv");
  const uint64_t n = Quarantine::kKeepAll + 3 * Quarantine::kKeepEvery;
  for (uint64_t i = 1; i <= n; ++i) ASSERT_TRUE(q.add(i, "1,\xff", "expected 3 fields, found 2").ok());
  EXPECT_EQ(q.seen(), n);
  EXPECT_EQ(q.kept(), Quarantine::kKeepAll + 3);
  const std::string text = slurp(path);
  EXPECT_EQ(static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n')), q.kept());
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "{\"source\":\"live.csv\",\"line\":1,\"error\":\"expected 3 fields, found 2\",\"record\":\"1,\xEF\xBF\xBD\"}");
}

TEST(ValidUtf8, ReplacesOnlyTheBrokenBytes) {
  EXPECT_EQ(valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(valid_utf8("a\xC3(b\xED\xA0\x80"), "a\xEF\xBF\xBD(b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace seam::monitor
