#include "data/flat_json.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "data/flat_json_oracle.h"

namespace seam::data::detail {
namespace {

TEST(FlatJson, ReadsAFlatObjectsMembersAsWritten) {
  std::vector<FlatMember> m;
  ASSERT_TRUE(parse_flat_object(" {\"a\": -0.50e+3, \"b\":\"x y\",\"c\" : null,\"d\":true,\"e\":false, \"f\":0}\r", m));
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m[0].key, "a");
  EXPECT_EQ(m[0].text, "-0.50e+3");  // the token, for the profiler to read
  EXPECT_EQ(m[1].text, "x y");
  EXPECT_TRUE(m[2].null);
  EXPECT_EQ(m[3].text, "true");
  EXPECT_EQ(m[4].text, "false");
  EXPECT_EQ(m[5].text, "0");
  EXPECT_TRUE(parse_flat_object("{}", m));
  EXPECT_TRUE(m.empty());
}

// Invalid JSON is refused, and so is valid JSON that needs the general parser.
TEST(FlatJson, RefusesWhatItCannotReadInOnePass) {
  std::vector<FlatMember> m;
  for (const char* line : {"", "[]", "{", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}",
                           "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"x}", "{\"a\" 1}",
                           "{\"a\":1} x", "{a:1}", "{\"a\":1 \"b\":2}", "{\"a\":\"\t\"}", "{\"a\":'x'}",
                           "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":\"\\n\"}", "{\"a\\\"\":1}", "{\"a\":1}}", "{\"a\":NaN}",
                           "{\"a\":truex}", "{\"a\":1}\v"})
    EXPECT_FALSE(parse_flat_object(line, m)) << line;
}

// Lines made of JSON's pieces, then cut, doubled and mutated byte by byte: whatever the
// one-pass reader takes, simdjson reads the same (far more lines run in fuzz/flat_json.cc).
TEST(FlatJson, AgreesWithSimdjsonOnMutatedLines) {
  static const std::vector<std::string> pieces = {"{", "}", "\"k\"", "\"v w\"", ":", ",", " ", "\t", "-", "0", "7", "1.5",
                                                  "e", "E", "+", ".", "true", "false", "null", "\\", "[", "]", "\"",
                                                  "\x01", "\xc3\xa9", "123456789012345678901234567890", "1e400"};
  std::mt19937_64 rng(17);
  size_t taken = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string line;
    if (rng() % 2) {
      line = "{\"a\":" + pieces[rng() % pieces.size()] + ",\"b\":" + pieces[rng() % pieces.size()] + "}";
    } else {
      const size_t n = rng() % 12;
      for (size_t j = 0; j < n; ++j) line += pieces[rng() % pieces.size()];
    }
    if (!line.empty() && rng() % 3 == 0) line[rng() % line.size()] = static_cast<char>(rng() % 128);
    std::vector<FlatMember> m;
    taken += parse_flat_object(line, m);
    EXPECT_EQ(flat_json_disagreement(line), "") << line;
  }
  EXPECT_GT(taken, 5000u);  // the lines exercise acceptance, not only refusal
}

}  // namespace
}  // namespace seam::data::detail
