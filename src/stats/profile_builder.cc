#include "stats/profile_builder.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>

#include "stats/hash.h"
#include "stats/number.h"
#include "stats/time.h"
#include "util/text.h"
#include "util/version.h"

namespace seam::stats {

namespace {

// Up to a batch of values, in a buffer that grows as they come (so that a table of very many
// columns and few rows allocates little) and is never zeroed.
template <class T>
class Pending {
 public:
  explicit Pending(size_t batch) : batch_(batch) {}
  T* data() { return buf_.get(); }
  size_t size() const { return size_; }
  void clear() { size_ = 0; }
  void push(T v) {
    if (size_ == cap_) [[unlikely]] grow(size_ + 1);
    buf_[size_++] = v;
  }
  // Room for n values that the caller writes.
  T* overwrite(size_t n) {
    if (n > cap_) grow(n);
    size_ = n;
    return buf_.get();
  }

 private:
  void grow(size_t need) {
    cap_ = std::min(batch_, std::max({need, cap_ * 2, size_t{64}}));
    std::unique_ptr<T[]> bigger(new T[cap_]);
    std::copy(buf_.get(), buf_.get() + size_, bigger.get());
    buf_ = std::move(bigger);
  }

  size_t batch_, cap_ = 0, size_ = 0;
  std::unique_ptr<T[]> buf_;
};

}  // namespace

// Accumulates the values of one profiled column: the per-value work of profiling, so the
// hot path of profile_files too. Values are read one at a time; what follows (hashes for
// HyperLogLog, moments, the quantile sketch, a label's classes) runs over batches of
// batch_ values, in loops without a branch on the column's type. The batches do not depend on
// how records arrive, so records given one at a time or in a reader's batches build one profile.
class ProfileBuilder::Column {
 public:
  Column(std::string name, ColumnType type, size_t keep, int sketch_k, bool label, size_t batch, EpochUnit unit)
      : batch_(batch), keep_(keep), label_(label) {
    col_.name = std::move(name);
    col_.type = type;
    col_.quantiles = KllSketch(sketch_k);
    if (type == ColumnType::Timestamp) col_.time.unit = unit;
  }

  void add(std::string_view text, bool null, uint64_t line) {
    switch (col_.type) {
      case ColumnType::Numeric: return add_value<&Column::add_number>(text, null, line);
      case ColumnType::Timestamp: return add_value<&Column::add_timestamp>(text, null, line);
      case ColumnType::Boolean: return add_value<&Column::add_bool>(text, null, line);
      default: return add_value<&Column::add_text>(text, null, line);
    }
  }

  // This column's field of `count` records, row after row `stride` fields apart.
  void add_column(const data::Field* fields, size_t stride, size_t count, const uint64_t* lines) {
    switch (col_.type) {
      case ColumnType::Numeric: return add_numbers(fields, stride, count, lines);
      case ColumnType::Timestamp: return add_all<&Column::add_timestamp>(fields, stride, count, lines);
      case ColumnType::Boolean: return add_all<&Column::add_bool>(fields, stride, count, lines);
      default: return add_all<&Column::add_text>(fields, stride, count, lines);
    }
  }

  ColumnProfile& column() {
    flush();
    return col_;
  }
  std::vector<double>& raw() { return raw_; }
  bool raw_complete() const { return !raw_overflow_; }

 private:
  using Add = void (Column::*)(std::string_view text, std::string_view trimmed, uint64_t line);

  // Most values have no surrounding space; skip the trim call for them.
  static std::string_view trimmed(std::string_view text) {
    return !text.empty() && text.front() > ' ' && text.back() > ' ' ? text : text::trim(text);
  }

  template <Add add>
  void add_value(std::string_view text, bool null, uint64_t line) {
    ++col_.count;
    const std::string_view s = trimmed(text);
    if (null || is_missing_token(s)) {
      ++col_.missing;
      return;
    }
    (this->*add)(text, s, line);
  }

  template <Add add>
  void add_all(const data::Field* fields, size_t stride, size_t count, const uint64_t* lines) {
    for (size_t r = 0; r < count; ++r, fields += stride) add_value<add>(fields->text, fields->null, lines[r]);
  }

  // add_all for a numeric column, with the counts kept in registers: for a table of numbers
  // this loop is most of the work.
  void add_numbers(const data::Field* f, size_t stride, size_t count, const uint64_t* lines) {
    col_.count += count;
    uint64_t missing = 0;
    for (size_t r = 0; r < count; ++r, f += stride) {
      const std::string_view s = trimmed(f->text);
      if (f->null || is_missing_token(s)) {
        ++missing;
        continue;
      }
      double x;
      if (!parse_number(s, x)) {
        invalid(lines[r]);
        continue;
      }
      if (!std::isfinite(x)) [[unlikely]] {
        non_finite(x);
        continue;
      }
      push(x);
    }
    col_.missing += missing;
  }

  void add_number(std::string_view, std::string_view s, uint64_t line) {
    double x;
    if (!parse_number(s, x)) return invalid(line);
    if (!std::isfinite(x)) [[unlikely]] return non_finite(x);
    push(x);
  }

  void non_finite(double x) {
    col_.distinct.add_hash(hash_double(x));
    ++col_.non_finite;
  }

  void push(double x) {
    numbers_.push(x);
    if (numbers_.size() == batch_) flush();
  }

  // An instant joins the numbers as seconds since the epoch; its form and order are noted.
  // With a declared unit, numbers are instants too (tried first: such columns hold them).
  void add_timestamp(std::string_view, std::string_view s, uint64_t line) {
    TimeSummary& ts = col_.time;
    double t, count;
    TimeForm form;
    if (ts.unit != EpochUnit::None && parse_number(s, count)) {
      if (!epoch_instant(count, ts.unit, t)) return invalid(line);
      ++ts.epoch;
    } else if (parse_timestamp(s, t, form, day_)) {
      (form == TimeForm::Date ? ts.dates : form == TimeForm::Local ? ts.local : ts.zoned) += 1;
    } else {
      return invalid(line);
    }
    ts.add(t);
    push(t);
  }

  void add_bool(std::string_view, std::string_view s, uint64_t line) {
    const auto b = parse_bool(s);
    if (!b) return invalid(line);
    add_text(*b ? "true" : "false", {}, line);
  }

  // Categories and text are counted as written, surrounding space included. HyperLogLog
  // ignores repeats, so a value is hashed for it only when the counts take it in as new.
  void add_text(std::string_view text, std::string_view, uint64_t) {
    if (!col_.values.add(text)) return;
    hashes_.push(hash64(text));
    if (hashes_.size() == batch_) flush();
  }

  void flush() {
    if (numbers_.size()) flush_numbers();
    col_.distinct.add_hashes(hashes_.data(), hashes_.size());
    hashes_.clear();
  }

  void flush_numbers() {
    const std::span<double> x(numbers_.data(), numbers_.size());
    uint64_t* hashes = hashes_.overwrite(x.size());  // numbers and text never share a column
    uint64_t fractional = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      hashes[i] = hash_double(x[i]);
      fractional += x[i] != std::floor(x[i]);
    }
    col_.non_integral += fractional;
    if (label_) count_classes();
    col_.moments.add_batch(x.data(), x.size());
    keep_raw();
    col_.quantiles.add_batch(x);  // sorts them: last
    numbers_.clear();
  }

  // With keep_values, the finite values in order, until there are too many to keep: then
  // they are freed, and the sketch serves instead.
  void keep_raw() {
    if (!keep_) return;
    if (raw_.size() + numbers_.size() <= keep_) {
      raw_.insert(raw_.end(), numbers_.data(), numbers_.data() + numbers_.size());
      return;
    }
    raw_overflow_ = true;
    keep_ = 0;
    std::vector<double>().swap(raw_);
  }

  // A numeric label keeps its class counts besides the numeric statistics, for the class
  // balance: keyed by the shortest text that reads back as the number, so 1 and 1.0 agree.
  // Labels take few values, so a batch's are counted in a few counters before they are
  // written out.
  void count_classes() {
    constexpr size_t kCounters = 8;
    std::pair<uint64_t, uint64_t> counters[kCounters];  // (bits of the value, count)
    size_t used = 0;
    auto write_out = [&] {
      for (size_t i = 0; i < used; ++i) {
        char buf[32];
        const auto end = std::to_chars(buf, buf + sizeof buf, std::bit_cast<double>(counters[i].first)).ptr;
        col_.values.add(std::string_view(buf, static_cast<size_t>(end - buf)), counters[i].second);
      }
      used = 0;
    };
    for (const double x : std::span<const double>(numbers_.data(), numbers_.size())) {
      const auto bits = std::bit_cast<uint64_t>(x);
      size_t i = 0;
      while (i < used && counters[i].first != bits) ++i;
      if (i == kCounters) {
        write_out();
        i = 0;
      }
      if (i == used) counters[used++] = {bits, 0};
      ++counters[i].second;
    }
    write_out();
  }

  void invalid(uint64_t line) {
    if (col_.invalid++ == 0) col_.first_invalid_line = line;
  }

  const size_t batch_;
  ColumnProfile col_;
  Pending<double> numbers_{batch_};  // finite values not yet in the statistics
  DayCache day_;                  // timestamp columns: the last date read
  Pending<uint64_t> hashes_{batch_};  // values' hashes not yet in HyperLogLog
  size_t keep_;
  bool label_;
  std::vector<double> raw_;
  bool raw_overflow_ = false;
};

// The profiled values of the records held back while types are not fixed, as offsets into
// one string rather than a string each, so that holding a record costs no allocation.
struct ProfileBuilder::Held {
  struct Value {
    size_t end;  // in text; the value starts where the one before it ends
    bool null;
  };
  TypeSample sample;
  std::string text;
  std::vector<Value> values;    // a value per profiled column, record after record
  std::vector<uint64_t> lines;  // per record
};

namespace {

// A record's values come as plain strings (add) or as a reader's fields (record).
std::string_view text_of(std::string_view v) { return v; }
bool null_of(std::string_view) { return false; }
std::string_view text_of(const data::Field& f) { return f.text; }
bool null_of(const data::Field& f) { return f.null; }

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Indices of the columns to profile, in options.columns order (all of them if it is empty).
Result<std::vector<size_t>> select_columns(const std::vector<std::string>& names, const ColumnOptions& o) {
  std::vector<size_t> out;
  if (o.columns.empty()) {
    for (size_t i = 0; i < names.size(); ++i) out.push_back(i);
    return out;
  }
  for (const auto& name : o.columns) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      std::string msg = "no column '" + name + "'";
      msg += text::did_you_mean(name, names);
      return Error::usage(msg);
    }
    out.push_back(static_cast<size_t>(it - names.begin()));
  }
  return out;
}

Status check_names(const std::vector<std::string>& names, const ColumnOptions& o) {
  if (names.empty()) return Error::usage("no columns to profile");
  for (const auto& [name, t] : o.types)
    if (!has(names, name)) return Error::usage_at("/types/" + name, "a type is given for '" + name + "', which is no column");
  if (!o.label.empty() && !has(names, o.label)) return Error::usage_at("/label", "the label column '" + o.label + "' is no column");
  for (const auto& unit : o.epoch_units) {
    const std::string& name = unit.first;
    const auto last = std::find_if(o.types.rbegin(), o.types.rend(), [&](const auto& t) { return t.first == name; });
    if (last == o.types.rend() || last->second != ColumnType::Timestamp)
      return Error::usage_at("/types/" + name, "an epoch unit is given for '" + name + "', which is not typed timestamp");
  }
  return Ok{};
}

// The indices of the columns to profile, once every name the options give is checked.
Result<std::vector<size_t>> profiled_columns(const std::vector<std::string>& names, const ColumnOptions& o) {
  auto selected = select_columns(names, o);
  if (!selected.ok()) return selected;
  if (auto st = check_names(names, o); !st.ok()) return std::move(st).take_error();
  return selected;
}

std::string fields_message(size_t expected, size_t found) {
  return "expected " + std::to_string(expected) + " fields, found " + std::to_string(found);
}

}  // namespace

Result<ProfileBuilder> ProfileBuilder::create(std::vector<std::string> columns, const ColumnOptions& options,
                                              std::string source) {
  auto selected = profiled_columns(columns, options);
  if (!selected.ok()) return std::move(selected).take_error();
  return ProfileBuilder(std::move(columns), std::move(selected).value(), options, std::move(source), nullptr);
}

Result<ProfileBuilder> ProfileBuilder::create(std::vector<std::string> columns, const ColumnOptions& options,
                                              const TypeSample& sample, std::string source) {
  if (sample.columns() != columns.size())
    return Error::usage("the type sample has " + std::to_string(sample.columns()) + " columns where the records have " +
                        std::to_string(columns.size()));
  auto selected = profiled_columns(columns, options);
  if (!selected.ok()) return std::move(selected).take_error();
  return ProfileBuilder(std::move(columns), std::move(selected).value(), options, std::move(source), &sample);
}

ProfileBuilder::ProfileBuilder(std::vector<std::string> names, std::vector<size_t> selected, const ColumnOptions& options,
                               std::string source, const TypeSample* sample)
    : names_(std::move(names)),
      selected_(std::move(selected)),
      label_(options.label),
      keep_values_(options.keep_values),
      epoch_units_(options.epoch_units),
      sketch_k_(options.sketch_k),
      source_(std::move(source)) {
  if (sample) {
    fix_types(*sample);
    return;
  }
  TypeSample own(names_, options);
  if (own.full()) fix_types(own);  // every type is given: nothing to hold back
  else held_ = std::make_unique<Held>(Held{std::move(own), {}, {}, {}});
}

ProfileBuilder::ProfileBuilder(ProfileBuilder&&) noexcept = default;
ProfileBuilder& ProfileBuilder::operator=(ProfileBuilder&&) noexcept = default;
ProfileBuilder::~ProfileBuilder() = default;

template <class Value>
void ProfileBuilder::take(const Value* values, uint64_t line) {
  ++rows_;
  if (held_) return hold(values, line);
  for (size_t i = 0; i < selected_.size(); ++i) {
    const Value& v = values[selected_[i]];
    columns_[i].add(text_of(v), null_of(v), line);
  }
}

template <class Value>
void ProfileBuilder::hold(const Value* values, uint64_t line) {
  Held& h = *held_;
  // Each column once, even one that options.columns names twice; it skips those not profiled.
  for (size_t c = 0; c < names_.size(); ++c) h.sample.add(c, text_of(values[c]), null_of(values[c]));
  for (size_t i : selected_) {
    const Value& v = values[i];
    h.text += text_of(v);
    h.values.push_back({h.text.size(), null_of(v)});
  }
  h.lines.push_back(line);
  // A separator's byte per value, as in a file; it also bounds a run of empty values.
  if (h.sample.full() || h.text.size() + h.values.size() >= kTypeSampleBytes) release_held();
}

bool ProfileBuilder::add(std::span<const std::string_view> record, uint64_t line) {
  ++position_;
  if (line == 0) line = position_;
  if (record.size() != names_.size()) {
    bad_row(record.size(), line);
    return false;
  }
  take(record.data(), line);
  return true;
}

uint64_t ProfileBuilder::add_batch(std::span<const std::vector<std::string_view>> records) {
  uint64_t good = 0;
  for (const auto& r : records) good += add(r);
  return good;
}

void ProfileBuilder::record(const data::Field* fields, size_t n, uint64_t line) {
  ++position_;
  if (n != names_.size()) return bad_row(n, line);
  take(fields, line);
}

void ProfileBuilder::records(const data::Field* fields, size_t n, size_t count, const uint64_t* lines) {
  if (held_ || n != names_.size()) return RecordSink::records(fields, n, count, lines);
  position_ += count;
  rows_ += count;
  for (size_t i = 0; i < selected_.size(); ++i) columns_[i].add_column(fields + selected_[i], n, count, lines);
}

void ProfileBuilder::fix_types(const TypeSample& sample) {
  // A batch of 4,096 values per column while the columns are few; fewer for a wide table, so
  // that the batches of all columns together stay near 8 MB.
  const size_t batch = std::clamp<size_t>((size_t{1} << 19) / std::max<size_t>(selected_.size(), 1), 256, 4096);
  for (size_t i : selected_) {
    EpochUnit unit = EpochUnit::None;
    for (const auto& [name, u] : epoch_units_)
      if (name == names_[i]) unit = u;
    columns_.emplace_back(names_[i], sample.type(i), keep_values_, sketch_k_, names_[i] == label_, batch, unit);
  }
}

void ProfileBuilder::release_held() {
  const std::unique_ptr<Held> held = std::move(held_);  // from here on, records go to the columns
  fix_types(held->sample);
  const std::string_view text = held->text;
  size_t v = 0, begin = 0;
  for (uint64_t line : held->lines) {
    for (auto& column : columns_) {
      const auto [end, null] = held->values[v++];
      column.add(text.substr(begin, end - begin), null, line);
      begin = end;
    }
  }
}

void ProfileBuilder::bad_row(size_t fields, uint64_t line) {
  ++bad_rows_;
  if (bad_row_samples_.size() < kMaxBadRowSamples)
    bad_row_samples_.push_back({source_, line, fields_message(names_.size(), fields)});
}

ProfileRun ProfileBuilder::finish_run() && {
  if (held_) release_held();
  ProfileRun run;
  Profile& p = run.profile;
  p.seam_version = kVersion;
  if (!source_.empty()) p.sources.push_back(source_);
  p.rows = rows_;
  p.bad_rows = bad_rows_;
  p.bad_row_samples = std::move(bad_row_samples_);
  p.label = label_;
  for (Column& c : columns_) {
    p.columns.push_back(std::move(c.column()));
    run.raw.push_back(std::move(c.raw()));
    run.raw_complete.push_back(c.raw_complete());
  }
  return run;
}

Profile ProfileBuilder::finish() && { return std::move(*this).finish_run().profile; }

TypeSample::TypeSample(const std::vector<std::string>& columns, const ColumnOptions& options)
    : given_(columns.size()), sampled_(columns.size()), values_(columns.size()) {
  for (size_t i = 0; i < columns.size(); ++i) {
    for (const auto& [name, t] : options.types)
      if (name == columns[i]) given_[i] = t;
    const bool profiled = options.columns.empty() || has(options.columns, columns[i]);
    sampled_[i] = profiled && !given_[i];
    to_infer_ += sampled_[i];
  }
}

void TypeSample::add(size_t column, std::string_view value, bool null) {
  auto& sample = values_[column];
  if (!sampled_[column] || sample.size() == kTypeSampleValues || null) return;
  const std::string_view s = text::trim(value);
  if (is_missing_token(s)) return;
  sample.emplace_back(s);
  full_ += sample.size() == kTypeSampleValues;
}

ColumnType TypeSample::type(size_t column) const {
  return given_[column] ? *given_[column] : infer_type(values_[column]);
}

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

ColumnType infer_type(const std::vector<std::string>& sample) {
  if (sample.empty()) return ColumnType::Categorical;
  if (std::all_of(sample.begin(), sample.end(), [](const auto& v) { return parse_number(v).has_value(); }))
    return ColumnType::Numeric;
  if (std::all_of(sample.begin(), sample.end(), [](const auto& v) { return parse_bool(v).has_value(); }))
    return ColumnType::Boolean;
  double t;
  TimeForm form;
  if (std::all_of(sample.begin(), sample.end(), [&](const auto& v) { return parse_timestamp(v, t, form); }))
    return ColumnType::Timestamp;
  std::vector<std::string_view> distinct(sample.begin(), sample.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  // Categories repeat: few distinct values, or at most half as many as values seen.
  const bool repeats = distinct.size() <= 20 || distinct.size() * 2 <= sample.size();
  return repeats ? ColumnType::Categorical : ColumnType::Text;
}

}  // namespace seam::stats
