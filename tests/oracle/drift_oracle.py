#!/usr/bin/python3
"""scipy's answers for the drift statistics, the oracle of src/stats/drift_math_test.cc.

Usage: /usr/bin/python3 drift_oracle.py [SECTION ...]
Prints one JSON object: per section (all when none is named) a list of cases, each with
its inputs and what scipy 1.10 (or numpy, for PSI and binning) returns. Cases are
generated from fixed numpy seeds, so the output is the same on every run. Non-finite
numbers are written as the strings "inf", "-inf" and "nan" (JSON has no such numbers).
Needs numpy and scipy, declared dependencies of seam's tests.
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

warnings.simplefilter("ignore")  # scipy warns on the infinite chi-square cases
PSI_EPSILON = 1e-4  # must equal seam::stats::kPsiEpsilon


def num(x):
    x = float(x)
    return x if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))


def nums(v):
    return [num(x) for x in v]


def drop_empty(ref, cur):
    """The documented pre-step of chi2 and PSI: categories zero on both sides are dropped."""
    keep = (np.asarray(ref) + np.asarray(cur)) > 0
    return np.asarray(ref, float)[keep], np.asarray(cur, float)[keep]


def count_cases():
    """(ref, cur) count vectors: multinomials of varied shapes, zero and new categories."""
    rng = np.random.default_rng(20240501)
    cases = []
    for k in (2, 3, 5, 10, 30):
        p = rng.dirichlet(np.ones(k))
        for n_ref, n_cur, shift in ((100, 100, 0.0), (1000, 300, 0.1), (5000, 5000, 0.02),
                                    (20, 50, 0.5), (200000, 100000, 0.01), (10**6, 10**6, 0.3)):
            q = (1 - shift) * p + shift * rng.dirichlet(np.ones(k))
            cases.append((rng.multinomial(n_ref, p), rng.multinomial(n_cur, q)))
    cases += [
        ([10, 0, 5, 7], [8, 3, 6, 9]),          # a category new in current
        ([10, 4, 5, 7], [8, 0, 6, 9]),          # a category gone from current
        ([10, 0, 5, 7], [8, 0, 6, 9]),          # zero in both: dropped
        ([0, 40, 0, 60], [0, 35, 0, 65]),       # two dropped
        ([50, 0], [40, 0]),                     # one category left
        ([3, 1, 2], [3, 1, 2]),                 # identical
        ([300, 200, 100], [30, 20, 10]),        # same proportions
        ([1000, 1000, 1000], [0, 0, 3000]),     # extreme: p underflows
        ([2.5, 1.5, 7.0], [1.0, 4.0, 2.0]),     # weighted (non-integer) counts
    ]
    return [(np.asarray(r, float), np.asarray(c, float)) for r, c in cases]


def chi2_homogeneity_section():
    out = []
    for ref, cur in count_cases():
        r, c = drop_empty(ref, cur)
        stat, p, dof, _ = stats.chi2_contingency(np.vstack([r, c]), correction=False)
        out.append({"ref": nums(ref), "cur": nums(cur), "statistic": num(stat), "pvalue": num(p), "dof": num(dof)})
    return out


def chi2_gof_section():
    out = []
    for ref, cur in count_cases():
        r, c = drop_empty(ref, cur)
        if len(r) < 2:  # scipy has no answer for one category (dof 0); seam's rule is 0, 1, 0
            stat, p, dof = 0.0, 1.0, 0
        else:
            stat, p = stats.chisquare(f_obs=c, f_exp=r / r.sum() * c.sum())
            dof = len(r) - 1
        out.append({"ref": nums(ref), "cur": nums(cur), "statistic": num(stat), "pvalue": num(p), "dof": num(dof)})
    return out


def sample_pairs():
    """Two samples per case: shifts, ties, unequal sizes, identical and disjoint samples."""
    rng = np.random.default_rng(7)
    pairs = []
    for n_ref, n_cur in ((10, 10), (10, 13), (25, 40), (60, 60), (100, 250), (141, 141), (300, 1000),
                         (1000, 1000), (2000, 5000), (20000, 20000), (37, 20000), (20000, 500)):
        for shift in (0.0, 0.05, 0.3, 1.0):
            pairs.append((rng.normal(0, 1, n_ref), rng.normal(shift, 1, n_cur)))
    for n in (50, 1000, 20000):  # heavy ties: rounded data, and small integers
        pairs.append((np.round(rng.normal(0, 1, n), 1), np.round(rng.normal(0.1, 1, n), 1)))
        pairs.append((rng.poisson(3, n).astype(float), rng.poisson(3.2, n // 2 + 1).astype(float)))
    same = rng.normal(0, 1, 500)
    pairs.append((same, same.copy()))                                # identical: D 0, p 1
    pairs.append((rng.normal(0, 1, 3000), rng.normal(6, 1, 3000)))    # disjoint: p underflows to 0
    pairs.append((rng.normal(0, 1, 400), rng.normal(2, 1, 400)))      # p ~ 1e-80
    pairs.append((rng.exponential(1, 800), rng.exponential(1.3, 700)))
    pairs.append((np.array([1.0]), np.array([2.0, 3.0])))
    pairs.append((np.array([1.0, 1.0, 1.0]), np.array([1.0, 2.0])))
    return pairs


def two_sample_section():
    out = []
    for ref, cur in sample_pairs():
        ks = stats.ks_2samp(ref, cur, method="asymp")
        # What 'asymp' computes in scipy 1.10 (_stats_py.py, ks_2samp): kstwo.sf(D, round(en)),
        # en = m n / (m + n). Checked here so that a scipy with another definition fails loudly.
        m, n = sorted([float(len(ref)), float(len(cur))], reverse=True)
        assert ks.pvalue == np.clip(stats.kstwo.sf(ks.statistic, np.round(m * n / (m + n))), 0, 1)
        out.append({"ref": nums(ref), "cur": nums(cur), "ks_statistic": num(ks.statistic),
                    "ks_pvalue": num(ks.pvalue), "wasserstein": num(stats.wasserstein_distance(ref, cur))})
    return out


def kstwo_section():
    """kstwo.sf(d, N) on a grid over every method region; sizes 2N and 2N give en = N."""
    out = []
    zs = (0.03, 0.1, 0.25, 0.4, 0.55, 0.7, 0.87, 1.0, 1.2, 1.45, 1.49, 1.6, 1.9, 2.0, 2.1, 2.6, 3.5, 5.0,
          8.0, 12.0, 18.0, 19.1, 19.5)
    for N in (1, 2, 3, 5, 8, 13, 21, 50, 99, 140, 141, 200, 500, 1000, 3000, 10000, 100000, 100001,
              2000000):
        # (scipy takes 0.1 s a point for N >= 1e5, so those get fewer points)
        xs = [z / math.sqrt(N) for z in (zs if N < 10**5 else zs[::4])]
        xs += [0.4 / N, 0.5 / N, 0.75 / N, 1.0 / N, 1.3 / N, 0.3, 0.5, 0.62, 1 - 1.5 / N, 1 - 0.5 / N, 1.0]
        for x in xs:
            if not 0 < x <= 1:
                continue
            out.append({"n_ref": 2 * N, "n_cur": 2 * N, "d": x, "pvalue": num(stats.kstwo.sf(x, N))})
    for n_ref, n_cur, d in ((3, 3, 0.5), (5, 5, 0.6), (1, 1, 1.0), (7, 1, 1.0), (1500000, 3000000, 0.0015),
                            (10**9, 10**9, 1e-4), (10**9, 10**9, 4e-5), (5000, 12, 0.3)):
        m, n = max(n_ref, n_cur), min(n_ref, n_cur)
        en = np.round(float(m) * n / (m + n))  # (3, 3) -> 1.5 -> 2 and (5, 5) -> 2.5 -> 2: half to even
        p = np.clip(stats.kstwo.sf(d, en), 0, 1) if en >= 1 else float("nan")
        out.append({"n_ref": n_ref, "n_cur": n_cur, "d": d, "pvalue": num(p)})
    return out


def psi_np(ref, cur):
    """The documented PSI: drop bins empty on both sides, floor zero fractions, renormalise."""
    r, c = drop_empty(ref, cur)
    p, q = r / r.sum(), c / c.sum()
    p, q = np.where(p == 0, PSI_EPSILON, p), np.where(q == 0, PSI_EPSILON, q)
    p, q = p / p.sum(), q / q.sum()
    return float(np.sum((q - p) * np.log(q / p)))


def psi_section():
    return [{"ref": nums(r), "cur": nums(c), "psi": num(psi_np(r, c))} for r, c in count_cases()]


def jensenshannon_section():
    out = [{"p": nums(r), "q": nums(c), "distance": num(distance.jensenshannon(r, c, base=2))}
           for r, c in count_cases() if not np.array_equal(r / r.sum(), c / c.sum())]
    out.append({"p": [1.0, 0.0], "q": [0.0, 1.0], "distance": 1.0})  # disjoint: the maximum
    out.append({"p": [1, 2, 3], "q": [2, 4, 6], "distance": 0.0})     # same proportions
    return out


def binning_section():
    """Equal-frequency edges from reference quantiles; right-closed bins; PSI and JS on them."""
    rng = np.random.default_rng(11)
    out = []
    for ref, cur, bins in ((rng.normal(0, 1, 1000), rng.normal(0.2, 1.1, 800), 10),
                           (rng.normal(0, 1, 10001), rng.normal(0, 1, 5000), 10),
                           (np.round(rng.normal(0, 1, 2000), 0), np.round(rng.normal(0.3, 1, 2000), 0), 10),
                           (rng.poisson(1, 500).astype(float), rng.poisson(1.5, 500).astype(float), 20),
                           (rng.exponential(1, 7), rng.exponential(1, 30), 10),
                           (rng.uniform(0, 1, 300), rng.uniform(0.5, 1.5, 300), 4),
                           (np.full(50, 3.0), rng.normal(3, 1, 50), 10)):
        q = np.quantile(ref, np.arange(1, bins) / bins)  # numpy's default: method='linear'
        edges = np.concatenate([[-np.inf], np.unique(q[np.isfinite(q)]), [np.inf]])
        counts = [np.bincount(np.searchsorted(edges, v, side="left") - 1, minlength=len(edges) - 1)
                  .astype(float) for v in (ref, cur)]
        out.append({"ref": nums(ref), "cur": nums(cur), "bins": bins, "edges": nums(edges),
                    "ref_counts": nums(counts[0]), "cur_counts": nums(counts[1]),
                    "psi": num(psi_np(*counts)),
                    "jensenshannon": num(distance.jensenshannon(counts[0], counts[1], base=2))})
    return out


def ks_critical_section():
    """The D where the ks_2samp asymp p-value equals alpha: kstwo.isf(alpha, round(en))."""
    out = []
    for n_ref, n_cur in ((100, 80), (3000, 2000), (100000, 100000), (200000, 50000), (10**6, 10**6)):
        m, n = max(n_ref, n_cur), min(n_ref, n_cur)
        en = int(np.round(m * n / (m + n)))
        for alpha in (0.05, 0.01, 0.001):
            out.append({"n_ref": n_ref, "n_cur": n_cur, "alpha": alpha, "d": num(stats.kstwo.isf(alpha, en))})
    return out


def weighted_wasserstein_section():
    """wasserstein_distance with weights: what the sketch path computes on (value, weight) items."""
    rng = np.random.default_rng(77)
    out = []
    for n1, n2 in ((5, 7), (50, 40), (400, 900)):
        a, b = np.round(rng.normal(0, 1, n1), 2), np.round(rng.normal(0.3, 1.5, n2), 2)
        wa, wb = rng.integers(1, 64, n1), rng.integers(1, 64, n2)
        out.append({"a": nums(a), "wa": nums(wa), "b": nums(b), "wb": nums(wb),
                    "wasserstein": num(stats.wasserstein_distance(a, b, wa, wb))})
    return out


SECTIONS = {
    "ks_critical": ks_critical_section,
    "weighted_wasserstein": weighted_wasserstein_section,
    "chi2_homogeneity": chi2_homogeneity_section,
    "chi2_gof": chi2_gof_section,
    "two_sample": two_sample_section,
    "kstwo": kstwo_section,
    "psi": psi_section,
    "jensenshannon": jensenshannon_section,
    "binning": binning_section,
}

if __name__ == "__main__":
    names = sys.argv[1:] or list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        sys.exit(f"drift_oracle.py: unknown section(s) {unknown}; known: {list(SECTIONS)}")
    result = {"scipy_version": scipy.__version__, "numpy_version": np.__version__}
    result.update({n: SECTIONS[n]() for n in names})
    json.dump(result, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")
