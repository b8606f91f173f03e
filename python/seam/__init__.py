"""seam from Python: find ML mismatches, profile data and test it for drift, read readiness.

The functions run the same library as the ``seam`` command and return what its JSON output
holds, as dicts and lists, so a notebook and a CI job see the same findings::

    import seam
    report = seam.check("examples/turbine-maintenance")
    errors = [f for f in report["findings"] if f["severity"] == "error"]

    train = seam.profile(training_frame)          # a pandas DataFrame, a path or CSV bytes
    live = seam.profile("data/live/*.csv")
    seam.drift(train, live)                       # a pandas DataFrame, a row per column

Every failure raises a :class:`seam.Error` (see :mod:`seam.errors`) that names the file,
line, column and JSON pointer of the problem. Long work releases the GIL.
"""
from __future__ import annotations

import datetime
import glob
import json
import os
import tempfile
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence, Union

from . import _seam, errors, trl
from ._seam import Profile
from .errors import Error, InvalidInputError, ReadError, UsageError

if TYPE_CHECKING:
    import pandas

__version__: str = _seam.__version__
__all__ = ["check", "validate", "profile", "drift", "Profile", "trl", "errors", "Error", "InvalidInputError",
           "ReadError", "UsageError"]

PathLike = Union[str, "os.PathLike[str]"]
# Raw numeric values kept per column when data is profiled for drift, so that numeric tests
# are exact, as `seam drift` does with data files (api/drift.h: kExactValues).
_EXACT_VALUES = 1_000_000


def _today(today: Optional[Union[str, datetime.date]]) -> str:
    if today is None:
        return ""
    return today.isoformat() if isinstance(today, datetime.date) else str(today)


def _params(params: Union[Mapping[str, Any], Iterable[str]]) -> list[str]:
    if isinstance(params, Mapping):
        return [f"{k}={json.dumps(v) if isinstance(v, (list, dict, bool)) else v}" for k, v in params.items()]
    return [str(p) for p in params]


def _descriptor_files(descriptors: Mapping[str, Any]) -> dict[str, bytes]:
    """Descriptor id or file name -> content, as the file names and bytes of a project. Text
    goes as UTF-8; what cannot be (a lone surrogate from undecodable bytes) goes back to its
    bytes, so that the library reports it with its line and column, as it would in a file."""
    files = {}
    for name, content in descriptors.items():
        if isinstance(content, (dict, list)):
            content = json.dumps(content, ensure_ascii=False)
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        if not isinstance(content, (bytes, bytearray)):
            raise UsageError(f"descriptor '{name}' must be a dict or a YAML/JSON text, not {type(content).__name__}",
                             pointer="/" + name)
        if "." not in name:
            name += ".json" if bytes(content).lstrip().startswith(b"{") else ".yaml"
        files[name] = bytes(content)
    return files


def check(project: Union[PathLike, Mapping[str, Any]], *, rules: Sequence[PathLike] = (),
          params: Union[Mapping[str, Any], Iterable[str]] = (), strict: bool = False,
          today: Optional[Union[str, datetime.date]] = None) -> dict:
    """Finds the mismatches across a project's descriptors, as ``seam check --format json``.

    ``project`` is a project directory, or a dict from descriptor id ("trained_model") or file
    name ("trained_model.yaml") to the descriptor as a dict, or as YAML/JSON text or bytes. ``rules`` adds
    rule files to the built-in catalogue, ``params`` overrides rule parameters
    (``{"rule-id.name": value}``), ``strict`` makes unknown fields errors, and ``today``
    (default: today, UTC) decides which waivers have expired.

    Returns the report: ``findings``, ``load_errors``, ``load_warnings``, ``summary``... A
    document that cannot be read or is invalid is reported in ``load_errors``; a project
    that cannot be listed or has no descriptor raises :class:`ReadError` or
    :class:`UsageError`.
    """
    args = ([str(r) for r in rules], _params(params), strict, _today(today))
    if isinstance(project, Mapping):
        return json.loads(_seam.check_texts(_descriptor_files(project), "project", *args))
    return json.loads(_seam.check_dir(os.fspath(project), *args))


def validate(documents: Union[PathLike, Sequence[PathLike], Mapping[str, Any]], *, strict: bool = False,
             as_descriptor: Optional[str] = None) -> dict:
    """Checks descriptors against their schemas, as ``seam validate --format json``.

    ``documents`` is a project directory or descriptor file, a list of them, or a dict as for
    :func:`check`. ``as_descriptor`` reads every file as that descriptor whatever its name.
    Returns ``{"files": [{"path", "descriptor", "valid", "errors", ...}], ...}``.
    """
    if isinstance(documents, Mapping):
        return json.loads(_seam.validate_texts(_descriptor_files(documents), strict))
    paths = [documents] if isinstance(documents, (str, os.PathLike)) else list(documents)
    return json.loads(_seam.validate_paths([os.fspath(p) for p in paths], strict, as_descriptor or ""))


def _paths(data: Union[PathLike, Sequence[PathLike]]) -> list[str]:
    paths = []
    for p in [data] if isinstance(data, (str, os.PathLike)) else data:
        p = os.fspath(p)
        matched = sorted(glob.glob(p)) if glob.has_magic(p) else [p]
        if not matched:
            raise ReadError(f"no file matches '{p}'", file=p)
        paths += matched
    return paths


def profile(data: Union[PathLike, Sequence[PathLike], bytes, "pandas.DataFrame"], *, format: Optional[str] = None,
            columns: Sequence[str] = (), types: Optional[Mapping[str, str]] = None, label: Optional[str] = None,
            sketch_k: int = 200, threads: int = 1, keep_values: int = 0, name: Optional[str] = None) -> Profile:
    """Profiles data, as ``seam profile``: counts, types, moments, quantile and distinct sketches
    and frequent values per column. The profile merges with others (:meth:`Profile.merge`).

    ``data`` is a data file (CSV, TSV or JSON lines, maybe .gz or .zst), a glob or a list of
    files (one data set with the same columns), the bytes of a file, or a pandas DataFrame.
    A DataFrame gives the profile of the CSV that ``DataFrame.to_csv(index=False)`` would
    write; its numeric and boolean columns are read in place, without a copy.

    ``format`` ("csv", "tsv", "jsonl") overrides the file extension (bytes default to CSV);
    ``columns`` profiles only those; ``types`` forces types (``{"zip": "categorical"}``);
    ``label`` names the label column; ``keep_values`` keeps up to that many raw values per
    numeric column, which makes :func:`drift` exact; ``name`` names bytes or a DataFrame in
    the profile's sources.
    """
    type_map = dict(types or {})
    options = (list(columns), type_map, label or "", keep_values, sketch_k)
    if isinstance(data, (bytes, bytearray, memoryview)):
        suffix = "." + (format or "csv")
        with tempfile.NamedTemporaryFile(suffix=suffix) as f:
            f.write(data)
            f.flush()
            p = _seam.profile_paths([f.name], format or "", *options, threads)
        return p.with_sources([name or "<bytes>"])
    if hasattr(data, "to_csv") and hasattr(data, "columns"):  # a pandas DataFrame
        from . import _frame
        names, cells = _frame.columns(data)
        return _seam.profile_columns(names, cells, len(data), name or "<DataFrame>", *options)
    return _seam.profile_paths(_paths(data), format or "", *options, threads)


def _merge(*profiles: Union[Profile, Iterable[Profile]]) -> Profile:
    """The profile of all the data the given profiles describe (a list works too): counts
    add up, moments merge exactly, sketches within their stated error. The profiles must have
    the same columns, with the same types."""
    flat: list = []
    for p in profiles:
        flat += [p] if isinstance(p, Profile) else list(p)
    return Profile.merge_all(flat)


def _to_dict(self: Profile) -> dict:
    """The profile as ``seam profile`` writes it (docs/profile-format.md)."""
    return json.loads(self.to_json())


def _repr(self: Profile) -> str:
    return f"<seam.Profile {self.rows} rows, columns {self.columns}>"


Profile.merge = staticmethod(_merge)
Profile.to_dict = _to_dict
Profile.__repr__ = _repr


def _as_profile(side: Any, reference: Optional[Profile], profile_options: Mapping[str, Any]) -> Profile:
    if isinstance(side, Profile):
        return side
    if isinstance(side, (str, os.PathLike)) and not glob.has_magic(os.fspath(side)):
        with open(side, "rb") as f:
            head = f.read(4096).lstrip()
        if head.startswith(b"{") and b'"seam_version"' in head and b'"columns"' in head:
            return Profile.read(os.fspath(side))
    options = {"keep_values": _EXACT_VALUES, **profile_options}
    if reference is not None:  # the current side is read with the reference's types
        options["types"] = {**reference.column_types, **options.get("types", {})}
    return profile(side, **options)


def drift(reference: Any, current: Any, *, methods: Union[str, Mapping[str, str], None] = None,
          columns: Sequence[str] = (), thresholds: Optional[Mapping[str, float]] = None, critical: Sequence[str] = (),
          dataset_share: Optional[float] = None, bins: Optional[int] = None, raw_wasserstein: bool = False,
          descriptors: Optional[PathLike] = None, **profile_options: Any) -> "pandas.DataFrame":
    """Tests each column of ``current`` against ``reference`` for drift, as ``seam drift``.

    Each side is a :class:`Profile`, a profile file, or data for :func:`profile` (a path, a
    glob, bytes or a DataFrame; extra keyword arguments go to :func:`profile`). From data,
    numeric tests are exact; from profiles they use the sketches and report intervals.
    ``methods`` is one method for every column or ``{column: method}``: chisquare,
    chisquare_gof, ks, psi, jensenshannon, wasserstein. ``thresholds`` maps columns to a
    p-value (tests) or distance (the others) that means drift. ``descriptors`` is a project
    whose training_data descriptor names critical columns.

    Returns a pandas DataFrame with a row per tested column: column, type, method, statistic,
    p_value, threshold, drift, verdict, exact, critical, n_reference, n_current. The whole
    report (data-set verdict, skipped columns, notes) is in ``result.attrs["report"]``.
    """
    import pandas as pd

    ref = _as_profile(reference, None, profile_options)
    cur = _as_profile(current, ref, profile_options)
    if isinstance(methods, str):
        methods = {c: methods for c in (columns or ref.columns)}
    options: dict[str, list[str]] = {
        "columns": [",".join(columns)] if columns else [],
        "method": [f"{c}={m}" for c, m in (methods or {}).items()],
        "threshold": [f"{c}={t}" for c, t in (thresholds or {}).items()],
        "critical": [",".join(critical)] if critical else [],
        "dataset-share": [] if dataset_share is None else [str(dataset_share)],
        "bins": [] if bins is None else [str(bins)],
        "raw-wasserstein": ["true"] if raw_wasserstein else [],
    }
    report = json.loads(_seam.drift(ref, cur, options, os.fspath(descriptors) if descriptors else ""))
    keep = ["name", "type", "method", "statistic", "p_value", "threshold", "drift", "verdict", "exact", "critical",
            "n_reference", "n_current", "inconclusive_reason"]
    frame = pd.DataFrame([{k: c.get(k) for k in keep} for c in report["columns"]], columns=keep)
    frame = frame.rename(columns={"name": "column"})
    frame.attrs["report"] = report
    return frame
