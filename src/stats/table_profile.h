// Profiling a table held in memory column by column, such as a pandas DataFrame given to the
// Python module. The result is the profile of the CSV file that pandas' to_csv(index=False)
// would write for the table, but the file is never written. Numeric columns are read in
// place from their buffers, and each cell is printed as pandas would print it while the
// profile reads it. This is the same text the file would hold, so types, distinct counts
// and frequent values agree with profile_files, down to the type sample (the records that
// start in the first kTypeSampleBytes of the file) and the line numbers of invalid values.
//
// Thread safety: profile_table may run in many threads at once. The table's buffers must
// not change while it runs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stats/profile_builder.h"

namespace seam::stats {

struct TableColumn {
  // The cell type of a buffer, or Text for cells given as text.
  enum class Kind : uint8_t { Float64, Float32, Int64, Int32, Int16, Int8, UInt64, UInt32, UInt16, UInt8, Bool, Text };
  Kind kind = Kind::Text;
  const char* data = nullptr;          // buffer kinds: the first cell (not owned)
  int64_t stride = 0;                  // buffer kinds: bytes from one cell to the next
  std::vector<std::string_view> text;  // Text: each cell as written, "" when missing (not owned)
};

struct Table {
  std::vector<std::string> names;
  std::vector<TableColumn> columns;  // one per name
  uint64_t rows = 0;                 // cells per column
  std::string source;                // the profile's one source, e.g. "<DataFrame>"
};

// Errors: columns of another count than names, a Text column with another count than rows,
// and, as for profile_files, a table without columns or options that name unknown columns.
Result<ProfileRun> profile_table(const Table& table, const ColumnOptions& options);

// The column types profile_table fixes for its first pass (as sample_types for a file): only
// the columns to profile, with the label, in table order. Assumes a table profile_table takes.
std::vector<std::pair<std::string, ColumnType>> table_types(const Table& table, const ColumnOptions& options);

// A float as Python's repr() prints it, which is how pandas writes it into a CSV cell:
// "0.1", "100.0", "1e-05", "1.5e+16", "inf"; NaN, a missing value, as "". `buf` holds the text.
std::string_view python_float(double v, char (&buf)[40]);
std::string_view python_float(float v, char (&buf)[40]);

}  // namespace seam::stats
