#!/usr/bin/env python3
"""End-to-end tests of `seam check` and `seam rules`: exit codes, report formats, user rule
files, waivers, parameters, batch mode and the rule catalogue commands.

Usage: check_e2e_test.py PATH/TO/seam   (run by ctest; needs only the Python standard library)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEC = os.path.join(os.path.dirname(ROOT), "shared", "examples", "tec")

# A project whose only finding is a warning: a business metric production does not collect.
WARNING_ONLY = {
    "trained_model.yaml": "version: '1.2'\nbusiness_metrics:\n  - metric: Chargeback rate\n    goal_mapping: G1\n",
    "production_environment.yaml": "version: '1.2'\nbusiness_metrics:\n"
                                   "  - metric: Fraud loss\n    implementation: nightly job\n",
}
# A project whose only finding is an error with two items: two languages the development
# environment does not support.
ONE_ERROR = {
    "trained_model.yaml": "version: '1.2'\nmodel_components:\n  - programming_languages: [Python, R, Julia]\n",
    "development_environment.yaml": "version: '1.2'\nprogramming_languages: [Python]\n",
}

# Bad descriptor files: what each must be reported as (line, column, pointer; None where
# there is none: a file over the size limit is refused before it is read).
DEEP = "[" * 70 + "]" * 70
BAD_FILES = [
    ("malformed YAML", "raw_data.yaml", b"version: '1.2'\ndataset_name: a: b\n", 2, 16, "", "invalid YAML"),
    ("malformed JSON", "raw_data.json", b'{"version": "1.2",\n "dataset_name" "x"}', 2, 17, "", "invalid JSON"),
    ("quote left open", "raw_data.yaml", b"version: '1.2'\ndataset_name: \"abc\nnumber_of_instances: 3\n", 2, 15,
     "/dataset_name", "the quoted text is not closed"),
    ("deep nesting YAML", "raw_data.yaml", b"version: '1.2'\nschema:\n  - expected_values: " + DEEP.encode() + b"\n",
     3, 83, "/schema/0/expected_values", "nesting is deeper than 64 levels"),
    ("deep nesting JSON", "raw_data.json", b'{"version": "1.2",\n "schema": [{"x-a": ' + DEEP.encode() + b"}]}",
     2, 82, "/schema/0/x-a", "nesting is deeper than 64 levels"),
    ("invalid UTF-8", "raw_data.yaml", b"version: '1.2'\ndataset_name: caf\xe9\n", 2, 18, "", "invalid UTF-8: byte 0xE9"),
    ("huge", "raw_data.json", None, None, None, "", "file is 100.0 MiB; descriptor files are limited to 16.0 MiB"),
]

USER_RULE = """\
rules:
  - id: team-no-gpu
    severity: error
    category: Operational Environment
    subcategory: Computing Resources
    message: Our platform has no GPUs.
    rationale: Models that need a GPU cannot be deployed on the shared platform.
    let:
      - gpus: trained_model.computing_resource_reqs.gpu
    when: gpus > 0
    item: "the model asks for {gpus} GPU(s)"
    locate: [trained_model.computing_resource_reqs.gpu]
"""


def seam(*args):
    return subprocess.run([SEAM, *args], capture_output=True, text=True, errors="replace", timeout=120)


def check_json(*args):
    r = seam("check", "--format", "json", *args)
    return r, json.loads(r.stdout) if r.stdout.strip() else None


def rule_count():
    r = seam("rules", "list")
    m = re.search(r"^(\d+) rules$", r.stdout, re.M)
    return int(m.group(1))


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="seam_check_e2e_")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, content):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
        return path

    def project(self, name, files):
        for file, content in files.items():
            self.write(os.path.join(name, file), content)
        return os.path.join(self.dir, name)

    def copy_example(self, name, as_name=None):
        src = os.path.join(TEC, name)
        if not os.path.isdir(src):
            self.skipTest("shared examples not present")
        dst = os.path.join(self.dir, as_name or name)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("expected_tec_output*"))
        return dst


class ExitCodes(Workdir):
    def test_warning_only_passes_unless_fail_on_warning(self):
        p = self.project("warn", WARNING_ONLY)
        self.assertEqual(seam("check", p).returncode, 0)
        self.assertEqual(seam("check", "--fail-on", "error", p).returncode, 0)
        self.assertEqual(seam("check", "--fail-on", "warning", p).returncode, 1)
        self.assertEqual(seam("check", "--fail-on", "never", p).returncode, 0)

    def test_error_fails_unless_fail_on_never(self):
        p = self.project("err", ONE_ERROR)
        r = seam("check", p)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("error[model-language-unsupported] (TEC 2)", r.stdout)
        self.assertRegex(r.stdout, r"\n1 error, \d+ warnings?, \d+ info, 0 waived\n$")
        self.assertEqual(seam("check", "--fail-on", "warning", p).returncode, 1)
        self.assertEqual(seam("check", "--fail-on", "never", p).returncode, 0)

    def test_usage_errors(self):
        p = self.project("warn", WARNING_ONLY)
        for args, expect in [(("--format", "pdf", p), "--format must be one of"),
                             (("--fail-on", "sometimes", p), "--fail-on must be"),
                             (("--fail-on", "warn", p), "found 'warn' (did you mean 'warning'?)"),
                             ((), "give one project directory"),
                             (("--formt", "json", p), "did you mean '--format'?")]:
            with self.subTest(args=args):
                r = seam("check", *args)
                self.assertEqual(r.returncode, 2)
                self.assertIn(expect, r.stderr)

    def test_project_directory_that_does_not_exist(self):
        missing = os.path.join(self.dir, "nope")
        r = seam("check", missing)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nope", r.stderr)
        self.assertIn("No such file or directory", r.stderr)
        self.assertEqual(r.stdout, "")

    def test_directory_without_descriptors_is_refused(self):
        empty = os.path.join(self.dir, "empty")
        os.makedirs(empty)
        for fmt in ("text", "json"):
            with self.subTest(format=fmt):
                r = seam("check", "--format", fmt, empty)
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertIn("no descriptors found in " + empty, r.stderr)
                self.assertIn("system_context.yaml", r.stderr)
                self.assertIn("production_data.yaml (or .yml, .json)", r.stderr)
        self.write("empty/trainedmodel.yaml", "version: '1.2'\n")
        self.assertIn("(did you mean trained_model.yaml?)", seam("check", empty).stderr)

    def test_invalid_descriptor_is_reported_and_analysis_still_runs(self):
        files = dict(WARNING_ONLY)
        files["raw_data.yaml"] = "version: '1.2'\nnumber_of_instances: many\n"
        p = self.project("invalid", files)
        r, report = check_json(p)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(len(report["load_errors"]), 1)
        err = report["load_errors"][0]
        self.assertTrue(err["file"].endswith("raw_data.yaml"))
        self.assertEqual((err["pointer"], err["line"]), ("/number_of_instances", 2))
        self.assertIn("business-metric-not-collected", [f["rule"] for f in report["findings"]])
        text = seam("check", p)
        self.assertEqual(text.returncode, 1)
        self.assertIn("raw_data.yaml:2:", text.stdout)
        self.assertIn("business-metric-not-collected", text.stdout)


class UnknownFields(Workdir):
    # The case: a misspelt field hides a GPU mismatch behind "not provided".
    TYPO = {
        "trained_model.yaml": "version: '1.2'\nmodel_name: m\ncomputing_resource_req: {gpu: 1}\n",
        "production_environment.yaml": "version: '1.2'\ncomputing_resources: {gpu: 0}\n",
    }

    def test_is_a_load_warning_with_its_place_in_every_format(self):
        p = self.project("typo", self.TYPO)
        r, report = check_json(p)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(report["load_errors"], [])
        w = report["load_warnings"]
        self.assertEqual(len(w), 1, w)
        self.assertTrue(w[0]["file"].endswith("trained_model.yaml"))
        self.assertEqual((w[0]["pointer"], w[0]["line"], w[0]["column"]), ("/computing_resource_req", 3, 1))
        self.assertIn("did you mean 'computing_resource_reqs'?", w[0]["message"])
        where = "trained_model.yaml:3:1"
        for fmt in ("text", "markdown", "html", "junit"):
            with self.subTest(format=fmt):
                out = seam("check", "--format", fmt, p).stdout
                self.assertIn(where, out)
                self.assertIn("computing_resource_req", out)
        sarif = json.loads(seam("check", "--format", "sarif", p).stdout)
        notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        self.assertEqual([n["level"] for n in notes], ["warning"])
        self.assertEqual(notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3)

    def test_fails_under_fail_on_warning_and_strict(self):
        p = self.project("typo", self.TYPO)
        self.assertEqual(seam("check", "--fail-on", "warning", p).returncode, 1)
        r, report = check_json("--strict", p)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(report["load_warnings"], [])
        self.assertEqual(report["load_errors"][0]["pointer"], "/computing_resource_req")
        # Once the name is right, the mismatch it hid is found.
        self.write("typo/trained_model.yaml", self.TYPO["trained_model.yaml"].replace("_req:", "_reqs:"))
        r, report = check_json("--strict", p)
        self.assertIn("model-compute-exceeds-production", [f["rule"] for f in report["findings"]])

    def test_tec_examples_have_no_load_warnings(self):
        for name in ("fraud-clean", "fraud-mismatch", "legacy-1.1", "tm-only"):
            with self.subTest(example=name):
                _, report = check_json(self.copy_example(name))
                self.assertEqual(report["load_warnings"], [])
                self.assertEqual(report["load_errors"], [])


class BadDescriptorFiles(Workdir):
    def test_each_gets_a_located_error_and_fails_in_every_format(self):
        for what, name, content, line, column, pointer, message in BAD_FILES:
            with self.subTest(what):
                p = self.project(what.replace(" ", "-"), WARNING_ONLY)
                path = os.path.join(p, name)
                with open(path, "wb") as f:
                    f.write(content or b"")
                if content is None:
                    os.truncate(path, 100 << 20)
                r, report = check_json(p)
                self.assertEqual(r.returncode, 1, r.stderr)
                err = report["load_errors"][0]
                self.assertEqual((err["file"], err["line"], err["column"], err["pointer"]),
                                 (path, line, column, pointer))
                self.assertIn(message, err["message"])
                text = seam("check", p)
                self.assertEqual(text.returncode, 1)
                where = path + (f":{line}:{column}: " if line else ": ") + (pointer + ": " if pointer else "")
                self.assertIn(where, text.stdout)
                if line:  # the line and a caret under the column
                    self.assertRegex(text.stdout, re.escape(where) + r".*\n  .*\n  \s*\^\n")


class MissingInformation(Workdir):
    def test_field_written_empty_is_located_at_its_key(self):
        p = self.project("empty", {"trained_model.yaml": "version: '1.2'\nmodel_name: m\nml_frameworks: []\n"
                                                         "integration_test_dataset:\n  name: smoke\n  file: ''\n"
                                                         "test_dataset:\n  name: ' '\n  test_results: ''\n"})
        _, report = check_json(p)
        where = {}
        for f in report["findings"]:
            for item in f["items"]:
                for loc in item["locations"]:
                    where[loc["pointer"]] = (loc["line"], loc["column"])
        self.assertEqual(where["/ml_frameworks"], (3, 1))
        self.assertEqual(where["/integration_test_dataset/file"], (6, 3))
        self.assertNotIn("/integration_test_dataset/name", where)
        # An object of blanks is not provided as a whole, shown at its key.
        self.assertEqual(where["/test_dataset"], (7, 1))
        self.assertNotIn("/test_dataset/name", where)
        # A field that is absent is shown at the object that would hold it.
        self.assertEqual(where["/model_version"], (1, 1))


class JsonContract(Workdir):
    def test_keys_and_types(self):
        p = self.copy_example("fraud-mismatch")
        r, report = check_json(p)
        self.assertEqual(r.returncode, 1)
        self.assertTrue({"seam_version", "project", "findings", "load_errors", "waiver_problems", "summary"}
                        <= set(report))
        self.assertRegex(report["seam_version"], r"^\d+\.\d+\.\d+$")
        self.assertEqual(report["project"], p)
        self.assertTrue(report["findings"])
        for f in report["findings"]:
            with self.subTest(rule=f["rule"]):
                for key in ("rule", "tec_rule", "kind", "severity", "category", "subcategory", "message",
                            "rationale", "waived", "items"):
                    self.assertIn(key, f)
                self.assertIn(f["kind"], ("mismatch", "missing"))
                self.assertIn(f["severity"], ("error", "warning", "info"))
                self.assertTrue(f["tec_rule"] is None or isinstance(f["tec_rule"], str))
                self.assertIs(f["waived"], False)
                self.assertTrue(f["items"])
                for item in f["items"]:
                    self.assertIsInstance(item["text"], str)
                    self.assertIsInstance(item["values"], dict)
                    self.assertIsInstance(item["related"], list)
                    for loc in item["locations"]:
                        self.assertEqual(set(loc), {"descriptor", "pointer", "file", "line", "column"})
                        self.assertTrue(loc["pointer"] == "" or loc["pointer"].startswith("/"))
        s = report["summary"]
        self.assertEqual(set(s), {"error", "warning", "info", "waived"})
        for sev in ("error", "warning", "info"):
            self.assertEqual(s[sev], sum(1 for f in report["findings"] if f["severity"] == sev and not f["waived"]))
        self.assertEqual(s["waived"], 0)

    def test_item_values_and_locations(self):
        p = self.copy_example("fraud-mismatch")
        _, report = check_json(p)
        f = next(f for f in report["findings"] if f["rule"] == "model-output-type-downstream")
        self.assertEqual(f["tec_rule"], "3A")
        self.assertEqual(f["category"], "Trained Model")
        self.assertEqual(f["subcategory"], "API/Specifications")
        item = f["items"][0]
        self.assertEqual(item["values"]["output"], "fraud_probability")
        self.assertEqual(item["values"]["input_type"], "Integer")
        locs = {(l["descriptor"], l["pointer"]) for l in item["locations"]}
        self.assertEqual(locs, {("trained_model", "/output_spec/0/item_type"),
                                ("development_environment", "/downstream_components/0/input_spec/0/item_type")})
        for l in item["locations"]:
            self.assertTrue(l["file"].startswith(p))
            self.assertGreater(l["line"], 0)
            self.assertGreater(l["column"], 0)

    def test_both_sides_are_located(self):
        # The language is located in the model and the list it is missing from in the
        # development environment; the model component around the language is not repeated.
        p = self.copy_example("fraud-mismatch")
        _, report = check_json(p)
        f = next(f for f in report["findings"] if f["rule"] == "model-language-unsupported")
        item = f["items"][0]
        self.assertEqual(item["values"], {"language": "R"})
        self.assertEqual([(l["descriptor"], l["pointer"]) for l in item["locations"]],
                         [("trained_model", "/model_components/0/programming_languages/1"),
                          ("development_environment", "/programming_languages")])


    def test_every_comparison_is_located_on_both_sides(self):
        # A rule that reads two descriptors points into both: at the value it compared, and at
        # its counterpart or the list the counterpart is missing from.
        for name in ("fraud-mismatch", "fraud-clean"):
            _, report = check_json(self.copy_example(name))
            for f in report["findings"]:
                read = {r.split(".")[0] for r in f["reads"]}
                for item in f["items"]:
                    located = {l["descriptor"] for l in item["locations"]}
                    with self.subTest(rule=f["rule"], item=item["text"]):
                        self.assertTrue(f["kind"] == "missing" or len(read) < 2 or len(located) >= 2, located)


class VersionedNames(Workdir):
    """The `seam init` templates suggest "Python 3.11"; a model in "Python" must still pass."""

    def project_with(self, model_languages, env_languages, model_frameworks="[]", env_frameworks="[]"):
        return self.project("versions", {
            "trained_model.yaml": f"version: '1.2'\nmodel_components:\n  - programming_languages: {model_languages}\n"
                                  f"ml_frameworks: {model_frameworks}\n",
            "development_environment.yaml": f"version: '1.2'\nprogramming_languages: {env_languages}\n"
                                            f"ml_frameworks: {env_frameworks}\n",
        })

    def rules_fired(self, report):
        return {f["rule"]: f for f in report["findings"] if f["kind"] == "mismatch"}

    def test_a_name_without_version_matches_any_version(self):
        p = self.project_with("[Python]", "[Python 3.11]", "[scikit-learn, torch==2.1]",
                              "['scikit-learn>=1.2', torch 2.1.2]")
        r, report = check_json(p)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(self.rules_fired(report), {})

    def test_another_version_is_a_warning_located_on_both_sides(self):
        p = self.project_with("[Python 3.8]", "[Java 17, Python 3.11]", "[scikit-learn 1.1]", "['scikit-learn>=1.2']")
        r, report = check_json(p)
        self.assertEqual(r.returncode, 0, r.stdout)  # warnings do not fail by default
        fired = self.rules_fired(report)
        self.assertEqual(set(fired), {"model-language-version-differs", "model-framework-version-differs"})
        lang = fired["model-language-version-differs"]
        self.assertEqual(lang["severity"], "warning")
        self.assertEqual([(l["descriptor"], l["pointer"], l["line"]) for l in lang["items"][0]["locations"]],
                         [("trained_model", "/model_components/0/programming_languages/0", 3),
                          ("development_environment", "/programming_languages/1", 2)])
        fw = fired["model-framework-version-differs"]
        self.assertEqual([(l["descriptor"], l["pointer"]) for l in fw["items"][0]["locations"]],
                         [("trained_model", "/ml_frameworks/0"), ("development_environment", "/ml_frameworks/0")])
        self.assertEqual(seam("check", "--fail-on", "warning", p).returncode, 1)

    def test_a_missing_name_is_still_an_error(self):
        p = self.project_with("[R 4.3]", "[Python 3.11]")
        r, report = check_json(p)
        self.assertEqual(r.returncode, 1)
        f = self.rules_fired(report)["model-language-unsupported"]
        self.assertEqual([l["descriptor"] for l in f["items"][0]["locations"]],
                         ["trained_model", "development_environment"])


class OneCauseOneFinding(Workdir):
    """A model that needs a GPU where production has none is one error, not two."""

    def test_gpu_library_is_related_to_the_missing_gpu(self):
        p = self.project("gpu", {
            "trained_model.yaml": "version: '1.2'\ncomputing_resource_reqs: {gpu: 1}\n"
                                  "system_dependencies: [CUDA 12.1, libgomp1]\n",
            "production_environment.yaml": "version: '1.2'\ncomputing_resources: {gpu: 0}\n",
        })
        r, report = check_json(p)
        self.assertEqual(r.returncode, 1)
        errors = [f for f in report["findings"] if f["severity"] == "error"]
        self.assertEqual([f["rule"] for f in errors], ["model-compute-exceeds-production"])
        self.assertEqual(report["summary"]["error"], 1)
        item = errors[0]["items"][0]
        self.assertEqual([(x["rule"], x["severity"], x["text"]) for x in item["related"]],
                         [("gpu-dependency-without-gpu", "error",
                           "the model depends on 'CUDA 12.1' but the production environment has 0 GPUs")])
        self.assertEqual([l["pointer"] for l in item["related"][0]["locations"]],
                         ["/system_dependencies/0", "/computing_resources/gpu"])
        text = seam("check", p).stdout
        self.assertIn("      related: error[gpu-dependency-without-gpu] the model depends on 'CUDA 12.1'", text)
        self.assertIn("/system_dependencies/0\n", text)

    def test_without_a_gpu_requirement_the_library_is_its_own_finding(self):
        p = self.project("gpu", {
            "trained_model.yaml": "version: '1.2'\nsystem_dependencies: [CUDA 12.1]\n",
            "production_environment.yaml": "version: '1.2'\ncomputing_resources: {gpu: 0}\n",
        })
        _, report = check_json(p)
        self.assertEqual([f["rule"] for f in report["findings"] if f["severity"] == "error"],
                         ["gpu-dependency-without-gpu"])

    def test_an_unmapped_output_is_not_also_missing_information(self):
        p = self.copy_example("fraud-mismatch")
        _, report = check_json(p)
        rules = [f["rule"] for f in report["findings"]]
        self.assertIn("model-output-unmapped", rules)
        self.assertNotIn("missing-model-interface", rules)
        f = next(f for f in report["findings"] if f["rule"] == "model-output-unmapped")
        self.assertEqual({x["rule"] for x in f["items"][0]["related"]}, {"missing-model-interface"})


class Formats(Workdir):
    def setUp(self):
        super().setUp()
        self.p = self.copy_example("fraud-mismatch")
        _, self.report = check_json(self.p)

    def render(self, fmt):
        r = seam("check", "--format", fmt, self.p)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stderr, "")
        return r.stdout

    def test_text(self):
        out = self.render("text")
        self.assertIn("error[model-output-type-downstream] (TEC 3A)", out)
        s = self.report["summary"]
        self.assertIn(f"{s['error']} errors, {s['warning']} warnings, {s['info']} info, 0 waived", out)

    def test_markdown(self):
        out = self.render("markdown")
        self.assertTrue(out.startswith("# seam check"))
        self.assertIn("`model-output-type-downstream`", out)
        self.assertIn("|---", out)

    def test_html(self):
        out = self.render("html")
        self.assertTrue(out.startswith("<!DOCTYPE html>"))
        self.assertIn("</html>", out)
        self.assertIn("model-output-type-downstream", out)
        self.assertNotIn("<script", out)
        # Checked as ".", the page is still titled with the directory's name, and dated.
        here = subprocess.run([SEAM, "check", "--format", "html", "."], cwd=self.p, capture_output=True, text=True,
                              env=dict(os.environ, SOURCE_DATE_EPOCH="1796083200"))
        self.assertIn("<title>seam check: fraud-mismatch</title>", here.stdout)
        self.assertIn('<time datetime="2026-12-01T00:00:00Z">', here.stdout)
        # Files show relative to the project, with the full path on hover.
        self.assertIn('<span title="' + os.path.realpath(os.path.join(self.p, "trained_model.json")) +
                      '">trained_model.json</span>', here.stdout)

    def test_sarif(self):
        sarif = json.loads(self.render("sarif"))
        self.assertEqual(sarif["version"], "2.1.0")
        run = sarif["runs"][0]
        rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        self.assertEqual(len(rule_ids), rule_count())
        results = run["results"]
        self.assertEqual({r["ruleId"] for r in results}, {f["rule"] for f in self.report["findings"]})
        for r in results:
            self.assertEqual(rule_ids[r["ruleIndex"]], r["ruleId"])
            self.assertIn(r["level"], ("error", "warning", "note"))
            self.assertNotIn(".:", r["message"]["text"])  # message and item join as one sentence
            for loc in r.get("locations", []):
                if "physicalLocation" not in loc:
                    continue
                art = loc["physicalLocation"]["artifactLocation"]
                self.assertEqual(art["uriBaseId"], "PROJECTROOT")
                self.assertFalse(art["uri"].startswith(("/", "./", "file:")), art)
                self.assertTrue(os.path.isfile(os.path.join(self.p, art["uri"])), art)
        base = run["originalUriBaseIds"]["PROJECTROOT"]["uri"]
        self.assertEqual(base, "file://" + urllib.parse.quote(os.path.realpath(self.p)) + "/")

    def test_junit(self):
        root = ET.fromstring(self.render("junit"))
        cases = root.findall(".//testcase")
        self.assertEqual(len(cases), rule_count())
        self.assertEqual(len({c.get("name") for c in cases}), len(cases))
        failed = {c.get("name") for c in cases if c.find("failure") is not None}
        expected = {f["rule"] for f in self.report["findings"] if f["severity"] != "info"}
        self.assertEqual(failed, expected)
        self.assertEqual(int(root.get("tests")), len(cases))
        self.assertEqual(int(root.get("failures")), len(failed))


class UserRules(Workdir):
    def test_user_rule_fires(self):
        p = self.copy_example("fraud-mismatch")
        rules = self.write("team.yaml", USER_RULE)
        r, report = check_json("--rules", rules, p)
        self.assertEqual(r.returncode, 1, r.stderr)
        f = next(f for f in report["findings"] if f["rule"] == "team-no-gpu")
        self.assertIsNone(f["tec_rule"])
        self.assertEqual(f["severity"], "error")
        self.assertEqual(f["items"][0]["text"], "the model asks for 1 GPU(s)")
        self.assertEqual(f["items"][0]["values"], {"gpus": 1})
        self.assertEqual(f["items"][0]["locations"][0]["pointer"], "/computing_resource_reqs/gpu")
        listed = seam("rules", "list", "--rules", rules)
        self.assertIn("team-no-gpu", listed.stdout)

    def test_expression_error_is_located_with_caret(self):
        p = self.copy_example("fraud-mismatch")
        bad = self.write("bad.yaml", USER_RULE.replace("when: gpus > 0",
                                                       "when: trained_model.computing_resource_reqs.gpus > 0"))
        r = seam("check", "--rules", bad, p)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, "")
        # line 10, column of "gpus" after "computing_resource_reqs."
        source = "    when: trained_model.computing_resource_reqs.gpus > 0"
        col = source.index("gpus >") + 1
        self.assertIn(f"{bad}:10:{col}: /rules/0/when: no field 'gpus' here (did you mean 'gpu'?)", r.stderr)
        lines = r.stderr.splitlines()
        shown = next(i for i, l in enumerate(lines) if l.endswith(source.strip()))
        indent = len(lines[shown]) - len(source)
        self.assertEqual(lines[shown + 1], " " * (indent + col - 1) + "^")

    def test_unknown_function_and_key(self):
        p = self.copy_example("fraud-mismatch")
        for old, new, expect in [("when: gpus > 0", "when: sme(gpus, 1)", "unknown function 'sme' (did you mean 'same'?)"),
                                 ("    rationale:", "    rationael:", "unknown rule key 'rationael' (did you mean 'rationale'?)"),
                                 ("subcategory: Computing Resources", "subcategory: Compute",
                                  "'Compute' is not a subcategory of Operational Environment")]:
            with self.subTest(expect=expect):
                bad = self.write("bad.yaml", USER_RULE.replace(old, new))
                r = seam("check", "--rules", bad, p)
                self.assertEqual(r.returncode, 2)
                self.assertIn(expect, r.stderr)
                self.assertRegex(r.stderr, re.escape(bad) + r":\d+:\d+: ")

    def test_malformed_yaml_rule_file(self):
        p = self.copy_example("fraud-mismatch")
        bad = self.write("broken.yaml", "rules:\n  - id: x\n    when: [a, b\n")
        r = seam("check", "--rules", bad, p)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, re.escape(bad) + r":\d+:\d+: invalid YAML")
        r = seam("rules", "list", "--rules", bad)
        self.assertEqual(r.returncode, 2)

    def test_rule_file_that_does_not_exist(self):
        r = seam("rules", "list", "--rules", os.path.join(self.dir, "nope.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("No such file or directory", r.stderr)


class Waivers(Workdir):
    def waived(self, waivers, files=ONE_ERROR):
        p = self.project("err", files)
        self.write("err/waivers.yaml", waivers)
        return check_json(p) + (p,)

    def test_waiver_that_matches_everything(self):
        r, report, _ = self.waived("waivers:\n  - rule: model-language-unsupported\n"
                                   "    reason: the R and Julia parts are being rewritten\n"
                                   "    accepted_by: Dana Ruiz\n")
        f = next(f for f in report["findings"] if f["rule"] == "model-language-unsupported")
        self.assertIs(f["waived"], True)
        self.assertEqual(f["waiver_reason"], "the R and Julia parts are being rewritten (accepted by Dana Ruiz)")
        self.assertEqual(len(f["items"]), 2)
        self.assertEqual(report["summary"]["waived"], 1)
        self.assertEqual(report["summary"]["error"], 0)
        self.assertEqual(report["waiver_problems"], [])
        self.assertEqual(r.returncode, 0, "a waived error must not fail the run")
        text = seam("check", os.path.join(self.dir, "err"))
        self.assertEqual(text.returncode, 0)
        self.assertIn("waived (accepted, not counted):", text.stdout)
        self.assertIn("waived: the R and Julia parts are being rewritten (accepted by Dana Ruiz)", text.stdout)

    def test_waiver_with_match_waives_some_items(self):
        r, report, _ = self.waived("waivers:\n  - rule: model-language-unsupported\n    match: julia\n"
                                   "    reason: Julia is only used offline\n    accepted_by: Sam Lee\n"
                                   "    expires: 2999-12-31\n")
        findings = [f for f in report["findings"] if f["rule"] == "model-language-unsupported"]
        self.assertEqual(len(findings), 2)
        open_, waived = sorted(findings, key=lambda f: f["waived"])
        self.assertEqual([i["values"]["language"] for i in open_["items"]], ["R"])
        self.assertEqual([i["values"]["language"] for i in waived["items"]], ["Julia"])
        self.assertEqual(report["summary"]["error"], 1)
        self.assertEqual(report["summary"]["waived"], 1)
        self.assertEqual(r.returncode, 1)

    def test_expired_waiver_is_reported_and_counts_again(self):
        r, report, p = self.waived("waivers:\n  - rule: model-language-unsupported\n"
                                   "    reason: temporary\n    accepted_by: Sam Lee\n    expires: 2001-01-31\n")
        f = next(f for f in report["findings"] if f["rule"] == "model-language-unsupported")
        self.assertIs(f["waived"], False)
        self.assertEqual(report["summary"]["error"], 1)
        self.assertEqual(r.returncode, 1)
        problem = report["waiver_problems"][0]
        self.assertEqual((problem["rule"], problem["problem"], problem["line"]), ("model-language-unsupported", "expired", 2))
        self.assertIn("2001-01-31", problem["detail"])
        text = seam("check", p)
        self.assertIn("waivers.yaml:2: warning: waiver for model-language-unsupported expired on 2001-01-31", text.stdout)

    def test_unused_waiver_is_reported(self):
        r, report, _ = self.waived("waivers:\n  - rule: model-language-unsupported\n    match: cobol\n"
                                   "    reason: x\n    accepted_by: y\n"
                                   "  - rule: statistic-differs\n    reason: x\n    accepted_by: y\n")
        problems = [(p["rule"], p["problem"], p["line"]) for p in report["waiver_problems"]]
        self.assertEqual(problems, [("model-language-unsupported", "unused", 2), ("statistic-differs", "unused", 6)])
        self.assertEqual(report["summary"]["waived"], 0)
        self.assertEqual(r.returncode, 1)

    def test_waiver_for_a_misspelt_rule_suggests_the_rule(self):
        r, report, p = self.waived("waivers:\n  - rule: model-language-unsuported\n    reason: x\n    accepted_by: y\n")
        self.assertEqual([p["detail"] for p in report["waiver_problems"]],
                         ["matches no finding: there is no rule 'model-language-unsuported' "
                          "(did you mean 'model-language-unsupported'?)"])
        self.assertIn("waiver for model-language-unsuported matches no finding: there is no rule "
                      "'model-language-unsuported' (did you mean 'model-language-unsupported'?)", seam("check", p).stdout)

    def test_malformed_waivers_file(self):
        for content, where, expect in [
                ("waivers:\n  - rule: x\n    reasn: y\n", ":3:5:", "unknown waiver key 'reasn' (did you mean 'reason'?)"),
                ("waivers:\n  - rule: x\n    reason: y\n", ":2:5:", "a waiver needs 'accepted_by'"),
                ("waivers:\n  - rule: x\n    reason: y\n    accepted_by: z\n    expires: soon\n", ":5:14:",
                 "expected a date YYYY-MM-DD"),
                ("waivers: [\n", ":1:11:", "invalid YAML")]:
            with self.subTest(content=content):
                p = self.project("err", ONE_ERROR)
                path = self.write("err/waivers.yaml", content)
                r, report = check_json(p)
                self.assertEqual(r.returncode, 2)
                err = report["load_errors"][0]
                self.assertEqual(err["file"], path)
                self.assertIn(expect, err["message"])
                text = seam("check", p)
                self.assertEqual(text.returncode, 2)
                self.assertIn(path + where, text.stdout + text.stderr)


class Parameters(Workdir):
    def test_set_tolerance_silences_the_statistic(self):
        p = self.copy_example("fraud-mismatch")
        _, before = check_json(p)
        self.assertIn("statistic-differs", [f["rule"] for f in before["findings"]])
        r, after = check_json("--set", "statistic-differs.tolerance=0.5", p)
        self.assertEqual(r.returncode, 1)
        self.assertNotIn("statistic-differs", [f["rule"] for f in after["findings"]])
        self.assertEqual(after["summary"]["warning"], before["summary"]["warning"] - 1)

    def test_set_on_unknown_rule_or_parameter(self):
        p = self.copy_example("fraud-mismatch")
        for value, expect in [("nosuch.x=1", "no rule 'nosuch'"),
                              ("statistic-differ.tolerance=1", "(did you mean 'statistic-differs'?)"),
                              ("statistic-differs.nosuch=1", "has no parameter 'nosuch'; its parameters are tolerance"),
                              ("statistic-differs.tolerence=1", "has no parameter 'tolerence' (did you mean 'tolerance'?)"),
                              ("goal-without-metric.x=1", "rule 'goal-without-metric' has no parameters"),
                              ("statistic-differs.tolerance=abc", "expects a number"),
                              ("tolerance", "RULE.PARAM=VALUE")]:
            with self.subTest(value=value):
                r = seam("check", "--set", value, p)
                self.assertEqual(r.returncode, 2)
                self.assertIn(expect, r.stderr)


class Batch(Workdir):
    def test_one_json_line_per_project(self):
        root = os.path.join(self.dir, "many")
        os.makedirs(root)
        self.copy_example("fraud-mismatch", os.path.join("many", "b-mismatch"))
        self.copy_example("fraud-clean", os.path.join("many", "a-clean"))
        with open(os.path.join(root, "notes.txt"), "w") as f:
            f.write("not a project\n")
        r = seam("check", "--batch", root)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2, r.stdout)
        reports = [json.loads(l) for l in lines]
        self.assertEqual([os.path.basename(x["project"]) for x in reports], ["a-clean", "b-mismatch"])
        self.assertGreater(reports[1]["summary"]["error"], 0)
        self.assertEqual(r.returncode, 1)
        never = seam("check", "--batch", "--fail-on", "never", root)
        self.assertEqual(never.returncode, 0)

    def test_entry_without_descriptors_is_an_error_and_the_others_still_run(self):
        root = os.path.join(self.dir, "many")
        self.project(os.path.join("many", "a-warn"), WARNING_ONLY)
        self.write(os.path.join("many", "b-data", "readings.csv"), "a,b\n1,2\n")
        r = seam("check", "--batch", root)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertEqual([os.path.basename(json.loads(l)["project"]) for l in r.stdout.splitlines()], ["a-warn"])
        self.assertIn("no descriptors found in " + os.path.join(root, "b-data"), r.stderr)

    def batch_root(self):
        root = os.path.join(self.dir, "many")
        os.makedirs(root)
        self.copy_example("fraud-clean", os.path.join("many", "a-clean"))
        self.copy_example("fraud-mismatch", os.path.join("many", "b-mismatch"))
        return root

    def test_every_format_covers_every_project(self):
        root = self.batch_root()
        out = {}
        for fmt in ["text", "json", "markdown", "html", "sarif", "junit"]:
            r = seam("check", "--batch", "--format", fmt, root)
            self.assertEqual((r.returncode, r.stderr), (1, ""), fmt)
            out[fmt] = r.stdout
        names = [os.path.join(root, "a-clean"), os.path.join(root, "b-mismatch")]
        self.assertEqual(re.findall(r"^== (.*) ==$", out["text"], re.M), names)
        self.assertEqual([h.replace("\\", "") for h in re.findall(r"^# seam check: (.*)$", out["markdown"], re.M)], names)
        self.assertEqual([json.loads(l)["project"] for l in out["json"].splitlines()], names)
        page = ET.fromstring(out["html"].replace("<!DOCTYPE html>", ""))
        self.assertEqual(page.find(".//title").text, "seam check: 2 projects")
        self.assertEqual(len(page.findall(".//section[@class='project']")), 2)
        ids = {e.get("id") for e in page.iter() if e.get("id")}
        for a in page.iter("a"):
            self.assertIn(a.get("href")[1:], ids)
        self.assertNotIn("<script", out["html"])
        runs = json.loads(out["sarif"])["runs"]
        self.assertEqual([r["originalUriBaseIds"]["PROJECTROOT"]["uri"] for r in runs],
                         ["file://" + urllib.parse.quote(os.path.realpath(n)) + "/" for n in names])
        self.assertEqual(len({r["automationDetails"]["id"] for r in runs}), 2)
        suites = ET.fromstring(out["junit"])
        self.assertEqual([s.get("name") for s in suites], ["seam check " + n for n in names])
        for key in ["tests", "failures", "errors"]:
            self.assertEqual(int(suites.get(key)), sum(int(s.get(key)) for s in suites))

    def test_rules_set_and_fail_on_apply_to_every_project(self):
        root = self.batch_root()
        rules = self.write("team.yaml", USER_RULE)
        r = seam("check", "--batch", "--rules", rules, "--format", "json", root)
        fired = [[f["rule"] for f in json.loads(l)["findings"]] for l in r.stdout.splitlines()]
        self.assertEqual(["team-no-gpu" in f for f in fired], [False, True])
        plain = [json.loads(l) for l in seam("check", "--batch", root).stdout.splitlines()]
        loose = [json.loads(l) for l in seam("check", "--batch", "--set", "statistic-differs.tolerance=100",
                                             root).stdout.splitlines()]
        stat = lambda rep: [f for f in rep["findings"] if f["rule"] == "statistic-differs"]
        self.assertTrue(stat(plain[1]))
        self.assertFalse(stat(loose[1]))
        for fmt in ["sarif", "junit", "html"]:
            self.assertEqual(seam("check", "--batch", "--fail-on", "never", "--format", fmt, root).returncode, 0)
        bad = seam("check", "--batch", "--set", "statistic-differs.tolerance=x", root)
        self.assertEqual(bad.returncode, 2)

    def test_threads_change_nothing_in_the_output(self):
        # Projects of different sizes, so that workers finish out of order, and broken ones,
        # whose errors must come out in the same order as well.
        root = os.path.join(self.dir, "many")
        for i in range(12):
            name = os.path.join(root, "p%02d" % i)
            if i % 5 == 3:
                self.write(os.path.join("many", "p%02d" % i, "readings.csv"), "a\n1\n")
                continue
            example = ["turbine-maintenance", "fraud-detection", "broken"][i % 3]
            shutil.copytree(os.path.join(ROOT, "examples", example), name, ignore=shutil.ignore_patterns("data"))
        # The reports carry the time they were made: fix it, as a reproducible build would.
        env = dict(os.environ, SOURCE_DATE_EPOCH="1780000000")
        batch = lambda threads, fmt: subprocess.run([SEAM, "check", "--batch", "--threads", threads, "--format", fmt, root],
                                                    capture_output=True, text=True, env=env, timeout=120)
        for fmt in ["json", "text", "sarif", "junit", "html", "markdown"]:
            one = batch("1", fmt)
            self.assertEqual(one.returncode, 2, one.stderr)
            self.assertEqual(one.stderr.count("no descriptors found"), 2)
            if fmt == "json":
                self.assertEqual(len(one.stdout.splitlines()), 10)
            for threads in ["2", "5"]:
                with self.subTest(format=fmt, threads=threads):
                    r = batch(threads, fmt)
                    self.assertEqual((r.returncode, r.stdout, r.stderr), (one.returncode, one.stdout, one.stderr))
        r = seam("check", "--threads", "2", root)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--threads needs --batch", r.stderr)
        r = seam("check", "--batch", "--threads", "0", root)
        self.assertIn("--threads expects a number from 1 to 256; found '0'", r.stderr)

    def test_bad_format_and_empty_root_are_usage_errors(self):
        r = seam("check", "--batch", "--format", "pdf", self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--format must be one of", r.stderr)
        r = seam("check", "--batch", self.dir)
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertIn("holds no project directories", r.stderr)


class RulesCommand(Workdir):
    def test_list(self):
        r = seam("rules", "list")
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(), ["RULE", "KIND", "SEVERITY", "TEC", "TAXONOMY"])
        self.assertEqual(len(lines) - 2, rule_count())
        row = next(l for l in lines if l.startswith("model-output-type-downstream "))
        self.assertEqual(row.split()[1:4], ["mismatch", "error", "3A"])

    def test_show(self):
        r = seam("rules", "show", "model-output-type-downstream")
        self.assertEqual(r.returncode, 0)
        self.assertIn("model-output-type-downstream  (error, mismatch, TEC rule 3A)", r.stdout)
        for key in ("taxonomy:", "defined:", "message:", "rationale:", "reads:"):
            self.assertIn(key, r.stdout)
        self.assertIn("Trained Model / API/Specifications", r.stdout)
        self.assertIn("trained_model.output_spec[].item_type", r.stdout)
        shown = seam("rules", "show", "model-compute-exceeds-production").stdout
        self.assertIn("\nsubsumes:  gpu-dependency-without-gpu\n", shown)

    def test_show_unknown(self):
        r = seam("rules", "show", "nosuch")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no rule 'nosuch'", r.stderr)
        r = seam("rules", "show", "model-output-type-dowstream")
        self.assertEqual(r.returncode, 2)
        self.assertIn("did you mean 'model-output-type-downstream'?", r.stderr)

    def test_complete_with_rules_is_about_the_rules_under_test(self):
        rules = self.write("mine.yaml", USER_RULE)
        cases = self.write("cases.yaml", """\
rule: team-no-gpu
cases:
  - name: a GPU fires
    project:
      trained_model: {version: "1.2", computing_resource_reqs: {gpu: 1}}
    expect: ["asks for 1 GPU"]
""")
        r = seam("rules", "test", "--complete", "--rules", rules, cases)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertEqual(r.stdout, "MISSING team-no-gpu: no case where it stays quiet\n"
                                   "1 cases, 0 failed, 1 rules without both kinds of case\n")
        with open(cases, "a") as f:
            f.write("  - name: no GPU stays quiet\n    project:\n"
                    "      trained_model: {version: \"1.2\", computing_resource_reqs: {gpu: 0}}\n    expect: []\n")
        r = seam("rules", "test", "--complete", "--rules", rules, cases)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout, "2 cases, 0 failed, 0 rules without both kinds of case\n")
        # Without --rules the built-in catalogue is under test.
        builtin = seam("rules", "test", "--complete", os.path.join(ROOT, "rules", "tests", "tec-1-2.yaml"))
        self.assertIn("MISSING model-output-type-downstream: no case where it fires", builtin.stdout)
        self.assertNotIn("MISSING goal-without-metric", builtin.stdout)

    def test_misspellings_get_a_suggestion(self):
        for args, expect in [(("coverag",), "did you mean 'coverage'?"),
                             (("coverage", "--format", "markdwn"), "did you mean 'markdown'?")]:
            with self.subTest(args=args):
                r = seam("rules", *args)
                self.assertEqual(r.returncode, 2)
                self.assertIn(expect, r.stderr)
        cases = self.write("typo.yaml", "rule: model-language-unsuported\ncases: [{name: x, project: {}, expect: []}]\n")
        r = seam("rules", "test", cases)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no rule 'model-language-unsuported' in the catalogue (did you mean 'model-language-unsupported'?)",
                      r.stderr)

    def test_coverage_json(self):
        r = seam("rules", "coverage", "--format", "json")
        self.assertEqual(r.returncode, 0)
        cov = json.loads(r.stdout)
        self.assertEqual(len(cov["subcategories"]), 34)
        self.assertEqual(cov["total"], 34)
        self.assertEqual(cov["covered"], sum(1 for s in cov["subcategories"] if s["covered"]))
        for s in cov["subcategories"]:
            self.assertEqual(set(s), {"category", "code", "subcategory", "importance", "rules", "text_rules", "missing_checks",
                                      "covered", "coverage", "basis"})
            self.assertEqual(s["covered"], bool(s["rules"] or s["missing_checks"]))
            self.assertEqual(s["coverage"], "mismatch" if s["rules"] else "missing_only" if s["missing_checks"] else "none")
            self.assertLessEqual(set(s["text_rules"]), set(s["rules"]))
            structured = len(s["rules"]) > len(s["text_rules"])
            self.assertEqual(s["basis"], "structured" if structured else "text" if s["rules"] else "none")
        # Covered by something is not the same as covered by a rule that can find a mismatch.
        self.assertEqual(cov["by_mismatch"], sum(1 for s in cov["subcategories"] if s["rules"]))
        self.assertEqual(cov["missing_only"], cov["covered"] - cov["by_mismatch"])
        self.assertEqual(cov["by_structured"] + cov["text_only"], cov["by_mismatch"])
        self.assertGreater(cov["text_only"], 0)
        self.assertGreater(cov["missing_only"], 0)
        self.assertEqual(cov["not_covered"], cov["total"] - cov["covered"])
        api = next(s for s in cov["subcategories"] if s["subcategory"] == "API/Specifications")
        self.assertIn("model-output-type-downstream", api["rules"])

    def test_coverage_text_and_markdown(self):
        text = seam("rules", "coverage")
        self.assertEqual(text.returncode, 0)
        self.assertRegex(text.stdout, r"\n\d+ of 34 subcategories covered by a structured rule, \d+ by text rules only, "
                                      r"\d+ only by a missing-information check, 0 not covered\n")
        self.assertRegex(text.stdout, r"\nTP  Usage Context +\d+%  missing only   missing: missing-usage-context\n")
        self.assertRegex(text.stdout, r"\nTP  Task +\d+%  text only      task-granularity-differs\*; missing: missing-task\n")
        self.assertIn("\nCAT: category: TP Task and Purpose, RD Raw Data,", text.stdout)
        md = seam("rules", "coverage", "--format", "markdown")
        self.assertEqual(md.returncode, 0)
        self.assertEqual(md.stdout.count("\n| "), 34)  # one row per subcategory, after the header
        self.assertIn("| Task and Purpose | Usage Context | 98% | missing only | **none** | missing-usage-context |", md.stdout)
        self.assertIn("| Task and Purpose | Task | 98% | text only | task-granularity-differs\\* | missing-task |", md.stdout)

    def test_rule_cases(self):
        cases = self.write("cases.yaml", """\
rule: model-language-unsupported
cases:
  - name: a language the environment lacks
    project:
      trained_model: {version: "1.2", model_components: [{programming_languages: [Python, R]}]}
      development_environment: {version: "1.2", programming_languages: [python]}
    expect: ["uses R"]
  - name: names differ only in case
    project:
      trained_model: {version: "1.2", model_components: [{programming_languages: [Python]}]}
      development_environment: {version: "1.2", programming_languages: [python]}
    expect: []
  - name: a wrong expectation
    project:
      trained_model: {version: "1.2", model_components: [{programming_languages: [Python]}]}
      development_environment: {version: "1.2", programming_languages: [python]}
    expect: ["uses Python"]
""")
        r = seam("rules", "test", cases)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(f"FAIL {cases}:13: model-language-unsupported: a wrong expectation", r.stdout)
        self.assertIn("expected an item containing 'uses Python'", r.stdout)
        self.assertTrue(r.stdout.endswith("3 cases, 1 failed\n"), r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=1)
