#!/usr/bin/env python3
"""End-to-end tests: run the real seam binary on files and check output and exit codes.

Usage: e2e_test.py PATH/TO/seam   (run by ctest; needs only the Python standard library)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
EXAMPLE = os.path.join(ROOT, "examples", "fraud-detection")


def seam(*args, user=None):
    cmd = [SEAM, *args]
    if user:  # run as an unprivileged user, so that file permissions apply even to root
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=120)


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="seam_e2e_")
        os.chmod(self.dir, 0o755)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, content, mode="w"):
        path = os.path.join(self.dir, name)
        with open(path, mode) as f:
            f.write(content)
        return path


class Commands(unittest.TestCase):
    def test_version(self):
        r = seam("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^seam \d+\.\d+\.\d+\ndescriptor formats read: ")

    def test_help_lists_commands_from_the_table(self):
        r = seam("help")
        self.assertEqual(r.returncode, 0)
        for name in ("validate", "init", "help"):
            self.assertIn(f"  {name} ", r.stdout)

    def test_help_for_one_command(self):
        r = seam("help", "validate")
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage: seam validate", r.stdout)
        self.assertIn("--format text|json", r.stdout)

    def test_unknown_command_suggests(self):
        r = seam("valdate", "x")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown command 'valdate'; did you mean 'validate'?", r.stderr)
        r = seam("help", "int")
        self.assertEqual(r.returncode, 2)
        self.assertIn("did you mean 'init'?", r.stderr)

    def test_unknown_option_suggests(self):
        r = seam("validate", "--formt", "json", EXAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown option '--formt'; did you mean '--format'?", r.stderr)

    def test_no_arguments_is_usage_error(self):
        self.assertEqual(seam().returncode, 2)
        self.assertEqual(seam("validate").returncode, 2)


class ValidateExamples(unittest.TestCase):
    def test_bundled_example_is_valid(self):
        r = seam("validate", EXAMPLE)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout, "8 files checked: all valid\n")

    def test_tec_examples_are_valid_including_legacy(self):
        for name in ("fraud-clean", "fraud-mismatch", "legacy-1.1", "tm-only"):
            path = os.path.join(SHARED, "examples", "tec", name)
            if not os.path.isdir(path):
                self.skipTest("shared examples not present")
            # --strict: the keys real TEC documents carry are all known, none is noise.
            r = seam("validate", "--strict", path)
            self.assertEqual(r.returncode, 0, r.stdout)
            self.assertNotIn("warning", r.stdout)

    def legacy_example(self):
        legacy = os.path.join(SHARED, "examples", "tec", "legacy-1.1")
        if not os.path.isdir(legacy):
            self.skipTest("shared examples not present")
        return legacy

    def test_json_report_contract(self):
        legacy = self.legacy_example()
        r = seam("validate", "--format", "json", EXAMPLE, legacy)
        self.assertEqual(r.returncode, 0, r.stdout)
        report = json.loads(r.stdout)
        self.assertEqual(len(report["files"]), 8 + 5)
        for f in report["files"]:
            self.assertEqual(set(f), {"path", "descriptor", "version", "valid", "errors", "warnings"})
            self.assertTrue(f["valid"])
        versions = {f["descriptor"]: f["version"] for f in report["files"] if "legacy" in f["path"]}
        self.assertEqual(versions["trained_model"], "1.1")

    def test_verbose_mentions_ignored_files_and_upgrades(self):
        legacy = self.legacy_example()
        r = seam("validate", "--verbose", legacy)
        self.assertEqual(r.returncode, 0)
        self.assertIn("expected_tec_output.json: note: ignored", r.stderr)
        self.assertIn("note: upgraded from format 1.1 to 1.2", r.stdout)


class ValidateBadInput(Workdir):
    def check_invalid(self, name, content, expect, mode="w", line=None):
        path = self.write(name, content, mode)
        r = seam("validate", path)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(expect, r.stdout)
        self.assertTrue(r.stdout.startswith(path + (f":{line}:" if line else "")), r.stdout)
        self.assertIn("1 invalid", r.stdout)
        return r

    def test_enum_error_is_located_with_caret(self):
        r = self.check_invalid(
            "trained_model.yaml",
            "version: '1.2'\noutput_spec:\n  - item_name: score\n    item_type: Str\n",
            "trained_model.yaml:4:16: /output_spec/0/item_type: expected one of Integer, Float, String, "
            "Image, Other; found 'Str'")
        self.assertIn("\n      item_type: Str\n                 ^\n", r.stdout)

    def test_wrong_type_in_json(self):
        self.check_invalid("raw_data.json", '{"version": "1.2",\n "number_of_instances": "many"}',
                           "/number_of_instances: expected an integer; found string 'many'", line=2)

    def test_invalid_json(self):
        self.check_invalid("raw_data.json", '{"version": "1.2",\n "a": }', "invalid JSON", line=2)

    def test_invalid_yaml(self):
        self.check_invalid("raw_data.yaml", "version: '1.2'\nschema: [a, b\n", "invalid YAML")

    def test_syntax_errors_show_the_line_and_a_caret(self):
        # Mid-file and at the end of the file (a bracket left open), in YAML and in JSON.
        for name, content, diagnostic in [
                ("raw_data.yaml", "version: '1.2'\ndataset_name: a: b\n",
                 ":2:16: invalid YAML: mapping values are not allowed in this context\n  dataset_name: a: b\n                 ^\n"),
                ("raw_data.yaml", "version: '1.2'\nschema: [a, b\n",
                 ":2:14: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence\n  schema: [a, b\n               ^\n"),
                ("raw_data.json", '{"version": "1.2",\n "dataset_name" "x"}',
                 ':2:17: invalid JSON: expected \':\' after the key\n   "dataset_name" "x"}\n                  ^\n'),
                ("raw_data.json", '{"version": "1.2",\n "schema": [1, 2\n\n',
                 ':2:17: invalid JSON: the array is not closed\n   "schema": [1, 2\n                  ^\n')]:
            with self.subTest(content=content):
                r = self.check_invalid(name, content, "invalid")
                self.assertEqual(r.stdout, self.dir + "/" + name + diagnostic + "1 file checked: 1 invalid, 1 problem\n")
                check = seam("check", self.dir)
                self.assertIn(self.dir + "/" + name + diagnostic, check.stdout)
                os.remove(os.path.join(self.dir, name))

    def test_empty_file(self):
        self.check_invalid("raw_data.yaml", "", "empty file")

    def test_binary_file(self):
        self.check_invalid("raw_data.json", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file", mode="wb", line=3)

    def test_invalid_utf8(self):
        self.check_invalid("raw_data.yaml", b"version: '1.2'\ndataset_name: \xc3\x28\n", "invalid UTF-8",
                           mode="wb", line=2)

    def test_byte_order_mark_is_accepted(self):
        path = self.write("raw_data.json", b'\xef\xbb\xbf{"version": "1.2"}', "wb")
        self.assertEqual(seam("validate", path).returncode, 0)

    def test_duplicate_keys(self):
        self.check_invalid("raw_data.json", '{"version": "1.2", "dataset_name": "a",\n "dataset_name": "b"}',
                           "duplicate key 'dataset_name'", line=2)

    def test_deep_nesting(self):
        self.check_invalid("raw_data.json", "[" * 100000 + "]" * 100000, "nesting is deeper than 64 levels")
        self.check_invalid("raw_data.yaml", "[" * 100000 + "]" * 100000, "raw_data.yaml:")

    def test_quote_left_open_is_not_the_rest_of_the_file(self):
        r = self.check_invalid("raw_data.yaml", "version: '1.2'\ndataset_name: \"abc\nnumber_of_instances: x\n",
                               ":2:15: /dataset_name: invalid YAML: the quoted text is not closed", line=2)
        self.assertIn('\n  dataset_name: "abc\n                ^\n', r.stdout)

    def test_located_errors_name_column_and_field_in_json(self):
        deep = "[" * 70 + "]" * 70
        for name, content, where in [
                ("raw_data.yaml", "version: '1.2'\nschema:\n  - expected_values: " + deep + "\n",
                 ("/schema/0/expected_values", 3, 83)),
                ("raw_data.yaml", b"version: '1.2'\ndataset_name: caf\xe9\n", ("", 2, 18))]:
            with self.subTest(content=content):
                path = self.write(name, content, "wb" if isinstance(content, bytes) else "w")
                r = seam("validate", "--format", "json", path)
                self.assertEqual(r.returncode, 1)
                err = json.loads(r.stdout)["files"][0]["errors"][0]
                self.assertEqual((err["pointer"], err["line"], err["column"]), where)

    def test_huge_file_is_refused_with_the_limit(self):
        path = self.write("raw_data.json", "")
        os.truncate(path, 100 << 20)
        r = seam("validate", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("file is 100.0 MiB; descriptor files are limited to 16.0 MiB", r.stdout)

    def test_unknown_version(self):
        self.check_invalid("raw_data.yaml", "version: '3.1'\n",
                           "/version: unknown format version '3.1'; seam reads 1.0, 1.1 and 1.2", line=1)

    def test_two_files_for_one_descriptor(self):
        self.write("trained_model.json", '{"version": "1.2"}')
        self.write("trained_model.yaml", "version: '1.2'\n")
        r = seam("validate", self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertIn("two files describe the Trained Model (trained_model.json, trained_model.yaml)", r.stdout)

    def test_missing_path(self):
        r = seam("validate", os.path.join(self.dir, "nope", "trained_model.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("No such file or directory", r.stdout)

    def test_directory_without_descriptors(self):
        empty = os.path.join(self.dir, "empty")
        os.makedirs(empty)
        for fmt in ("text", "json"):
            with self.subTest(format=fmt):
                r = seam("validate", "--format", fmt, empty)
                self.assertEqual(r.returncode, 2, r.stdout)
                self.assertIn("no descriptors found in " + empty + "; expected files named system_context.yaml, "
                              "raw_data.yaml", r.stdout)
                self.assertIn("production_data.yaml (or .yml, .json)", r.stdout)
        self.assertNotIn(empty + ": no descriptors", seam("validate", empty).stdout)  # said once, not twice

    def test_missing_directory_says_so(self):
        r = seam("validate", os.path.join(self.dir, "nope"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("No such file or directory", r.stdout)
        self.assertNotIn("cannot tell which descriptor", r.stdout)

    def test_unreadable_file(self):
        path = self.write("trained_model.yaml", "version: '1.2'\n")
        os.chmod(path, 0)
        r = seam("validate", path, user=65534 if os.geteuid() == 0 else None)  # 65534: nobody
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("Permission denied", r.stdout)

    def test_unknown_file_name_needs_as(self):
        path = self.write("model.yaml", "version: '1.2'\nensemble: 3\n")
        r = seam("validate", path)
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot tell which descriptor this is", r.stdout)
        r = seam("validate", "--as", "trained_model", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("/ensemble: expected a boolean", r.stdout)

    def test_errors_in_several_files_are_all_reported(self):
        self.write("raw_data.yaml", "version: '1.2'\nnumber_of_instances: x\n")
        self.write("trained_model.yaml", "version: '1.2'\nensemble: 3\n")
        r = seam("validate", "--format", "json", self.dir)
        self.assertEqual(r.returncode, 1)
        files = json.loads(r.stdout)["files"]
        self.assertEqual([f["valid"] for f in files], [False, False])
        err = files[0]["errors"][0]
        self.assertEqual((err["pointer"], err["line"], err["column"]), ("/number_of_instances", 2, 22))


def document_from_tec_schema(schema):
    """A document holding every field a TEC schema defines, each with a value of its type."""
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "string")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object":
        return {k: document_from_tec_schema(v) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [document_from_tec_schema(schema.get("items", {}))]
    return {"integer": 1, "number": 1.5, "boolean": True, "null": None}.get(
        kind, "2024-01-31" if schema.get("format") == "date" else "text")


class UnknownFields(Workdir):
    TYPO = "version: '1.2'\nmodel_name: m\ncomputing_resource_req: {gpu: 1}\n"
    WARNING = ("trained_model.yaml:3:1: warning: /computing_resource_req: unknown field "
               "'computing_resource_req' (did you mean 'computing_resource_reqs'?)\n"
               "  computing_resource_req: {gpu: 1}\n  ^\n")

    def test_misspelt_field_is_a_located_warning_with_a_suggestion(self):
        path = self.write("trained_model.yaml", self.TYPO)
        r = seam("validate", path)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(r.stdout, path[:-len("trained_model.yaml")] + self.WARNING +
                         "1 file checked: all valid, 1 warning\n")
        report = json.loads(seam("validate", "--format", "json", path).stdout)["files"][0]
        self.assertTrue(report["valid"])
        self.assertEqual(report["errors"], [])
        w = report["warnings"][0]
        self.assertEqual((w["pointer"], w["line"], w["column"]), ("/computing_resource_req", 3, 1))
        self.assertIn("did you mean 'computing_resource_reqs'?", w["message"])

    def test_strict_makes_it_an_error(self):
        path = self.write("trained_model.yaml", self.TYPO)
        r = seam("validate", "--strict", path)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("trained_model.yaml:3:1: /computing_resource_req: unknown field", r.stdout)
        self.assertIn("1 file checked: 1 invalid, 1 problem\n", r.stdout)

    def test_extension_fields_are_quiet(self):
        path = self.write("trained_model.yaml", "version: '1.2'\nx-owner: {team: ops}\n")
        r = seam("validate", "--strict", path)
        self.assertEqual((r.returncode, r.stdout), (0, "1 file checked: all valid\n"))

    def test_every_field_of_every_tec_format_is_known(self):
        ref = os.path.join(SHARED, "reference", "tec-descriptors")
        if not os.path.isdir(ref):
            self.skipTest("shared TEC schemas not present")
        for version in ("1.0", "1.1", "1.2"):
            for name in sorted(os.listdir(os.path.join(ref, version))):
                with self.subTest(version=version, schema=name):
                    with open(os.path.join(ref, version, name)) as f:
                        doc = document_from_tec_schema(json.load(f))
                    self.assertEqual(doc["version"], version)
                    path = self.write(name.replace("_schema.json", ".json"), json.dumps(doc))
                    r = seam("validate", "--format", "json", path)
                    self.assertEqual(json.loads(r.stdout)["files"][0]["warnings"], [], r.stdout)


class Init(Workdir):
    def test_templates_validate_and_are_not_overwritten(self):
        project = os.path.join(self.dir, "new")
        r = seam("init", project)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(os.listdir(project)), 8)
        r = seam("validate", project)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(r.stdout, "8 files checked: all valid\n")
        with open(os.path.join(project, "trained_model.yaml")) as f:
            self.assertIn("# Trained Model descriptor", f.read())
        r = seam("init", project)
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists", r.stderr)
        self.assertEqual(seam("init", "--force", project).returncode, 0)


# These read ../shared; ctest runs them as e2e_shared (see shared_split.py).
NEEDS_SHARED = {"test_tec_examples_are_valid_including_legacy", "test_json_report_contract",
                "test_verbose_mentions_ignored_files_and_upgrades", "test_every_field_of_every_tec_format_is_known"}

if __name__ == "__main__":
    import shared_split
    shared_split.main(sys.modules[__name__], NEEDS_SHARED, SHARED)
