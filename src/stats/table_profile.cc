#include "stats/table_profile.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "stats/profiler.h"

namespace seam::stats {
namespace {

using Kind = TableColumn::Kind;

// Python's repr of a float: the shortest digits that read back as the same value, in
// positional form for exponents from -4 to 15 (with ".0" when there is no fraction), else
// in scientific form with at least two exponent digits.
template <class F>
std::string_view python_repr(F v, char (&buf)[40]) {
  if (std::isnan(v)) return {};
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char sci[40];
  const auto end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
  std::string_view s(sci, static_cast<size_t>(end - sci));
  char* out = buf;
  if (s[0] == '-') *out++ = '-', s.remove_prefix(1);
  const size_t e = s.find('e');
  char digits[24] = {};
  size_t n = 0;
  for (size_t i = 0; i < e; ++i)
    if (s[i] != '.') digits[n++] = s[i];
  int exp = 0;
  std::from_chars(s.data() + e + (s[e + 1] == '+' ? 2 : 1), s.data() + s.size(), exp);
  const auto put = [&](const char* p, size_t k) { std::memcpy(out, p, k), out += k; };
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      put("0.", 2);
      for (int z = -1; z > exp; --z) *out++ = '0';
      put(digits, n);
    } else if (n <= static_cast<size_t>(exp) + 1) {
      put(digits, n);
      for (size_t z = n; z < static_cast<size_t>(exp) + 1; ++z) *out++ = '0';
      put(".0", 2);
    } else {
      put(digits, static_cast<size_t>(exp) + 1);
      *out++ = '.';
      put(digits + exp + 1, n - static_cast<size_t>(exp) - 1);
    }
  } else {
    *out++ = digits[0];
    if (n > 1) *out++ = '.', put(digits + 1, n - 1);
    *out++ = 'e';
    *out++ = exp < 0 ? '-' : '+';
    const int a = exp < 0 ? -exp : exp;
    if (a < 10) *out++ = '0';
    out = std::to_chars(out, buf + sizeof buf, a).ptr;
  }
  return {buf, static_cast<size_t>(out - buf)};
}

template <class T>
T at(const TableColumn& c, uint64_t row) {
  T v;
  std::memcpy(&v, c.data + static_cast<int64_t>(row) * c.stride, sizeof v);
  return v;
}

template <class T>
std::string_view integer(const TableColumn& c, uint64_t row, char (&buf)[40]) {
  const auto end = std::to_chars(buf, buf + sizeof buf, at<T>(c, row)).ptr;
  return {buf, static_cast<size_t>(end - buf)};
}

// Cell `row` of column `c` as pandas writes it.
std::string_view cell(const TableColumn& c, uint64_t row, char (&buf)[40]) {
  switch (c.kind) {
    case Kind::Float64: return python_repr(at<double>(c, row), buf);
    case Kind::Float32: return python_repr(at<float>(c, row), buf);
    case Kind::Int64: return integer<int64_t>(c, row, buf);
    case Kind::Int32: return integer<int32_t>(c, row, buf);
    case Kind::Int16: return integer<int16_t>(c, row, buf);
    case Kind::Int8: return integer<int8_t>(c, row, buf);
    case Kind::UInt64: return integer<uint64_t>(c, row, buf);
    case Kind::UInt32: return integer<uint32_t>(c, row, buf);
    case Kind::UInt16: return integer<uint16_t>(c, row, buf);
    case Kind::UInt8: return integer<uint8_t>(c, row, buf);
    case Kind::Bool: return at<uint8_t>(c, row) ? "True" : "False";
    case Kind::Text: return c.text[row];
  }
  return {};
}

// The bytes a cell takes in the CSV file, quotes included: Python's csv module quotes a cell
// that holds a comma, a quote or a line break (doubling its quotes), and the lone empty cell of
// a one-column row, which would otherwise be a blank line.
uint64_t csv_bytes(std::string_view v, size_t columns) {
  if (v.empty()) return columns == 1 ? 2 : 0;
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return v.size();
  uint64_t quotes = 0;
  for (char ch : v) quotes += ch == '"';
  return v.size() + quotes + 2;
}

// A printed cell: numbers go into one of these, text cells point into the table.
struct Buf {
  char text[40];
};

// Walks the records in CSV order, with the line each starts on and, when asked (the type
// sample needs it, and the costly part is the quoting), its offset in the file.
class Records {
 public:
  Records(const Table& t, bool offsets) : t_(t), offsets_(offsets) {
    offset_ = 1;  // the header's newline
    for (size_t c = 0; c < t.names.size(); ++c) offset_ += csv_bytes(t.names[c], t.names.size()) + (c > 0);
  }
  // Prints record `row` (rows in order from 0) into fields[0..columns), numbers into
  // bufs[0..columns), and returns its start offset (0 without offsets); line() is then its line.
  uint64_t next(uint64_t row, data::Field* fields, Buf* bufs) {
    const uint64_t start = offsets_ ? offset_ : 0;
    line_ += newlines_;
    newlines_ = 1;
    const size_t n = t_.columns.size();
    for (size_t c = 0; c < n; ++c) {
      const std::string_view v = cell(t_.columns[c], row, bufs[c].text);
      fields[c] = data::Field{v, false};
      if (offsets_) offset_ += csv_bytes(v, n) + (c > 0);
      if (t_.columns[c].kind == Kind::Text) newlines_ += static_cast<uint64_t>(std::count(v.begin(), v.end(), '\n'));
    }
    offset_ += 1;
    return start;
  }
  uint64_t line() const { return line_; }

 private:
  const Table& t_;
  bool offsets_;
  uint64_t offset_ = 0, line_ = 2, newlines_ = 0;
};

// The types profile_files would fix: from the records that start in the first
// kTypeSampleBytes of the file, which is its first range when one thread reads it.
TypeSample table_sample(const Table& t, const ColumnOptions& o) {
  TypeSample sample(t.names, o);
  Records records(t, true);
  const size_t n = t.columns.size();
  std::vector<data::Field> fields(n);
  std::vector<Buf> bufs(n);
  for (uint64_t r = 0; r < t.rows && !sample.full(); ++r) {
    if (records.next(r, fields.data(), bufs.data()) >= kTypeSampleBytes) break;
    for (size_t c = 0; c < n; ++c) sample.add(c, fields[c].text);
  }
  return sample;
}

// Records go to the builder in batches, as a file reader passes them, so that it profiles a
// column at a time.
Result<ProfileRun> profile_once(const Table& t, const ColumnOptions& o) {
  auto builder = ProfileBuilder::create(t.names, o, table_sample(t, o), t.source);
  if (!builder.ok()) return std::move(builder).take_error();
  Records records(t, false);
  const size_t n = t.columns.size();
  const size_t batch = std::clamp<size_t>((size_t{1} << 16) / std::max<size_t>(n, 1), 16, 1024);
  std::vector<data::Field> fields(batch * n);
  std::vector<Buf> bufs(batch * n);
  std::vector<uint64_t> lines(batch);
  for (uint64_t r = 0; r < t.rows;) {
    const size_t count = static_cast<size_t>(std::min<uint64_t>(batch, t.rows - r));
    for (size_t i = 0; i < count; ++i, ++r) {
      records.next(r, fields.data() + i * n, bufs.data() + i * n);
      lines[i] = records.line();
    }
    builder.value().records(fields.data(), n, count, lines.data());
  }
  return std::move(builder).value().finish_run();
}

}  // namespace

std::string_view python_float(double v, char (&buf)[40]) { return python_repr(v, buf); }
std::string_view python_float(float v, char (&buf)[40]) { return python_repr(v, buf); }

std::vector<std::pair<std::string, ColumnType>> table_types(const Table& table, const ColumnOptions& options) {
  const TypeSample sample = table_sample(table, options);
  std::vector<std::pair<std::string, ColumnType>> types;
  for (size_t i = 0; i < table.names.size(); ++i) {
    const std::string& name = table.names[i];
    const auto& only = options.columns;
    if (only.empty() || std::find(only.begin(), only.end(), name) != only.end() || name == options.label)
      types.emplace_back(name, sample.type(i));
  }
  return types;
}

Result<ProfileRun> profile_table(const Table& table, const ColumnOptions& options) {
  if (table.columns.size() != table.names.size())
    return Error::usage("the table has " + std::to_string(table.names.size()) + " column names but " +
                        std::to_string(table.columns.size()) + " columns");
  for (size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].kind == Kind::Text && table.columns[c].text.size() != table.rows)
      return Error::usage("column '" + table.names[c] + "' has " + std::to_string(table.columns[c].text.size()) +
                          " cells, not " + std::to_string(table.rows));
  return retype_misfits(profile_once(table, options), options,
                        [&](const ColumnOptions& again) { return profile_once(table, again); });
}

}  // namespace seam::stats
