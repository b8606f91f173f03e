// Every drift statistic against scipy: tests/oracle/drift_oracle.py prints scipy's answers
// for generated cases, and each test compares one method over all of them. scipy is a
// declared test dependency, so a missing /usr/bin/python3 or scipy fails the tests.
#include "stats/drift_math.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>
#include <sys/wait.h>

#include "stats/drift_bounds.h"
#include "stats/kstwo.h"

namespace seam::stats {
namespace {

namespace dom = simdjson::dom;
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Oracle {
  dom::parser parser;
  dom::array cases;
};

// Runs the oracle for one section. ASSERTs, so call through ASSERT_NO_FATAL_FAILURE.
void load(const std::string& section, Oracle& o) {
  const std::string cmd = "/usr/bin/python3 " SEAM_SOURCE_DIR "/tests/oracle/drift_oracle.py " + section;
  FILE* f = popen(cmd.c_str(), "r");
  ASSERT_NE(f, nullptr) << "cannot run " << cmd;
  std::string out;
  char buf[1 << 16];
  for (size_t got; (got = fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, got);
  const int status = pclose(f);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "the scipy oracle failed (`" << cmd << "`, exit status "
      << (WIFEXITED(status) ? WEXITSTATUS(status) : -1)
      << "). /usr/bin/python3 with numpy and scipy 1.10 is a required test dependency "
         "(python3-scipy, scripts/install-deps); see the Python error above.";
  dom::element root;
  ASSERT_EQ(o.parser.parse(out).get(root), simdjson::SUCCESS) << "oracle output is not JSON";
  ASSERT_EQ(root[section].get_array().get(o.cases), simdjson::SUCCESS) << "no section " << section;
  ASSERT_GT(o.cases.size(), 0u);
}

// A number, or one of the strings "inf", "-inf", "nan" the oracle writes for non-finite ones.
double num(dom::element e) {
  double d;
  if (e.get_double().get(d) == simdjson::SUCCESS) return d;
  std::string_view s = e.get_string().value();
  return s == "inf" ? kInf : s == "-inf" ? -kInf : std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> vec(dom::element e) {
  std::vector<double> v;
  for (dom::element x : e.get_array()) v.push_back(num(x));
  return v;
}

// Compares and keeps the largest relative error seen, reported at the end of each test.
// Below `tiny` (p-values that underflow toward 0) the comparison is absolute.
struct Checker {
  explicit Checker(std::string n) : name(std::move(n)) {}
  std::string name;
  double rel_tol = 1e-9, tiny = 1e-300;
  double worst = 0;
  std::string worst_at;
  int count = 0;
  void operator()(double actual, double expected, const std::string& where) {
    ++count;
    if (!std::isfinite(expected)) {
      EXPECT_TRUE(actual == expected || (std::isnan(actual) && std::isnan(expected)))
          << name << " " << where << ": " << actual << " vs scipy " << expected;
      return;
    }
    const double err = std::abs(actual - expected);
    if (std::abs(expected) >= tiny && err / std::abs(expected) > worst) {
      worst = err / std::abs(expected);
      worst_at = where;
    }
    EXPECT_LE(err, rel_tol * std::abs(expected) + tiny)
        << name << " " << where << ": " << actual << " vs scipy " << expected;
  }
  ~Checker() {
    std::printf("[ oracle   ] %s: %d values, max relative error %.3g (%s)\n", name.c_str(), count, worst,
                worst_at.c_str());
  }
};

std::string at(size_t i) { return "case " + std::to_string(i); }

void check_chi2(const char* section, TestResult (*fn)(const std::vector<double>&, const std::vector<double>&)) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load(section, o));
  Checker stat{std::string(section) + " statistic"}, p{std::string(section) + " p-value"};
  size_t i = 0;
  for (dom::element c : o.cases) {
    const TestResult r = fn(vec(c["ref"]), vec(c["cur"]));
    stat(r.statistic, num(c["statistic"]), at(i));
    p(r.p_value, num(c["pvalue"]), at(i));
    EXPECT_EQ(r.dof, num(c["dof"])) << at(i);
    ++i;
  }
}

TEST(DriftMath, Chi2HomogeneityEqualsChi2Contingency) { check_chi2("chi2_homogeneity", chi2_homogeneity); }
TEST(DriftMath, Chi2GofEqualsChisquare) { check_chi2("chi2_gof", chi2_gof); }

TEST(DriftMath, KsAndWassersteinEqualScipy) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load("two_sample", o));
  Checker p{"ks_2samp asymp p-value"}, w{"wasserstein_distance"};
  size_t i = 0;
  for (dom::element c : o.cases) {
    const auto ref = vec(c["ref"]), cur = vec(c["cur"]);
    const TestResult r = ks_2samp_asymp(ref, cur);
    EXPECT_EQ(r.statistic, num(c["ks_statistic"])) << at(i);  // same arithmetic: bit-identical
    EXPECT_EQ(ks_statistic(ref, cur), r.statistic) << at(i);
    p(r.p_value, num(c["ks_pvalue"]), at(i));
    w(wasserstein(ref, cur), num(c["wasserstein"]), at(i));
    // Weight 1 each: the sketch path's functions give the same answers.
    EXPECT_EQ(ks_weighted(weighted(ref), weighted(cur)), r.statistic) << at(i);
    w(wasserstein_weighted(weighted(ref), weighted(cur)), num(c["wasserstein"]), at(i));
    ++i;
  }
}

TEST(DriftMath, KsPvalueEqualsKstwoOnAGridOfAllMethods) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load("kstwo", o));
  Checker p{"kstwo.sf"};
  for (dom::element c : o.cases) {
    const uint64_t nr = c["n_ref"].get_uint64().value(), nc = c["n_cur"].get_uint64().value();
    const double d = num(c["d"]);
    p(ks_pvalue_asymp(d, nr, nc), num(c["pvalue"]),
      "n_ref " + std::to_string(nr) + " n_cur " + std::to_string(nc) + " d " + std::to_string(d));
  }
}

TEST(DriftMath, PsiEqualsDocumentedFormula) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load("psi", o));
  Checker check{"psi (numpy)"};
  size_t i = 0;
  for (dom::element c : o.cases) check(psi(vec(c["ref"]), vec(c["cur"])), num(c["psi"]), at(i++));
}

TEST(DriftMath, JensenShannonEqualsScipyBase2) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load("jensenshannon", o));
  Checker check{"jensenshannon base 2"};
  size_t i = 0;
  for (dom::element c : o.cases) check(jensenshannon(vec(c["p"]), vec(c["q"])), num(c["distance"]), at(i++));
}

TEST(DriftMath, QuantileBinsEqualNumpy) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load("binning", o));
  Checker edge{"quantile edges"}, ps{"psi on bins"}, js{"jensenshannon on bins"};
  size_t i = 0;
  for (dom::element c : o.cases) {
    const auto ref = vec(c["ref"]), cur = vec(c["cur"]), want = vec(c["edges"]);
    const auto edges = quantile_edges(ref, int(c["bins"].get_int64().value()));
    ASSERT_EQ(edges.size(), want.size()) << at(i);
    for (size_t k = 0; k < edges.size(); ++k) edge(edges[k], want[k], at(i));
    const auto rc = bin_counts(ref, edges), cc = bin_counts(cur, edges);
    EXPECT_EQ(rc, vec(c["ref_counts"])) << at(i);
    EXPECT_EQ(cc, vec(c["cur_counts"])) << at(i);
    ps(psi(rc, cc), num(c["psi"]), at(i));
    js(jensenshannon(rc, cc), num(c["jensenshannon"]), at(i));
    ++i;
  }
}

TEST(DriftMath, KsCriticalValueEqualsKstwoIsf) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load("ks_critical", o));
  // scipy's isf is a root search to its own tolerance (about 1e-8 relative); the p-value at
  // seam's D is alpha to 1e-8.
  Checker check{"kstwo.isf (ks_critical_value)"};
  check.rel_tol = 1e-7;
  for (dom::element c : o.cases) {
    const uint64_t nr = c["n_ref"].get_uint64().value(), nc = c["n_cur"].get_uint64().value();
    const double alpha = num(c["alpha"]), d = ks_critical_value(alpha, nr, nc);
    check(d, num(c["d"]), "n " + std::to_string(nr) + "/" + std::to_string(nc));
    EXPECT_NEAR(ks_pvalue_asymp(d, nr, nc), alpha, 1e-8 * alpha);
  }
}

TEST(DriftMath, WeightedWassersteinEqualsScipyWithWeights) {
  Oracle o;
  ASSERT_NO_FATAL_FAILURE(load("weighted_wasserstein", o));
  Checker check{"wasserstein_distance with weights"};
  size_t i = 0;
  for (dom::element c : o.cases) {
    std::vector<std::pair<double, uint64_t>> a, b;
    const auto av = vec(c["a"]), aw = vec(c["wa"]), bv = vec(c["b"]), bw = vec(c["wb"]);
    for (size_t k = 0; k < av.size(); ++k) a.emplace_back(av[k], static_cast<uint64_t>(aw[k]));
    for (size_t k = 0; k < bv.size(); ++k) b.emplace_back(bv[k], static_cast<uint64_t>(bw[k]));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    check(wasserstein_weighted(weighted(a), weighted(b)), num(c["wasserstein"]), at(i++));
  }
}

// Beyond the oracle: the documented edge cases and the sketch estimates' error bounds.

TEST(DriftMath, BadOrEmptyInputGivesNaN) {
  EXPECT_TRUE(std::isnan(chi2_homogeneity({1, 2}, {1}).statistic));    // lengths differ
  EXPECT_TRUE(std::isnan(chi2_gof({1, -2}, {1, 2}).p_value));          // negative count
  EXPECT_TRUE(std::isnan(chi2_homogeneity({0, 0}, {1, 2}).statistic)); // reference empty
  EXPECT_TRUE(std::isnan(psi({1, 2}, {0, 0})));
  EXPECT_TRUE(std::isnan(jensenshannon({}, {})));
  EXPECT_TRUE(std::isnan(ks_2samp_asymp({}, {1.0}).p_value));
  EXPECT_TRUE(std::isnan(ks_pvalue_asymp(1.0, 1, 1)));  // round(0.5) = 0: no kstwo, as scipy
  EXPECT_TRUE(std::isnan(wasserstein({NAN}, {1.0})));
  EXPECT_TRUE(std::isnan(kstwo_sf(0, 0.5)));
}

TEST(DriftMath, NanIsMissingData) {
  EXPECT_EQ(ks_statistic({1, NAN, 2, 3}, {2, 3, 4}), ks_statistic({1, 2, 3}, {2, 3, 4}));
  EXPECT_EQ(wasserstein({1, NAN, 2}, {2, 3}), wasserstein({1, 2}, {2, 3}));
  EXPECT_EQ(bin_counts({NAN, 1, 5}, {-kInf, 2, kInf}), (std::vector<double>{1, 1}));
}

TEST(DriftMath, SmallCategoryTables) {
  const TestResult one = chi2_homogeneity({0, 5}, {0, 9});  // one category left
  EXPECT_EQ(one.statistic, 0);
  EXPECT_EQ(one.p_value, 1);
  EXPECT_EQ(one.dof, 0);
  const TestResult added = chi2_gof({5, 0, 5}, {4, 1, 5});  // category new in current
  EXPECT_EQ(added.statistic, kInf);
  EXPECT_EQ(added.p_value, 0);
  EXPECT_EQ(added.dof, 2);
}

TEST(DriftMath, BinsAreRightClosedWithInfiniteOuterEdges) {
  const auto edges = quantile_edges({1, 1, 1, 1, 2, 3, 4, 5}, 4);  // quartiles 1, 1.5, 3.25
  EXPECT_EQ(edges, (std::vector<double>{-kInf, 1, 1.5, 3.25, kInf}));
  EXPECT_EQ(bin_counts({1, 1.5, 2, 100, -kInf}, edges), (std::vector<double>{2, 1, 1, 1}));
  EXPECT_EQ(quantile_edges({}, 10), (std::vector<double>{-kInf, kInf}));
  EXPECT_EQ(quantile_edges({1, 2, 3}, 1), (std::vector<double>{-kInf, kInf}));
}

TEST(DriftMath, WeightedStatisticsEqualRepeatedValues) {
  // A value of weight w stands for w copies: the weighted D and W1 are those of the copies.
  const WeightedSample a = weighted({{0.1, 1}, {0.4, 2}, {0.9, 4}, {1.5, 1}});
  const WeightedSample b = weighted({{0.3, 2}, {0.4, 1}, {2.0, 8}});
  const std::vector<double> ra{0.1, 0.4, 0.4, 0.9, 0.9, 0.9, 0.9, 1.5};
  std::vector<double> rb{0.3, 0.3, 0.4};
  rb.insert(rb.end(), 8, 2.0);
  EXPECT_DOUBLE_EQ(ks_weighted(a, b), ks_statistic(ra, rb));
  EXPECT_DOUBLE_EQ(wasserstein_weighted(a, b), wasserstein(ra, rb));
  EXPECT_DOUBLE_EQ(weighted_cdf(a, 0.4), 3.0 / 8);
  EXPECT_TRUE(std::isnan(ks_weighted(a, weighted(std::vector<double>{}))));
}

}  // namespace
}  // namespace seam::stats
