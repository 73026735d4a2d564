"""Small vectorised helpers that turn NumPy arrays into the Arrow columns of the canonical tables."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MICROS_PER_DAY = 86_400_000_000


def money(cents: np.ndarray) -> pa.Array:
    """Exact decimal amounts from integer cents (no float rounding on the way)."""
    return decimal(cents, 2)


def decimal(units: np.ndarray, scale: int) -> pa.Array:
    """decimal(18, scale) values from integers counting 10**-scale units."""
    units = np.ascontiguousarray(units, dtype=np.int64)
    words = np.empty((len(units), 2), dtype=np.int64)  # 128-bit little-endian two's complement
    words[:, 0] = units
    words[:, 1] = units >> 63
    return pa.Array.from_buffers(pa.decimal128(18, scale), len(units), [None, pa.py_buffer(words.tobytes())])


def ids(prefix: str, serials: np.ndarray, width: int) -> pa.Array:
    """'C0000042'-style identifiers from integer serial numbers."""
    digits = pc.utf8_lpad(pc.cast(pa.array(np.asarray(serials, dtype=np.int64)), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def strings(values: list[str] | np.ndarray, index: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """values[index] as an Arrow string column, null where `mask` is true."""
    out = pa.array(np.asarray(values, dtype=object)).take(pa.array(np.asarray(index, dtype=np.int64)))
    if mask is not None:
        out = pc.if_else(pa.array(mask), pa.nulls(len(out), pa.string()), out)
    return out


def join(*parts: pa.Array | str) -> pa.Array:
    """Concatenate string columns and literals element-wise."""
    return pc.binary_join_element_wise(*parts, "")


def timestamps(micros: np.ndarray) -> pa.Array:
    """Naive local timestamps from microseconds since the epoch."""
    return pa.array(np.asarray(micros, dtype=np.int64).astype("datetime64[us]"), pa.timestamp("us"))


def dates(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Dates from days since the epoch, null where `mask` is true."""
    arr = pa.array(np.asarray(days, dtype=np.int64).astype("datetime64[D]"), pa.date32())
    if mask is not None:
        arr = pc.if_else(pa.array(mask), pa.nulls(len(arr), pa.date32()), arr)
    return arr


def string_lists(values: list[str], member: np.ndarray) -> pa.Array:
    """A list<string> column from a boolean membership matrix (rows: records, columns: values)."""
    _rows, cols = np.nonzero(member)
    offsets = np.concatenate([[0], np.cumsum(member.sum(axis=1))]).astype(np.int32)
    flat = pa.array(np.asarray(values, dtype=object)[cols], pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets), flat)


def epoch_micros(moment: dt.datetime) -> int:
    return int((moment - dt.datetime(1970, 1, 1)) / dt.timedelta(microseconds=1))


def weighted_choice(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    """Indices drawn with the given (unnormalised) weights."""
    w = np.asarray(weights, dtype=float)
    return rng.choice(len(w), size=size, p=w / w.sum())
