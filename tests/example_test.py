#!/usr/bin/env python3
"""End-to-end test of the bundled example examples/turbine-maintenance: `seam validate` finds
every descriptor valid, and `seam check --format json` reports exactly the mismatches the
example was written to contain, with the one accepted finding waived.

Usage: example_test.py PATH/TO/seam PATH/TO/examples/turbine-maintenance
(run by ctest as example_turbine; needs only the Python standard library)
"""
import json
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else os.path.join(ROOT, "build", "seam")
EXAMPLE = (os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1
           else os.path.join(ROOT, "examples", "turbine-maintenance"))

# (rule, text the item must contain) for every open error and warning item.
EXPECTED_ERRORS = {
    ("model-training-data-identity", "'gbx-windows-train-2025a'"),
    ("model-output-type-downstream", "output 'failure_probability' is Float"),
    ("model-compute-exceeds-production", "needs 1 GPU;"),
}
EXPECTED_WARNINGS = {
    ("raw-data-restriction-vs-platform", "Azure Kubernetes Service"),
    ("training-field-unmapped", "'hours_since_oil_service'"),
    ("statistic-differs", "mean of 'oil_temp' is 57.9 in training and 63.8"),
}
EXPECTED_WAIVED = {
    ("algorithm-metric-not-collected", "'Recall of gearbox failures at 14 days'"),
}


def seam(*args):
    return subprocess.run([SEAM, *args], capture_output=True, text=True, errors="replace", timeout=120)


def match(findings, expected):
    """Pairs each item of the findings with one expected (rule, substring); returns the items
    nobody expected and the expectations no item met."""
    items = [(f["rule"], i["text"]) for f in findings for i in f["items"]]
    unmet = set(expected)
    unexpected = []
    for rule, text in items:
        hit = next((e for e in sorted(unmet) if e[0] == rule and e[1].lower() in text.lower()), None)
        if hit is None:
            unexpected.append((rule, text))
        else:
            unmet.discard(hit)
    return unexpected, sorted(unmet)


class TurbineExampleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.run_ = seam("check", "--format", "json", EXAMPLE)
        cls.report = json.loads(cls.run_.stdout)

    def assert_exact(self, findings, expected):
        unexpected, unmet = match(findings, expected)
        self.assertEqual(unexpected, [], "items nobody expected")
        self.assertEqual(unmet, [], "expected items not reported")

    def test_descriptors_are_valid(self):
        r = seam("validate", "--format", "json", EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        files = json.loads(r.stdout)["files"]
        self.assertEqual(sorted(f["descriptor"] for f in files), sorted([
            "system_context", "raw_data", "data_pipeline", "training_data", "trained_model",
            "development_environment", "production_environment", "production_data"]))
        self.assertTrue(all(f["valid"] and f["version"] == "1.2" for f in files))

    def test_exit_status_is_1_because_of_errors(self):
        self.assertEqual(self.run_.returncode, 1, self.run_.stderr)

    def test_no_load_errors_or_waiver_problems(self):
        self.assertEqual(self.report["load_errors"], [])
        self.assertEqual(self.report["waiver_problems"], [])

    def test_errors(self):
        open_ = [f for f in self.report["findings"] if not f["waived"] and f["severity"] == "error"]
        self.assert_exact(open_, EXPECTED_ERRORS)

    def test_warnings(self):
        open_ = [f for f in self.report["findings"] if not f["waived"] and f["severity"] == "warning"]
        self.assert_exact(open_, EXPECTED_WARNINGS)

    def test_waived(self):
        waived = [f for f in self.report["findings"] if f["waived"]]
        self.assert_exact(waived, EXPECTED_WAIVED)
        self.assertEqual([f["severity"] for f in waived], ["warning"])
        self.assertIn("Jonas Wendt", waived[0]["waiver_reason"])

    def test_no_info_findings(self):
        info = [(f["rule"], i["text"]) for f in self.report["findings"] for i in f["items"]
                if f["severity"] == "info"]
        self.assertEqual(info, [])

    def test_summary(self):
        self.assertEqual(self.report["summary"], {"error": 3, "warning": 3, "info": 0, "waived": 1})


if __name__ == "__main__":
    unittest.main()
