#!/usr/bin/env python3
"""Keeps the examples in the README and docs/ true: each one is run, and its output compared.

Usage: doc_examples.py PATH/TO/seam [--update] [FILE.md...]
  Without files it reads README.md, docs/*.md and examples/*/README.md.
  --update rewrites the examples' output from the current binary; review the diff.

Two kinds of example are checked.

* A fenced block whose first line starts with "$ " is a shell session. Each "$ " line (with "\\"
  continuations) is run with bash, in a scratch directory that links to the repository's
  top-level folders and has the binary under test at build/seam (also on PATH as seam), so every example must work
  from the repository alone. The lines after it are its expected output (stdout and stderr). A
  line "..." stands for any number of lines. Commands of one block share their directory, so
  one can read what an earlier one wrote. The date is fixed with SOURCE_DATE_EPOCH.
* A ```json block right after "<!-- json-shape: COMMAND -->" documents the shape of a JSON
  output: the keys it names must be the keys that COMMAND prints, at every level (array items
  are merged; an empty object stands for a map with any keys).
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCH = "1796083200"  # 2026-12-01T00:00:00Z, as the golden test
FENCE = re.compile(r"^```(\w*)\s*$")
SHAPE = re.compile(r"^<!-- json-shape: (.+) -->\s*$")
ELLIPSIS = "..."


def blocks(lines):
    """Yields (first_line, last_line, lang, previous_line) of each fenced block, 0-based."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].rstrip() != "```":
            end += 1
        yield i + 1, end, m.group(1), lines[i - 1] if i > 0 else ""
        i = end + 1


def session(body):
    """Splits a session block into [(command, expected_lines)]."""
    out, i = [], 0
    while i < len(body):
        cmd = body[i][2:]
        while cmd.endswith("\\") and i + 1 < len(body):
            i += 1
            cmd += "\n" + body[i]
        i += 1
        expected = []
        while i < len(body) and not body[i].startswith("$ "):
            expected.append(body[i])
            i += 1
        out.append((cmd, expected))
    return out


def sandbox(seam):
    """A scratch directory that sees the repository's folders and the binary as build/seam."""
    d = tempfile.mkdtemp(prefix="seam-doc-")
    for name in os.listdir(ROOT):
        if name.startswith(".") or name.startswith("build"):
            continue
        os.symlink(os.path.join(ROOT, name), os.path.join(d, name))
    os.mkdir(os.path.join(d, "build"))
    os.symlink(os.path.abspath(seam), os.path.join(d, "build", "seam"))
    return d


def run(cmd, cwd):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, LC_ALL="C.UTF-8", COLUMNS="100",
               PATH=os.path.join(cwd, "build") + os.pathsep + os.environ.get("PATH", ""))
    p = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    return [line.rstrip() for line in p.stdout.decode("utf-8", "replace").splitlines()]


def segments(expected):
    segs = [[]]
    for line in expected:
        if line.strip() == ELLIPSIS:
            segs.append([])
        else:
            segs[-1].append(line.rstrip())
    return segs


def matches(expected, actual):
    """Whether actual fits expected, where a "..." line stands for any run of lines."""
    segs = segments(expected)
    if len(segs) == 1:
        return segs[0] == actual
    first, last, middle = segs[0], segs[-1], segs[1:-1]
    if actual[:len(first)] != first or (last and actual[len(actual) - len(last):] != last):
        return False
    pos, stop = len(first), len(actual) - len(last)
    for seg in middle:
        while pos + len(seg) <= stop and actual[pos:pos + len(seg)] != seg:
            pos += 1
        if pos + len(seg) > stop:
            return False
        pos += len(seg)
    return pos <= stop


def refreshed(expected, actual):
    """The expected lines with their anchored head and tail taken from actual; middle parts
    that no longer match need a person to choose them."""
    segs = segments(expected)
    if len(segs) == 1:
        return actual
    head, tail = len(segs[0]), len(segs[-1])
    out = actual[:head]
    for seg in segs[1:-1]:
        out += [ELLIPSIS] + seg
    out += [ELLIPSIS] + (actual[len(actual) - tail:] if tail else [])
    return out


def shape(value):
    """The keys of a JSON value at every level, with array items merged."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        merged = None
        for item in value:
            merged = merge(merged, shape(item))
        return [merged]
    return None


def merge(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: merge(a.get(k), b.get(k)) for k in {**a, **b}}
    if isinstance(a, list) and isinstance(b, list):
        return [merge(a[0], b[0])]
    return a if a is not None else b


def shape_diff(doc, real, path=""):
    """Differences between the documented shape and the real one, as readable strings."""
    if isinstance(doc, dict) and isinstance(real, dict):
        if not doc:
            return []  # documented as an open map
        out = [f"{path}/{k}: printed but not documented" for k in real if k not in doc]
        out += [f"{path}/{k}: documented but not printed" for k in doc if k not in real]
        for k in doc:
            if k in real:
                out += shape_diff(doc[k], real[k], f"{path}/{k}")
        return out
    if isinstance(doc, list) and isinstance(real, list):
        if doc[0] is None or real[0] is None:
            return []  # an empty list on either side says nothing about its items
        return shape_diff(doc[0], real[0], path + "/0")
    return []


def check_file(path, seam, update):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    problems, changed = [], False
    for first, end, lang, before in reversed(list(blocks(lines))):  # edits keep earlier indexes
        body = lines[first:end]
        where = f"{os.path.relpath(path, ROOT)}:{first + 1}"
        if body and body[0].startswith("$ "):
            d = sandbox(seam)
            new_body, found = [], []
            for cmd, expected in session(body):
                actual = run(cmd, d)
                new_body += ["$ " + cmd] + (expected if matches(expected, actual) else refreshed(expected, actual))
                if not matches(expected, actual):
                    found.append(f"{where}: output of `{cmd}` differs:\n  expected:\n    " +
                                    "\n    ".join(expected) + "\n  actual:\n    " + "\n    ".join(actual))
            problems = found + problems
            if new_body != body:
                lines[first:end] = new_body
                changed = True
        m = SHAPE.match(before)
        if m and lang == "json":
            doc = json.loads("\n".join(body))
            real = json.loads("\n".join(run(m.group(1), sandbox(seam))) or "null")
            for diff in shape_diff(shape(doc), shape(real)):
                problems.insert(0, f"{where}: JSON of `{m.group(1)}`: {diff}")
    if update and changed:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        os.replace(tmp, path)
    return problems


def main(argv):
    args = [a for a in argv[1:] if a != "--update"]
    if not args:
        print(__doc__)
        return 2
    update = "--update" in argv
    seam, files = args[0], args[1:]
    if not files:
        files = [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
        files += sorted(glob.glob(os.path.join(ROOT, "examples", "*", "README.md")))
    problems = []
    for path in files:
        problems += check_file(path, seam, update)
    for p in problems:
        print(p)
    if problems and update:
        print("updated what could be; fix the remaining ones by hand (a middle part between '...' lines)")
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems and not update else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
