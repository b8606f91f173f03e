#include "data.h"

#include <sys/mman.h>
#include <unistd.h>

#include "data/stream.h"
#include "fuzz.h"
#include "stats/profile.h"
#include "stats/profiler.h"

namespace seam::fuzz {

namespace {

// Counts what a read passes on, and checks each record has one field per column.
class Tally : public data::RecordSink {
 public:
  void columns(const std::vector<std::string>& names) override { width_ = names.size(); }
  void record(const data::Field*, size_t n, uint64_t line) override {
    if (n != width_) std::abort();
    ++records;
    line_sum += line;
  }
  uint64_t records = 0, line_sum = 0;

 private:
  size_t width_ = 0;
};

// One in-memory file for the whole run, rewritten for each input.
const std::string& file_holding(const uint8_t* data, size_t size) {
  static const int fd = ::memfd_create("seam-fuzz-data", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (fd < 0 || ::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) std::abort();
  return path;
}

// Reading the file in ranges, as threads do, finds exactly the records of one whole read.
void expect_same_records_in_ranges(const data::DataFile& file, data::Format format) {
  Tally whole;
  auto all = file.read(format, 0, file.size(), whole);
  auto points = file.split_points(format, 3);
  if (!all.ok() || !points.ok()) return;  // a bad header: both fail the same way
  Tally parts;
  uint64_t bad = 0;
  for (size_t i = 0; i + 1 < points.value().size(); ++i) {
    auto part = file.read(format, points.value()[i], points.value()[i + 1], parts);
    if (!part.ok()) broken("a range of a readable file reads", part.error());
    bad += part.value().bad_records;
  }
  if (parts.records != whole.records || parts.line_sum != whole.line_sum || bad != all.value().bad_records) {
    std::fprintf(stderr, "broken promise: ranges read %llu records (%llu bad), the whole file %llu (%llu bad)\n",
                 static_cast<unsigned long long>(parts.records), static_cast<unsigned long long>(bad),
                 static_cast<unsigned long long>(whole.records),
                 static_cast<unsigned long long>(all.value().bad_records));
    std::abort();
  }
}

// The same bytes as a stream, arriving in three pieces cut where the data says, read as the
// file does.
void expect_same_records_as_a_stream(const data::DataFile& file, data::Format format, const uint8_t* data, size_t size) {
  Tally whole;
  auto all = file.read(format, 0, file.size(), whole);
  Tally streamed;
  data::StreamReader reader(format, streamed);
  const size_t a = size ? data[0] % (size + 1) : 0, b = size ? data[size - 1] % (size + 1) : 0;
  const size_t cuts[] = {std::min(a, b), std::max(a, b), size};
  size_t at = 0;
  Status s = Ok{};
  for (size_t cut : cuts) {
    if (s.ok()) s = reader.feed(std::string_view(reinterpret_cast<const char*>(data) + at, cut - at));
    at = cut;
  }
  if (s.ok()) s = reader.finish();
  if (!all.ok() || !s.ok()) return;  // a bad header: no records to compare
  if (streamed.records != whole.records || streamed.line_sum != whole.line_sum ||
      reader.result().bad_records != all.value().bad_records) {
    std::fprintf(stderr, "broken promise: a stream read %llu records (%llu bad), the file %llu (%llu bad)\n",
                 static_cast<unsigned long long>(streamed.records),
                 static_cast<unsigned long long>(reader.result().bad_records),
                 static_cast<unsigned long long>(whole.records),
                 static_cast<unsigned long long>(all.value().bad_records));
    std::abort();
  }
}

}  // namespace

void fuzz_data(data::Format format, const uint8_t* data, size_t size) {
  const std::string& path = file_holding(data, size);
  stats::ProfileOptions options;
  options.format = format;
  auto run = stats::profile_files({path}, options);
  if (run.ok()) {
    auto reread = stats::profile_from_json("written.json", stats::to_json(run.value().profile));
    if (!reread.ok()) broken("a profile seam writes, it reads", reread.error());
  } else {
    expect(!run.error().message.empty(), "an error has a message", run.error());
  }
  auto file = data::DataFile::open(path);
  if (file.ok()) expect_same_records_in_ranges(file.value(), format);
  if (file.ok()) expect_same_records_as_a_stream(file.value(), format, data, size);
}

}  // namespace seam::fuzz
