"""A pandas DataFrame as the columns seam._seam.profile_columns reads: numpy arrays of numbers
or booleans, read in place, and every other column as the texts to_csv(index=False) would
write into its cells, so that the profile is the profile of that CSV."""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd


def _csv_cells(series) -> list:
    """The cells pandas writes for one column: its own formatting of dates, categories,
    nullable integers and mixed objects, read back with the csv module."""
    text = series.to_frame().to_csv(index=False, header=False, lineterminator="\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [row[0] if row else "" for row in rows]


def _texts(series):
    # The common case, strings and missing values, goes to the module as the object array
    # itself, which reads each str in place and takes anything else as missing.
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
        return series.to_numpy()
    return _csv_cells(series)


def columns(frame) -> tuple:
    names, cells = [], []
    for i in range(frame.shape[1]):
        s = frame.iloc[:, i]
        names.append(str(frame.columns[i]))
        t = s.dtype
        if isinstance(t, np.dtype) and (t.kind in "biu" or (t.kind == "f" and t.itemsize in (4, 8))):
            cells.append(s.to_numpy(copy=False))
        else:
            cells.append(_texts(s))
    return names, cells
