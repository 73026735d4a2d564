"""Acceptance: buys_on_discount on real purchase counts. The Kaggle "Customer Personality Analysis" file
says, per customer, how many purchases they made (web, catalogue, store) and how many of them with a
discount (NumDealsPurchases); it has no orders, so the orders file gives each purchase a date a week
before the one after it (the latest on 2014-06-30) and a discount to the latest NumDealsPurchases of
them. Imported through the real CLI, buys_on_discount equals what pandas reads from the counts by
docs/families.md (Preferences), with the defaults and with the settings users change."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from tests.cli import ok

from segmint import Workspace
from segmint.config import FamilySettings
from segmint.families import compute_features
from segmint.rules import CompileContext

LATEST = dt.datetime(2014, 6, 30)


def purchases(customers: pd.DataFrame) -> pd.Series:
    return customers.NumWebPurchases + customers.NumCatalogPurchases + customers.NumStorePurchases


def orders(customers: pd.DataFrame) -> pd.DataFrame:
    rows = [
        (f"{customer}-{i}", customer, LATEST - dt.timedelta(days=7 * i), 10, 1 if i < deals else 0)
        for customer, made, deals in zip(
            customers.ID, purchases(customers), customers.NumDealsPurchases, strict=True
        )
        for i in range(made)
    ]
    return pd.DataFrame(rows, columns=["order_id", "customer_id", "ordered_at", "total", "discount"])


SETTINGS = {  # [families.preferences] -> customers who buy mostly on discount
    (): 142,
    (("window_days", 90),): 178,
    (("discount_share", 0.25), ("discount_min_purchases", 3)): 859,
    (("window_days", 30), ("discount_min_purchases", 1)): 726,
}


def test_buys_on_discount_from_real_purchase_counts_equals_pandas(kaggle_customers, tmp_path):
    folder, customers = kaggle_customers
    orders(customers).to_csv(tmp_path / "orders.csv", index=False)
    ok("-w", folder, "import", "orders", tmp_path / "orders.csv")
    counts = customers.set_index(customers.ID.astype(str))
    with Workspace.open(folder) as ws:
        ctx = CompileContext.from_workspace(ws)
        stored = ws.raw.sql("SELECT customer_id, buys_on_discount FROM features").df()
        computed = {
            settings: compute_features(ctx, FamilySettings.model_validate({"preferences": dict(settings)}))
            .to_pandas().set_index("customer_id").buys_on_discount
            for settings in SETTINGS
        }  # fmt: skip
    assert ctx.today == LATEST.date()
    stored = stored.set_index("customer_id").buys_on_discount  # what the import's refresh wrote
    assert (stored.reindex(computed[()].index) == computed[()]).all()
    for settings, mostly in SETTINGS.items():
        got, chosen = computed[settings], dict(settings)
        made = purchases(counts.reindex(got.index))
        if "window_days" in chosen:  # one a week back from 2014-06-30: the window holds the latest ones
            made = made.clip(upper=chosen["window_days"] // 7 + 1)
        # 3 customers have more deals than purchases
        deals = counts.NumDealsPurchases.reindex(got.index).clip(upper=made)
        share, least = chosen.get("discount_share", 0.5), chosen.get("discount_min_purchases", 2)
        expected = (made >= least) & (deals > share * made)  # more than half: exactly half (165) is not
        assert (got == expected).all() and expected.sum() == mostly, chosen
