"""Favourite category by share of spend and the buys-on-discount flag, on a hand-made workspace."""

from __future__ import annotations

import pytest

from segmint.config import FamilySettings
from segmint.families import compute_features

from .shop import by_customer, context, insert, orders_of

TODAY = "2024-12-31"
# customer -> orders, each a list of (category, amount) lines
BASKETS = {
    "books_win": [[("Shoes", 100), ("Books", 60)], [("Books", 60)]],
    "tie": [[("Shoes", 50), ("Books", 50)]],
    "uncategorised": [[(None, 500)]],
    "refund_line": [[("Shoes", 100), ("Shoes", -80), ("Books", 30)]],
    "cyrillic": [[("Взуття", 10), ("Кава", 30), (None, 60)]],
}


@pytest.fixture
def shop(workspace):
    orders, lines = [], []
    for cid, baskets in BASKETS.items():
        for n, basket in enumerate(baskets):
            orders.append({"order_id": f"{cid}-{n}", "customer_id": cid, "ordered_at": "2024-12-01",
                           "total": sum(a for _, a in basket)})  # fmt: skip
            lines += [{"order_id": f"{cid}-{n}", "line_no": i, "category": cat, "unit_price": amount}
                      for i, (cat, amount) in enumerate(basket)]  # fmt: skip
    orders.append({"order_id": "x", "customer_id": "tie", "ordered_at": "2024-12-01", "total": 900,
                   "status": "cancelled"})  # fmt: skip
    lines.append({"order_id": "x", "line_no": 0, "category": "Shoes", "unit_price": 900})
    discounts = {"d_2_of_3": [1, 1, 0], "d_1_of_2": [1, 0], "d_1_of_1": [1], "d_old": [1, 1]}
    for cid, flags in discounts.items():
        days = ["2024-12-20"] * len(flags) if cid != "d_old" else ["2024-06-01", "2024-12-20"]
        orders += orders_of({cid: [(d, 100) for d in days]})
        for n, flag in enumerate(flags):
            orders[-len(flags) + n]["discount"] = 10 * flag
    insert(workspace, "customers", [{"customer_id": c} for c in [*BASKETS, *discounts, "never"]])
    insert(workspace, "orders", orders)
    insert(workspace, "order_items", lines)
    return workspace


def test_favourite_category_by_share_of_spend(shop):
    rows = by_customer(compute_features(context(shop, TODAY)))
    got = {c: (rows[c]["favourite_category"], rows[c]["favourite_category_share"]) for c in BASKETS}
    assert got["books_win"] == ("Books", pytest.approx(120 / 220))
    assert got["tie"] == ("Books", pytest.approx(0.5))  # tie broken by name; the cancelled order is ignored
    assert got["uncategorised"] == ("none", None)
    assert got["refund_line"] == ("Shoes", pytest.approx(100 / 130))  # negative lines left out
    assert got["cyrillic"] == ("Кава", pytest.approx(0.3))  # share of all spend, categorised or not
    assert (rows["never"]["favourite_category"], rows["never"]["buys_on_discount"]) == ("none", False)


def test_buys_mostly_on_discount(shop):
    rows = by_customer(compute_features(context(shop, TODAY)))
    flagged = {c for c, r in rows.items() if r["buys_on_discount"]}
    assert flagged == {"d_2_of_3", "d_old"}  # d_1_of_2 is half, not more; d_1_of_1 is one purchase
    one = FamilySettings.model_validate({"preferences": {"discount_min_purchases": 1, "window_days": 30}})
    rows = by_customer(compute_features(context(shop, TODAY), one))
    assert {c for c, r in rows.items() if r["buys_on_discount"]} == {"d_2_of_3", "d_1_of_1", "d_old"}
    assert rows["d_old"]["favourite_category"] == "none"
