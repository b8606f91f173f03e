#!/usr/bin/env python3
"""End-to-end tests of `seam trl` on the turbine example's TRL Cards.

Usage: trl_e2e_test.py SEAM_BINARY EXAMPLE_DIR
"""
import datetime
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

    def test_card_as_markdown(self):
        r = seam("trl", "card", self.dir, "gearbox-failure-lstm")
        self.assertEqual(r.returncode, 0, r.stderr)
        md = r.stdout
        self.assertTrue(md.startswith("# TRL Card: Gearbox failure forecaster (gearbox-failure-lstm)\n"))
        self.assertIn("6 (Application Development)", md)
        self.assertIn("| Product owner | Mette Kjaer (asset management, gearbox maintenance programme) |", md)
        self.assertIn("<https://wiki.nordvind.example/analytics/gearbox-pdm/trl-card-2.3.0>", md)
        for heading in ("## Project information", "## Implicit knowledge", "### Ethics", "### Caveats and edge cases",
                        "## Descriptors", "## Requirements", "## Gate to level 7 (Integrations)", "## Review history"):
            self.assertIn(heading + "\n", md)
        self.assertIn("- `trained_model`", md)
        # Every requirement, in the card's order, with p(failure) x value to 2 decimals.
        rows = re.findall(r"^\| `([A-Z]-\d\d)` \|.*\| (\d\.\d\d) \| (\d+) \| (\d+\.\d\d) \|$", md, re.M)
        self.assertEqual([row[0] for row in rows], ["R-01", "R-02", "R-03", "T-01", "T-02", "T-03", "P-01", "P-02", "P-03", "P-04"])
        for _, p, value, risk in rows:
            self.assertEqual(risk, "%.2f" % (float(p) * int(value)))
        self.assertIn("| 0.60 | 8 | 4.80 |", md)  # P-03
        # The gate to level 7 reads the findings of seam check on the project.
        self.assertRegex(md, r"\| 6 \| `l6-no-errors`.*\| \*\*not met\*\* \| open: model-training-data-identity")
        self.assertIn("Blocked: 1 of the ", md)
        # The history, with the discovery switchback.
        self.assertRegex(md, r"\| 2025-02-21 \| 5 \u2192 4 \| switchback \| discovery \| Henrik Bach")
        self.assertEqual(len(re.findall(r"^\| \d{4}-\d\d-\d\d \| \d \u2192 \d \|", md, re.M)), 7)

    def test_card_of_another_component(self):
        r = seam("trl", "card", self.dir, "scoring-service", "--format", "markdown")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("5 (Machine Learning Capability)", r.stdout)
        self.assertIn("| 0.50 | 7 | 3.50 |", r.stdout)  # p_failure 0.5 x value 7
        self.assertIn("## Gate to level 6 (Application Development)", r.stdout)
        self.assertEqual(seam("trl", "card", self.dir, "nope").returncode, 2)

    def test_card_as_printable_html(self):
        self.edit("trl/gearbox-failure-lstm.yaml", "technology_name: Gearbox failure forecaster (gearbox-failure-lstm)",
                  "technology_name: \"Gearbox <b>failure</b> & 'forecaster'\"")
        r = seam("trl", "card", self.dir, "gearbox-failure-lstm", "--format", "html")
        self.assertEqual(r.returncode, 0, r.stderr)
        html = r.stdout
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn("@media print", html)
        self.assertIn("@page", html)
        self.assertNotIn("<script", html.lower())
        self.assertNotIn("<b>", html)
        self.assertIn("<h1>TRL Card: Gearbox &lt;b&gt;failure&lt;/b&gt; &amp; &#39;forecaster&#39;</h1>", html)
        self.assertIn("<td class=\"num\">4.80</td>", html)
        self.assertIn("discovery", html)
        # No external resources: the page is complete on its own.
        self.assertNotRegex(html, r"<(link|img|iframe)\b|src=|@import")
        # Well formed, so every tag is closed (sections included).
        import xml.dom.minidom
        xml.dom.minidom.parseString(html[html.index("<html"):])
        self.assertEqual(seam("trl", "card", self.dir, "gearbox-failure-lstm", "--format", "pdf").returncode, 2)

    def test_metrics(self):
        r = seam("trl", "metrics", self.dir, "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        m = json.loads(r.stdout)
        today = datetime.date.fromisoformat(m["today"])
        lstm = {c["id"]: c for c in m["components"]}["gearbox-failure-lstm"]
        self.assertEqual(lstm["switchbacks"], {"total": 1, "discovery": 1, "review": 0, "embedded": 0})
        self.assertEqual(lstm["graduations"], 6)
        self.assertEqual(lstm["first_review"], "2023-09-15")
        since_first = (today - datetime.date(2023, 9, 15)).days
        self.assertEqual(lstm["total_days"], since_first)
        self.assertEqual(sum(l["days"] for l in lstm["days_at_level"]), since_first)
        by_level = {l["level"]: l for l in lstm["days_at_level"]}
        self.assertEqual(by_level[4]["days"], 175 + 20)  # two stays at level 4, around the switchback
        self.assertEqual(by_level[4]["stays"], 2)
        self.assertEqual(by_level[2]["days"], 84)
        self.assertEqual(by_level[6]["days"], (today - datetime.date(2025, 4, 11)).days)  # current level, up to today
        self.assertEqual(lstm["stays"][-1], {"level": 6, "from": "2025-04-11", "to": m["today"],
                                             "days": by_level[6]["days"], "current": True})
        longest = max(s["days"] for s in lstm["stays"])
        self.assertEqual(lstm["longest_stay"]["days"], longest)
        self.assertEqual(m["totals"]["switchbacks"]["discovery"], 1)
        self.assertEqual(m["totals"]["components"], 3)
        # A switchback recorded now shows up.
        self.assertEqual(self.review("gearbox-failure-lstm", "--to", "4", "--decision", "switchback", "--kind", "review",
                                     "--date", m["today"]).returncode, 0)
        lstm = {c["id"]: c for c in json.loads(seam("trl", "metrics", self.dir, "--format", "json").stdout)["components"]}["gearbox-failure-lstm"]
        self.assertEqual(lstm["switchbacks"], {"total": 2, "discovery": 1, "review": 1, "embedded": 0})
        r = seam("trl", "metrics", self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"gearbox-failure-lstm: level 4 .*\n(.*\n)*.*2 switchbacks \(discovery 1, review 1, embedded 0\)")
        self.assertIn("<- longest stay", r.stdout)

    def test_metrics_locates_a_review_out_of_order(self):
        self.edit("trl/scoring-service.yaml", '- date: "2025-02-07"', '- date: "2024-01-07"')
        r = seam("trl", "metrics", self.dir)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertRegex(r.stderr, r"scoring-service\.yaml:\d+:\d+: /reviews/1/date: .*oldest first")

    def test_an_organisation_can_bring_its_own_catalogue(self):
        levels = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "trl", "levels.yaml")
        with open(levels) as f:
            text = f.read()
        mine = os.path.join(self.dir, "our-levels.yaml")
        with open(mine, "w") as f:
            f.write(text.replace("name: Application Development", "name: Product Build"))
        r = seam("trl", "status", self.dir, "--levels", mine)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("level 6 (Product Build)", r.stdout)
        with open(mine, "w") as f:
            f.write(text.replace("level: 3\n", "level: three\n", 1))
        r = seam("trl", "status", self.dir, "--levels", mine)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"our-levels\.yaml:\d+:\d+: /levels/3/level: ")

    def test_unknown_component_and_bad_usage(self):
        self.assertEqual(seam("trl", "check", self.dir, "nope", "--to", "3").returncode, 2)
        self.assertEqual(seam("trl", "check", self.dir, "scoring-service", "--to", "12").returncode, 2)
        self.assertEqual(seam("trl", "frobnicate").returncode, 2)



class StartingPoint(unittest.TestCase):
    """A project made with `seam init` has no cards; `seam trl init` starts one."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "new")
        self.assertEqual(seam("init", self.dir).returncode, 0)

    def tearDown(self):
        self.tmp.cleanup()

    def test_without_cards_every_command_says_how_to_start(self):
        for args in (["status", self.dir], ["risks", self.dir], ["metrics", self.dir], ["card", self.dir, "m"]):
            r = seam("trl", *args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("has no TRL cards yet", r.stderr)
            self.assertIn(f"seam trl init {self.dir} COMPONENT", r.stderr)
            self.assertNotIn("cannot list", r.stderr)
        self.assertIn("seam trl init", seam("init", "--force", self.dir).stdout)

    def test_trl_init_writes_a_card_that_status_card_and_review_accept(self):
        r = seam("trl", "init", self.dir, "gearbox-model")
        self.assertEqual(r.returncode, 0, r.stderr)
        path = os.path.join(self.dir, "trl", "gearbox-model.yaml")
        self.assertIn(path, r.stdout)
        with open(path) as f:
            text = f.read()
        self.assertTrue(text.startswith("# TRL Card of gearbox-model"))
        self.assertIn('\ncomponent: "gearbox-model"\nlevel: 0\n', re.sub(r"\n#[^\n]*", "", text))
        s = seam("trl", "status", self.dir, "--format", "json")
        self.assertEqual(s.returncode, 0, s.stderr)
        status = json.loads(s.stdout)
        self.assertEqual([(c["id"], c["level"]) for c in status["components"]], [("gearbox-model", 0)])
        self.assertEqual(seam("trl", "card", self.dir, "gearbox-model").returncode, 0)
        self.assertEqual(seam("trl", "check", self.dir, "gearbox-model", "--to", "1").returncode, 1)  # nothing filled yet
        review = seam("trl", "review", self.dir, "gearbox-model", "--to", "1", "--decision", "graduate",
                      "--reviewer", "Ana", "--override", "pilot", "--date", "2026-11-30")
        self.assertEqual(review.returncode, 0, review.stderr)
        self.assertEqual(json.loads(seam("trl", "status", self.dir, "--format", "json").stdout)["components"][0]["level"], 1)

    def test_trl_init_refuses_to_overwrite_without_force(self):
        self.assertEqual(seam("trl", "init", self.dir, "m").returncode, 0)
        path = os.path.join(self.dir, "trl", "m.yaml")
        with open(path, "a") as f:
            f.write("# my notes\n")
        r = seam("trl", "init", self.dir, "m")
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists; nothing was written (use --force to overwrite it)", r.stderr)
        with open(path) as f:
            self.assertIn("# my notes", f.read())
        self.assertEqual(seam("trl", "init", "--force", self.dir, "m").returncode, 0)
        with open(path) as f:
            self.assertNotIn("# my notes", f.read())
        self.assertEqual(os.listdir(os.path.join(self.dir, "trl")), ["m.yaml"])  # no temporary left behind
        bad = seam("trl", "init", self.dir, "../escape")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("cannot name a component", bad.stderr)
        self.assertEqual(seam("trl", "status", "--force", self.dir).returncode, 2)


if __name__ == "__main__":
    unittest.main()
