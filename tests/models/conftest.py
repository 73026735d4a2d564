"""The CDNOW sample (Fader, Hardie & Lee 2005): 2,357 customers of the online music shop CDNOW who first
bought in the first quarter of 1997, with 39 weeks of calibration data.

It is read from the package data of `lifetimes` (MIT licence; a test-only dependency, archived upstream),
which ships both the per-customer summary the papers were fitted on and the raw transactions.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest


@dataclass(frozen=True)
class CdnowSummary:
    x: np.ndarray  # repeat purchases in weeks 1-39
    t_x: np.ndarray  # week of the last repeat purchase, from the first purchase
    T: np.ndarray  # weeks observed since the first purchase
    m: np.ndarray  # mean value of the repeat purchases (0 without repeats)


def cdnow_file(name: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return resources.files("lifetimes.datasets").joinpath(name)


@pytest.fixture(scope="session")
def cdnow() -> CdnowSummary:
    frame = pd.read_csv(cdnow_file("cdnow_customers_summary_with_transactions.csv"))
    assert len(frame) == 2357
    return CdnowSummary(
        frame["x"].to_numpy(float),
        frame["t_x"].to_numpy(float),
        frame["T"].to_numpy(float),
        frame["zbar"].to_numpy(float),
    )


@pytest.fixture(scope="session")
def cdnow_purchases() -> ibis.Table:
    """The raw CDNOW sample transactions (1997-01-01 to 1998-06-30) as purchases in a DuckDB table:
    customer_id (the sample's 0001-2357), ordered_at, total (dollars)."""
    raw = pd.read_csv(
        cdnow_file("CDNOW_sample.txt"),
        sep=r"\s+",
        header=None,
        names=["master_id", "customer_id", "date", "cds", "total"],
        dtype={"customer_id": str, "date": str},
    )
    table = pa.table(
        {
            "customer_id": raw["customer_id"].to_numpy(str),
            "ordered_at": pd.to_datetime(raw["date"], format="%Y%m%d").to_numpy(),
            "total": raw["total"].to_numpy(float),
        }
    )
    con = ibis.duckdb.connect()
    return con.create_table("purchases", ibis.memtable(table))


DEMO_CUSTOMERS = 20_000


@pytest.fixture(scope="session")
def demo_shop(tmp_path_factory) -> tuple[Path, dict]:
    """A demo workspace drawn from BG/NBD (r=0.8, alpha=20, a=0.6, b=3 per week) and Gamma-Gamma
    (p=6, q=4, gamma=750), and the truth it records."""
    from segmint import build_demo

    path = tmp_path_factory.mktemp("clv") / "demo"
    build_demo(path, n_customers=DEMO_CUSTOMERS, seed=42)
    return path, json.loads((path / "demo_truth.json").read_text(encoding="utf-8"))
