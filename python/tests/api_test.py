"""The Python API against the CLI's JSON on the bundled example, and its errors."""
import json
import os
import threading
import time

import pytest

import seam
from conftest import EXAMPLE


def test_check_gives_the_report_the_cli_gives(cli):
    assert seam.check(EXAMPLE) == json.loads(cli("check", "--format", "json", EXAMPLE))


def test_check_of_descriptors_in_a_dict_finds_what_the_directory_gives():
    files = {}
    for name in sorted(os.listdir(EXAMPLE)):
        if name.endswith((".yaml", ".json")) and name != "waivers.yaml":
            with open(os.path.join(EXAMPLE, name)) as f:
                files[name] = f.read()
    from_dict = seam.check(files)
    from_dir = seam.check(EXAMPLE)
    key = lambda f: (f["rule"], f["severity"], [i.get("pointer") for i in f.get("items", [])])  # noqa: E731
    # The directory's waivers.yaml waives one finding; the dict has no waivers file.
    assert sorted(map(key, from_dict["findings"])) == sorted(map(key, from_dir["findings"]))
    assert from_dict["load_errors"] == []


def test_check_takes_descriptors_as_dicts_and_overrides_parameters():
    model = {"version": "1.2", "name": "m"}
    r = seam.check({"trained_model": model})
    assert r["load_errors"] == []
    assert r["summary"]["error"] + r["summary"]["warning"] + r["summary"]["info"] == len(r["findings"])
    with pytest.raises(seam.UsageError) as e:
        seam.check({"trained_model": model}, params={"no-such-rule.x": 1})
    assert "no-such-rule" in str(e.value)


def test_validate_gives_what_the_cli_gives(cli):
    assert seam.validate(EXAMPLE) == json.loads(cli("validate", "--format", "json", EXAMPLE))


def test_profile_gives_the_cli_profile(cli, tmp_path):
    data = os.path.join(EXAMPLE, "data", "training.csv")
    p = seam.profile(data, label="gearbox_failure_14d")
    assert p.to_dict() == json.loads(cli("profile", "--label", "gearbox_failure_14d", data))
    assert p.rows == 3000 and p.label == "gearbox_failure_14d"
    saved = tmp_path / "p.json"
    p.save(str(saved))
    assert seam.Profile.read(str(saved)).to_dict() == p.to_dict()


def test_merged_profiles_give_what_the_cli_merge_gives(cli, tmp_path):
    data = os.path.join(EXAMPLE, "data")
    a, b = seam.profile(os.path.join(data, "training.csv")), seam.profile(os.path.join(data, "operational.csv"))
    a.save(str(tmp_path / "a.json"))
    b.save(str(tmp_path / "b.json"))
    want = json.loads(cli("profile", "merge", str(tmp_path / "a.json"), str(tmp_path / "b.json")))
    assert seam.Profile.merge(a, b).to_dict() == want
    assert seam.Profile.merge([a, b]).rows == a.rows + b.rows


def test_drift_gives_the_cli_columns_as_a_dataframe(cli):
    ref, cur = (os.path.join(EXAMPLE, "data", f) for f in ("training.csv", "operational.csv"))
    frame = seam.drift(ref, cur, label="gearbox_failure_14d")
    want = json.loads(cli("drift", "--format", "json", "--reference", ref, "--current", cur, "--label", "gearbox_failure_14d"))
    assert list(frame["column"]) == [c["name"] for c in want["columns"]]
    assert list(frame["statistic"]) == pytest.approx([c["statistic"] for c in want["columns"]])
    assert list(frame["drift"]) == [c["drift"] for c in want["columns"]]
    assert frame.attrs["report"]["dataset_drift"] == want["dataset_drift"]
    # Methods for every column or by column; thresholds by column.
    psi = seam.drift(ref, cur, methods={"wind_speed": "psi"}, thresholds={"wind_speed": 0.5}, columns=["wind_speed"])
    assert list(psi["method"]) == ["psi"] and list(psi["threshold"]) == [0.5]


def test_drift_between_profiles_gives_what_the_cli_gives_for_profile_files(cli, tmp_path):
    ref, cur = (seam.profile(os.path.join(EXAMPLE, "data", f)) for f in ("training.csv", "operational.csv"))
    ref.save(str(tmp_path / "ref.json"))
    cur.save(str(tmp_path / "cur.json"))
    frame = seam.drift(ref, cur, columns=["wind_speed", "turbine_type"])
    want = json.loads(cli("drift", "--format", "json", "--columns", "wind_speed,turbine_type", "--reference",
                          str(tmp_path / "ref.json"), "--current", str(tmp_path / "cur.json")))
    assert list(frame["column"]) == [c["name"] for c in want["columns"]]
    assert list(frame["p_value"]) == pytest.approx([c["p_value"] for c in want["columns"]])
    assert list(frame["exact"]) == [c["exact"] for c in want["columns"]]
    # A profile file works as a side too.
    assert list(seam.drift(str(tmp_path / "ref.json"), cur, columns=["wind_speed"])["p_value"]) == \
        pytest.approx([c["p_value"] for c in want["columns"] if c["name"] == "wind_speed"])


def test_trl_status_gives_what_the_cli_gives(cli):
    assert seam.trl.status(EXAMPLE) == json.loads(cli("trl", "status", "--format", "json", EXAMPLE))


def test_errors_are_exceptions_with_their_location(tmp_path):
    with pytest.raises(seam.ReadError) as e:
        seam.check(str(tmp_path / "missing"))
    assert e.value.file.endswith("missing") and isinstance(e.value, OSError)
    bad = tmp_path / "bad.json"
    bad.write_text('{"seam_version": "0.1.0",\n "columns": [}')
    with pytest.raises(seam.InvalidInputError) as e:
        seam.Profile.read(str(bad))
    assert (e.value.file, e.value.line) == (str(bad), 2) and e.value.column > 0
    assert str(e.value).startswith(f"{bad}:2:")
    with pytest.raises(seam.UsageError) as e:
        seam.profile(os.path.join(EXAMPLE, "data", "training.csv"), types={"wind_speed": "colour"})
    assert e.value.pointer == "/types" and "colour" in e.value.message
    with pytest.raises(seam.UsageError):
        seam.profile(os.path.join(EXAMPLE, "data", "training.csv"), columns=["no_such_column"])
    with pytest.raises(seam.ReadError):
        seam.profile(str(tmp_path / "*.csv"))
    with pytest.raises(seam.UsageError) as e:
        seam.check({"trained_model": 42})
    assert e.value.pointer == "/trained_model"


def test_a_broken_descriptor_is_reported_with_line_and_column():
    r = seam.check({"trained_model.yaml": "version: '1.2'\nname: [unclosed\n"})
    (err,) = r["load_errors"]
    assert err["file"].endswith("trained_model.yaml") and err["line"] >= 2 and err["column"] >= 1
    v = seam.validate({"trained_model.yaml": "version: '1.2'\nensemble: maybe\nname: 7\n"})
    (f,) = v["files"]
    assert not f["valid"] and f["errors"][0]["pointer"] == "/ensemble" and f["errors"][0]["line"] == 2
    assert f["warnings"][0]["pointer"] == "/name"
    assert not seam.validate({"trained_model.yaml": "version: '1.2'\nensemble: true\n"}, strict=False)["files"][0]["errors"]


def test_invalid_utf8_in_memory_is_located_as_in_a_file():
    for content in (b"version: '1.2'\nmodel_name: caf\xe9\n", "version: '1.2'\nmodel_name: caf\udce9\n"):
        (err,) = seam.check({"trained_model.yaml": content})["load_errors"]
        assert "UTF-8" in err["message"] and err["line"] == 2, err
    deep = "version: '1.2'\nx-deep: " + "[" * 100_000 + "]" * 100_000 + "\n"
    (err,) = seam.check({"trained_model.yaml": deep})["load_errors"]
    assert err["line"] == 2 and "deep" in err["message"], err


def test_long_work_releases_the_gil(tmp_path):
    # Profiling a few MB in C++ while another Python thread counts: with the GIL held, the
    # counter could not move during the call.
    data = tmp_path / "big.csv"
    with open(data, "w") as f:
        f.write("a,b,c\n")
        for i in range(300_000):
            f.write(f"{i * 0.5},{i % 97},k{i % 13}\n")
    count, stop = [0], threading.Event()

    def counter():
        while not stop.is_set():
            count[0] += 1

    t = threading.Thread(target=counter)
    t.start()
    time.sleep(0.05)
    before = count[0]
    started = time.perf_counter()
    seam.profile(str(data))
    took = time.perf_counter() - started
    during = count[0] - before
    stop.set()
    t.join()
    assert took > 0.02 and during > 1000, (took, during)
