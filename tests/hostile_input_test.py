#!/usr/bin/env python3
"""Hostile input through the real binary: each case is one that a fuzzing campaign found to
hang, crash or exhaust memory. Every run has a time limit and an address-space limit, so a
regression fails here quickly instead of stalling the suite or the machine.

Usage: hostile_input_test.py SEAM_BINARY
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import unittest

SEAM = None
SANITIZED = False
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "examples", "turbine-maintenance")
MEMORY_LIMIT = 2 << 30  # bytes of address space per run


def sanitized():
    """Whether the binary is built with AddressSanitizer, whose shadow memory needs terabytes
    of address space: then no address-space limit can be set, and RSS says nothing."""
    with open(SEAM, "rb") as f:
        return b"__asan_init" in f.read()


def limit_memory():
    if not SANITIZED:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(*args, timeout=20):
    """Runs seam; returns (exit status, stdout, stderr, peak RSS in MiB)."""
    proc = subprocess.Popen([SEAM, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=limit_memory, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"seam {' '.join(args)} did not finish in {timeout} s")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return proc.returncode, out, err, peak


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="seam-hostile-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path(name)

    def project(self):
        dest = self.path("project")
        shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("data"))
        return dest


class YamlAfterTheDocument(Case):
    """yaml-cpp's LoadAll never returned on "{}," and grew by 160 MB/s, in every reader."""

    def expect_refused(self, rc, err, file):
        self.assertNotEqual(rc, 0)
        self.assertIn(f"{file}:1:3: expected one YAML document; more text follows its end", err)

    def test_descriptor(self):
        path = self.write("trained_model.yaml", "{},")
        rc, out, err, _ = run("validate", path)
        self.expect_refused(rc, out + err, path)

    def test_waivers_rules_and_cards(self):
        project = self.project()
        for text in ("{},", "[],"):
            waivers = os.path.join(project, "waivers.yaml")
            with open(waivers, "w") as f:
                f.write(text)
            rc, out, err, _ = run("check", project)
            self.assertEqual(rc, 2, out + err)
            self.assertIn("expected one YAML document", out + err)
            os.remove(waivers)

            rules = self.write("rules.yaml", text)
            rc, _, err, _ = run("check", "--rules", rules, project)
            self.assertEqual(rc, 2)
            self.expect_refused(rc, err, rules)

            case = self.write("case.yaml", text)
            rc, out, err, _ = run("rules", "test", case)
            self.assertNotEqual(rc, 0)
            self.assertIn("expected one YAML document", out + err)

            card = os.path.join(project, "trl", "gearbox-failure-lstm.yaml")
            with open(card) as f:
                saved = f.read()
            with open(card, "w") as f:
                f.write(text)
            rc, out, err, _ = run("trl", "status", project)
            self.assertNotEqual(rc, 0)
            self.assertIn("expected one YAML document", out + err)
            with open(card, "w") as f:
                f.write(saved)


class LongYamlLine(Case):
    """Positions on one long line of flow YAML were found by walking from the line's start
    for every value: 200,000 items took 42 s. The error must still point at its character."""

    def test_many_values_on_one_line_are_read_in_linear_time(self):
        before = "dataset_name: [" + ",".join(["\"é\""] * 200_000) + "] "
        path = self.write("raw_data.yaml", "version: '1.2'\n" + before + ": x\n")
        rc, out, err, _ = run("validate", path, timeout=30)
        self.assertEqual(rc, 1, err)
        # The column counts characters: the colon after 200,000 two-byte letters.
        self.assertIn("%s:2:%d: invalid YAML: mapping values are not allowed" % (path, len(before) + 1), out + err)


class DeepRuleExpressions(Case):
    """Chains of operators, selections and calls overflowed the type checker's stack."""

    def test_chains_are_refused(self):
        project = self.project()
        chains = {
            "select": "has(trained_model" + ".x" * 1000 + ")",
            "plus": "1" + "+1" * 10000 + " > 0",
            "map": "[1]" + ".map(x, x)" * 1000 + " == [1]",
        }
        for name, when in chains.items():
            rules = self.write(f"{name}.yaml", "rules:\n  - id: deep\n    category: Trained Model\n"
                               "    subcategory: API/Specifications\n    severity: error\n"
                               f"    message: m\n    rationale: r\n    when: '{when}'\n    item: x\n")
            rc, _, err, _ = run("check", "--rules", rules, project)
            self.assertEqual(rc, 2, name)
            self.assertIn("expression is more than 256 levels deep", err, name)

    def test_a_runaway_rule_stops_and_is_named(self):
        project = self.project()
        lets = "".join(f"      - s{i}: s{i - 1} + s{i - 1}\n" for i in range(1, 65))
        rules = self.write("runaway.yaml", "rules:\n  - id: runaway\n    category: Trained Model\n"
                           "    subcategory: API/Specifications\n    severity: error\n"
                           "    message: m\n    rationale: r\n"
                           f"    let:\n      - s0: \"'ab'\"\n{lets}    when: size(s64) > 0\n    item: x\n")
        rc, out, err, peak = run("check", "--rules", rules, project)
        self.assertEqual(rc, 2, out + err)
        self.assertIn("rule 'runaway' stopped after 50000000 evaluation steps", out + err)
        if not SANITIZED:
            self.assertLess(peak, 1024)


class Data(Case):
    def test_wide_csv_memory_is_bounded(self):
        if SANITIZED:
            self.skipTest("memory use is not comparable under AddressSanitizer")
        n = 100_000
        path = self.write("wide.csv", ",".join(f"c{i}" for i in range(n)) + "\n" +
                          ",".join(str(i) for i in range(n)) + "\n")
        rc, _, err, peak = run("profile", path, "-o", self.path("wide.json"), timeout=60)
        self.assertEqual(rc, 0, err)
        # 3.5 GB before sparse sketches; about 450 MB now, most of it the profile's text.
        self.assertLess(peak, 900, f"peak RSS {peak:.0f} MiB for {n} columns")

    def test_data_limits_name_themselves_and_can_be_raised(self):
        path = self.write("ten.csv", ",".join(f"c{i}" for i in range(10)) + "\n" + "1," * 9 + "1\n")
        rc, _, err, _ = run("profile", path, "--max-columns", "5")
        self.assertEqual(rc, 2)
        self.assertIn("more than 5 columns (the limit; raise it with --max-columns)", err)
        self.assertEqual(run("profile", path, "--max-columns", "10")[0], 0)
        long = self.write("long.csv", "a,b\n1," + "x" * 2000 + "\n2,y\n")
        rc, out, err, _ = run("profile", long, "--max-record", "1K")
        self.assertEqual(rc, 1, err)  # profiled, with a row skipped
        self.assertIn("record is longer than 1024 bytes (the limit; raise it with --max-record)", out + err)
        self.assertEqual(run("profile", long, "--max-record", "4K")[0], 0)
        rc, _, err, _ = run("profile", long, "--max-record", "12Q")
        self.assertEqual(rc, 2)
        self.assertIn("--max-record expects a size from 1K to 4G", err)

    def test_a_record_with_many_keys_is_linear(self):
        line = "{" + ",".join(f'"k{i}": {i}' for i in range(40_000)) + "}\n"
        path = self.write("wide.jsonl", line * 3)
        rc, _, err, _ = run("profile", path, "-o", self.path("wide.json"), timeout=30)
        self.assertEqual(rc, 0, err)

    def test_wide_numbers_keep_the_profile(self):
        path = self.write("n.jsonl", '{"a": 1e999, "b": 1}\n{"a": 99999999999999999999, "b": 2}\n')
        rc, out, err, _ = run("profile", path)
        self.assertEqual(rc, 0, err)
        self.assertIn('"rows": 2', out)


class KillDuringWrites(Case):
    """A kill at any moment leaves the old output or the new one, never a torn file."""

    def test_profile_output_is_never_torn(self):
        import json
        import random
        import signal
        import time
        rows = 200_000
        data = self.write("d.csv", "a,b,c\n" + "".join(f"{i},{i % 7},x{i % 13}\n" for i in range(rows)))
        out = self.path("out.json")
        started = time.monotonic()
        rc, _, err, _ = run("profile", data, "-o", self.path("first.json"))
        self.assertEqual(rc, 0, err)
        took = time.monotonic() - started  # kills land anywhere in a run, its writing included
        rng = random.Random(7)
        complete = 0
        for _ in range(20):
            proc = subprocess.Popen([SEAM, "profile", data, "-o", out], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, preexec_fn=limit_memory)
            time.sleep(rng.uniform(0.0, took))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            if os.path.exists(out):
                with open(out) as f:
                    self.assertEqual(json.load(f)["rows"], rows)  # complete, whichever run wrote it
                complete += 1
        self.assertLess(complete, 20, "every kill came after the run had finished")
        rc, _, err, _ = run("profile", data, "-o", out)
        self.assertEqual(rc, 0, err)
        with open(out) as f:
            self.assertEqual(json.load(f)["rows"], rows)


class Files(Case):
    def test_unusable_descriptor_files_fail_with_their_reason(self):
        os.symlink(self.path("gone.yaml"), self.path("trained_model.yaml"))
        os.symlink(self.path("raw_data.yaml"), self.path("raw_data.yaml"))
        os.mkdir(self.path("training_data.yaml"))
        os.mkfifo(self.path("production_data.yaml"))
        rc, out, err, _ = run("validate", self.dir)
        self.assertEqual(rc, 2)
        err += out
        for name, why in [("trained_model.yaml", "is a symbolic link to a file that does not exist"),
                          ("raw_data.yaml", "is a symbolic link that loops back on itself"),
                          ("training_data.yaml", "is a directory, not a descriptor file"),
                          ("production_data.yaml", "is a named pipe (FIFO), not a regular descriptor file")]:
            self.assertIn(f"{self.path(name)}: {why}", err)

    def test_numbers_past_64_bits_are_located(self):
        path = self.write("trained_model.json", '{"version": "1.2",\n "x": 1e999}\n')
        rc, out, _, _ = run("validate", path)
        self.assertEqual(rc, 1)
        self.assertIn(f"{path}:2:7: number 1e999 is too large for a 64-bit float", out)


if __name__ == "__main__":
    SEAM = os.path.abspath(sys.argv.pop(1))
    SANITIZED = sanitized()
    unittest.main(verbosity=2)
