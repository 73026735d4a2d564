"""The built-in families computed again, in pandas, straight from the UCI invoice-line files, by the
definitions of docs/families.md alone (no segmint code): what tests/families/test_uci_families.py compares
segmint's features with, customer by customer.

The UCI files as the online-retail preset reads them (docs/import.md, Presets): a customer is every known
CustomerID, signed up on the day of their first invoice (also a cancelled one); a purchase is an invoice of
a known customer that is not a cancellation (C) or an adjustment (A); its total is the sum of quantity x
price of its lines; nothing dated after `today` is seen, and customers whose first invoice is later are
not there yet. Amounts are compared in exact 1/10000 of a pound.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

# The standard map as docs/families.md draws it: rows R = 5..1, columns FM = 1..5.
GRID = {
    5: ["New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
    4: ["Promising", "Potential Loyalist", "Potential Loyalist", "Loyal", "Loyal"],
    3: ["About to Sleep", "About to Sleep", "Need Attention", "Loyal", "Loyal"],
    2: ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
    1: ["Lost", "Lost", "At Risk", "At Risk", "Can't Lose Them"],
}
# Online Retail II names three columns differently
II_NAMES = {"Invoice": "InvoiceNo", "Price": "UnitPrice", "Customer ID": "CustomerID"}


@dataclass(frozen=True)
class Settings:
    """The family settings these tests change, with the defaults of docs/families.md."""

    bins: int = 5
    groups: list[dict] | None = None  # the [families.rfm] groups map (None: GRID)
    lost_days: int = 365
    inactive_days: int = 180
    simple_new_days: int = 90
    vip_m_score: int | None = None
    new_days: int = 90
    active_days: int = 180
    lapsed_days: int = 365
    hot_days: int = 30  # temperature window_days
    warm_days: int = 90

    def group(self, r: int, fm: int) -> str:
        if self.groups is None:
            return GRID[r][fm - 1]
        for row in self.groups:  # the first row that holds the cell
            if row["r"][0] <= r <= row["r"][1] and row["fm"][0] <= fm <= row["fm"][1]:
                return row["name"]
        raise AssertionError(f"the map has no group for R={r}, FM={fm}")


def lines(path: Path) -> pd.DataFrame:
    """An Online Retail (or Online Retail II) file, with the Online Retail column names."""
    return pd.read_parquet(path).rename(columns=II_NAMES)


def cents(frame: pd.DataFrame) -> pd.Series:
    """quantity x price of each line in 1/10000 of a pound, as integers."""
    return frame.Quantity.astype("int64") * (frame.UnitPrice * 10_000).round().astype("int64")


def families(raw: pd.DataFrame, today: str | None = None, settings: Settings | None = None) -> pd.DataFrame:
    """One row per customer (index customer_id, as text) with the values docs/families.md defines:
    recency_days, frequency, value (monetary in 1/10000), r, f, m, group, simple, stage, tenure, temp.
    `today`: the reference date (default: the day of the file's last invoice)."""
    s = settings or Settings()
    day = pd.Timestamp(today) if today else raw.InvoiceDate.max().normalize()
    seen = raw[raw.InvoiceDate.dt.normalize() <= day]
    known = seen[seen.CustomerID.notna()].assign(customer=lambda f: f.CustomerID.astype("int64").astype(str))
    signup = known.groupby("customer").InvoiceDate.min().dt.normalize()
    sales = known[~known.InvoiceNo.str[0].isin(["C", "A"])].assign(value=cents)
    per = sales.groupby("customer").agg(
        first=("InvoiceDate", "min"), last=("InvoiceDate", "max"),
        frequency=("InvoiceNo", "nunique"), value=("value", "sum"),
    )  # fmt: skip
    per["recency_days"] = (day - per["last"].dt.normalize()).dt.days
    per["since_first"] = (day - per["first"].dt.normalize()).dt.days
    # equal bins, lowest first, ties by customer id; recency: the oldest last purchase first
    n, per["cid"] = len(per), per.index
    ranking = {"r": ("recency_days", False), "f": ("frequency", True), "m": ("value", True)}
    for score, (key, ascending) in ranking.items():
        ranked = per.sort_values([key, "cid"], ascending=[ascending, True])
        per[score] = pd.Series(np.arange(n), index=ranked.index) * s.bins // n + 1

    def on_five(score: pd.Series) -> pd.Series:  # 1 -> 1, the top bin -> 5
        return 1 + (score - 1) * 4 // (s.bins - 1)

    fm = (on_five(per.f) + on_five(per.m) + 1) // 2
    per["group"] = [s.group(r, x) for r, x in zip(on_five(per.r), fm, strict=True)]

    out = pd.DataFrame({"signup": signup}).rename_axis("customer_id").join(per)
    buyer = out.frequency.notna()
    out["frequency"] = out.frequency.fillna(0).astype("int64")
    out["value"] = out.value.fillna(0).astype("int64")
    out.loc[~buyer, "group"] = "No Purchases"
    recency, since_first = out.recency_days, out.since_first
    out["simple"] = np.select(
        [~buyer, recency > s.lost_days, recency > s.inactive_days, since_first <= s.simple_new_days,
         out.m >= (s.vip_m_score or s.bins)],
        ["No Purchases", "Lost", "Inactive", "New", "VIP"], "Regular",
    )  # fmt: skip
    out["stage"] = np.select(
        [~buyer, since_first <= s.new_days, recency <= s.active_days, recency <= s.lapsed_days],
        ["prospect", "new", "active", "lapsing"], "lapsed",
    )  # fmt: skip
    out["tenure"] = (day - out[["signup", "first"]].min(axis=1)).dt.days
    # no events in these files: temperature comes from purchases alone
    out["temp"] = np.select([recency <= s.hot_days, recency <= s.warm_days], ["hot", "warm"], "cold")
    return out


# features column -> the column of families() holding the same value
SAME = {
    "rfm_group": "group", "rfm_simple_group": "simple", "lifecycle_stage": "stage", "temperature": "temp",
    "tenure_days": "tenure", "recency_days": "recency_days", "frequency": "frequency",
    "rfm_r": "r", "rfm_f": "f", "rfm_m": "m",
}  # fmt: skip


def differences(features: pd.DataFrame, expected: pd.DataFrame) -> dict[str, list]:
    """Per features column, the first few customers whose value differs from `expected` (empty: none).
    `features` is segmint's table (customer_id a column or the index)."""
    if "customer_id" in features.columns:
        features = features.set_index("customer_id")
    assert sorted(features.index) == sorted(expected.index), "not the same customers"
    got = features.reindex(expected.index)
    found = {}
    for ours, theirs in SAME.items():
        a, b = got[ours].astype(object), expected[theirs].astype(object)
        both_null = a.isna() & b.isna()
        numeric = ours not in ("rfm_group", "rfm_simple_group", "lifecycle_stage", "temperature")
        equal = (a.astype("Float64") == b.astype("Float64")).fillna(False) if numeric else a == b
        wrong = ~(equal | both_null)
        if wrong.any():
            found[ours] = [(c, got.at[c, ours], expected.at[c, theirs]) for c in wrong[wrong].index[:5]]
    money = got.monetary.map(lambda amount: round(float(amount) * 10_000))  # Decimal or float
    if (money != expected.value).any():
        found["monetary"] = list(expected.index[money != expected.value][:5])
    return found


KEYWORDS = [
    ("CHRISTMAS", "Christmas"), ("BAG", "Bags"), ("CANDLE", "Candles"), ("T-LIGHT", "Candles"),
    ("MUG", "Kitchen"), ("CAKE", "Kitchen"), ("CARD", "Cards"), ("LIGHTS", "Lighting"),
]  # fmt: skip


def catalogue(raw: pd.DataFrame) -> pd.DataFrame:
    """A products file made from the data: each stock code with the first description it has and, as the
    category, the first keyword its description holds; most products (3,049 of 3,958) match none and
    have no category, and the stock codes without any description are not in it at all."""
    products = raw.dropna(subset=["Description"]).drop_duplicates("StockCode")[["StockCode", "Description"]]

    def category(description: str) -> str | None:
        return next((name for word, name in KEYWORDS if word in description.upper()), None)

    return products.assign(Category=products.Description.map(category))


def favourites(raw: pd.DataFrame, products: pd.DataFrame, window_days: int | None = None) -> pd.DataFrame:
    """favourite (category) and share per customer with a known-category line, by docs/families.md
    (Preferences): the spend of purchase lines with a positive amount, per category of the product; the
    most spend wins, the name first in order on a tie; the share is over all their positive lines."""
    day = raw.InvoiceDate.max().normalize()
    sold = raw[raw.CustomerID.notna() & ~raw.InvoiceNo.str[0].isin(["C", "A"])]
    if window_days is not None:
        sold = sold[sold.InvoiceDate.dt.normalize() >= day - pd.Timedelta(days=window_days)]
    sold = sold.assign(customer=sold.CustomerID.astype("int64").astype(str), amount=cents)
    sold = sold[sold.amount > 0].merge(products[["StockCode", "Category"]], on="StockCode", how="left")
    spend = sold.groupby("customer").amount.sum()
    per = sold.groupby(["customer", "Category"]).amount.sum().reset_index()  # NaN categories dropped
    per = per.sort_values(["customer", "amount", "Category"], ascending=[True, False, True])
    best = per.drop_duplicates("customer").set_index("customer")
    return pd.DataFrame({"favourite": best.Category, "share": best.amount / spend.reindex(best.index)})
