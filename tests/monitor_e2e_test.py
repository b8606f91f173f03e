#!/usr/bin/python3
"""seam monitor --replay on generated streams with planted change points: the alert fires in
the expected window, a stationary stream of 1,000 windows raises none (the false alarm rate
is printed), and malformed records or a missing column are reported without stopping it.

Usage: monitor_e2e_test.py PATH/TO/seam
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import pandas as pd

SEAM = None


def stream(path, n, seed, change=None, at=0):
    rng = np.random.default_rng(seed)
    f = pd.DataFrame({"x": rng.normal(0, 1, n), "amount": rng.normal(50, 15, n),
                      "channel": rng.choice(list("abc"), n)})
    if change == "shift":
        f.loc[at:, "x"] += 0.5
    elif change == "unit":
        f.loc[at:, "amount"] *= 1000
    elif change == "category":
        f.loc[at::4, "channel"] = "d"
    elif change == "empty":
        f["x"] = f["x"].astype(object)
        f.loc[at:, "x"] = None
    f.to_csv(path, index=False)


def monitor(*args):
    r = subprocess.run([SEAM, "monitor", *args], capture_output=True, text=True, timeout=300)
    events = [json.loads(line) for line in r.stdout.splitlines()]
    return r, events


class Monitor(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.ref = os.path.join(cls.tmp.name, "reference.csv")
        stream(cls.ref, 50_000, 1)
        cls.profile = os.path.join(cls.tmp.name, "reference.json")
        subprocess.run([SEAM, "profile", cls.ref, "-o", cls.profile], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_planted_changes_alert_in_the_expected_window(self):
        # The change starts at record 15,001, the first of window 16; three drifted windows
        # in a row make the alert, in window 18.
        for change, column, test in (("shift", "x", "ks"), ("unit", "amount", "ks"),
                                     ("category", "channel", "chisquare"), ("empty", "x", "missing_rate")):
            live = self.path(f"{change}.csv")
            stream(live, 30_000, 2, change, 15_000)
            r, events = monitor("--reference", self.profile, "--window", "1000", "--replay", live)
            self.assertEqual(r.returncode, 1, r.stderr)
            alerts = [e for e in events if e["type"] == "alert" and e["column"] == column]
            self.assertTrue(alerts, change)
            self.assertEqual((alerts[0]["window"], alerts[0]["test"]), (18, test), change)
            self.assertEqual(alerts[0]["first_record"], 17_001)
            early = [e for e in events if e["type"] == "alert" and e["window"] < 18]
            self.assertEqual(early, [], change)

    def test_a_stationary_stream_raises_no_alarm_over_1000_windows(self):
        live = self.path("stationary.csv")
        stream(live, 200_000, 3)
        r, events = monitor("--reference", self.ref, "--window", "200", live)
        windows = {e["window"] for e in events if e["type"] == "test"}
        alerts = [e for e in events if e["type"] == "alert"]
        drifted = sum(e["drift"] for e in events if e["type"] == "test")
        tests = sum(e["type"] == "test" for e in events)
        print(f"\nstationary: {len(windows)} windows, {tests} tests, {drifted} drifted tests "
              f"({drifted / tests:.4%}), {len(alerts)} alerts: false alarm rate {len(alerts) / len(windows):.4f} per window",
              file=sys.stderr)
        self.assertEqual(len(windows), 1000)
        self.assertEqual(alerts, [])
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_malformed_records_are_counted_and_a_missing_column_is_an_event(self):
        live = self.path("ragged.csv")
        with open(live, "w") as f:
            f.write("x,channel\n")
            for i in range(3000):
                f.write("1.5,a,extra\n" if i % 100 == 0 else f"{(i % 7) / 7},{'abc'[i % 3]}\n")
        r, events = monitor("--reference", self.profile, "--window", "1000", live)
        self.assertEqual(r.returncode, 1)
        self.assertEqual([(e["type"], e["column"]) for e in events if e["type"] == "missing_column"],
                         [("missing_column", "amount")])
        self.assertIn("30 bad records skipped", r.stderr)
        self.assertEqual(max(e["window"] for e in events), 3)  # 2,970 good records: the last 970 are a window too

    def test_descriptor_promises_are_checked_and_named(self):
        project = self.path("project")
        os.makedirs(project, exist_ok=True)
        with open(os.path.join(project, "production_data.yaml"), "w") as f:
            f.write("version: '1.2'\nschema:\n"
                    "  - {field_name: amount, field_type: float, expected_values: -100 to 200}\n"
                    "  - {field_name: channel, field_type: string, expected_values: 'a, b or c'}\n"
                    "  - {field_name: region, field_type: string, expected_values: eu or us}\n")
        live = self.path("unit-for-descriptors.csv")
        stream(live, 10_000, 4, "unit", 5_000)
        r, events = monitor("--reference", self.profile, "--window", "1000", "--descriptors", project, live)
        self.assertEqual(r.returncode, 1, r.stderr)
        (missing,) = [e for e in events if e["type"] == "missing_column"]
        self.assertEqual((missing["column"], missing["descriptor"]),
                         ("region", os.path.join(project, "production_data.yaml") + ":5: /schema/2/expected_values"))
        ranges = [e for e in events if e["type"] == "test" and e.get("test") == "range"]
        self.assertEqual([e["drift"] for e in ranges], [False] * 5 + [True] * 5)
        self.assertTrue(ranges[-1]["descriptor"].endswith(":3: /schema/0/expected_values"))
        self.assertFalse(any(e["drift"] for e in events if e.get("test") == "allowed_values"))
        r, _ = monitor("--reference", self.profile, "--descriptors", self.path("nowhere"), live)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nowhere", r.stderr)

    def test_usage_and_unreadable_input(self):
        r, _ = monitor("--reference", self.profile, "--window", "1", self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--window", r.stderr)
        r, _ = monitor("--reference", self.path("nope.json"), self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nope.json", r.stderr)
        r, _ = monitor("--reference", self.profile, "--method", "x=nosuch", self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nosuch", r.stderr)


if __name__ == "__main__":
    SEAM = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
