#!/usr/bin/python3
"""The pandas and scipy path that bench/data-bench compares seam with.

profile FILE:      read_csv (read_json for .jsonl), describe() of the numeric columns,
                   value_counts() of the others.
drift REF CUR:     read both, ks_2samp(method='asymp') per numeric column, chi2_contingency
                   per categorical column (what seam drift computes by default).
"""
import sys

import numpy as np
import pandas as pd
from scipy import stats


def read(path):
    return pd.read_json(path, lines=True) if path.endswith(".jsonl") else pd.read_csv(path)


def profile(path):
    df = read(path)
    df.describe()
    for c in df.select_dtypes(exclude="number").columns:
        df[c].value_counts()


def drift(ref_path, cur_path):
    ref, cur = pd.read_csv(ref_path), pd.read_csv(cur_path)
    for c in ref.columns:
        if pd.api.types.is_numeric_dtype(ref[c]) and ref[c].nunique() > 2:
            stats.ks_2samp(ref[c].to_numpy(), cur[c].to_numpy(), method="asymp")
        else:
            counts = pd.concat([ref[c].value_counts(), cur[c].value_counts()], axis=1).fillna(0)
            stats.chi2_contingency(np.asarray(counts).T, correction=False)


if __name__ == "__main__":
    if sys.argv[1] == "profile":
        profile(sys.argv[2])
    else:
        drift(sys.argv[2], sys.argv[3])
