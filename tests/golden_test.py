#!/usr/bin/env python3
"""Golden test: every command, in every output format, over the bundled examples, compared
byte for byte with tests/golden/. It pins what users see, so that a refactoring can show it
changed nothing.

Usage: golden_test.py PATH/TO/seam [--update]
  --update rewrites tests/golden/ from the current binary; review the diff before committing.

Each case's file holds its exit status, standard output and standard error. Outputs are made
independent of the machine: the date is fixed with SOURCE_DATE_EPOCH, the scratch directory is
written as $TMP, the checkout (in SARIF's file URIs and HTML titles) as $ROOT and the version as
$VERSION.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden")
TURBINE = "examples/turbine-maintenance"
FRAUD = "examples/fraud-detection"
TRAIN = f"{TURBINE}/data/training.csv"
OPER = f"{TURBINE}/data/operational.csv"
LABEL = "gearbox_failure_14d"
EPOCH = "1796083200"  # 2026-12-01T00:00:00Z

CHECK_FORMATS = ["text", "json", "markdown", "html", "sarif", "junit"]
DRIFT_FORMATS = ["text", "json", "markdown", "html"]


def cases():
    """(name, argv) in run order; later cases may read what earlier ones wrote under $TMP."""
    out = [("help", ["help"]), ("version", ["--version"])]
    for cmd in ["validate", "check", "rules", "profile", "drift", "monitor", "trl", "init", "help"]:
        out.append((f"help-{cmd}", ["help", cmd]))
    out.append(("check-dash-help", ["check", "--help"]))
    out.append(("trl-status-dash-h", ["trl", "status", "-h"]))
    for fmt in ["text", "json"]:
        for name, path in [("turbine", TURBINE), ("fraud", FRAUD), ("broken", "examples/broken/trained_model.yaml")]:
            out.append((f"validate-{name}-{fmt}", ["validate", "--format", fmt, path]))
    out.append(("validate-verbose", ["validate", "--verbose", TURBINE]))
    out.append(("validate-as", ["validate", "--as", "trained_model", f"{TURBINE}/trained_model.yaml"]))
    for fmt in CHECK_FORMATS:
        for name, path in [("turbine", TURBINE), ("fraud", FRAUD)]:
            out.append((f"check-{name}-{fmt}", ["check", "--format", fmt, path]))
    out.append(("check-batch", ["check", "--batch", "examples"]))
    out.append(("check-fail-on-warning", ["check", "--fail-on", "warning", FRAUD]))
    out.append(("check-set", ["check", "--set", "statistic-differs.tolerance=0.5", TURBINE]))
    out.append(("check-duplicate-rules", ["check", "--rules", "rules/extra.yaml", "--format", "json", FRAUD]))
    out.append(("check-bad-set", ["check", "--set", "statistic-differs.tolerance=x", FRAUD]))
    out.append(("rules-list", ["rules", "list"]))
    out.append(("rules-show", ["rules", "show", "model-output-type-downstream"]))
    out.append(("rules-test", ["rules", "test", "--complete", "rules/tests"]))
    for fmt in ["text", "markdown", "json"]:
        out.append((f"rules-coverage-{fmt}", ["rules", "coverage", "--format", fmt]))
    out.append(("profile-train", ["profile", "--label", LABEL, TRAIN]))
    out.append(("profile-train-o", ["profile", "--label", LABEL, TRAIN, "-o", "$TMP/train.json"]))
    out.append(("profile-oper-o", ["profile", "--label", LABEL, OPER, "-o", "$TMP/oper.json"]))
    out.append(("profile-merge", ["profile", "merge", "$TMP/train.json", "$TMP/oper.json"]))
    out.append(("profile-threads", ["profile", "--threads", "2", "--columns", "wind_speed,turbine_type", TRAIN]))
    out.append(("profile-unknown-column", ["profile", "--columns", "turbine_id", TRAIN]))
    out.append(("profile-descriptor", ["profile", "--label", LABEL, "--descriptor", "training_data", TRAIN]))
    for fmt in DRIFT_FORMATS:
        out.append((f"drift-data-{fmt}", ["drift", "--reference", TRAIN, "--current", OPER, "--format", fmt]))
        out.append((f"drift-profiles-{fmt}", ["drift", "--reference", "$TMP/train.json", "--current", "$TMP/oper.json",
                                              "--format", fmt]))
    out.append(("drift-methods", ["drift", "--reference", TRAIN, "--current", OPER, "--method", "power_kw=psi",
                                  "--method", "oil_temp=wasserstein", "--raw-wasserstein", "--threshold", "power_kw=0.5",
                                  "--dataset-share", "0", "--bins", "5"]))
    out.append(("drift-fail-on-dataset", ["drift", "--reference", TRAIN, "--current", OPER, "--fail-on", "dataset"]))
    out.append(("drift-descriptors", ["drift", "--reference", TRAIN, "--current", OPER, "--fail-on", "dataset",
                                      "--descriptors", TURBINE, "--format", "markdown"]))
    out.append(("drift-method-no-column", ["drift", "--reference", TRAIN, "--current", OPER, "--method", "rpm=ks"]))
    out.append(("drift-method-wrong-type", ["drift", "--reference", TRAIN, "--current", OPER, "--method", "turbine_type=ks"]))
    for fmt in ["text", "json"]:
        out.append((f"trl-status-{fmt}", ["trl", "status", "--format", fmt, TURBINE]))
        out.append((f"trl-metrics-{fmt}", ["trl", "metrics", "--format", fmt, TURBINE]))
    out.append(("trl-check", ["trl", "check", TURBINE, "scoring-service", "--to", "5"]))
    out.append(("trl-risks", ["trl", "risks", TURBINE]))
    for fmt in ["markdown", "html"]:
        out.append((f"trl-card-{fmt}", ["trl", "card", "--format", fmt, TURBINE, "gearbox-failure-lstm"]))
    out.append(("trl-levels", ["trl", "status", "--levels", "trl/levels.yaml", TURBINE]))
    out.append(("trl-review", ["trl", "review", "$TMP/turbine", "scoring-service", "--to", "3", "--decision", "switchback",
                               "--kind", "review", "--reviewer", "Ana", "--note", "latency", "--date", "2026-11-30"]))
    out.append(("trl-review-no-kind", ["trl", "review", "$TMP/turbine", "scoring-service", "--to", "2", "--decision", "switchback",
                                       "--reviewer", "Ana", "--date", "2026-11-30"]))
    out.append(("trl-review-card", ["trl", "card", "$TMP/turbine", "scoring-service"]))
    out.append(("init", ["init", "$TMP/new"]))
    out.append(("init-again", ["init", "$TMP/new"]))
    out.append(("validate-init", ["validate", "$TMP/new"]))
    out.append(("check-init", ["check", "--format", "json", "$TMP/new"]))
    out.append(("trl-status-no-cards", ["trl", "status", "$TMP/new"]))
    out.append(("trl-init", ["trl", "init", "$TMP/new", "new-model"]))
    out.append(("trl-init-again", ["trl", "init", "$TMP/new", "new-model"]))
    out.append(("trl-status-init", ["trl", "status", "$TMP/new"]))
    out.append(("trl-card-init", ["trl", "card", "$TMP/new", "new-model"]))
    return out


def run(seam, argv, tmp, version):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, LC_ALL="C")
    r = subprocess.run([seam] + [a.replace("$TMP", tmp) for a in argv], cwd=ROOT, env=env, capture_output=True,
                       timeout=120)
    text = f"exit: {r.returncode}\n--- stdout\n{r.stdout.decode('utf-8', 'replace')}\n--- stderr\n" \
           f"{r.stderr.decode('utf-8', 'replace')}"
    text = text.replace(tmp, "$TMP").replace(version, "$VERSION")
    for root in {os.path.realpath(ROOT), ROOT}:
        text = text.replace(urllib.parse.quote(root), "$ROOT").replace(root, "$ROOT")
    return text


def main():
    seam = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv
    version = subprocess.run([seam, "--version"], capture_output=True, text=True).stdout.split()[1]
    tmp = tempfile.mkdtemp(prefix="seam_golden_")
    failed, seen = [], set()
    try:
        shutil.copytree(os.path.join(ROOT, TURBINE), os.path.join(tmp, "turbine"))
        os.makedirs(GOLDEN, exist_ok=True)
        for name, argv in cases():
            assert name not in seen, name
            seen.add(name)
            got = run(seam, argv, tmp, version)
            path = os.path.join(GOLDEN, name + ".txt")
            if update:
                with open(path, "w") as f:
                    f.write(got)
                continue
            want = open(path).read() if os.path.exists(path) else "(no golden file)"
            if got != want:
                failed.append(name)
                sys.stdout.writelines(line + "\n" for line in diff(want, got, name))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    stale = sorted(set(f[:-4] for f in os.listdir(GOLDEN)) - seen)
    if stale and not update:
        print("golden files without a case:", ", ".join(stale))
        failed += stale
    print(f"{len(seen)} cases, {len(failed)} differ" + (": " + ", ".join(failed) if failed else ""))
    return 1 if failed else 0


def diff(want, got, name):
    import difflib
    return list(difflib.unified_diff(want.splitlines(), got.splitlines(), f"golden/{name}", "now", lineterm="", n=2))[:60]


if __name__ == "__main__":
    sys.exit(main())
