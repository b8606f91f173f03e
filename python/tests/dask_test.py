"""seam.dask on a LocalCluster of 2 worker processes on loopback: the merged profile of 20
files equals the single-machine profile under the rules of docs/distributed.md, also when a
worker dies midway."""
import os
import threading
import time

import numpy as np
import pandas as pd
import pytest

import seam
import seam.dask

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # tornado's, inside distributed
dd = pytest.importorskip("dask.dataframe")

FILES = 20
ROWS = 40_000


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address="127.0.0.1:0", silence_logs=40)
    c = distributed.Client(cluster, timeout="60s")
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(3)
    paths = []
    for i in range(FILES):
        n = ROWS
        frame = pd.DataFrame({
            "amount": np.round(rng.lognormal(3, 1, n), 2),
            "age": rng.integers(18, 90, n),
            "segment": rng.choice(["retail", "sme", "corporate", "public"], n, p=[0.6, 0.25, 0.1, 0.05]),
            "fraud": rng.random(n) < 0.02,
            # Numbers in the first file's type sample, words in file 15: a second pass.
            "code": [("x" + str(j)) if i == 15 and j % 1000 == 0 else str(j % 500) for j in range(n)],
        })
        frame.loc[rng.random(n) < 0.01, "amount"] = np.nan
        path = d / f"part-{i:02d}.csv"
        frame.to_csv(path, index=False)
        paths.append(str(path))
    return paths


def assert_equal_profiles(got, want, exact_values):
    g, w = got.to_dict(), want.to_dict()
    assert (g["rows"], g["bad_rows"], g["sources"]) == (w["rows"], w["bad_rows"], w["sources"])
    assert got.notes == want.notes
    for gc, wc in zip(g["columns"], w["columns"], strict=True):
        for k in ("name", "type", "count", "missing", "non_finite", "invalid", "first_invalid_line", "non_integral"):
            assert gc[k] == wc[k], (gc["name"], k)
        assert gc["distinct"]["estimate"] == wc["distinct"]["estimate"], gc["name"]
        if "numeric" in wc:
            gn, wn = gc["numeric"], wc["numeric"]
            assert (gn["min"], gn["max"]) == (wn["min"], wn["max"])
            assert gn["mean"] == pytest.approx(wn["mean"], rel=1e-9)
            exact = np.sort(exact_values[gc["name"]])
            # Each quantile lies within the sketch's stated rank error of the exact one.
            eps = gn["rank_error"] + 1.0 / len(exact)
            for q, v in gn["quantiles"].items():
                lo = exact[max(0, int(np.floor((float(q) - eps) * len(exact))))]
                hi = exact[min(len(exact) - 1, int(np.ceil((float(q) + eps) * len(exact))))]
                assert lo <= v <= hi, (gc["name"], q, v, lo, hi)
        if "values" in wc:
            assert gc["values"] == wc["values"], gc["name"]


def exact(paths):
    frame = pd.concat([pd.read_csv(p) for p in paths])
    return {c: frame[c].dropna().to_numpy(dtype=float) for c in ("amount", "age")}


def test_cluster_profile_equals_the_single_machine_profile(client, files):
    single = seam.profile(files)
    assert single.column_types["code"] == "categorical" and single.notes  # the second pass happened
    got = seam.dask.profile(files, client=client, fan_in=4)
    assert_equal_profiles(got, single, exact(files))
    # A glob is expanded on a worker, in the same order.
    pattern = os.path.join(os.path.dirname(files[0]), "part-*.csv")
    assert seam.dask.profile(pattern, client=client).to_dict()["sources"] == files


def test_a_worker_killed_midway_changes_nothing(client, files):
    single = seam.profile(files)
    victim = sorted(client.scheduler_info()["workers"])[1]
    result = {}
    runner = threading.Thread(target=lambda: result.update(p=seam.dask.profile(files, client=client, fan_in=4)))
    runner.start()
    deadline = time.monotonic() + 60
    while not client.processing().get(victim) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert client.processing().get(victim), "the victim never got a task"
    try:
        client.run(os._exit, 1, workers=[victim])  # the process dies; its nanny starts another
    except Exception:  # noqa: BLE001 - the call's connection dies with the worker
        pass
    runner.join(timeout=120)
    assert not runner.is_alive()
    assert victim not in client.scheduler_info()["workers"]
    assert_equal_profiles(result["p"], single, exact(files))


def test_a_dask_dataframe_is_profiled_by_partition(client):
    rng = np.random.default_rng(5)
    frame = pd.DataFrame({"x": rng.normal(0, 1, 20_000), "k": rng.choice(list("abc"), 20_000)})
    got = seam.dask.profile(dd.from_pandas(frame, npartitions=5), client=client)
    want = seam.profile(frame)
    gd, wd = got.to_dict(), want.to_dict()
    assert gd["rows"] == wd["rows"] == 20_000
    for gc, wc in zip(gd["columns"], wd["columns"]):
        assert (gc["type"], gc["count"], gc["missing"]) == (wc["type"], wc["count"], wc["missing"])
    assert gd["columns"][0]["numeric"]["min"] == wd["columns"][0]["numeric"]["min"]
    assert gd["columns"][1]["values"] == wd["columns"][1]["values"]


def test_cluster_drift_against_a_reference_profile(client, files):
    reference = seam.profile(files[:5])
    result = seam.dask.drift(reference, files[5:], client=client, columns=["amount", "segment"])
    assert list(result["column"]) == ["amount", "segment"]
    assert not result["drift"].any()  # the same process made both sides


def test_the_cli_reaches_the_cluster(client, files, cli, tmp_path):
    out = tmp_path / "p.json"
    cli("profile", "--dask", client.scheduler.address, "-o", str(out), *files[:4], ok=(0,))
    got = seam.Profile.read(str(out))
    want = seam.profile(files[:4])
    assert got.rows == want.rows and got.column_types == want.column_types
    out, err = cli("profile", "--dask", "tcp://127.0.0.1:9", files[0], ok=(2,), stderr=True,
                   env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert out == "" and "tcp://127.0.0.1:9" in err
    out, err = cli("profile", "--dask", client.scheduler.address, "--threads", "2", files[0], ok=(2,), stderr=True)
    assert "--threads" in err
