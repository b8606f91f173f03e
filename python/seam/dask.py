"""Profiling and drift on a Dask cluster (docs/distributed.md).

A profile is a map and a tree reduction. Each worker profiles the files or partitions given to
it where the data is. Workers then merge the partial profiles in a tree, a few at a time. Only
small things reach the client: the column types, the file names a glob matched, and the
profiles themselves.

The result equals the single-machine profile of the same data. Counts, missing and invalid
values, categorical frequencies (while exact), min and max, the distinct-count sketch and
the type of every column are the same. Quantiles are equal within the sketch's stated rank
error, and moments within floating-point rounding. To get there, the workers all use the
column types that the first file's type sample gives, as `seam profile` does. A column that
later values do not fit is profiled again in a second pass, with the same rule and note.

    from distributed import Client
    import seam.dask
    client = Client("tcp://scheduler:8786")
    p = seam.dask.profile("s3-mounted/data/2026-*.csv", client=client)

Command line: ``seam profile --dask tcp://scheduler:8786 'data/*.csv' -o profile.json`` runs
this module as ``python3 -m seam.dask``.
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
from typing import Any, Mapping, Optional, Sequence, Union

from . import Profile, _seam

# How many partial profiles one merge task takes. Wider trees mean fewer tasks for the
# scheduler and more work per task. docs/distributed.md gives the trade-off in numbers.
FAN_IN = 16


def _expand(patterns: Sequence[str]) -> list:
    """The files the patterns name, globbed where the data is (on a worker)."""
    paths = []
    for p in patterns:
        matched = sorted(glob.glob(p)) if glob.has_magic(p) else [p]
        if not matched:
            from .errors import ReadError
            raise ReadError(f"no file matches '{p}'", file=p)
        paths += matched
    return paths


def _file_types(path: str, fmt: str, only: list, types: dict, label: str) -> list:
    return _seam.sample_file_types(path, fmt, only, types, label)


def _profile_file(path: str, fmt: str, only: list, types: dict, label: str, sketch_k: int) -> Profile:
    return _seam.profile_paths([path], fmt, only, types, label, 0, sketch_k, 1)


def _frame_columns(part):
    from . import _frame
    return _frame.columns(part)


def _profile_partition(part, source: str, only: list, types: dict, label: str, sketch_k: int) -> Profile:
    names, cells = _frame_columns(part)
    return _seam.profile_columns(names, cells, len(part), source, only, types, label, 0, sketch_k)


def _partition_types(part, only: list, types: dict, label: str) -> list:
    names, cells = _frame_columns(part)
    return _seam.sample_table_types(names, cells, len(part), only, types, label)


def _merge(*parts: Profile) -> Profile:
    return Profile.merge_all(list(parts))


def _tree(client, futures: list, fan_in: int):
    """Merges the futures' profiles on the workers, fan_in at a time, keeping their order
    (the first invalid line of a column is the first one in file order)."""
    while len(futures) > 1:
        groups = [futures[i:i + fan_in] for i in range(0, len(futures), fan_in)]
        futures = [client.submit(_merge, *g, pure=False) if len(g) > 1 else g[0] for g in groups]
    return futures[0]


def _client(client):
    if client is not None:
        return client
    from distributed import default_client
    return default_client()


def profile(data: Union[str, Sequence[str], Any], *, client=None, format: Optional[str] = None,
            columns: Sequence[str] = (), types: Optional[Mapping[str, str]] = None, label: Optional[str] = None,
            sketch_k: int = 200, fan_in: int = FAN_IN) -> Profile:
    """Profiles data on the cluster and returns the merged :class:`seam.Profile`.

    ``data`` is a path, a glob or a list of them (every worker must be able to read them:
    a shared file system or a mounted object store), or a dask DataFrame, whose partitions
    are profiled where they are computed. ``client`` is a ``distributed.Client`` (default:
    the current one). The other options are those of :func:`seam.profile`.
    """
    client = _client(client)
    user_types = dict(types or {})
    only, lab = list(columns), label or ""
    if hasattr(data, "to_delayed"):  # a dask DataFrame
        from dask import delayed
        parts = data.to_delayed()
        sampled = client.compute(delayed(_partition_types)(parts[0], only, user_types, lab)).result()
        fixed = {**dict(sampled), **user_types}

        def run(opts_only, opts_types):
            tasks = [delayed(_profile_partition)(p, f"<partition {i}>", opts_only, opts_types, lab, sketch_k)
                     for i, p in enumerate(parts)]
            return _tree(client, client.compute(tasks), fan_in).result()
    else:
        patterns = [os.fspath(data)] if isinstance(data, (str, os.PathLike)) else [os.fspath(p) for p in data]
        paths = client.submit(_expand, patterns, pure=False).result()
        fmt = format or ""
        sampled = client.submit(_file_types, paths[0], fmt, only, user_types, lab, pure=False).result()
        fixed = {**dict(sampled), **user_types}

        def run(opts_only, opts_types):
            tasks = [client.submit(_profile_file, p, fmt, opts_only, opts_types, lab, sketch_k, pure=False) for p in paths]
            return _tree(client, tasks, fan_in).result()

    merged = run(only, fixed)
    retype, notes = merged.retyping(user_types)
    if not retype:
        return merged
    # The second pass of the type rule, as profile_files makes it: only the misfit columns.
    second = run(list(retype), {**user_types, **retype})
    return merged.with_columns_of(second, notes)


def drift(reference: Profile, current: Union[str, Sequence[str], Any], *, client=None, format: Optional[str] = None,
          sketch_k: int = 200, fan_in: int = FAN_IN, **drift_options: Any):
    """Profiles ``current`` on the cluster with the reference's column types and tests it
    against ``reference`` for drift. Returns what :func:`seam.drift` returns; its options
    (``methods``, ``thresholds``, ``columns``...) pass through. The test runs on sketches
    (a profile from many machines holds no raw values), so results are intervals."""
    from . import drift as local_drift
    profile_columns = list(drift_options.get("columns", ()))
    cur = profile(current, client=client, format=format, types=reference.column_types, columns=profile_columns,
                  label=reference.label or None, sketch_k=sketch_k, fan_in=fan_in)
    return local_drift(reference, cur, **drift_options)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``seam profile --dask`` runs this: profiles FILES on the cluster at --scheduler and
    writes the profile to --output (atomically) or standard output."""
    ap = argparse.ArgumentParser(prog="seam profile --dask")
    ap.add_argument("--scheduler", required=True)
    ap.add_argument("--output", default="-")
    ap.add_argument("--format", default="")
    ap.add_argument("--columns", default="")
    ap.add_argument("--types", default="")
    ap.add_argument("--label", default="")
    ap.add_argument("--sketch-k", type=int, default=200)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args(argv)
    from .errors import Error
    try:
        from distributed import Client
        types = dict(t.split("=", 1) for t in a.types.split(",") if "=" in t)
        bad = [t for t in a.types.split(",") if t and "=" not in t]
        if bad:
            raise Error(f"--types expects COLUMN=TYPE; found '{bad[0]}'")
        # How long to try to reach the scheduler is Dask's own setting,
        # distributed.comm.timeouts.connect (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT).
        with Client(a.scheduler) as client:
            p = profile(a.files, client=client, format=a.format or None, columns=[c for c in a.columns.split(",") if c],
                        types=types, label=a.label or None, sketch_k=a.sketch_k)
    except Error as e:
        print(f"seam profile: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # the scheduler cannot be reached
        print(f"seam profile: {a.scheduler}: {e}", file=sys.stderr)
        return 2
    for note in p.notes:
        print(f"seam profile: {note}", file=sys.stderr)
    if a.output in ("", "-"):
        sys.stdout.write(p.to_json())
    else:
        p.save(a.output)
    return 1 if p.bad_rows else 0


if __name__ == "__main__":
    sys.exit(main())
