// Building a profile from records given one at a time, for data that is not in a file (an
// HTTP upload, a monitor's stream of records), and how values are read on the way: missing
// tokens, numbers, booleans, column types. profile_files feeds the records of files through
// the same builder, so both give the same profile for the same records.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data/reader.h"
#include "stats/profile.h"

namespace seam::stats {

// What to profile, for files and streams alike.
struct ColumnOptions {
  std::vector<std::string> columns;                       // only these (empty: all)
  std::vector<std::pair<std::string, ColumnType>> types;  // --types a=categorical (the last one for a column wins)
  std::string label;                                      // --label COLUMN
  // Keep up to this many raw numeric values per column (for exact drift tests); 0: none.
  size_t keep_values = 0;
  // The KLL sketches' k (--sketch-k): rank error about 1/k, size about 3k values per column.
  int sketch_k = kDefaultSketchK;
  // Timestamp columns whose numbers count units since the epoch (--types a=timestamp:ms);
  // without one, a timestamp column's numbers are invalid.
  std::vector<std::pair<std::string, EpochUnit>> epoch_units;
};

struct ProfileRun {
  Profile profile;
  // With keep_values: the finite values of each numeric column (same order as columns), and
  // whether all of them fit.
  std::vector<std::vector<double>> raw;
  std::vector<bool> raw_complete;
  // What the user should know about how columns were read (profile_files: retyped columns).
  std::vector<std::string> notes;
};

// A column's type is inferred from its first kTypeSampleValues non-missing values, looked for
// in about the first kTypeSampleBytes of data: enough to see what a column holds, and little
// enough that a stream's builder holds back little and a file's workers start at once.
inline constexpr size_t kTypeSampleValues = 1000;
inline constexpr uint64_t kTypeSampleBytes = 1u << 20;

// The values that decide column types: the first kTypeSampleValues non-missing values of each
// column to profile whose type options.types does not give. The label column is inferred like
// any other, so that profiles made with and without --label compare.
class TypeSample {
 public:
  TypeSample(const std::vector<std::string>& columns, const ColumnOptions& options);
  // A value of a column: kept while the column needs more and the value is not missing
  // (null, or a missing-value token once trimmed).
  void add(size_t column, std::string_view value, bool null = false);
  // Whether every column whose type is to be inferred has its kTypeSampleValues.
  bool full() const { return full_ == to_infer_; }
  size_t columns() const { return values_.size(); }
  // The column's type: as options.types gives it (the last one for it wins), else inferred
  // from the sample (categorical for a column that is not profiled, which is never sampled).
  ColumnType type(size_t column) const;

 private:
  std::vector<std::optional<ColumnType>> given_;
  std::vector<bool> sampled_;  // profiled, and no type given
  std::vector<std::vector<std::string>> values_;
  size_t to_infer_ = 0;
  size_t full_ = 0;
};

// Builds the profile of one stream of records with fixed columns.
//
// Thread safety: a builder is not thread safe; use one per thread and merge the profiles of
// several builders with Profile::merge. Ownership: the builder copies what it keeps, so a
// record's values need to live only until the call that passes them returns.
//
// Types: each profiled column's type is the one options.types gives, else inferred (infer_type)
// from its first kTypeSampleValues non-missing values, the label column's too. A numeric label
// also records its class counts (ColumnProfile::values), for the class balance.
// When some type is to be inferred, the builder holds records back (copied) until every column
// has its sample, about kTypeSampleBytes of values are held, or finish() is called; it then
// fixes the types and profiles the held records. With every type given, nothing is held back.
//
// Lines: each record has a line, for bad-row samples and first_invalid_line. add() takes it
// from the caller, or numbers records from 1 in the order they come, bad ones included.
class ProfileBuilder : public data::RecordSink {
 public:
  // `columns` names a record's fields, in order. `source` names the records in bad-row samples
  // and is the profile's one source (empty: none). Errors (Usage): no columns, or a name in
  // options.columns, options.types or options.label that is not one of `columns`.
  static Result<ProfileBuilder> create(std::vector<std::string> columns, const ColumnOptions& options,
                                       std::string source = {});
  // The same, with the types fixed at once from `sample`, taken over `columns` with `options`,
  // rather than from the first records: profile_files gives the builders of all ranges of its
  // files one sample, so that they agree. Also Usage: a sample over another number of columns.
  static Result<ProfileBuilder> create(std::vector<std::string> columns, const ColumnOptions& options,
                                       const TypeSample& sample, std::string source = {});

  ProfileBuilder(ProfileBuilder&&) noexcept;
  ProfileBuilder& operator=(ProfileBuilder&&) noexcept;
  ~ProfileBuilder() override;

  // One record: a value per column, in order; a missing value is empty or a missing-value
  // token (is_missing_token). A record with another number of fields is not profiled but
  // counted as a bad row, with a message; then add returns false. `line`: 0 numbers it.
  bool add(std::span<const std::string_view> record, uint64_t line = 0);
  // Records in order, numbered as add numbers them; returns how many were good.
  uint64_t add_batch(std::span<const std::vector<std::string_view>> records);

  // The profile of the records added so far; the builder is used up.
  Profile finish() &&;
  // The same, with the raw values that options.keep_values asked to keep.
  ProfileRun finish_run() &&;

  // As a data::RecordSink, a builder takes the records of a file that DataFile::read streams,
  // null fields as missing values, with their lines. The file's columns must be the builder's
  // (they are not checked again). profile_files reads each range of a file into a builder.
  void columns(const std::vector<std::string>&) override {}
  void record(const data::Field* fields, size_t n, uint64_t line) override;
  void records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) override;

 private:
  class Column;  // one profiled column's accumulator
  struct Held;   // records held back until the types are fixed

  ProfileBuilder(std::vector<std::string> names, std::vector<size_t> selected, const ColumnOptions& options,
                 std::string source, const TypeSample* sample);
  template <class Value>
  void take(const Value* values, uint64_t line);
  template <class Value>
  void hold(const Value* values, uint64_t line);
  void fix_types(const TypeSample& sample);
  void release_held();
  void bad_row(size_t fields, uint64_t line);

  std::vector<std::string> names_;  // a record's fields
  std::vector<size_t> selected_;    // the profiled ones, as indices into names_
  std::string label_;
  size_t keep_values_;
  std::vector<std::pair<std::string, EpochUnit>> epoch_units_;
  int sketch_k_;
  std::string source_;
  uint64_t position_ = 0;  // records given so far, to number them
  uint64_t rows_ = 0;
  uint64_t bad_rows_ = 0;
  std::vector<BadRowSample> bad_row_samples_;
  std::unique_ptr<Held> held_;  // while some type is not fixed
  std::vector<Column> columns_;  // once the types are fixed: per selected column
};

// The type a column's values suggest: numeric if they all parse as numbers, boolean if they
// are all true/false words, timestamp if they are all ISO 8601 dates or date-times
// (stats/time.h), categorical if few distinct values repeat, text otherwise.
ColumnType infer_type(const std::vector<std::string>& sample);

// How a value is read: missing-value tokens, booleans (exposed for tests); numbers: stats/number.h.
bool is_missing_token(std::string_view s);
std::optional<bool> parse_bool(std::string_view s);

}  // namespace seam::stats
