// Drift between a reference data set (usually the training data) and a current one (what
// production sees), column by column, with the methods docs/drift.md defines.
//
// Thread safety: compare() is pure; inputs are read only, the report owns its data.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "stats/profile.h"

namespace seam::stats {

enum class Method : uint8_t { ChiSquare, ChiSquareGof, Ks, Psi, JensenShannon, Wasserstein };
std::string_view method_name(Method m);  // "chisquare", "chisquare_gof", "ks", ...
std::optional<Method> method_from_name(std::string_view name);
bool is_test(Method m);                  // a hypothesis test (p-value) rather than a distance
Method default_method(ColumnType t);     // ks for numbers, chisquare for the rest
double default_threshold(Method m);      // p below it, or distance above it, is drift

// A column's result. From sketches the statistic is known only within an interval; the
// verdict is Drift only when every statistic in it means drift, NoDrift only when none
// does, and Inconclusive otherwise (also when the test gives no result at all).
enum class Verdict : uint8_t { NoDrift, Drift, Inconclusive };
std::string_view verdict_name(Verdict v);  // "no_drift", "drift", "inconclusive"

// The confidence with which a column's interval holds the exact statistic when sketches
// are involved (KLL's error is probabilistic; frequent-item counts are bounded for sure).
inline constexpr double kSketchConfidence = 0.99;

// One side of the comparison: a profile, plus the raw numeric values when they were read
// from data and fitted in memory (then KS, PSI and Wasserstein are exact).
struct DriftInput {
  std::string path;
  Profile profile;
  std::vector<std::vector<double>> raw;  // per profile column; empty when not kept
  std::vector<bool> raw_complete;
  std::vector<std::string> notes;  // how the data was read (ProfileRun::notes), for the report
};

// When `seam drift` fails (exit status 1): when any column drifted (the default), when the
// data set drifted (dataset_share) or a critical column did, or never.
enum class FailOn : uint8_t { Column, Dataset, Never };
std::string_view fail_on_name(FailOn f);  // "column", "dataset", "never"
std::optional<FailOn> fail_on_from_name(std::string_view name);

// Why a column is critical when --critical names it (then it must be a column of the reference).
inline constexpr std::string_view kCriticalGiven = "named with --critical";

struct DriftOptions {
  std::vector<std::string> columns;            // empty: every column both sides have
  std::map<std::string, Method> methods;       // --method col=test
  std::map<std::string, double> thresholds;    // --threshold col=x
  double dataset_share = 0.5;                  // dataset drift: some column and at least this share drifted
  int bins = 10;                               // PSI and JS bins, from reference quantiles
  bool normalize_wasserstein = true;           // divide by the reference standard deviation
  // Columns whose drift fails the run on its own, and why each is critical (kCriticalGiven,
  // or the descriptor field that names it).
  std::map<std::string, std::string> critical;
  FailOn fail_on = FailOn::Column;
  // The bars each column's Histogram holds, for the HTML report; a monitor, which tests the
  // same columns window after window, has no use for them.
  bool histograms = true;
};

struct Histogram {
  std::vector<double> edges;       // numeric: bin edges; empty for categories
  std::vector<std::string> labels; // categorical: one per bar
  std::vector<double> reference;   // fractions
  std::vector<double> current;
};

// One extra fact about a column's test ("exact", "dof", "statistic_error_bound", ...), held
// as a value that each renderer encodes itself; a NaN or infinite number means "unknown".
struct DriftDetail {
  using Value = std::variant<bool, int64_t, double, std::string>;
  std::string name;
  Value value;
};

struct ColumnDrift {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  Method method = Method::Ks;
  double statistic = NAN;  // exact, or the estimate from sketches
  double p_value = NAN;    // tests only; 0 when it underflowed (below kPValueFloor)
  // Where the exact statistic and p-value lie (with kSketchConfidence); equal to the
  // estimate when it is exact, NaN where the test gives nothing.
  double statistic_low = NAN, statistic_high = NAN;
  double p_value_low = NAN, p_value_high = NAN;
  double threshold = NAN;
  Verdict verdict = Verdict::NoDrift;
  bool drift = false;  // verdict == Drift
  bool exact = true;   // tested on every value and exact counts: the interval is a point
  std::string critical;  // why the column is critical; empty when it is not
  std::string why;     // Inconclusive: why the test cannot decide
  std::string advice;  // Inconclusive: what would decide it
  uint64_t n_reference = 0, n_current = 0;
  std::vector<DriftDetail> details;  // in the order the test found them
  Histogram histogram;
};

// Any p-value that computes to 0 is below this (the smallest normal double is 2.2e-308).
inline constexpr double kPValueFloor = 1e-300;

struct DriftReport {
  std::string reference, current;
  std::vector<ColumnDrift> columns;
  std::vector<std::string> only_in_reference, only_in_current, skipped;  // not tested, and why in notes
  std::vector<std::string> notes;
  int drifted = 0;
  int inconclusive = 0;
  double dataset_share = 0.5;
  // Some column drifted and at least dataset_share of the columns did. The three-valued form:
  // Drift then; NoDrift when even counting every inconclusive column as drifted would not
  // reach it; else Inconclusive.
  bool dataset_drift = false;
  Verdict dataset_verdict = Verdict::NoDrift;
  int critical_drifted = 0;  // critical columns whose verdict is Drift
  FailOn fail_on = FailOn::Column;
  bool fails = false;  // the exit status is 1 under fail_on
};

// Compares the columns both sides have. Fails on an unknown --columns/--method/--threshold
// name, a method that does not fit the column type, or when no column is shared.
Result<DriftReport> compare(const DriftInput& reference, const DriftInput& current, const DriftOptions& opts);

}  // namespace seam::stats
