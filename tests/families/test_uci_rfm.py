"""Acceptance: RFM on the real UCI Online Retail data matches an independent pandas computation made
straight from the parquet file, and docs/families.md states the group counts segmint computes."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from segmint import Workspace, import_file
from segmint.families import FAMILIES, compute_features
from segmint.rules import CompileContext

from .independent import GRID  # the standard map as docs/families.md draws it

FILE = "online_retail/online_retail.parquet"
FAMILY_OF = {family.column: name for name, family in FAMILIES.items()}
DOC = Path(__file__).resolve().parents[2] / "docs" / "families.md"


@pytest.fixture(scope="module")
def uci(tmp_path_factory, shared_data):
    ws = Workspace.init(tmp_path_factory.mktemp("uci") / "ws")
    import_file(ws, "orders", shared_data / FILE, preset="online-retail", refresh=False)
    features = compute_features(CompileContext.from_workspace(ws)).to_pandas().set_index("customer_id")
    yield ws, features
    ws.close()


def independent_rfm(path: Path, bins: int = 5) -> pd.DataFrame:
    """RFM by the textbook, in pandas: invoices that are not cancellations (C) or adjustments (A), of known
    customers; recency from the day of the last invoice in the file; equal-size bins with ties broken by
    customer id (as text)."""
    lines = pd.read_parquet(path)
    today = lines.InvoiceDate.max().normalize()
    known = lines[lines.CustomerID.notna()].copy()
    known["customer"] = known.CustomerID.astype("int64").astype(str)
    everyone = pd.Index(sorted(known.customer.unique()), name="customer_id")
    sales = known[~known.InvoiceNo.str[0].isin(["C", "A"])].copy()
    # exact money: each line in 1/10000 of a pound, as integers
    sales["value"] = sales.Quantity.astype("int64") * (sales.UnitPrice * 10_000).round().astype("int64")
    per = sales.groupby("customer").agg(
        last=("InvoiceDate", "max"), frequency=("InvoiceNo", "nunique"), value=("value", "sum")
    )
    per["recency_days"] = (today - per["last"].dt.normalize()).dt.days
    n, per["cid"] = len(per), per.index
    # lowest first; recency: the longest ago first, so the most recent get the highest score
    ranking = {"r": ("recency_days", False), "f": ("frequency", True), "m": ("value", True)}
    for score, (key, ascending) in ranking.items():
        ranked = per.sort_values([key, "cid"], ascending=[ascending, True])
        rank = pd.Series(np.arange(n), index=ranked.index)
        per[score] = rank * bins // n + 1
    fm = (per.f + per.m + 1) // 2
    per["group"] = [GRID[r][x - 1] for r, x in zip(per.r, fm, strict=True)]
    return per.reindex(everyone)


def test_rfm_on_uci_matches_an_independent_pandas_computation(uci, shared_data):
    _, features = uci
    expected = independent_rfm(shared_data / FILE)
    assert len(features) == len(expected) == 4_372
    assert set(features.index) == set(expected.index)
    got = features.reindex(expected.index)
    buyers = expected.r.notna()
    assert buyers.sum() == 4_339  # the other 33 customers have only cancelled invoices
    pairs = {"rfm_r": "r", "rfm_f": "f", "rfm_m": "m", **{c: c for c in ("recency_days", "frequency")}}
    for ours, theirs in pairs.items():
        same = got.loc[buyers, ours].astype("int64") == expected.loc[buyers, theirs].astype("int64")
        assert same.all(), ours
    money = got.loc[buyers, "monetary"].map(lambda d: int(d * 10_000))
    assert (money == expected.loc[buyers, "value"]).all()
    assert (got.loc[buyers, "rfm_group"] == expected.loc[buyers, "group"]).all()
    assert (got.loc[~buyers, "rfm_group"] == "No Purchases").all()
    assert got.loc[~buyers, "rfm_r"].isna().all() and (got.loc[~buyers, "frequency"] == 0).all()


def documented_counts(table: str) -> dict[str, int]:
    """The | group | customers | rows between <!-- uci:TABLE --> and <!-- /uci:TABLE --> in the doc."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(rf"<!-- uci:{table} -->(.*?)<!-- /uci:{table} -->", text, re.S)
    assert block, f"docs/families.md has no uci:{table} table"
    rows = re.findall(r"^\|\s*([^|]+?)\s*\|\s*([\d,]+)\s*\|", block.group(1), re.M)
    return {name: int(count.replace(",", "")) for name, count in rows}


@pytest.mark.parametrize("column", [family.column for family in FAMILIES.values() if family.groups])
def test_the_uci_group_counts_in_the_docs_are_what_segmint_computes(uci, column):
    _, features = uci
    documented = documented_counts(column)
    assert set(documented) == set(FAMILIES[FAMILY_OF[column]].groups)
    nonzero = {group: count for group, count in documented.items() if count}
    assert nonzero == features[column].value_counts().to_dict()
