"""An independent pandas evaluator of segment rules, written from docs/rules.md, sharing no code with
segmint.rules.compile: it reads the shop's Python rows (not the database) and each corpus rule comes
with a hand-written pandas expression of what it means.

Definitions it implements (the documented semantics): live customers = not merged away and signed up
on or before today (or no sign-up date); customer orders = not guest, with a customer, dated on or before
today; purchases = completed or pending; `within = N` = on or after today - N; a comparison with a
missing value is false; first/last = by time, then by id.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd

PURCHASE = ["completed", "pending"]


class Oracle:
    def __init__(self, rows: dict[str, list[dict]], today: dt.date):
        self.today = pd.Timestamp(today)
        c = pd.DataFrame(rows["customers"])
        for column in ("birth_date", "signup_date"):
            c[column] = pd.to_datetime(c[column])
        live = c["merged_into"].isna() & (c["signup_date"].isna() | (c["signup_date"] <= self.today))
        self.c = c[live].set_index("customer_id", drop=False)

        o = pd.DataFrame(rows["orders"])
        o["ordered_at"] = pd.to_datetime(o["ordered_at"])
        o["day"] = o["ordered_at"].dt.normalize()
        o["total"] = o["total"].astype(float)
        o["discount"] = o["discount"].astype(float)
        o = o[o["customer_id"].notna() & ~o["is_guest"].astype(bool) & (o["day"] <= self.today)]
        self.all_orders = o
        self.p = o[o["status"].isin(PURCHASE)]

        items = pd.DataFrame(rows["order_items"])
        items["amount"] = items["quantity"].astype(float) * items["unit_price"].astype(float) - items[
            "discount"
        ].astype(float)
        items["quantity"] = items["quantity"].astype(float)
        self.lines = items.merge(
            self.p[["order_id", "customer_id", "day", "ordered_at", "channel"]], on="order_id", how="inner"
        )

        e = pd.DataFrame(rows["events"])
        e["occurred_at"] = pd.to_datetime(e["occurred_at"])
        e["day"] = e["occurred_at"].dt.normalize()
        self.e = e[e["customer_id"].notna() & (e["day"] <= self.today)]
        self.f = pd.DataFrame(rows["features"]).set_index("customer_id").reindex(self.c.index)

    # -- dates
    def days(self, n: int) -> pd.Timestamp:
        return self.today - pd.Timedelta(days=n)

    def months(self, n: int) -> pd.Timestamp:
        return self.today - pd.DateOffset(months=n)

    # -- per-customer aggregates, aligned with the live customers
    def count(self, rows: pd.DataFrame) -> pd.Series:
        return rows.groupby("customer_id").size().reindex(self.c.index, fill_value=0)

    def n_orders(self, lines: pd.DataFrame) -> pd.Series:
        return lines.groupby("customer_id")["order_id"].nunique().reindex(self.c.index, fill_value=0)

    def total(self, rows: pd.DataFrame, column: str = "total") -> pd.Series:
        return rows.groupby("customer_id")[column].sum().reindex(self.c.index, fill_value=0.0)

    def stat(self, rows: pd.DataFrame, column: str, how: str) -> pd.Series:
        return rows.groupby("customer_id")[column].agg(how).reindex(self.c.index)

    def pick(
        self, rows: pd.DataFrame, column: str, last: bool, order=("ordered_at", "order_id")
    ) -> pd.Series:
        rows = rows[rows[column].notna()].sort_values(list(order))
        grouped = rows.groupby("customer_id")[column]
        return (grouped.last() if last else grouped.first()).reindex(self.c.index)

    def events(self, kind: str | None = None, since: pd.Timestamp | None = None) -> pd.DataFrame:
        e = self.e
        if kind is not None:
            e = e[e["event_type"] == kind]
        return e if since is None else e[e["day"] >= since]

    def purchases(self, since=None, channel=None) -> pd.DataFrame:
        p = self.p if since is None else self.p[self.p["day"] >= since]
        if channel is not None:
            p = p[p["channel"].isin([channel] if isinstance(channel, str) else channel)]
        return p

    # -- customer attributes
    @property
    def age(self) -> pd.Series:
        born, t = self.c["birth_date"], self.today
        before = (born.dt.month > t.month) | ((born.dt.month == t.month) & (born.dt.day > t.day))
        return t.year - born.dt.year - before.astype(float)

    def attribute(self, key: str) -> pd.Series:
        """The text of a custom attribute (customers.custom is a JSON object of texts), or None."""
        return self.c["custom"].map(lambda doc: json.loads(doc).get(key) if isinstance(doc, str) else None)

    def attribute_number(self, key: str) -> pd.Series:
        """The attribute as a number when written with digits, an optional minus and a decimal dot."""
        return self.attribute(key).map(
            lambda v: float(v) if isinstance(v, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", v) else None
        ).astype(float)

    def attribute_date(self, key: str) -> pd.Series:
        """The attribute as a date when written YYYY-MM-DD (and a day of the calendar)."""

        def day(v):
            if not isinstance(v, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v):
                return None
            try:
                return pd.Timestamp(dt.date.fromisoformat(v))
            except ValueError:
                return None

        return pd.to_datetime(self.attribute(key).map(day))

    def has(self, column: str, value: str) -> pd.Series:
        return self.c[column].map(lambda items: isinstance(items, list | tuple) and value in items)

    def days_since(self, dates: pd.Series) -> pd.Series:
        return (self.today - dates).dt.days

    def ids(self, mask: pd.Series) -> set[str]:
        mask = pd.Series(mask, index=self.c.index).astype("boolean").fillna(False).astype(bool)
        return set(self.c.index[mask])
