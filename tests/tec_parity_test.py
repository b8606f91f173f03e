#!/usr/bin/env python3
"""TEC parity: every mismatch TEC reports on the shared example projects has a seam finding.

For each example project, TEC's stored output is read, each mismatch object is mapped to its
TEC rule block by its message, and the offending name is taken from each of its condition
lines. seam must then report a finding of kind "mismatch" with that `tec_rule` whose item
text contains the name. The reverse holds too: every item seam reports under a TEC rule must
correspond to one of TEC's conditions.

Where seam differs from TEC on purpose, the difference is listed in DELIBERATE (or
DELIBERATE_EXTRA for seam items TEC does not have), each entry pointing at its section of
docs/tec-compat.md, and the test asserts what seam reports instead.

Usage: tec_parity_test.py PATH/TO/seam PATH/TO/shared/examples/tec
(run by ctest; needs only the Python standard library)
"""
import json
import os
import re
import subprocess
import sys
import unittest

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = (os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1
            else os.path.join(os.path.dirname(ROOT), "shared", "examples", "tec"))
COMPAT_DOC = os.path.join(ROOT, "docs", "tec-compat.md")

# The TEC output each project is compared with. seam upgrades legacy 1.1 documents in memory,
# whereas TEC's stored output for them is a crash, so legacy-1.1 is compared with what TEC
# reports once the documents have been upgraded.
PROJECTS = {
    "fraud-clean": "expected_tec_output.json",
    "fraud-mismatch": "expected_tec_output.json",
    "tm-only": "expected_tec_output.json",
    "legacy-1.1": "expected_tec_output_after_update_versions.json",
}

# TEC's message of each rule block, by a phrase that only that message contains (the typos
# are TEC's own). Blocks that share a message (3A/4A, 3B/4B, 3C/4C and the "3C/4C addition")
# are told apart by tec_rule_of().
MESSAGES = [
    ("goals defined for the trained model have a corresponding metric", "1"),
    ("does not support at least one programming language", "2"),
    ("ML component output that does not match the corresponding input", "3A"),
    ("ML component output that is not mapped to an input in the dowstream", "3B"),
    ("input of the downstream component in the ML-enabled system that is not mapped", "3C"),
    ("ML component input that does not match the corresponding output", "5A"),
    ("ML component input that is not mapped to an output in the upstream", "5B"),
    ("output of the upsteam component", "5C"),
    ("than the computing resources available in the development environment", "6"),
    ("than the computing resources available in the production environment", "7"),
    ("ML frameworks used for model development and training are not available", "8"),
    ("business metrics defined for the trained model do not have a collection", "9"),
    ("algorithm metrics defined for the trained model do not have a collection", "10"),
    ("Not all log data required by the trained model", "11"),
    ("Observed inference time for the trained model", "12"),
    ("Not all user or system feedback required by the trained model", "13"),
    ("Not all data types for non-label fields in the training data", "14A"),
    ("Not all non-label fields in the training data are mapped", "14B"),
    ("Not all fields in the production data are mapped", "14C"),
    ("All statistics for training data do not match", "15"),
    ("The distribution for one or more labels", "16"),
]

# Differences on purpose, keyed by (project, TEC rule). "missing" names the descriptors seam
# reports as not provided instead of the mismatch TEC reports.
DELIBERATE = {
    # TEC compares the model against a Development Environment that is not there ("not
    # supported by", "has not been specified", even "requires 0 GPUs"); seam cannot know what
    # an absent environment supports, so it reports the descriptor as missing information.
    ("tm-only", "2"): {"doc": "absent-descriptors", "missing": ["development_environment"]},
    ("tm-only", "6"): {"doc": "absent-descriptors", "missing": ["development_environment"]},
    ("tm-only", "8"): {"doc": "absent-descriptors", "missing": ["development_environment"]},
    # The same for an absent Production Environment.
    ("tm-only", "7"): {"doc": "absent-descriptors", "missing": ["production_environment"]},
    ("tm-only", "9"): {"doc": "absent-descriptors", "missing": ["production_environment"]},
    ("tm-only", "10"): {"doc": "absent-descriptors", "missing": ["production_environment"]},
    ("tm-only", "11"): {"doc": "absent-descriptors", "missing": ["production_environment"]},
    ("tm-only", "13"): {"doc": "absent-descriptors", "missing": ["production_environment"]},
}

# seam items under a TEC rule that TEC does not report, keyed by (project, TEC rule): the
# names they are about, and the section that explains them. None so far.
DELIBERATE_EXTRA = {}

# TEC always writes the plural ("1 GPUs"); seam writes "1 GPU", so match the stem.
RESOURCE_WORDS = ("GPU", "CPU", "memory", "storage")
DESCRIPTOR_FILES = {
    "System Context": "system_context", "Raw Data": "raw_data", "Data Pipeline": "data_pipeline",
    "Training Data": "training_data", "Trained Model": "trained_model",
    "Development Environment": "development_environment",
    "Production Environment": "production_environment", "Production Data": "production_data",
}


def load_descriptor(project_dir, name):
    for ext in (".json", ".yaml", ".yml"):
        path = os.path.join(project_dir, name + ext)
        if os.path.exists(path) and ext == ".json":
            with open(path) as f:
                return json.load(f)
        if os.path.exists(path):
            return {}  # present; only JSON is needed for the fields read here
    return None


def present(project_dir, name):
    return any(os.path.exists(os.path.join(project_dir, name + ext)) for ext in (".json", ".yaml", ".yml"))


def tec_rule_of(message, condition, project_dir):
    """The TEC rule block that produced `condition` under `message`."""
    rule = next((r for phrase, r in MESSAGES if phrase in message), None)
    if rule is None:
        raise AssertionError(f"no TEC rule known for message {message!r}; extend MESSAGES")
    if rule in ("3A", "3B") and condition.startswith("The final output"):
        return "4" + rule[1]
    if rule == "3C":
        tm = load_descriptor(project_dir, "trained_model")
        if tm is None:
            return "3C/4C addition"
        return "4C" if tm.get("post_processing") else "3C"
    return rule


def names_in(rule, condition):
    """The names a condition line is about; a seam item must contain all of them."""
    quoted = re.findall(r"'([^']*)'", condition)
    if rule == "1":  # TEC joins the goal's id and text with a space: the id is the name
        return [quoted[0].split(" ", 1)[0]]
    if rule in ("6", "7"):
        return [w for w in RESOURCE_WORDS if re.search(r"requires [\d.]+ (GB of )?" + w, condition)]
    if rule == "8":  # the framework is not quoted
        return [re.search(r"ML Framework, (.*), which is not", condition).group(1)]
    if rule == "12":
        return [re.search(r"inference time of (\S+ \S+) defined for", condition).group(1)]
    if rule == "15":  # property and training field
        return [quoted[0], quoted[1]]
    return [quoted[0]]


def run_seam(project_dir):
    r = subprocess.run([SEAM, "check", "--format", "json", "--fail-on", "never", project_dir],
                       capture_output=True, text=True, timeout=120)
    return r


class Parity(unittest.TestCase):
    reports = {}

    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(EXAMPLES):
            raise unittest.SkipTest(f"shared examples not found at {EXAMPLES}")
        for project in PROJECTS:
            cls.reports[project] = run_seam(os.path.join(EXAMPLES, project))

    def report(self, project):
        r = self.reports[project]
        self.assertEqual(r.returncode, 0, f"{project}: seam exited {r.returncode}\n{r.stderr}")
        return json.loads(r.stdout)

    def tec(self, project):
        with open(os.path.join(EXAMPLES, project, PROJECTS[project])) as f:
            out = json.load(f)
        self.assertNotIn("error", out, f"{project}: the stored TEC output is a crash")
        return out

    def tec_conditions(self, project):
        """(rule, condition, names) for every condition line TEC reports on the project."""
        out = []
        for m in self.tec(project)["mismatches"]:
            for c in m["conditions"]:
                rule = tec_rule_of(m["message"], c, os.path.join(EXAMPLES, project))
                names = names_in(rule, c)
                self.assertTrue(names and all(names), f"no name found in {c!r}")
                out.append((rule, c, names))
        return out

    @staticmethod
    def mismatch_items(report, rule):
        return [i["text"] for f in report["findings"]
                if f["kind"] == "mismatch" and f["tec_rule"] == rule for i in f["items"]]

    def test_documents_load_without_errors(self):
        for project in PROJECTS:
            with self.subTest(project=project):
                report = self.report(project)
                self.assertEqual(report["load_errors"], [], project)

    def test_every_tec_mismatch_has_a_seam_finding(self):
        for project in PROJECTS:
            report = self.report(project)
            for rule, condition, names in self.tec_conditions(project):
                with self.subTest(project=project, tec_rule=rule, condition=condition):
                    deliberate = DELIBERATE.get((project, rule))
                    if deliberate:
                        self.check_instead(report, deliberate)
                        continue
                    items = self.mismatch_items(report, rule)
                    self.assertTrue(any(all(n in text for n in names) for text in items),
                                    f"{project}: TEC rule {rule} reports {names}; seam's items under "
                                    f"that rule: {items}")

    def check_instead(self, report, deliberate):
        for descriptor in deliberate["missing"]:
            want = f"the {descriptor} descriptor is not provided"
            texts = [i["text"] for f in report["findings"] if f["kind"] == "missing" for i in f["items"]]
            self.assertTrue(any(want in t for t in texts),
                            f"expected a missing-information finding saying {want!r} "
                            f"(see docs/tec-compat.md#{deliberate['doc']}); missing items: {texts}")

    def test_every_seam_item_under_a_tec_rule_is_one_tec_reports(self):
        for project in PROJECTS:
            report = self.report(project)
            conditions = self.tec_conditions(project)
            for f in report["findings"]:
                if f["kind"] != "mismatch" or not f["tec_rule"]:
                    continue
                for item in f["items"]:
                    with self.subTest(project=project, rule=f["rule"], item=item["text"]):
                        tec_names = [names for rule, _, names in conditions if rule == f["tec_rule"]]
                        if any(all(n in item["text"] for n in names) for names in tec_names):
                            continue
                        extra = DELIBERATE_EXTRA.get((project, f["tec_rule"]))
                        self.assertTrue(extra and any(n in item["text"] for n in extra["names"]),
                                        f"{project}: seam reports under TEC rule {f['tec_rule']} "
                                        f"'{item['text']}', which TEC does not report")

    def test_absent_descriptors_are_reported_as_missing(self):
        # TEC lists the top-level fields of every absent descriptor as missing; seam names
        # the descriptor once per check that needs it.
        for project in PROJECTS:
            report = self.report(project)
            texts = [i["text"] for f in report["findings"] if f["kind"] == "missing" for i in f["items"]]
            wanted = {m["descriptor"] for m in self.tec(project)["missing_fields"]}
            for label in sorted(wanted):
                name = DESCRIPTOR_FILES[label]
                if present(os.path.join(EXAMPLES, project), name):
                    continue
                with self.subTest(project=project, descriptor=name):
                    want = f"the {name} descriptor is not provided"
                    self.assertTrue(any(want in t for t in texts), f"{project}: no missing item {want!r}")

    def test_clean_project_has_no_error_mismatch(self):
        report = self.report("fraud-clean")
        errors = [f["rule"] for f in report["findings"] if f["kind"] == "mismatch" and f["severity"] == "error"]
        self.assertEqual(errors, [])

    def test_widened_types_appear_at_info_level(self):
        # TEC reports Float vs Integer in 5A and 14A; seam does too, as information.
        report = self.report("fraud-mismatch")
        for rule in ("5A", "14A"):
            with self.subTest(tec_rule=rule):
                sev = {f["severity"] for f in report["findings"] if f["tec_rule"] == rule and f["kind"] == "mismatch"}
                self.assertEqual(sev, {"info"})

    def test_deliberate_entries_point_at_sections_that_exist(self):
        with open(COMPAT_DOC) as f:
            doc = f.read()
        for key, entry in list(DELIBERATE.items()) + list(DELIBERATE_EXTRA.items()):
            with self.subTest(entry=key):
                self.assertIn(f'<a id="{entry["doc"]}"></a>', doc)
                self.assertIn(key[0], PROJECTS)


if __name__ == "__main__":
    if not os.path.isdir(EXAMPLES):  # every test here reads them: report the suite skipped
        print(f"skipped: shared examples not found at {EXAMPLES}")
        sys.exit(77)
    unittest.main(verbosity=1)
