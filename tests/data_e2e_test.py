#!/usr/bin/python3
"""End-to-end tests of `seam profile` and `seam drift`, with scipy and numpy as oracles.

Usage: data_e2e_test.py SEAM_BINARY
Runs under Debian's /usr/bin/python3, which has scipy, numpy and pandas.
"""
import gzip
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

SEAM = sys.argv.pop(1)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seam(*args, check=None):
    r = subprocess.run([SEAM, *args], capture_output=True, text=True)
    if check is not None:
        assert r.returncode == check, f"exit {r.returncode}, expected {check}\n{r.stdout}\n{r.stderr}"
    return r


def close(a, b, rel=1e-9, abs_=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


class Data(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", newline="") as f:
            f.write(text)
        return path

    def csv(self, name, columns):
        names = list(columns)
        lines = [",".join(names)]
        for row in zip(*columns.values()):
            lines.append(",".join(repr(float(v)) if isinstance(v, (float, np.floating)) else str(v) for v in row))
        return self.write(name, "\n".join(lines) + "\n")


class DriftMatchesScipy(Data):
    """Each method equals the scipy call docs/drift.md names, on generated data."""

    def drift(self, ref, cur, *extra):
        r = seam("drift", "--reference", ref, "--current", cur, "--format", "json", *extra)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return {c["name"]: c for c in json.loads(r.stdout)["columns"]}

    def test_ks_and_wasserstein_on_raw_data(self):
        rng = np.random.default_rng(1)
        for n1, n2, shift in [(50, 80, 0.0), (500, 300, 0.3), (4000, 2500, 0.05)]:
            a = np.round(rng.normal(0, 1, n1), 3)
            b = np.round(rng.normal(shift, 1.2, n2), 3)
            ref = self.csv("r.csv", {"x": a, "y": a})
            cur = self.csv("c.csv", {"x": b, "y": b})
            cols = self.drift(ref, cur, "--method", "y=wasserstein")
            ks = stats.ks_2samp(a, b, method="asymp")
            self.assertTrue(close(cols["x"]["statistic"], ks.statistic), (cols["x"], ks))
            self.assertTrue(close(cols["x"]["p_value"], ks.pvalue, abs_=1e-15), (cols["x"], ks))
            w = stats.wasserstein_distance(a, b) / np.std(a, ddof=1)
            self.assertTrue(close(cols["y"]["statistic"], w), (cols["y"], w))
            raw = self.drift(ref, cur, "--method", "y=wasserstein", "--raw-wasserstein")
            self.assertTrue(close(raw["y"]["statistic"], stats.wasserstein_distance(a, b)))
            self.assertEqual(cols["x"]["details"]["exact"], True)

    def test_chisquare_homogeneity_and_goodness_of_fit(self):
        rng = np.random.default_rng(2)
        a = rng.choice(["a", "b", "c", "d"], 900, p=[0.4, 0.3, 0.2, 0.1])
        b = rng.choice(["a", "b", "c", "d"], 700, p=[0.35, 0.3, 0.2, 0.15])
        ref = self.csv("r.csv", {"k": a, "g": a})
        cur = self.csv("c.csv", {"k": b, "g": b})
        cols = self.drift(ref, cur, "--method", "g=chisquare_gof")
        cats = ["a", "b", "c", "d"]
        rc = [int((a == c).sum()) for c in cats]
        cc = [int((b == c).sum()) for c in cats]
        chi2, p, dof, _ = stats.chi2_contingency([rc, cc], correction=False)
        self.assertTrue(close(cols["k"]["statistic"], chi2))
        self.assertTrue(close(cols["k"]["p_value"], p))
        gof = stats.chisquare(cc, np.array(rc) / sum(rc) * sum(cc))
        self.assertTrue(close(cols["g"]["statistic"], gof.statistic))
        self.assertTrue(close(cols["g"]["p_value"], gof.pvalue))

    def test_jensenshannon_on_categories(self):
        a = ["x"] * 50 + ["y"] * 30 + ["z"] * 20
        b = ["x"] * 20 + ["y"] * 30 + ["z"] * 50
        cols = self.drift(self.csv("r.csv", {"k": a}), self.csv("c.csv", {"k": b}), "--method", "k=jensenshannon")
        self.assertTrue(close(cols["k"]["statistic"], distance.jensenshannon([50, 30, 20], [20, 30, 50], base=2)))
        self.assertIsNone(cols["k"]["p_value"])

    def test_reports_render_in_every_format(self):
        a = self.csv("r.csv", {"x": np.arange(100.0), "k": ["a", "b"] * 50})
        b = self.csv("c.csv", {"x": np.arange(100.0) + 30, "k": ["a"] * 70 + ["b"] * 30})
        html = seam("drift", "--reference", a, "--current", b, "--format", "html", check=1).stdout
        self.assertEqual(html.count("<svg"), 2)
        self.assertNotIn("<script", html)
        md = seam("drift", "--reference", a, "--current", b, "--format", "markdown", check=1).stdout
        self.assertIn("| `x` |", md.replace("\\", ""))
        text = seam("drift", "--reference", a, "--current", b, check=1).stdout
        self.assertIn("drift in 2 of 2 columns (100%): x, k", text)

    def test_planted_drift_in_the_example_is_found(self):
        data = os.path.join(ROOT, "examples", "turbine-maintenance", "data")
        ref, cur = os.path.join(data, "training.csv"), os.path.join(data, "operational.csv")
        r = seam("drift", "--reference", ref, "--current", cur, "--format", "json")
        self.assertEqual(r.returncode, 1, r.stderr)  # --fail-on column (the default): a column drifted
        report = json.loads(r.stdout)
        self.assertFalse(report["dataset_drift"])  # 3 of 8 columns: below the default share of 50%
        self.assertTrue(report["fails"])
        self.assertEqual(report["fail_on"], "column")
        self.assertTrue(report["summary"].startswith("drift in 3 of 8 columns (38%): turbine_type, oil_temp, bearing_temp;"))
        seam("drift", "--reference", ref, "--current", cur, "--fail-on", "dataset", check=0)
        seam("drift", "--reference", ref, "--current", cur, "--fail-on", "dataset", "--dataset-share", "0.25", check=1)
        seam("drift", "--reference", ref, "--current", cur, "--fail-on", "never", "--dataset-share", "0", check=0)
        for bad in ("nan", "inf", "1.5"):  # a NaN share would compare false against every share
            r = seam("drift", "--reference", ref, "--current", cur, "--dataset-share", bad, check=2)
            self.assertIn("--dataset-share expects a number from 0 to 1", r.stderr)
        # A critical column fails on its own, also under the data-set policy.
        seam("drift", "--reference", ref, "--current", cur, "--fail-on", "dataset", "--critical", "oil_temp", check=1)
        seam("drift", "--reference", ref, "--current", cur, "--fail-on", "dataset", "--critical", "wind_speed", check=0)
        turbine = os.path.join(ROOT, "examples", "turbine-maintenance")
        r = seam("drift", "--reference", ref, "--current", cur, "--fail-on", "dataset", "--descriptors", turbine,
                 "--format", "json", check=1)
        crit = json.loads(r.stdout)["critical_columns"]
        self.assertEqual(sorted(crit), ["gearbox_failure_14d", "oil_temp", "wind_speed"])
        self.assertTrue(crit["gearbox_failure_14d"].startswith("a label in "))
        self.assertIn("--critical: 'oil_tmp' is no column of the reference (did you mean 'oil_temp'?)",
                      seam("drift", "--reference", ref, "--current", cur, "--critical", "oil_tmp", check=2).stderr)
        self.assertIn("--fail-on must be column, dataset or never",
                      seam("drift", "--reference", ref, "--current", cur, "--fail-on", "any", check=2).stderr)
        drifted = {c["name"] for c in report["columns"] if c["drift"]}
        self.assertIn("oil_temp", drifted)
        self.assertIn("bearing_temp", drifted)
        self.assertIn("turbine_type", drifted)
        self.assertNotIn("wind_speed", drifted)
        self.assertEqual(set(report) >= {"columns", "drifted_columns", "total_columns", "dataset_drift"}, True)


class DriftFromProfiles(Data):
    """The user's report: drift from profiles must account for the sketches' error."""

    def profile(self, path, *extra):
        out = path[:-4] + ("-" + "-".join(extra).replace("-", "") if extra else "") + ".json"
        seam("profile", path, "-o", out, *extra, check=0)
        return out

    def report(self, ref, cur, *extra):
        r = seam("drift", "--reference", ref, "--current", cur, "--format", "json", *extra)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return r.returncode, json.loads(r.stdout)

    def columns(self, rng, n, shift=0.0):
        age = np.round(rng.normal(45 + shift, 12, n), 1)
        temp = np.round(rng.normal(37, 0.6, n), 2)
        if shift:  # 30% of temperatures in Fahrenheit, the ward mix changed
            f = rng.random(n) < 0.3
            temp[f] = np.round(temp[f] * 9 / 5 + 32, 2)
        ward = rng.choice(["a", "b", "c", "d"], n, p=[0.4, 0.3, 0.2, 0.1] if not shift else [0.25, 0.25, 0.25, 0.25])
        return {"age": age, "temp": temp, "stay": rng.exponential(3, n).round(3), "beds": rng.integers(0, 40, n), "ward": ward}

    def test_split_and_merged_profiles_never_drift_from_the_whole(self):
        cols = self.columns(np.random.default_rng(11), 60000)
        whole = self.csv("whole.csv", cols)
        halves = [self.csv(f"h{i}.csv", {k: v[i * 30000:(i + 1) * 30000] for k, v in cols.items()}) for i in (0, 1)]
        for extra in ((), ("--sketch-k", "2000")):
            parts = [self.profile(h, *extra) for h in halves]
            merged = os.path.join(self.dir, "merged.json")
            seam("profile", "merge", *parts, "-o", merged, check=0)
            code, rep = self.report(self.profile(whole, *extra), merged)
            verdicts = {c["name"]: c["verdict"] for c in rep["columns"]}
            self.assertEqual(rep["drifted_columns"], 0, verdicts)
            self.assertEqual(code, 0, verdicts)
            self.assertFalse(any(c["drift"] for c in rep["columns"]))
            if extra:  # accurate enough at these sizes to decide
                self.assertEqual(set(verdicts.values()), {"no_drift"}, verdicts)
            else:  # what the default sketch cannot decide is said, with what would decide it
                for c in rep["columns"]:
                    if c["verdict"] == "inconclusive":
                        self.assertIn("--sketch-k", c["advice"])
                text = seam("drift", "--reference", self.profile(whole), "--current", merged, check=0).stdout
                self.assertNotIn("DRIFT", text)

    def test_profile_verdicts_agree_with_scipy_except_inconclusive(self):
        rng = np.random.default_rng(12)
        for shift in (0.0, 0.3, 6.0):
            ref_cols, cur_cols = self.columns(rng, 40000), self.columns(rng, 30000, shift)
            ref, cur = self.csv("r.csv", ref_cols), self.csv("c.csv", cur_cols)
            for extra in ((), ("--sketch-k", "2000")):
                _, rep = self.report(self.profile(ref, *extra), self.profile(cur, *extra))
                for c in rep["columns"]:
                    if c["type"] != "numeric":
                        continue
                    a, b = ref_cols[c["name"]], cur_cols[c["name"]]
                    ks = stats.ks_2samp(a, b, method="asymp")
                    lo, hi = c["statistic_interval"]
                    self.assertTrue(lo <= ks.statistic <= hi, (shift, c, ks))
                    plo, phi = c["p_value_interval"]
                    self.assertTrue(plo <= ks.pvalue * (1 + 1e-9) and ks.pvalue <= phi * (1 + 1e-9), (shift, c, ks))
                    scipy_verdict = "drift" if ks.pvalue < 0.05 else "no_drift"
                    if c["verdict"] != "inconclusive":
                        self.assertEqual(c["verdict"], scipy_verdict, (shift, extra, c, ks))
                    if shift == 6.0 and c["name"] in ("age", "temp"):
                        self.assertEqual(c["verdict"], "drift", c)  # large shifts are found from sketches too

    def test_underflowed_p_value_is_not_printed_as_zero(self):
        a = self.csv("a.csv", {"x": np.arange(5000.0)})
        b = self.csv("b.csv", {"x": np.arange(5000.0) + 4000})
        text = seam("drift", "--reference", a, "--current", b, check=1).stdout
        self.assertIn("< 1e-300", text)
        _, rep = self.report(a, b)
        self.assertEqual(rep["columns"][0]["p_value"], 0)
        self.assertTrue(rep["columns"][0]["p_value_underflow"])


class Profiles(Data):
    def test_label_does_not_change_how_a_column_is_profiled(self):
        """A profile made with --label compares with one made without (the user's 0/1 label)."""
        rng = np.random.default_rng(4)
        n = 4000
        path = self.csv("d.csv", {"x": np.round(rng.normal(0, 1, n), 3), "y": rng.integers(0, 2, n)})
        with_label, without = os.path.join(self.dir, "l.json"), os.path.join(self.dir, "n.json")
        seam("profile", "--label", "y", path, "-o", with_label, check=0)
        seam("profile", path, "-o", without, check=0)
        a, b = json.load(open(with_label)), json.load(open(without))
        ya, yb = a["columns"][1], b["columns"][1]
        self.assertEqual(ya["type"], "numeric")
        self.assertEqual(ya["numeric"], yb["numeric"])
        self.assertEqual(sum(c for _, c in ya["values"]["counts"]), n)  # the label's classes, besides
        r = seam("drift", "--reference", with_label, "--current", without, "--format", "json", check=0)
        rep = json.loads(r.stdout)
        self.assertEqual(rep["skipped"], [])
        self.assertEqual({c["name"]: c["verdict"] for c in rep["columns"]}, {"x": "no_drift", "y": "no_drift"})

    def test_merged_shard_profiles_equal_the_whole(self):
        rng = np.random.default_rng(3)
        x = np.round(rng.normal(5, 2, 6000), 4)
        k = rng.choice(["p", "q", "r"], 6000)
        whole = self.csv("all.csv", {"x": x, "k": k})
        a = self.csv("a.csv", {"x": x[:2500], "k": k[:2500]})
        b = self.csv("b.csv", {"x": x[2500:], "k": k[2500:]})
        pa, pb, pall, merged = (os.path.join(self.dir, n) for n in ("a.json", "b.json", "all.json", "m.json"))
        seam("profile", a, "-o", pa, check=0)
        seam("profile", b, "-o", pb, check=0)
        seam("profile", whole, "-o", pall, check=0)
        seam("profile", "merge", pa, pb, "-o", merged, check=0)
        m, w = json.load(open(merged)), json.load(open(pall))
        self.assertEqual(m["rows"], w["rows"])
        mx, wx = m["columns"][0], w["columns"][0]
        for key in ("count", "missing", "non_finite"):
            self.assertEqual(mx[key], wx[key])
        for key in ("min", "max"):
            self.assertEqual(mx["numeric"][key], wx["numeric"][key])
        self.assertTrue(close(mx["numeric"]["mean"], wx["numeric"]["mean"], rel=1e-12))
        self.assertTrue(close(mx["numeric"]["stddev"], wx["numeric"]["stddev"], rel=1e-12))
        self.assertTrue(close(wx["numeric"]["mean"], float(np.mean(x)), rel=1e-12))
        self.assertTrue(close(wx["numeric"]["stddev"], float(np.std(x, ddof=1)), rel=1e-12))
        err = mx["numeric"]["rank_error"]
        for q, v in mx["numeric"]["quantiles"].items():
            rank = float(np.mean(x <= v))
            self.assertLessEqual(abs(rank - float(q)), err + 1 / len(x), (q, v))
        self.assertEqual(m["columns"][1]["values"]["counts"], w["columns"][1]["values"]["counts"])
        self.assertEqual(m["columns"][1]["distinct"]["hll"], w["columns"][1]["distinct"]["hll"])

    def test_timestamps_equal_pandas(self):
        """ISO 8601 instants with and without zones: the summary pandas gives for to_datetime(utc=True)."""
        rng = np.random.default_rng(8)
        n = 5000
        base = pd.Timestamp("2026-03-01T00:00:00Z")
        instants = base + pd.to_timedelta(np.sort(rng.integers(0, 90 * 86400 * 1000, n)), unit="ms")
        zones = rng.choice(["Z", "+02:00", "-05:30", ""], n)
        texts = []
        for t, z in zip(instants, zones):
            shift = {"Z": 0, "+02:00": 120, "-05:30": -330, "": 0}[z]
            local = (t + pd.Timedelta(minutes=shift)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
            texts.append(local + z)
        path = self.csv("t.csv", {"when": texts, "day": [t.strftime("%Y-%m-%d") for t in instants]})
        col = {c["name"]: c for c in json.loads(seam("profile", path, check=0).stdout)["columns"]}
        when, day = col["when"], col["day"]
        self.assertEqual(when["type"], "timestamp")
        def seconds(text):  # a time without a zone is UTC, as seam reads it
            t = pd.Timestamp(text)
            return (t.tz_localize("UTC") if t.tzinfo is None else t).value / 1e9
        secs = np.array([seconds(t) for t in texts])
        self.assertTrue(close(when["numeric"]["min"], float(secs.min()), rel=0, abs_=1e-6))
        self.assertTrue(close(when["numeric"]["max"], float(secs.max()), rel=0, abs_=1e-6))
        self.assertTrue(close(when["numeric"]["mean"], float(secs.mean()), rel=1e-13))
        self.assertTrue(close(when["numeric"]["stddev"], float(secs.std(ddof=1)), rel=1e-9))
        first = instants.min()
        ms = first.microsecond // 1000
        self.assertEqual(when["timestamp"]["min"], first.strftime("%Y-%m-%dT%H:%M:%S") + (f".{ms:03d}" if ms else "") + "Z")
        self.assertEqual(when["timestamp"]["zoned"], int((zones != "").sum()))
        self.assertEqual(when["timestamp"]["local"], int((zones == "").sum()))
        self.assertTrue(when["timestamp"]["sorted"])
        self.assertEqual(day["timestamp"]["dates"], n)
        self.assertEqual(day["timestamp"]["max"], instants.max().strftime("%Y-%m-%d"))

    def test_epoch_milliseconds_when_declared(self):
        """--types c=timestamp:ms reads numbers as instants, as pandas' to_datetime(unit="ms");
        drift reads the current file with the reference profile's unit."""
        rng = np.random.default_rng(9)
        ms = np.sort(rng.integers(1_700_000_000_000, 1_760_000_000_000, 4000))
        ref = self.csv("ref.csv", {"at": ms, "v": rng.normal(0, 1, 4000).round(3)})
        cur = self.csv("cur.csv", {"at": ms + 30 * 86400 * 1000, "v": rng.normal(0, 1, 4000).round(3)})
        out = os.path.join(self.dir, "ref.json")
        seam("profile", ref, "--types", "at=timestamp:ms", "-o", out, "--quiet", check=0)
        with open(out) as f:
            at = json.load(f)["columns"][0]
        when = pd.to_datetime(ms, unit="ms", utc=True)
        self.assertEqual(at["type"], "timestamp")
        self.assertEqual((at["timestamp"]["epoch"], at["timestamp"]["unit"], at["invalid"]), (4000, "ms", 0))
        self.assertEqual(at["timestamp"]["min"], when.min().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z")
        self.assertTrue(close(at["numeric"]["mean"], float(np.mean(ms / 1000)), rel=1e-13))
        self.assertTrue(at["timestamp"]["sorted"])
        inferred = json.loads(seam("profile", ref, check=0).stdout)["columns"][0]
        self.assertEqual(inferred["type"], "numeric")  # never a time without the declaration
        r = seam("drift", "--reference", out, "--current", cur, "--format", "json", check=0)
        note = [n for n in json.loads(r.stdout)["notes"] if n.startswith("'at'")]
        self.assertEqual(len(note), 1, r.stdout)
        self.assertIn("the ranges overlap", note[0])
        self.assertIn("current " + (when.min() + pd.Timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%S"), note[0])
        wrong = seam("profile", ref, "--types", "at=timestamp:s", check=0)
        self.assertEqual(json.loads(wrong.stdout)["columns"][0]["invalid"], 4000)  # not in years 0000-9999
        bad = seam("profile", ref, "--types", "at=numeric:ms", check=2)
        self.assertIn("--types: expects COLUMN=", bad.stderr)

    def test_gzip_and_zstd_files_profile_as_the_plain_file(self):
        """Compressed data (by its first bytes) gives the plain file's profile, also to drift."""
        rng = np.random.default_rng(6)
        path = self.csv("d.csv", {"x": np.round(rng.normal(3, 1, 30000), 4), "k": rng.choice(["a", "b", "c"], 30000)})
        with open(path, "rb") as f:
            data = f.read()
        gz = self.write("d.csv.gz", "")
        with gzip.open(gz, "wb") as f:
            f.write(data)
        zst = os.path.join(self.dir, "d.csv.zst")
        subprocess.run(["zstd", "-q", "-f", path, "-o", zst], check=True)
        plain = json.loads(seam("profile", path, check=0).stdout)
        for packed in (gz, zst):
            got = json.loads(seam("profile", packed, check=0).stdout)
            self.assertEqual(got["sources"], [packed])
            got["sources"] = plain["sources"]
            self.assertEqual(got, plain)
        r = seam("drift", "--reference", gz, "--current", zst, "--format", "json", check=0)
        self.assertEqual({c["name"]: c["verdict"] for c in json.loads(r.stdout)["columns"]}, {"x": "no_drift", "k": "no_drift"})
        cut = self.write("cut.csv.gz", "")
        with open(cut, "wb") as f:
            f.write(gzip.compress(data)[:2000])
        r = seam("profile", cut, check=2)
        self.assertIn("cut.csv.gz", r.stderr)
        self.assertIn("truncated gzip data", r.stderr)

    def test_progress_goes_to_a_terminal_only(self):
        data = os.path.join(ROOT, "examples", "turbine-maintenance", "data", "training.csv")
        out = os.path.join(self.dir, "p.json")
        r = seam("profile", data, "-o", out, check=0)
        self.assertNotIn("profiling", r.stderr)
        # script(1) gives the command a terminal; everything it prints comes back on stdout.
        def on_tty(*extra, delay=None):
            env = dict(os.environ, SEAM_PROGRESS_DELAY=delay) if delay is not None else None
            tty = subprocess.run(["script", "-qec", " ".join([SEAM, "profile", data, "-o", out, *extra]), "/dev/null"],
                                 capture_output=True, text=True, env=env)
            if tty.returncode != 0 and "column" not in tty.stdout:
                self.skipTest("script(1) cannot open a terminal here: " + tty.stderr.strip())
            return tty.stdout
        self.assertNotIn("profiling", on_tty())  # done within the second
        self.assertIn("profiling 100% (0.13 of 0.13 MB)", on_tty(delay="0"))
        self.assertNotIn("profiling", on_tty("--quiet", delay="0"))

    def test_descriptor_output_validates(self):
        data = os.path.join(ROOT, "examples", "turbine-maintenance", "data", "training.csv")
        r = seam("profile", "--descriptor", "training_data", "--label", "gearbox_failure_14d", data, check=0)
        path = self.write("training_data.yaml", r.stdout)
        seam("validate", path, check=0)
        self.assertIn("field_name: \"oil_temp\"", r.stdout)
        self.assertIn("label: \"1\"", r.stdout)

    def test_threads_give_the_same_profile(self):
        rng = np.random.default_rng(4)
        path = self.csv("t.csv", {"x": np.round(rng.normal(0, 1, 20000), 3), "k": rng.choice(["a", "b"], 20000)})
        one = json.loads(seam("profile", path, check=0).stdout)
        four = json.loads(seam("profile", "--threads", "4", path, check=0).stdout)
        self.assertEqual(one["rows"], four["rows"])
        self.assertEqual(one["columns"][1]["values"], four["columns"][1]["values"])
        self.assertTrue(close(one["columns"][0]["numeric"]["mean"], four["columns"][0]["numeric"]["mean"], rel=1e-12))


class BadInput(Data):
    def test_ragged_rows_are_skipped_with_their_lines(self):
        path = self.write("r.csv", "a,b\n1,2\n3\n4,5,6\n7,8\n")
        r = seam("profile", path, check=1)
        self.assertIn("r.csv:3:", r.stderr)
        self.assertIn("r.csv:4:", r.stderr)
        self.assertEqual(json.loads(r.stdout)["rows"], 2)

    def test_unterminated_quote(self):
        r = seam("profile", self.write("q.csv", 'a,b\n1,2\n3,"open\n4,5\n'), check=1)
        self.assertIn("q.csv:3:", r.stderr)

    def test_invalid_utf8_line(self):
        path = os.path.join(self.dir, "u.csv")
        with open(path, "wb") as f:
            f.write(b"a,b\n1,x\n2,\xff\xfe\n3,y\n")
        r = seam("profile", path, check=1)
        self.assertIn("u.csv:3:", r.stderr)
        self.assertEqual(json.loads(r.stdout)["rows"], 2)

    def test_header_only_and_empty(self):
        r = seam("profile", self.write("h.csv", "a,b\n"), check=0)
        self.assertEqual(json.loads(r.stdout)["rows"], 0)
        r = seam("profile", self.write("e.csv", ""), check=2)
        self.assertIn("e.csv", r.stderr)
        self.assertIn("empty", r.stderr)

    def test_nan_inf_and_a_column_that_turns_textual(self):
        text = "x\n" + "\n".join(["1.5", "nan", "inf", "-inf", "2.5"] + [str(i) for i in range(1000)] + ["oops", "3"]) + "\n"
        path = self.write("n.csv", text)
        # Inferred numeric from the first 1,000 values; "oops" does not fit, so the column is
        # profiled again with a type that every value fits, and the user is told.
        r = seam("profile", path, check=0)
        col = json.loads(r.stdout)["columns"][0]
        self.assertEqual(col["type"], "text")
        self.assertEqual(col["values"]["total"], 1007)
        self.assertIn("column 'x' looked numeric in its first 1000 values, but 1 later value is not (on line 1007)", r.stderr)
        self.assertIn("--types x=numeric", r.stderr)
        # Given as numeric, it stays so and "oops" is an invalid value.
        r = seam("profile", path, "--types", "x=numeric", check=0)
        col = json.loads(r.stdout)["columns"][0]
        self.assertEqual(col["type"], "numeric")
        self.assertEqual(col["non_finite"], 3)
        self.assertEqual(col["invalid"], 1)
        self.assertEqual(col["first_invalid_line"], 1007)
        self.assertIn("line 1007", r.stderr)

    def test_broken_jsonl_line(self):
        path = self.write("j.jsonl", '{"a": 1, "b": "x"}\n{"a": 2, "b": \n{"a": 3, "b": "z"}\n')
        r = seam("profile", path, check=1)
        self.assertIn("j.jsonl:2:", r.stderr)
        self.assertEqual(json.loads(r.stdout)["rows"], 2)

    def test_reference_and_current_with_different_columns(self):
        ref = self.write("r.csv", "a,b\n1,x\n2,y\n3,x\n")
        cur = self.write("c.csv", "a,c\n1,x\n5,y\n2,x\n")
        r = seam("drift", "--reference", ref, "--current", cur, "--format", "json")
        self.assertIn(r.returncode, (0, 1), r.stderr)
        report = json.loads(r.stdout)
        self.assertEqual(report["only_in_reference"], ["b"])
        self.assertEqual(report["only_in_current"], ["c"])
        self.assertEqual([c["name"] for c in report["columns"]], ["a"])
        r = seam("drift", "--reference", ref, "--current", self.write("d.csv", "z\n1\n"), check=2)
        self.assertIn("share no column", r.stderr)

    def test_newer_profile_version_is_refused(self):
        path = self.write("p.csv", "a\n1\n2\n")
        prof = json.loads(seam("profile", path, check=0).stdout)
        prof["format_version"] = 2
        newer = self.write("p.json", json.dumps(prof))
        r = seam("drift", "--reference", newer, "--current", path, check=2)
        self.assertIn("format version 2 is newer", r.stderr)
        self.assertIn("p.json:", r.stderr)

    def test_malformed_profile_field_is_located(self):
        path = self.write("p.csv", "a,b\n1,x\n2,y\n")
        prof = json.loads(seam("profile", path, check=0).stdout)
        prof["columns"][0]["numeric"]["moments"]["m2"] = "x"
        bad = self.write("bad.json", json.dumps(prof, indent=1))
        r = seam("profile", "merge", bad, bad, check=2)
        self.assertRegex(r.stderr, r"bad\.json:\d+:\d+: /columns/0/numeric/moments/m2: expected number")

    def test_missing_file_and_usage(self):
        seam("profile", os.path.join(self.dir, "nope.csv"), check=2)
        seam("drift", "--reference", "a.csv", check=2)
        seam("profile", "--threads", "0", "x.csv", check=2)


if __name__ == "__main__":
    unittest.main()
