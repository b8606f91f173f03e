#include "stats/profiler.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

#include "stats/hash.h"
#include "util/text.h"
#include "util/version.h"

namespace seam::stats {
namespace {

constexpr size_t kSampleValues = 1000;       // per column, to infer its type
constexpr uint64_t kSampleBytes = 1u << 20;  // read at most about this much to infer types

// Accumulates one column of one range of a file.
class Accumulator {
 public:
  Accumulator(std::string name, ColumnType type, size_t keep) : keep_(keep) {
    col_.name = std::move(name);
    col_.type = type;
  }

  void add(const data::Field& f, uint64_t line) {
    ++col_.count;
    // Most values have no surrounding space; skip the trim call for them.
    const std::string_view s = !f.text.empty() && f.text.front() > ' ' && f.text.back() > ' ' ? f.text : text::trim(f.text);
    if (f.null || is_missing_token(s)) {
      ++col_.missing;
      return;
    }
    switch (col_.type) {
      case ColumnType::Numeric: return add_number(s, line);
      case ColumnType::Boolean: return add_bool(s, line);
      default: {
        const uint64_t h = hash64(f.text);
        col_.distinct.add_hash(h);
        col_.values.add_hashed(f.text, h);
      }
    }
  }

  ColumnProfile& column() {
    flush();
    return col_;
  }
  std::vector<double>& raw() { return raw_; }
  bool raw_complete() const { return !raw_overflow_; }

 private:
  void add_number(std::string_view s, uint64_t line) {
    const auto x = parse_number(s);
    if (!x) return invalid(line);
    col_.distinct.add_hash(hash_double(*x));
    if (!std::isfinite(*x)) {
      ++col_.non_finite;
      return;
    }
    if (*x != std::floor(*x)) ++col_.non_integral;
    col_.moments.add(*x);
    pending_.push_back(*x);
    if (pending_.size() == kBatch) flush();
    if (raw_.size() < keep_) {
      raw_.push_back(*x);
    } else if (keep_) {  // too many to keep: free them now, the sketch will serve instead
      raw_overflow_ = true;
      keep_ = 0;
      std::vector<double>().swap(raw_);
    }
  }

  void add_bool(std::string_view s, uint64_t line) {
    const auto b = parse_bool(s);
    if (!b) return invalid(line);
    const std::string_view v = *b ? "true" : "false";
    const uint64_t h = hash64(v);
    col_.distinct.add_hash(h);
    col_.values.add_hashed(v, h);
  }

  // Values reach the quantile sketch in batches, which it sorts far faster than one by one.
  static constexpr size_t kBatch = 4096;
  void flush() {
    col_.quantiles.add_batch(pending_);
    pending_.clear();
  }

  void invalid(uint64_t line) {
    if (col_.invalid++ == 0) col_.first_invalid_line = line;
  }

  ColumnProfile col_;
  std::vector<double> pending_;
  size_t keep_;
  std::vector<double> raw_;
  bool raw_overflow_ = false;
};

// Maps a file's columns to the accumulators of the profiled ones.
class Builder : public data::RecordSink {
 public:
  Builder(const std::vector<int>& selected, const std::vector<std::string>& names, const std::vector<ColumnType>& types,
          size_t keep)
      : selected_(selected) {
    for (size_t i = 0; i < selected.size(); ++i) acc_.emplace_back(names[selected[i]], types[i], keep);
  }
  void columns(const std::vector<std::string>&) override {}
  void record(const data::Field* fields, size_t n, uint64_t line) override {
    for (size_t i = 0; i < selected_.size(); ++i)
      if (static_cast<size_t>(selected_[i]) < n) acc_[i].add(fields[selected_[i]], line);
  }
  std::vector<Accumulator>& accumulators() { return acc_; }

 private:
  std::vector<int> selected_;
  std::vector<Accumulator> acc_;
};

// Collects the first non-missing values of each column.
class Sampler : public data::RecordSink {
 public:
  explicit Sampler(size_t columns) : samples_(columns) {}
  void columns(const std::vector<std::string>&) override {}
  void record(const data::Field* fields, size_t n, uint64_t) override {
    for (size_t i = 0; i < n && i < samples_.size(); ++i) {
      const std::string_view s = text::trim(fields[i].text);
      if (!fields[i].null && !is_missing_token(s) && samples_[i].size() < kSampleValues) samples_[i].emplace_back(s);
    }
  }
  std::vector<std::vector<std::string>>& samples() { return samples_; }

 private:
  std::vector<std::vector<std::string>> samples_;
};

struct FileSetup {
  data::Format format;
  std::vector<std::string> header;
  std::vector<int> selected;        // header indices of profiled columns
  std::vector<ColumnType> types;    // per selected column
};

Result<std::vector<int>> select_columns(const std::vector<std::string>& header, const ProfileOptions& o, const std::string& path) {
  std::vector<int> out;
  if (o.columns.empty()) {
    for (size_t i = 0; i < header.size(); ++i) out.push_back(static_cast<int>(i));
    return out;
  }
  for (const auto& name : o.columns) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) {
      std::string msg = path + ": no column '" + name + "'";
      if (auto near = text::closest(name, header)) msg += " (did you mean '" + *near + "'?)";
      return Error::usage(msg);
    }
    out.push_back(static_cast<int>(it - header.begin()));
  }
  return out;
}

// Record boundaries every kSampleBytes or so: the first range is the sample that decides the
// column types, and the workers' ranges are picked from the same points, so the file's
// quote-parity scan runs once.
Result<std::vector<uint64_t>> fine_splits(const data::DataFile& file, data::Format format, int threads) {
  const uint64_t parts = std::min<uint64_t>(4096, file.size() / kSampleBytes);
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

Result<std::vector<ColumnType>> decide_types(const data::DataFile& file, const std::vector<uint64_t>& splits,
                                             const FileSetup& s, const ProfileOptions& o) {
  Sampler sampler(s.header.size());
  if (auto r = file.read(s.format, splits.at(0), splits.at(1), sampler); !r.ok()) return std::move(r).take_error();
  std::vector<ColumnType> types;
  for (int idx : s.selected) {
    const std::string& name = s.header[idx];
    ColumnType t = infer_type(sampler.samples()[idx]);
    if (name == o.label) t = ColumnType::Categorical;  // a label's classes, even when they are 0 and 1
    for (const auto& [col, forced] : o.types)
      if (col == name) t = forced;
    types.push_back(t);
  }
  return types;
}

// Profiles one file with `threads` workers, each on its own byte range.
Status profile_file(const data::DataFile& file, const std::vector<uint64_t>& splits, const FileSetup& s,
                    const ProfileOptions& o, ProfileRun& run) {
  const auto p = coarsen(splits, static_cast<size_t>(std::max(1, o.threads)));
  const size_t parts = p.size() - 1;
  std::vector<Builder> builders;
  // Each part may keep its share of the raw values, so that together they stay under the cap.
  for (size_t i = 0; i < parts; ++i) builders.emplace_back(s.selected, s.header, s.types, (o.keep_values + parts - 1) / parts);
  std::vector<Result<data::ReadResult>> results(parts, Result<data::ReadResult>(data::ReadResult{}));
  std::vector<std::thread> workers;
  for (size_t i = 0; i < parts; ++i)
    workers.emplace_back([&, i] { results[i] = file.read(s.format, p[i], p[i + 1], builders[i], o.progress); });
  for (auto& w : workers) w.join();
  Profile& prof = run.profile;
  for (size_t i = 0; i < parts; ++i) {
    if (!results[i].ok()) return results[i].error();
    const auto& r = results[i].value();
    prof.rows += r.records;
    prof.bad_rows += r.bad_records;
    for (const auto& b : r.bad)
      if (prof.bad_row_samples.size() < 20) prof.bad_row_samples.push_back({file.path(), b.line, b.message});
    auto& acc = builders[i].accumulators();
    for (size_t c = 0; c < acc.size(); ++c) {
      if (auto st = prof.columns[c].merge(acc[c].column()); !st.ok()) return st;
      if (o.keep_values && run.raw_complete[c]) {
        auto& raw = run.raw[c];
        const auto& add = acc[c].raw();
        if (!acc[c].raw_complete() || raw.size() + add.size() > o.keep_values) {
          run.raw_complete[c] = false;
          std::vector<double>().swap(raw);
        } else {
          raw.insert(raw.end(), add.begin(), add.end());
        }
      }
    }
  }
  return Ok{};
}

}  // namespace

bool is_missing_token(std::string_view s) {
  // Every token starts with N, n or '-' (or is empty): numbers and most words skip the loop,
  // which matters because this runs for every value of every column.
  if (!s.empty() && s[0] != 'N' && s[0] != 'n' && s[0] != '-') return false;
  if (s.size() > 4) return false;
  static constexpr std::string_view tokens[] = {"", "NA", "N/A", "n/a", "na", "null", "NULL", "Null", "None", "none", "-"};
  for (auto t : tokens)
    if (s == t) return true;
  return false;
}

std::optional<bool> parse_bool(std::string_view s) {
  const std::string v = text::lower(s);
  if (v == "true" || v == "yes" || v == "t" || v == "y") return true;
  if (v == "false" || v == "no" || v == "f" || v == "n") return false;
  return std::nullopt;
}

namespace {

// Clinger's fast path: a plain decimal with at most 15 significant digits and at most 22
// after the point is an integer below 2^53 divided by an exact power of ten, and IEEE
// division rounds that correctly, so the result equals from_chars's. Data files are mostly
// such numbers, and this is several times faster.
std::optional<double> parse_plain_decimal(std::string_view s) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  i += negative;
  uint64_t mantissa = 0;
  int digits = 0, fraction = -1;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
      if (mantissa) ++digits;  // leading zeros do not count
      if (fraction >= 0) ++fraction;
    } else if (c == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return std::nullopt;
    }
  }
  const bool has_digit = s.size() > static_cast<size_t>(negative) + (fraction >= 0 ? 1 : 0);
  if (!has_digit || digits > 15 || fraction > 22) return std::nullopt;
  double x = static_cast<double>(mantissa);
  if (fraction > 0) x /= kPow10[fraction];
  return negative ? -x : x;
}

}  // namespace

std::optional<double> parse_number(std::string_view s) {
  if (auto fast = parse_plain_decimal(s)) return fast;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double x = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc() || end != s.data() + s.size()) {
    const std::string v = text::lower(s);  // spellings from_chars does not take
    if (v == "infinity" || v == "+infinity") return INFINITY;
    if (v == "-infinity") return -INFINITY;
    return std::nullopt;
  }
  return x;
}

ColumnType infer_type(const std::vector<std::string>& sample) {
  if (sample.empty()) return ColumnType::Categorical;
  if (std::all_of(sample.begin(), sample.end(), [](const auto& v) { return parse_number(v).has_value(); }))
    return ColumnType::Numeric;
  if (std::all_of(sample.begin(), sample.end(), [](const auto& v) { return parse_bool(v).has_value(); }))
    return ColumnType::Boolean;
  std::vector<std::string_view> distinct(sample.begin(), sample.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  // Categories repeat: few distinct values, or at most half as many as values seen.
  const bool repeats = distinct.size() <= 20 || distinct.size() * 2 <= sample.size();
  return repeats ? ColumnType::Categorical : ColumnType::Text;
}

Result<ProfileRun> profile_files(const std::vector<std::string>& paths, const ProfileOptions& o) {
  ProfileRun run;
  run.profile.seam_version = kVersion;
  run.profile.label = o.label;
  FileSetup setup;
  for (size_t f = 0; f < paths.size(); ++f) {
    auto file = data::DataFile::open(paths[f]);
    if (!file.ok()) return std::move(file).take_error();
    const data::Format format = o.format ? *o.format : data::format_for_path(paths[f]);
    auto header = file.value().header(format);
    if (!header.ok()) return std::move(header).take_error();
    auto splits = fine_splits(file.value(), format, o.threads);
    if (!splits.ok()) return std::move(splits).take_error();
    if (f == 0) {
      setup.format = format;
      setup.header = header.value();
      auto selected = select_columns(setup.header, o, paths[f]);
      if (!selected.ok()) return std::move(selected).take_error();
      setup.selected = selected.value();
      for (const auto& [name, t] : o.types)
        if (std::find(setup.header.begin(), setup.header.end(), name) == setup.header.end())
          return Error::usage(paths[f] + ": --types names no column '" + name + "'");
      if (!o.label.empty() && std::find(setup.header.begin(), setup.header.end(), o.label) == setup.header.end())
        return Error::usage(paths[f] + ": --label names no column '" + o.label + "'");
      auto types = decide_types(file.value(), splits.value(), setup, o);
      if (!types.ok()) return std::move(types).take_error();
      setup.types = types.value();
      for (size_t i = 0; i < setup.selected.size(); ++i) {
        run.profile.columns.emplace_back();
        run.profile.columns.back().name = setup.header[setup.selected[i]];
        run.profile.columns.back().type = setup.types[i];
      }
      run.raw.resize(setup.selected.size());
      run.raw_complete.assign(setup.selected.size(), true);
    } else if (header.value() != setup.header) {
      return Error::invalid(paths[f] + ": its columns differ from those of " + paths[0] + "; profile them separately");
    }
    setup.format = format;
    run.profile.sources.push_back(paths[f]);
    if (auto st = profile_file(file.value(), splits.value(), setup, o, run); !st.ok()) return std::move(st).take_error();
  }
  return run;
}

}  // namespace seam::stats
