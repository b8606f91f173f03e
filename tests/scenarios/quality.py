#!/usr/bin/python3
"""Detection quality on the scenario corpus: recall and precision per category and evidence kind.

Each case under cases/ plants one mismatch into a clean project under base/ (see README.md).
For every case the script builds the patched project in a temporary folder, runs
`seam check --format json` on it, and compares the findings with those of the untouched
base: a case is *detected* when a finding that the base does not have points at one of the
places the case expects. New findings that point elsewhere count against precision.

Usage:
  quality.py SEAM                 print the report (make bench-quality)
  quality.py SEAM --check         also fail unless the corpus is well formed, every base is
                                  free of error-level findings and recall holds its floors
                                  (floors.yaml): the ctest `scenarios`
  quality.py SEAM --case NAME     one case, with the findings it produced
  quality.py SEAM --json FILE     also write the per-case results as JSON

Runs under /usr/bin/python3 (it needs PyYAML from Debian's python3-yaml).
"""
import argparse
import csv
import copy
import json
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DESCRIPTORS = ["system_context", "raw_data", "data_pipeline", "training_data", "trained_model",
               "development_environment", "production_environment", "production_data"]
EVIDENCE = ["structured", "blank", "prose"]
CASE_KEYS = {"base", "category", "subcategory", "evidence", "story", "patch", "expect"}


class CorpusError(Exception):
    pass


def taxonomy():
    with open(os.path.join(ROOT, "rules", "taxonomy.csv"), newline="") as f:
        return {(r["category"], r["subcategory"]) for r in csv.DictReader(f)}


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def base_documents(name):
    """The eight descriptors of a base project, by descriptor name."""
    folder = os.path.join(HERE, "base", name)
    if not os.path.isdir(folder):
        raise CorpusError(f"base project '{name}' does not exist under {os.path.join(HERE, 'base')}")
    docs = {}
    for d in DESCRIPTORS:
        path = os.path.join(folder, d + ".yaml")
        if os.path.exists(path):
            docs[d] = load_yaml(path)
    return docs


def unescape(token):
    return token.replace("~1", "/").replace("~0", "~")


def apply_pointer(doc, pointer, value, where):
    """Sets `pointer` in `doc` to `value`; null deletes; a last token '-' appends to a list."""
    tokens = [unescape(t) for t in pointer.split("/")[1:]]
    if not pointer.startswith("/") or not tokens:
        raise CorpusError(f"{where}: '{pointer}' is not a JSON pointer below the document root")
    parent = doc
    for t in tokens[:-1]:
        if isinstance(parent, list) and t.isdigit() and int(t) < len(parent):
            parent = parent[int(t)]
        elif isinstance(parent, dict) and t in parent:
            parent = parent[t]
        else:
            raise CorpusError(f"{where}: '{pointer}' has no parent '{t}' in the base document")
    last = tokens[-1]
    if isinstance(parent, list):
        if last == "-":
            parent.append(value)
        elif last.isdigit() and int(last) < len(parent):
            if value is None:
                del parent[int(last)]
            else:
                parent[int(last)] = value
        else:
            raise CorpusError(f"{where}: '{pointer}' indexes past the end of a list")
    elif isinstance(parent, dict):
        if value is None:
            parent.pop(last, None)
        else:
            parent[last] = value
    else:
        raise CorpusError(f"{where}: '{pointer}' goes through a scalar")


def parse_expect(entry, where):
    descriptor, _, pointer = entry.partition("/")
    if descriptor not in DESCRIPTORS:
        raise CorpusError(f"{where}: expect entry '{entry}' does not start with a descriptor name")
    return descriptor, "/" + pointer if pointer else ""


def load_case(path, tax):
    case = load_yaml(path) or {}
    where = os.path.relpath(path, ROOT)
    missing = CASE_KEYS - set(case)
    if missing:
        raise CorpusError(f"{where}: missing {', '.join(sorted(missing))}")
    extra = set(case) - CASE_KEYS
    if extra:
        raise CorpusError(f"{where}: unknown key {', '.join(sorted(extra))}")
    if (case["category"], case["subcategory"]) not in tax:
        raise CorpusError(f"{where}: '{case['category']}' / '{case['subcategory']}' is not in rules/taxonomy.csv")
    if case["evidence"] not in EVIDENCE:
        raise CorpusError(f"{where}: evidence must be one of {', '.join(EVIDENCE)}")
    if not isinstance(case["patch"], dict) or not set(case["patch"]) <= set(DESCRIPTORS):
        raise CorpusError(f"{where}: patch must map descriptor names to {{pointer: value}}")
    case["expect"] = [parse_expect(e, where) for e in case["expect"]]
    case["name"] = os.path.splitext(os.path.basename(path))[0]
    case["where"] = where
    return case


def write_project(docs, folder):
    for d, doc in docs.items():
        tmp = os.path.join(folder, d + ".yaml.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True)
        os.replace(tmp, os.path.join(folder, d + ".yaml"))


def run_check(seam, folder):
    r = subprocess.run([seam, "check", folder, "--format", "json"], capture_output=True, text=True, timeout=120)
    if r.returncode not in (0, 1):
        raise CorpusError(f"seam check {folder} exited {r.returncode}: {r.stderr.strip()[:400]}")
    report = json.loads(r.stdout)
    if report.get("load_errors"):
        first = report["load_errors"][0]
        raise CorpusError(f"does not load: {first.get('file', '')}:{first.get('line', '')}: {first.get('message', first)}")
    return report


def items_of(report):
    """Each finding item as (rule, severity, kind, text, locations)."""
    out = []
    for f in report.get("findings", []):
        if f.get("waived"):
            continue
        for it in f.get("items", []):
            locs = [(l["descriptor"], l["pointer"]) for l in it.get("locations", [])]
            out.append({"rule": f["rule"], "severity": f["severity"], "kind": f["kind"],
                        "category": f["category"], "subcategory": f["subcategory"],
                        "text": it["text"], "locations": locs,
                        "from_text": bool(it.get("evidence"))})
    return out


def points_at(loc, expected):
    (ld, lp), (ed, ep) = loc, expected
    if ld != ed:
        return False
    if lp == ep:
        return True
    # One place inside the other, but a finding on the whole document is too vague to count.
    return (lp.startswith(ep + "/") if ep else False) or (ep.startswith(lp + "/") and lp != "")


def judge(case, base_items, items):
    seen = {(i["rule"], i["text"]) for i in base_items}
    new = [i for i in items if (i["rule"], i["text"]) not in seen]
    hits = [i for i in new if any(points_at(l, e) for l in i["locations"] for e in case["expect"])]
    return {"case": case["name"], "category": case["category"], "subcategory": case["subcategory"],
            "evidence": case["evidence"], "detected": bool(hits),
            "detected_by": sorted({i["rule"] for i in hits}),
            "new_items": len(new), "stray_items": len(new) - len(hits),
            "stray": [f"{i['severity']} {i['rule']}: {i['text']}" for i in new if i not in hits]}


def ratio(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "    -"


def print_table(title, key, results):
    print(f"\n{title:<52} cases  found  recall  new  stray  precision")
    groups = {}
    for r in results:
        groups.setdefault(key(r), []).append(r)
    for name in sorted(groups) + ["overall"]:
        rs = results if name == "overall" else groups[name]
        found = sum(r["detected"] for r in rs)
        new = sum(r["new_items"] for r in rs)
        stray = sum(r["stray_items"] for r in rs)
        print(f"{name:<52} {len(rs):5d}  {found:5d}  {ratio(found, len(rs))}  {new:3d}  {stray:5d}  {ratio(new - stray, new)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seam")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--case")
    ap.add_argument("--json")
    args = ap.parse_args()
    seam = os.path.abspath(args.seam)
    tax = taxonomy()
    problems = []

    bases = sorted(d for d in os.listdir(os.path.join(HERE, "base")) if not d.startswith("."))
    base_items, clean = {}, []
    for b in bases:
        try:
            report = run_check(seam, os.path.join(HERE, "base", b))
        except CorpusError as e:
            problems.append(f"base/{b}: {e}")
            continue
        base_items[b] = items_of(report)
        s = report.get("summary", {})
        clean.append((b, s.get("error", 0), s.get("warning", 0), s.get("info", 0)))
        if s.get("error", 0):
            problems.append(f"base/{b}: {s['error']} error-level finding(s) on a clean project")

    case_dir = os.path.join(HERE, "cases")
    names = sorted(f for f in os.listdir(case_dir) if f.endswith(".yaml"))
    if args.case:
        names = [n for n in names if os.path.splitext(n)[0] == args.case]
    results = []
    for n in names:
        try:
            case = load_case(os.path.join(case_dir, n), tax)
            if case["base"] not in base_items:
                raise CorpusError(f"{case['where']}: base '{case['base']}' did not load")
            docs = copy.deepcopy(base_documents(case["base"]))
            for d, sets in case["patch"].items():
                for pointer, value in (sets or {}).items():
                    apply_pointer(docs.setdefault(d, {"version": "1.2"}), pointer, value, case["where"])
            with tempfile.TemporaryDirectory(prefix="seam-scenario-") as tmp:
                write_project(docs, tmp)
                items = items_of(run_check(seam, tmp))
        except (CorpusError, yaml.YAMLError, OSError) as e:
            problems.append(f"{n}: {e}")
            continue
        results.append(judge(case, base_items[case["base"]], items))
        if args.case:
            r = results[-1]
            print(f"{r['case']}: {'detected by ' + ', '.join(r['detected_by']) if r['detected'] else 'missed'}")
            for i in items:
                if (i["rule"], i["text"]) not in {(b["rule"], b["text"]) for b in base_items[case["base"]]}:
                    print(f"  new {i['severity']} {i['rule']}: {i['text']}  @ {i['locations']}")

    print("Clean projects (must have no error-level finding):")
    for b, e, w, i in clean:
        print(f"  {b:<40} errors {e}  warnings {w}  info {i}")
    if results:
        print_table("By evidence kind", lambda r: r["evidence"], results)
        print_table("By category", lambda r: r["category"], results)
        print_table("By subcategory", lambda r: f"{r['category'][:2]}/{r['subcategory'][:46]}", results)
        missed = [r["case"] for r in results if not r["detected"]]
        print(f"\nMissed ({len(missed)}): {' '.join(missed)}")
    if args.json:
        with open(args.json + ".tmp", "w") as f:
            json.dump({"clean": clean, "cases": results}, f, indent=1)
        os.replace(args.json + ".tmp", args.json)

    if args.check:
        covered = {}
        for r in results:
            covered[(r["category"], r["subcategory"])] = covered.get((r["category"], r["subcategory"]), 0) + 1
        thin = sorted(f"{c}/{s}" for c, s in tax if covered.get((c, s), 0) < 2)
        if not args.case and thin:
            problems.append("subcategories with fewer than two cases: " + "; ".join(thin))
        floors = load_yaml(os.path.join(HERE, "floors.yaml"))
        for kind in EVIDENCE:
            rs = [r for r in results if r["evidence"] == kind]
            if rs and not args.case:
                got = sum(r["detected"] for r in rs) / len(rs)
                if got + 1e-9 < floors[kind]:
                    problems.append(f"recall on {kind} cases fell to {got:.3f}, below its floor {floors[kind]}")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
