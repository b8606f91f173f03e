"""Profiling a pandas DataFrame gives the profile of the CSV that DataFrame.to_csv writes."""
import numpy as np
import pandas as pd
import pytest

import seam


def without_sources(p):
    d = p.to_dict()
    d.pop("sources", None)
    return d


def assert_same_as_csv(frame, tmp_path, **options):
    path = tmp_path / "frame.csv"
    frame.to_csv(path, index=False)
    from_frame = seam.profile(frame, **options)
    assert from_frame.sources == ["<DataFrame>"]
    assert without_sources(from_frame) == without_sources(seam.profile(str(path), **options))
    assert without_sources(from_frame) == without_sources(seam.profile(path.read_bytes(), **options))
    return from_frame


def test_every_kind_of_column(tmp_path):
    rng = np.random.default_rng(7)
    n = 5000
    frame = pd.DataFrame({
        "f64": np.where(rng.random(n) < 0.05, np.nan, rng.normal(100, 30, n)),
        "extremes": np.tile([0.1, 1e16, 1e-5, -0.0, 1e15, np.inf, 123456789.123, 2.5e-7], n // 8),
        "f32": rng.normal(0, 1, n).astype(np.float32),
        "i64": rng.integers(-10**12, 10**12, n),
        "i8": rng.integers(-100, 100, n).astype(np.int8),
        "u16": rng.integers(0, 60000, n).astype(np.uint16),
        "flag": rng.random(n) < 0.3,
        "text": rng.choice(["plain", "with, comma", 'with "quotes"', "two\nlines", None, ""], n),
        "when": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 10**6, n), unit="s"),
        "day": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
        "grade": pd.Categorical(rng.choice(["A", "B", "C"], n)),
        "maybe": pd.array(np.where(rng.random(n) < 0.1, None, rng.integers(0, 5, n)), dtype="Int64"),
        "mixed": rng.choice([1, "one", 2.5, None], n),
    })
    p = assert_same_as_csv(frame, tmp_path, label="grade")
    types = p.column_types
    assert types["f64"] == "numeric" and types["flag"] == "boolean" and types["when"] == "timestamp"
    assert types["grade"] == "categorical" and p.rows == n


def test_strided_columns_of_a_2d_array(tmp_path):
    # A frame made from one Fortran-ordered block: its columns are strided views of it.
    block = np.asfortranarray(np.arange(3000, dtype=np.float64).reshape(1000, 3) / 7)
    frame = pd.DataFrame(block.T.T, columns=["a", "b", "c"])
    assert_same_as_csv(frame, tmp_path)
    frame = pd.DataFrame(np.arange(3000, dtype=np.int32).reshape(1000, 3), columns=["x", "y", "z"])
    assert_same_as_csv(frame, tmp_path)


def test_options_and_late_misfits(tmp_path):
    # A column that is numeric in its type sample and not after it is profiled again.
    values = [str(i) for i in range(80000)] + ["n/a?"] * 10
    frame = pd.DataFrame({"id": values, "x": np.arange(len(values), dtype=np.float64)})
    p = assert_same_as_csv(frame, tmp_path)
    assert p.column_types["id"] != "numeric" and p.notes
    assert_same_as_csv(frame, tmp_path, types={"id": "numeric"}, columns=["id"])


def test_empty_and_single_column_frames(tmp_path):
    assert_same_as_csv(pd.DataFrame({"only": ["a", None, "", "b"]}), tmp_path)
    assert seam.profile(pd.DataFrame({"a": pd.Series([], dtype=float)})).rows == 0


def test_profiles_of_parts_merge_into_the_profile_of_the_whole(tmp_path):
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"x": rng.integers(0, 1000, 6000), "c": rng.choice(list("abcde"), 6000)})
    parts = [seam.profile(frame.iloc[i:i + 2000], types={"c": "categorical"}) for i in range(0, 6000, 2000)]
    whole = seam.profile(frame, types={"c": "categorical"})
    merged = seam.Profile.merge(parts).to_dict()
    want = whole.to_dict()
    assert merged["rows"] == want["rows"] == 6000
    x, want_x = merged["columns"][0], want["columns"][0]
    for k in ("count", "missing", "non_integral"):
        assert x[k] == want_x[k], k
    for k in ("min", "max"):
        assert x["numeric"][k] == want_x["numeric"][k], k
    assert x["numeric"]["mean"] == pytest.approx(want_x["numeric"]["mean"], rel=1e-12)
    assert merged["columns"][1]["values"] == want["columns"][1]["values"]


def test_a_frame_with_a_bad_column_is_refused():
    with pytest.raises(seam.UsageError):
        seam.profile(pd.DataFrame({"a": [1, 2]}), columns=["b"])
