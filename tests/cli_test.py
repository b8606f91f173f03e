#!/usr/bin/env python3
"""The command line as a user meets it: help in every spelling, --version, unknown words,
shell completions run in a real bash, man pages through groff, and docs/cli.md kept current.

Usage: cli_test.py SEAM_BINARY
"""
import os
import re
import shutil
import subprocess
import sys
import unittest

SEAM = None
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seam(*args):
    return subprocess.run([SEAM, *args], capture_output=True, text=True, timeout=30)


def commands():
    """(command, [subcommands]) from `seam help` and each command's usage line."""
    out = seam("help").stdout
    names = re.findall(r"^  (\S+) ", out.split("commands:\n")[1], re.M)
    table = {}
    for name in names:
        usage = seam("help", name).stdout.split("\n\n")[0]
        subs = re.findall(rf"(?:seam {name} |\| )([a-z][a-z-]+)(?= |$|\|)", usage, re.M)
        table[name] = [s for s in dict.fromkeys(subs) if s not in ("bash", "zsh", "fish")]
    return table


class Help(unittest.TestCase):
    def test_every_spelling_prints_the_same_help(self):
        for name, subs in commands().items():
            want = seam("help", name)
            self.assertEqual(want.returncode, 0, name)
            self.assertTrue(want.stdout.startswith("usage: seam "), name)
            spellings = [[name, "--help"], [name, "-h"], [name, "--help", "somewhere"]]
            spellings += [[name, sub, "--help"] for sub in subs] + [[name, sub, "-h"] for sub in subs]
            for argv in spellings:
                r = seam(*argv)
                self.assertEqual((r.returncode, r.stdout, r.stderr), (0, want.stdout, ""), argv)
        top = seam("help")
        for argv in (["--help"], ["-h"]):
            self.assertEqual(seam(*argv).stdout, top.stdout)

    def test_version_names_the_formats(self):
        r = seam("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^seam \d+\.\d+\.\d+\ndescriptor formats read: 1\.0, 1\.1, 1\.2 ")

    def test_unknown_words_get_one_line_a_guess_and_exit_2(self):
        for argv, guess in ((["chek"], "did you mean 'check'?"), (["check", "--fromat", "json", "x"], "did you mean '--format'?")):
            r = seam(*argv)
            self.assertEqual(r.returncode, 2, argv)
            self.assertIn(guess, r.stderr.splitlines()[0])


class Completion(unittest.TestCase):
    def complete(self, line):
        """The words bash offers for the last word of `line`, as a sorted list."""
        words = line.split(" ")
        script = seam("completion", "bash").stdout
        program = (script + "\nCOMP_WORDS=(" + " ".join(f"'{w}'" for w in words) + ")\n"
                   f"COMP_CWORD={len(words) - 1}\n_seam\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
        env = dict(os.environ, PATH=os.path.dirname(SEAM) + ":" + os.environ["PATH"])
        r = subprocess.run(["bash", "-c", program], capture_output=True, text=True, cwd=ROOT, env=env, timeout=30)
        self.assertEqual(r.stderr, "", line)
        return sorted(w for w in r.stdout.splitlines() if w)

    def test_commands_options_and_values(self):
        self.assertEqual(self.complete("seam ch"), ["check"])
        self.assertEqual(self.complete("seam check --fa"), ["--fail-on"])
        self.assertEqual(self.complete("seam check --format "), sorted("text json markdown html sarif junit".split()))
        self.assertEqual(self.complete("seam drift --method x --fail-on d"), ["dataset"])
        self.assertEqual(self.complete("seam validate --as tr"), ["trained_model", "training_data"])
        self.assertEqual(self.complete("seam trl review DIR C --decision s"), ["switchback"])
        self.assertEqual(self.complete("seam rules "), sorted("list show test coverage".split()))
        self.assertEqual(self.complete("seam help dr"), ["drift"])

    def test_rule_ids_and_files(self):
        self.assertEqual(self.complete("seam rules show model-output-m"), ["model-output-mapping-dangling"])
        self.assertEqual(self.complete("seam check examples/tur"), ["examples/turbine-maintenance"])
        self.assertIn("README.md", self.complete("seam profile merge READ"))

    def test_zsh_and_fish_scripts_parse(self):
        for shell, flag in (("zsh", "-n"), ("fish", "--no-execute")):
            if not shutil.which(shell):
                print(f"\n  {shell} is not installed: its script's syntax is not checked", file=sys.stderr)
                continue
            script = seam("completion", shell).stdout
            r = subprocess.run([shell, flag], input=script, capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 0, r.stderr)


    def test_fish_offers_the_same(self):
        if not shutil.which("fish"):
            self.skipTest("fish is not installed")
        script = os.path.join(os.path.dirname(SEAM), "seam-completion.fish")
        with open(script, "w") as f:
            f.write(seam("completion", "fish").stdout)
        env = dict(os.environ, PATH=os.path.dirname(SEAM) + ":" + os.environ["PATH"])
        for line, want in (("seam check --format ", sorted("text json markdown html sarif junit".split())),
                           ("seam rules show model-output-m", ["model-output-mapping-dangling"]),
                           ("seam validate --as tr", ["trained_model", "training_data"])):
            r = subprocess.run(["fish", "-c", f"source {script}; complete -C '{line}'"], capture_output=True,
                               text=True, env=env, cwd=ROOT, timeout=30)
            self.assertEqual(sorted(w.split("\t")[0] for w in r.stdout.splitlines()), want, line)


class Manual(unittest.TestCase):
    def test_pages_render_without_warnings(self):
        if not shutil.which("groff"):
            self.skipTest("groff is not installed")
        for name in [None, *commands()]:
            page = seam("manpage", *([name] if name else [])).stdout
            r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=page, capture_output=True, text=True)
            self.assertEqual(r.stderr, "", name)
        self.assertEqual(seam("manpage", "nosuch").returncode, 2)

    def test_docs_cli_md_is_current(self):
        with open(os.path.join(ROOT, "docs", "cli.md")) as f:
            self.assertEqual(f.read(), seam("manpage", "--format", "markdown").stdout,
                             "docs/cli.md is stale: run 'make docs'")


if __name__ == "__main__":
    SEAM = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
