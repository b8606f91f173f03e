#include "stats/profile_builder.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "stats/hash.h"
#include "util/text.h"
#include "util/version.h"

namespace seam::stats {

// Accumulates the values of one profiled column: the per-value work of profiling, so the
// hot path of profile_files too.
class ProfileBuilder::Column {
 public:
  Column(std::string name, ColumnType type, size_t keep, int sketch_k, bool label) : keep_(keep), label_(label) {
    col_.name = std::move(name);
    col_.type = type;
    col_.quantiles = KllSketch(sketch_k);
  }

  void add(std::string_view text, bool null, uint64_t line) {
    ++col_.count;
    // Most values have no surrounding space; skip the trim call for them.
    const std::string_view s = !text.empty() && text.front() > ' ' && text.back() > ' ' ? text : text::trim(text);
    if (null || is_missing_token(s)) {
      ++col_.missing;
      return;
    }
    switch (col_.type) {
      case ColumnType::Numeric: return add_number(s, line);
      case ColumnType::Boolean: return add_bool(s, line);
      default: {
        const uint64_t h = hash64(text);
        col_.distinct.add_hash(h);
        col_.values.add_hashed(text, h);
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
    if (label_) count_class(*x);
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

  // A numeric label keeps its class counts besides the numeric statistics, for the class
  // balance: keyed by the shortest text that reads back as the number, so 1 and 1.0 agree.
  void count_class(double x) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, x).ptr;
    col_.values.add(std::string_view(buf, static_cast<size_t>(end - buf)));
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

void ProfileBuilder::fix_types(const TypeSample& sample) {
  for (size_t i : selected_) columns_.emplace_back(names_[i], sample.type(i), keep_values_, sketch_k_, names_[i] == label_);
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

}  // namespace seam::stats
