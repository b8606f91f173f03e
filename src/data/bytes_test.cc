#include "data/bytes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "data/test_util.h"

namespace seam::data {
namespace {

using testing_util::write_temp;
using ::testing::HasSubstr;

// Everything the input has now, and whether a new file started on the way.
std::string drain(ByteInput& in, bool* new_file = nullptr, bool* end = nullptr) {
  std::string out;
  char buf[7];  // small, so that a read ends mid-line
  for (int quiet = 0; quiet < 2;) {
    auto p = in.read(buf, sizeof buf);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    if (!p.ok()) break;
    if (p.value().new_file && new_file) *new_file = true;
    if (p.value().end && end) *end = true;
    out.append(buf, p.value().size);
    quiet = p.value().size || p.value().new_file ? 0 : quiet + 1;
    if (p.value().end) break;
  }
  return out;
}

void append(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::app) << text; }

TEST(ByteInput, AStoredFileEnds) {
  auto in = open_bytes(write_temp("bytes.csv", "a,b\n1,2\n"));
  ASSERT_TRUE(in.ok());
  bool end = false;
  EXPECT_EQ(drain(*in.value(), nullptr, &end), "a,b\n1,2\n");
  EXPECT_TRUE(end);
  auto missing = open_bytes(::testing::TempDir() + "no-such-stream.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().file, HasSubstr("no-such-stream.csv"));
}

TEST(ByteInput, FollowingWaitsForTheFileAndSeesWhatIsAppended) {
  const std::string path = ::testing::TempDir() + "seam_follow.log";
  std::remove(path.c_str());
  auto in = follow_bytes(path);
  EXPECT_EQ(drain(*in), "");
  append(path, "a,b\n1,");
  EXPECT_EQ(drain(*in), "a,b\n1,");
  append(path, "2\n");
  bool new_file = false, end = false;
  EXPECT_EQ(drain(*in, &new_file, &end), "2\n");
  EXPECT_FALSE(new_file);
  EXPECT_FALSE(end);
}

TEST(ByteInput, FollowingSurvivesRotationAndTruncation) {
  const std::string path = ::testing::TempDir() + "seam_rotate.log";
  std::remove(path.c_str());
  append(path, "a,b\n1,2\n");
  auto in = follow_bytes(path);
  EXPECT_EQ(drain(*in), "a,b\n1,2\n");
  // The writer adds a last line, the log is renamed, and a new one starts.
  append(path, "3,4\n");
  ASSERT_EQ(std::rename(path.c_str(), (path + ".1").c_str()), 0);
  EXPECT_EQ(drain(*in), "3,4\n");  // the old file, to its end, while no new one exists
  append(path, "a,b\n5,6\n");
  bool new_file = false;
  EXPECT_EQ(drain(*in, &new_file), "a,b\n5,6\n");
  EXPECT_TRUE(new_file);
  // Truncated in place (copytruncate): read again from the start.
  std::ofstream(path, std::ios::trunc) << "7\n";
  new_file = false;
  EXPECT_EQ(drain(*in, &new_file), "7\n");
  EXPECT_TRUE(new_file);
}

}  // namespace
}  // namespace seam::data
