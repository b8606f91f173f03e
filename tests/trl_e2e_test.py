#!/usr/bin/env python3
"""End-to-end tests of `seam trl` on the turbine example's TRL Cards.

Usage: trl_e2e_test.py SEAM_BINARY EXAMPLE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

SEAM = sys.argv.pop(1)
EXAMPLE = sys.argv.pop(1)


def seam(*args):
    return subprocess.run([SEAM, *args], capture_output=True, text=True)


class Trl(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "p")
        shutil.copytree(EXAMPLE, self.dir)

    def tearDown(self):
        self.tmp.cleanup()

    def edit(self, rel, old, new):
        path = os.path.join(self.dir, rel)
        with open(path) as f:
            text = f.read()
        self.assertIn(old, text)
        with open(path, "w") as f:
            f.write(text.replace(old, new, 1))

    def status(self):
        r = seam("trl", "status", self.dir, "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_system_level_is_the_lowest_component(self):
        s = self.status()
        self.assertEqual(s["system_level"], 5)
        self.assertEqual(s["limiting"], ["scoring-service"])
        self.assertEqual({c["id"]: c["level"] for c in s["components"]},
                         {"gbx-window-pipeline": 7, "gearbox-failure-lstm": 6, "scoring-service": 5})
        for c in s["components"]:
            for k in ("id", "name", "level", "next_level", "gate"):
                self.assertIn(k, c)
            for crit in c["gate"]["criteria"]:
                self.assertIn(crit["kind"], ("automatic", "manual"))
                self.assertIsInstance(crit["met"], bool)
        self.edit("trl/scoring-service.yaml", "level: 5", "level: 8")
        s = self.status()
        self.assertEqual(s["system_level"], 6)
        self.assertEqual(s["limiting"], ["gearbox-failure-lstm"])

    def test_gate_reads_seam_check_findings_both_ways(self):
        r = seam("trl", "check", self.dir, "gearbox-failure-lstm", "--to", "6")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"UNMET +L6 l6-no-errors +open: model-training-data-identity, model-output-type-downstream")
        # Fix both mismatches in the descriptors: the criterion is met and the gate passes.
        self.edit("trained_model.yaml", "gbx-windows-train-2025a", "gbx-windows-train-2025b")
        self.edit("development_environment.yaml", "item_type: integer", "item_type: Float")
        r = seam("trl", "check", self.dir, "gearbox-failure-lstm", "--to", "6")
        self.assertRegex(r.stdout, r"met +L6 l6-no-errors")
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_risks_are_p_failure_times_value(self):
        r = seam("trl", "risks", self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [l.split() for l in r.stdout.splitlines()[1:] if re.match(r"^\d+\.\d\d ", l)]
        self.assertTrue(rows)
        for row in rows:
            self.assertAlmostEqual(float(row[0]), float(row[3]) * int(row[4]), delta=0.006)
        risks = [float(row[0]) for row in rows]
        self.assertEqual(risks, sorted(risks, reverse=True))
        matrix = [l for l in r.stdout.splitlines() if re.match(r"^0\.\d-\d\.\d ", l)]
        self.assertEqual(len(matrix), 5)
        self.assertEqual(sum(int(x) for l in matrix for x in l.split()[1:]), len(rows))

    def test_malformed_card_is_located(self):
        self.edit("trl/scoring-service.yaml", "    p_failure: 0.5\n    value: 7", "    p_failure: 0.5\n    value: 11")
        r = seam("trl", "status", self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"scoring-service\.yaml:\d+:\d+: /requirements/\d+/value: ")

    def review(self, component, *args):
        return seam("trl", "review", self.dir, component, "--reviewer", "Ana Ortiz", "--date", "2026-11-23", *args)

    def card(self, component):
        with open(os.path.join(self.dir, "trl", component + ".yaml")) as f:
            return f.read()

    def test_graduation_refuses_a_failing_gate_unless_overridden(self):
        before = self.card("scoring-service")
        r = self.review("scoring-service", "--to", "6", "--decision", "graduate")
        self.assertEqual(r.returncode, 1)
        self.assertIn("l6-no-errors: open: model-compute-exceeds-production", r.stderr)
        self.assertEqual(self.card("scoring-service"), before)  # nothing written
        r = self.review("scoring-service", "--to", "6", "--decision", "graduate", "--override", "GPU pool ordered")
        self.assertEqual(r.returncode, 0, r.stderr)
        after = self.card("scoring-service")
        self.assertIn('override: "GPU pool ordered"', after)
        self.assertIn("level: 6\n", after)
        self.assertTrue(after.startswith(before.split("\n")[0]))  # comments kept
        self.assertEqual(self.status()["components"][2]["level"], 6)

    def test_no_skipping_once_reviews_exist(self):
        r = self.review("scoring-service", "--to", "7", "--decision", "graduate", "--override", "x")
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot skip from level 5 to 7", r.stderr)

    def test_switchbacks_need_a_kind_and_go_down(self):
        self.assertEqual(self.review("gearbox-failure-lstm", "--to", "4", "--decision", "switchback").returncode, 2)
        self.assertEqual(self.review("gearbox-failure-lstm", "--to", "7", "--decision", "switchback", "--kind", "review").returncode, 2)
        for kind, to in (("discovery", "5"), ("review", "4")):
            r = self.review("gearbox-failure-lstm", "--to", to, "--decision", "switchback", "--kind", kind)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("kind: " + kind, self.card("gearbox-failure-lstm"))
        self.assertEqual({c["id"]: c["level"] for c in self.status()["components"]}["gearbox-failure-lstm"], 4)

    def test_embedded_switchbacks_follow_the_catalogue(self):
        self.edit("trl/gbx-window-pipeline.yaml", "level: 7", "level: 9")
        r = self.review("gbx-window-pipeline", "--to", "8", "--decision", "switchback", "--kind", "embedded")
        self.assertEqual(r.returncode, 2)
        self.assertIn("to level 7 or lower", r.stderr)
        r = self.review("gbx-window-pipeline", "--to", "7", "--decision", "switchback", "--kind", "embedded")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("kind: embedded", self.card("gbx-window-pipeline"))

    def test_unknown_component_and_bad_usage(self):
        self.assertEqual(seam("trl", "check", self.dir, "nope", "--to", "3").returncode, 2)
        self.assertEqual(seam("trl", "check", self.dir, "scoring-service", "--to", "12").returncode, 2)
        self.assertEqual(seam("trl", "frobnicate").returncode, 2)


if __name__ == "__main__":
    unittest.main()
