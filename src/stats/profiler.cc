#include "stats/profiler.h"

#include <algorithm>
#include <functional>
#include <thread>

namespace seam::stats {
namespace {

// Collects the values that decide the column types.
class Sampler : public data::RecordSink {
 public:
  Sampler(const std::vector<std::string>& header, const ColumnOptions& o) : sample_(header, o) {}
  void columns(const std::vector<std::string>&) override {}
  void record(const data::Field* fields, size_t n, uint64_t) override {
    for (size_t i = 0; i < n && i < sample_.columns(); ++i) sample_.add(i, fields[i].text, fields[i].null);
  }
  TypeSample take_sample() { return std::move(sample_); }

 private:
  TypeSample sample_;
};

// What the first file decides for all of them.
struct FileSetup {
  std::vector<std::string> header;
  TypeSample types;
  uint64_t sample_records = 0, sample_bytes = 0;  // in the first file's first range
};

// Record boundaries every kTypeSampleBytes or so: the first range is the sample that decides
// the column types, and the workers' ranges are picked from the same points, so the file's
// quote-parity scan runs once.
Result<std::vector<uint64_t>> fine_splits(const data::DataFile& file, data::Format format, int threads) {
  // Read forward by one thread (and a compressed file always is): a first range for the
  // sample, then the rest, with no scan of the whole file ahead of the reading.
  if (file.compressed() || threads <= 1) return file.split_points_after(format, {kTypeSampleBytes});
  const uint64_t parts = std::min<uint64_t>(4096, file.size() / kTypeSampleBytes);
  return file.split_points(format, std::max<uint64_t>(parts, static_cast<uint64_t>(std::max(1, threads))));
}

// `parts` ranges of about equal size, made of consecutive fine ranges.
std::vector<uint64_t> coarsen(const std::vector<uint64_t>& fine, size_t parts) {
  const size_t ranges = fine.size() - 1;
  parts = std::min(parts, ranges);
  std::vector<uint64_t> out;
  for (size_t i = 0; i <= parts; ++i) out.push_back(fine[i * ranges / parts]);
  return out;
}

Error in_file(const std::string& path, Error e) {
  if (e.file.empty()) e.file = path;
  return e;
}

// Checks the options against the first file's header, and samples its first range for the types.
Result<FileSetup> first_file_setup(const data::DataFile& file, data::Format format, const std::vector<uint64_t>& splits,
                                   std::vector<std::string> header, const ProfileOptions& o) {
  if (auto check = ProfileBuilder::create(header, o); !check.ok()) return in_file(file.path(), check.error());
  Sampler sampler(header, o);
  auto r = file.read(format, splits.at(0), splits.at(1), sampler);
  if (!r.ok()) return std::move(r).take_error();
  return FileSetup{std::move(header), sampler.take_sample(), r.value().records, splits.at(1) - splits.at(0)};
}

// Whether a file surely holds more records than keep_values lets a part keep: its size at the
// first range's bytes per record predicts more than four times as many. Its values are then
// not kept at all; keeping them until the cap was passed cost a copy of each, and the memory.
bool surely_too_many(const data::DataFile& file, const FileSetup& s, size_t keep) {
  if (file.compressed() || s.sample_records == 0 || s.sample_bytes == 0) return false;
  const double predicted = static_cast<double>(file.size()) / static_cast<double>(s.sample_bytes) * static_cast<double>(s.sample_records);
  return predicted > 4.0 * static_cast<double>(keep);
}

// Adds what a range's builder and reader saw to the run.
Status add_part(ProfileRun& run, ProfileRun part, const data::ReadResult& read, const std::string& path, size_t keep) {
  if (auto st = run.profile.merge(part.profile); !st.ok()) return st;
  run.profile.bad_rows += read.bad_records;
  for (const auto& b : read.bad)
    if (run.profile.bad_row_samples.size() < kMaxBadRowSamples) run.profile.bad_row_samples.push_back({path, b.line, b.message});
  for (size_t c = 0; keep && c < run.raw.size(); ++c) {
    if (!run.raw_complete[c]) continue;
    auto& raw = run.raw[c];
    const auto& add = part.raw[c];
    if (!part.raw_complete[c] || raw.size() + add.size() > keep) {
      run.raw_complete[c] = false;
      std::vector<double>().swap(raw);
    } else {
      raw.insert(raw.end(), add.begin(), add.end());
    }
  }
  return Ok{};
}

// Profiles one file with `threads` workers, each reading its own byte range into a builder.
Status profile_file(const data::DataFile& file, data::Format format, const std::vector<uint64_t>& splits,
                    const FileSetup& s, const ProfileOptions& o, ProfileRun& run) {
  const auto p = coarsen(splits, static_cast<size_t>(std::max(1, o.threads)));
  const size_t parts = p.size() - 1;
  ColumnOptions part_options = o;
  // Each part may keep its share of the raw values, so that together they stay under the cap.
  const bool keep = o.keep_values && !surely_too_many(file, s, o.keep_values);
  part_options.keep_values = keep ? (o.keep_values + parts - 1) / parts : 0;
  std::vector<ProfileBuilder> builders;
  for (size_t i = 0; i < parts; ++i) {
    auto b = ProfileBuilder::create(s.header, part_options, s.types);
    if (!b.ok()) return std::move(b).take_error();
    builders.push_back(std::move(b).value());
  }
  std::vector<Result<data::ReadResult>> results(parts, Result<data::ReadResult>(data::ReadResult{}));
  std::vector<std::thread> workers;
  for (size_t i = 0; i < parts; ++i)
    workers.emplace_back([&, i] { results[i] = file.read(format, p[i], p[i + 1], builders[i], o.progress); });
  for (auto& w : workers) w.join();
  for (size_t i = 0; i < parts; ++i) {
    if (!results[i].ok()) return results[i].error();
    ProfileRun part = std::move(builders[i]).finish_run();
    if (!keep) part.raw_complete.assign(part.raw_complete.size(), false);
    if (auto st = add_part(run, std::move(part), results[i].value(), file.path(), o.keep_values); !st.ok()) return st;
  }
  return Ok{};
}

}  // namespace

Retyping plan_retyping(const Profile& p, const ColumnOptions& o) {
  Retyping plan{o, {}};
  plan.again.columns.clear();
  plan.again.label.clear();
  for (const ColumnProfile& c : p.columns) {
    const bool given = std::any_of(o.types.begin(), o.types.end(), [&](const auto& t) { return t.first == c.name; });
    if (given || c.invalid == 0 || c.type == ColumnType::Categorical || c.type == ColumnType::Text) continue;
    const double present = static_cast<double>(c.count - c.missing), distinct = c.distinct.estimate();
    const ColumnType type = distinct <= 20 || distinct * 2 <= present ? ColumnType::Categorical : ColumnType::Text;
    plan.again.columns.push_back(c.name);
    plan.again.types.emplace_back(c.name, type);
    plan.notes.push_back("column '" + c.name + "' looked " + std::string(type_name(c.type)) + " in its first " +
                         std::to_string(kTypeSampleValues) + " values, but " + std::to_string(c.invalid) +
                         (c.invalid == 1 ? " later value is not (on line " : " later values are not (the first on line ") +
                         std::to_string(c.first_invalid_line) +
                         "): profiled again as " + std::string(type_name(type)) + "; --types " + c.name + "=" +
                         std::string(type_name(c.type)) + " keeps the type and counts them as invalid");
  }
  return plan;
}

void apply_retyping(ProfileRun& run, Profile second, std::vector<std::string> notes) {
  for (size_t i = 0; i < run.profile.columns.size(); ++i) {
    for (ColumnProfile& c : second.columns) {
      if (c.name != run.profile.columns[i].name) continue;
      run.profile.columns[i] = std::move(c);
      if (i < run.raw.size()) run.raw[i].clear();  // raw values are for numeric columns
    }
  }
  run.notes = std::move(notes);
}

Result<ProfileRun> retype_misfits(Result<ProfileRun> run, const ColumnOptions& o,
                                  const std::function<Result<ProfileRun>(const ColumnOptions&)>& again) {
  if (!run.ok()) return run;
  Retyping plan = plan_retyping(run.value().profile, o);
  if (plan.again.columns.empty()) return run;
  auto second = again(plan.again);
  if (!second.ok()) return second;
  apply_retyping(run.value(), std::move(second).value().profile, std::move(plan.notes));
  return run;
}

Result<std::vector<std::pair<std::string, ColumnType>>> sample_types(const std::string& path, const ProfileOptions& o) {
  auto file = data::DataFile::open(path, o.limits);
  if (!file.ok()) return std::move(file).take_error();
  const data::Format format = o.format ? *o.format : data::format_for_path(path);
  auto header = file.value().header(format);
  if (!header.ok()) return std::move(header).take_error();
  auto splits = fine_splits(file.value(), format, 1);
  if (!splits.ok()) return std::move(splits).take_error();
  auto setup = first_file_setup(file.value(), format, splits.value(), std::move(header).value(), o);
  if (!setup.ok()) return std::move(setup).take_error();
  std::vector<std::pair<std::string, ColumnType>> types;
  for (size_t i = 0; i < setup.value().header.size(); ++i) {
    const std::string& name = setup.value().header[i];
    if (o.columns.empty() || std::find(o.columns.begin(), o.columns.end(), name) != o.columns.end() || name == o.label)
      types.emplace_back(name, setup.value().types.type(i));
  }
  return types;
}

namespace {
Result<ProfileRun> profile_once(const std::vector<std::string>& paths, const ProfileOptions& o);
}

Result<ProfileRun> profile_files(const std::vector<std::string>& paths, const ProfileOptions& o) {
  return retype_misfits(profile_once(paths, o), o, [&](const ColumnOptions& columns) {
    ProfileOptions again = o;
    static_cast<ColumnOptions&>(again) = columns;
    again.progress = nullptr;
    return profile_once(paths, again);
  });
}

namespace {

Result<ProfileRun> profile_once(const std::vector<std::string>& paths, const ProfileOptions& o) {
  std::optional<FileSetup> setup;
  ProfileRun run;
  for (const auto& path : paths) {
    auto file = data::DataFile::open(path, o.limits);
    if (!file.ok()) return std::move(file).take_error();
    const data::Format format = o.format ? *o.format : data::format_for_path(path);
    auto header = file.value().header(format);
    if (!header.ok()) return std::move(header).take_error();
    auto splits = fine_splits(file.value(), format, o.threads);
    if (!splits.ok()) return std::move(splits).take_error();
    if (!setup) {
      auto first = first_file_setup(file.value(), format, splits.value(), std::move(header).value(), o);
      if (!first.ok()) return std::move(first).take_error();
      setup = std::move(first).value();
      // The profile of no records, that each range's profile is merged into.
      auto empty = ProfileBuilder::create(setup->header, o, setup->types);
      if (!empty.ok()) return std::move(empty).take_error();
      run = std::move(empty).value().finish_run();
    } else if (header.value() != setup->header) {
      return Error::invalid(path + ": its columns differ from those of " + paths[0] + "; profile them separately");
    }
    run.profile.sources.push_back(path);
    if (auto st = profile_file(file.value(), format, splits.value(), *setup, o, run); !st.ok()) return std::move(st).take_error();
  }
  return run;
}

}  // namespace
}  // namespace seam::stats
