"""Row-for-row comparison of two result tables from different engines, with messages that say where."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal

import numpy as np
import pandas as pd

REL, ABS = 1e-9, 1e-9  # floats: engines may sum in another order, nothing more


def normal(value):
    """One engine-neutral form per value: None for every kind of missing, floats for numbers, tuples for
    lists, naive datetimes, plain dates, JSON objects (and text holding one) as their text with sorted
    keys."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | Decimal | np.integer | np.floating):
        return float(value)
    if isinstance(value, list | tuple | np.ndarray):
        return tuple(normal(v) for v in value)
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        try:  # a JSON object as text (customers.custom on Spark, engines/spark.py): as the object
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict):  # a JSON object (customers.custom on DuckDB): its text, keys in order
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.date | str):
        return value
    raise TypeError(f"no engine-neutral form for {type(value).__name__}: {value!r}")


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=REL, abs_tol=ABS)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def differences(left: pd.DataFrame, right: pd.DataFrame, key: str, limit: int = 10) -> list[str]:
    """What differs between two frames with the same key: columns, keys, then cell values."""
    if list(left.columns) != list(right.columns):
        return [f"columns differ: {list(left.columns)} vs {list(right.columns)}"]
    left, right = (f.sort_values(key, kind="stable").reset_index(drop=True) for f in (left, right))
    if list(left[key]) != list(right[key]):
        only_left = sorted(set(left[key]) - set(right[key]))[:limit]
        only_right = sorted(set(right[key]) - set(left[key]))[:limit]
        return [f"rows differ: only left {only_left}, only right {only_right}"]
    found = []
    for column in left.columns:
        for row, (a, b) in enumerate(zip(left[column], right[column], strict=True)):
            x, y = normal(a), normal(b)
            if not same(x, y):
                found.append(f"{key}={left[key][row]} {column}: {x!r} vs {y!r}")
                if len(found) >= limit:
                    return found
    return found
