// For tests: a throwaway PostgreSQL cluster (scripts/pg-temp), started on first use and
// stopped when the test program ends. A test that needs PostgreSQL fails, never skips, when
// the cluster cannot start. Header-only, so that only test programs carry it.
//
// Thread safety: pg_temp_url() may be called from any number of threads.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <mutex>
#include <string>

#include "util/result.h"

namespace seam::store::testing {

class PgTemp : public ::testing::Environment {
 public:
  // The URL of a database in the cluster; an Io error with the script's output when it
  // cannot start.
  Result<std::string> url() {
    std::call_once(started_, [this] { start(); });
    if (!error_.empty()) return Error::io("cannot start PostgreSQL for the tests: " + error_);
    return url_;
  }
  void TearDown() override {
    if (!dir_.empty()) (void)run("stop");
    dir_.clear();
  }

 private:
  void start() {
    // Under /tmp, not TMPDIR: a Unix socket's path must stay short.
    char dir[] = "/tmp/seam-pg-XXXXXX";
    if (!mkdtemp(dir)) {
      error_ = "cannot make a temporary directory";
      return;
    }
    dir_ = dir;
    std::string out = run("start");
    while (!out.empty() && out.back() == '\n') out.pop_back();
    const size_t last = out.rfind('\n');
    const std::string line = last == std::string::npos ? out : out.substr(last + 1);
    if (line.starts_with("postgresql://")) url_ = line;
    else error_ = out.empty() ? "scripts/pg-temp printed nothing" : out;
  }

  std::string run(const std::string& verb) {
    const std::string cmd = "'" SEAM_SOURCE_DIR "/scripts/pg-temp' " + verb + " '" + dir_ + "' 2>&1";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[4096];
      while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
      pclose(p);
    }
    return out;
  }

  std::once_flag started_;
  std::string dir_, url_, error_;
};

// The one cluster of a test program: registered with gtest before main, which stops it after
// the last test; started only when a test asks for it.
inline PgTemp* const kPgTemp = static_cast<PgTemp*>(::testing::AddGlobalTestEnvironment(new PgTemp));
inline Result<std::string> pg_temp_url() { return kPgTemp->url(); }

}  // namespace seam::store::testing
