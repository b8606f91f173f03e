#include "util/fs.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

namespace seam {
namespace {

TEST(MemoryFileSystem, DirectoriesAreImpliedByThePathsBelowThem) {
  MemoryFileSystem mem;
  ASSERT_TRUE(mem.write("p/trained_model.yaml", "version: '1.2'\n").ok());
  ASSERT_TRUE(mem.write("p/trl/a.yaml", "x").ok());
  ASSERT_TRUE(mem.make_directories("p/empty").ok());
  EXPECT_EQ(mem.stat("p").kind, PathKind::Directory);
  EXPECT_EQ(mem.stat("p/trl").kind, PathKind::Directory);
  EXPECT_EQ(mem.stat("p/trained_model.yaml").kind, PathKind::File);
  EXPECT_EQ(mem.stat("p/trained_model.yaml").size, 15u);
  EXPECT_EQ(mem.stat("p/tr").kind, PathKind::Missing);  // a prefix of a name is not a directory
  EXPECT_EQ(mem.list("p").value(), (std::vector<std::string>{"empty", "trained_model.yaml", "trl"}));
  EXPECT_EQ(mem.read("p/missing.yaml", 100).error().kind, ErrorKind::Io);
  EXPECT_EQ(mem.read("p/trained_model.yaml", 4).error().kind, ErrorKind::Invalid);  // over the limit
  EXPECT_FALSE(mem.write("p/trl", "x").ok());  // a directory
}

class DiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/seam_fs_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(DiskTest, WriteReplacesTheFileAndLeavesNoTemporaryBehind) {
  const std::string path = join_path(dir_, "card.yaml");
  ASSERT_TRUE(disk().write(path, "old").ok());
  ASSERT_TRUE(disk().write(path, "new text").ok());
  EXPECT_EQ(disk().read(path, 100).value(), "new text");
  EXPECT_EQ(disk().list(dir_).value(), std::vector<std::string>{"card.yaml"});
}

// A card kept private stays private, and a linked card stays a link to the file it names.
TEST_F(DiskTest, WriteKeepsTheModeAndFollowsSymbolicLinks) {
  const std::string real = join_path(dir_, "real.yaml"), link = join_path(dir_, "card.yaml");
  ASSERT_TRUE(disk().write(real, "old").ok());
  ASSERT_EQ(::chmod(real.c_str(), 0600), 0);
  std::filesystem::create_symlink("real.yaml", link);
  ASSERT_TRUE(disk().write(link, "new").ok());
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(disk().read(real, 100).value(), "new");
  struct stat st;
  ASSERT_EQ(::stat(real.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  // A new file gets the usual mode, less the umask.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ASSERT_TRUE(disk().write(join_path(dir_, "new.json"), "{}").ok());
  ASSERT_EQ(::stat(join_path(dir_, "new.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u & ~mask);
}

// `seam profile -o /dev/null` discards the output: a device or a pipe is written as it is,
// never replaced by a renamed file (which, as root, would turn /dev/null into a file).
TEST_F(DiskTest, DevicesAndPipesAreWrittenInPlace) {
  ASSERT_TRUE(disk().write("/dev/null", "discarded").ok());
  struct stat st;
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  const std::string fifo = join_path(dir_, "pipe");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] {
    const int fd = ::open(fifo.c_str(), O_RDONLY);  // waits for the writer
    char buf[64];
    for (ssize_t n; fd >= 0 && (n = ::read(fd, buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
    if (fd >= 0) ::close(fd);
  });
  ASSERT_TRUE(disk().write(fifo, "through the pipe").ok());
  reader.join();
  EXPECT_EQ(got, "through the pipe");
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(disk().list(dir_).value(), std::vector<std::string>{"pipe"});
}

TEST_F(DiskTest, AFailedWriteNamesThePathAndKeepsNothing) {
  const auto st = disk().write(join_path(dir_, "no/such/dir/file.json"), "x");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::Io);
  EXPECT_EQ(st.error().file, join_path(dir_, "no/such/dir/file.json"));
  EXPECT_TRUE(disk().list(dir_).value().empty());
}

TEST_F(DiskTest, MakeDirectoriesCreatesParentsAndAcceptsExisting) {
  const std::string deep = join_path(dir_, "a/b/c");
  ASSERT_TRUE(disk().make_directories(deep).ok());
  EXPECT_TRUE(disk().make_directories(deep).ok());
  EXPECT_EQ(disk().stat(deep).kind, PathKind::Directory);
  ASSERT_TRUE(disk().write(join_path(dir_, "f"), "x").ok());
  EXPECT_FALSE(disk().make_directories(join_path(dir_, "f")).ok());
  EXPECT_EQ(disk().list(join_path(dir_, "missing")).error().file, join_path(dir_, "missing"));
}

TEST_F(DiskTest, RealPathResolvesDotsAndLinks) {
  ASSERT_TRUE(disk().make_directories(join_path(dir_, "proj")).ok());
  std::filesystem::create_directory_symlink(join_path(dir_, "proj"), join_path(dir_, "link"));
  const std::string real = std::filesystem::canonical(dir_).string() + "/proj";
  EXPECT_EQ(disk().real_path(join_path(dir_, "proj/.")), real);
  EXPECT_EQ(disk().real_path(join_path(dir_, "link")), real);
  EXPECT_EQ(disk().real_path(join_path(dir_, "missing")), "");
  EXPECT_EQ(MemoryFileSystem().real_path("p"), "");  // memory paths are not on any disk
}

}  // namespace
}  // namespace seam
