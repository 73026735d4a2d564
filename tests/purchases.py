"""Per-customer purchase metrics computed with pandas from the orders table alone: the independent answer
the tests compare the rule language's values with (docs/rules.md defines them)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from segmint.rules.fields import PURCHASE_STATUSES


def by_pandas(ws, day: dt.date) -> pd.DataFrame:
    """total_spent, orders_count, avg_order_value, days_since_last_order and first_order_date per
    customer: their purchases (completed or pending, not a guest's) up to `day`; customers without one are
    left out."""
    orders = ws.raw.execute("SELECT customer_id, ordered_at, total, status, is_guest FROM orders").df()
    orders = orders[
        orders.customer_id.notna()
        & ~orders.is_guest.astype(bool)
        & orders.status.isin(PURCHASE_STATUSES)
        & (orders.ordered_at.dt.date <= day)
    ]
    orders = orders.assign(total=orders.total.astype(float), date=orders.ordered_at.dt.date)
    grouped = orders.groupby("customer_id")
    return pd.DataFrame(
        {
            "total_spent": grouped.total.sum(),
            "orders_count": grouped.size(),
            "avg_order_value": grouped.total.mean(),
            "days_since_last_order": grouped.date.max().map(lambda last: (day - last).days),
            "first_order_date": grouped.date.min(),
        }
    )
