"""Per-customer frequency, recency, T and spend: what the buy-till-you-die models read.

Built as an Ibis expression over the purchases (so it runs in DuckDB, and later on any Ibis engine), then
fetched into NumPy arrays for the fit. The conventions are those of the papers and of the CDNOW data:

- a purchase is a customer's *day* with at least one purchase (orders on the same day are one purchase
  worth their sum), so a basket split into two orders does not look like a repeat purchase;
- the first purchase day is time 0; frequency x counts the later purchase days (repeat purchases);
- recency t_x is the time from the first to the last purchase day, T the time from the first purchase day
  to the last day observed, `as_of` (inclusive, like "today" in the rules), both in the chosen time unit;
- spend per purchase: `monetary_value` is the mean of the repeat purchases (Fader, Hardie & Lee 2005 leave
  the first purchase out, as it is often different in kind), `mean_value` the mean over all purchases.

Computed this way from the raw CDNOW transactions, the summary is the one the published estimates were
fitted on (tests/models/test_published.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import ibis
import numpy as np
import pyarrow as pa

from segmint.errors import ConfigError
from segmint.rules.fields import PURCHASE_STATUSES

UNITS = {"days": 1.0, "weeks": 7.0}
EPOCH = dt.date(1970, 1, 1)


def unit_days(unit: str) -> float:
    try:
        return UNITS[unit]
    except KeyError:
        raise ConfigError(f"unknown time unit {unit!r}; use one of: {', '.join(UNITS)}") from None


def workspace_purchases(ws, orders: ibis.Table | None = None) -> ibis.Table:
    """The purchases the models count, as the KPIs, the rules and the report count them: orders of
    registered customers whose status is a purchase status (completed, pending; guest, cancelled and
    returned orders are left out), as customer_id, ordered_at, total. `orders`: some customers' orders
    already cut from the workspace's (the incremental refresh), instead of all of them."""
    orders = ws.table("orders") if orders is None else orders
    kept = orders.filter(
        orders.status.isin(PURCHASE_STATUSES) & ~orders.is_guest & orders.customer_id.notnull()
    )
    # totals stay DECIMAL until summed: float sums depend on the order a parallel GROUP BY adds them in,
    # and a last-bit change moved a refitted model by more than 1e-9 between two fits of the same data
    return kept.select("customer_id", "ordered_at", "total")


def _days(purchases: ibis.Table, orders: bool = False) -> ibis.Table:
    """One row per customer and purchase day: the day as a DATE, and the day's spend (and with `orders`,
    the day's number of orders). Grouped on the DATE, not on its day number: the 8.9M customer-days of
    the benchmark's 10M orders hash a 4-byte DATE instead of a BIGINT (~0.3 s of CPU less); the day
    numbers are taken of the customers' first and last days only."""
    by_day = purchases.mutate(day=purchases.ordered_at.date()).group_by(["customer_id", "day"])
    counted = {"orders": ibis._.count()} if orders else {}
    return by_day.aggregate(value=purchases.total.sum(), **counted)


def _first(value: ibis.Column, day: ibis.Column) -> ibis.Scalar:
    """The value on the earliest day: DuckDB's arg_min_null, a plain aggregate, where Ibis compiles argmin
    to FIRST(value ORDER BY day), an ordered aggregate that sorts every customer's days (at 872k customers
    and 8.9M days, ~0.4-0.9 s of the summary's 5 s of CPU). The days of a customer are distinct, so it is
    the same value; _null keeps a NULL value, as FIRST does."""
    arg_min_null = ibis.udf.agg.builtin(
        _arg_min_null, name="arg_min_null", signature=((value.type(), day.type()), value.type())
    )
    return arg_min_null(value, day)


def _arg_min_null(value, day):  # the signature of DuckDB's builtin, given with the types in _first
    ...


def summary_expr(
    purchases: ibis.Table, as_of: dt.date, unit: str = "weeks", *, orders: bool = False
) -> ibis.Table:
    """Customer summary from the purchases up to and including day `as_of`: customer_id, frequency,
    recency, T, monetary_value, mean_value, n_purchases, total_spend, first_purchase (day number). With
    `orders`, also n_orders (orders, not days) and spend (total_spend as the exact DECIMAL sum): what a
    kept CLV fit is checked on, summed over the customers (models/clv/features.py purchases_of)."""
    per = unit_days(unit)
    last_day = (as_of - EPOCH).days
    days = _days(purchases, orders)
    days = days.filter(days.day <= ibis.literal(as_of, type="date"))
    counted = {"n_orders": days.orders.sum()} if orders else {}
    g = days.group_by("customer_id").aggregate(
        first=days.day.min().epoch_days(),
        last=days.day.max().epoch_days(),
        n=days.day.count(),
        total=days.value.sum(),
        first_value=_first(days.value, days.day),
        **counted,
    )
    frequency = g.n - 1
    exact = {"n_orders": g.n_orders, "spend": g.total} if orders else {}
    return g.select(
        "customer_id",
        frequency=frequency,
        recency=(g.last - g.first).cast("float64") / per,
        T=(ibis.literal(last_day) - g.first).cast("float64") / per,
        monetary_value=ibis.ifelse(frequency > 0, (g.total - g.first_value).cast("float64") / frequency, 0.0),
        mean_value=g.total.cast("float64") / g.n,
        n_purchases=g.n,
        total_spend=g.total.cast("float64"),
        first_purchase=g.first,
        **exact,
    ).order_by("customer_id")


def holdout_expr(purchases: ibis.Table, calibration_end: dt.date, holdout_end: dt.date) -> ibis.Table:
    """Purchase days per customer after `calibration_end` up to and including `holdout_end`: customer_id,
    holdout_purchases."""
    days = _days(purchases)
    start, end = ibis.literal(calibration_end, type="date"), ibis.literal(holdout_end, type="date")
    kept = days.filter((days.day > start) & (days.day <= end))
    return kept.group_by("customer_id").aggregate(holdout_purchases=kept.day.count())


@dataclass(frozen=True)
class Summary:
    """A fetched customer summary: one entry per customer with a purchase on or before `as_of`."""

    customer_id: np.ndarray
    x: np.ndarray  # frequency: repeat purchases
    t_x: np.ndarray  # recency
    T: np.ndarray  # time observed since the first purchase
    monetary_value: np.ndarray  # mean value of the repeat purchases (0 without repeats)
    mean_value: np.ndarray  # mean value over all purchases
    total_spend: np.ndarray
    as_of: dt.date
    unit: str
    # the customer ids as fetched (from_arrow): the predictions table takes them as they are, where making
    # Arrow strings again of customer_id's Python ones cost ~0.1 s at 872k buyers
    ids: pa.ChunkedArray | None = field(default=None, repr=False, compare=False)

    @property
    def n_customers(self) -> int:
        return len(self.x)

    @property
    def n_repeat_buyers(self) -> int:
        return int((self.x > 0).sum())

    @classmethod
    def from_arrow(cls, table: pa.Table, as_of: dt.date, unit: str) -> Summary:
        def col(name, dtype=float):
            return table.column(name).to_numpy().astype(dtype)

        return cls(
            customer_id=table.column("customer_id").to_numpy(zero_copy_only=False),
            x=col("frequency"),
            t_x=col("recency"),
            T=col("T"),
            monetary_value=col("monetary_value"),
            mean_value=col("mean_value"),
            total_spend=col("total_spend"),
            as_of=as_of,
            unit=unit,
            ids=table.column("customer_id"),
        )

    def customer_ids(self) -> pa.ChunkedArray:
        """customer_id as an Arrow string column."""
        if self.ids is not None:
            return self.ids.cast(pa.string())
        return pa.chunked_array([pa.array(self.customer_id, pa.string())])


def load_summary(purchases: ibis.Table, as_of: dt.date, unit: str = "weeks") -> Summary:
    """Run the summary expression and fetch it for fitting."""
    return Summary.from_arrow(summary_expr(purchases, as_of, unit).to_pyarrow(), as_of, unit)


def workspace_summary(ws, as_of: dt.date | None = None, unit: str = "weeks") -> Summary:
    """The workspace's customer summary, as of its reference date unless another is given (not a later
    one: `check_observed`)."""
    from segmint.rules.context import reference_date

    if as_of is None:
        as_of = reference_date(ws)
    else:
        check_observed(ws, as_of)
    return load_summary(workspace_purchases(ws), as_of, unit)


def check_observed(ws, day: dt.date, name: str = "as_of") -> None:
    """Refuse a date after the workspace's reference date or before the data starts, as the refresh
    refuses them (refresh.after_reference, refresh.before_customers): the purchases after its 'now' are
    not observed, and a fit as of 2030 stretched every customer's T four years into the future and found a
    different model; before the data there is nothing to fit ('too little data: 0 customers', as if the
    history were short). `name`: what the date is called where it was given (an option, `--as-of`)."""
    from segmint.models.clv.fitting import ClvDataError
    from segmint.rules.context import after_reference, before_the_data

    early = before_the_data(ws, day)
    if early:
        raise ClvDataError(
            f"{name} {day} is before the data starts ({early['first']}: the first sign-up, order or event): "
            "no purchase is observed by then",
            code="clv.before_data",
            params={"name": name, **early},
        )
    late = after_reference(ws, day)
    if late:
        raise ClvDataError(
            f"{name} {day} is after the reference date {late['reference_date']}, the workspace's 'now' "
            f"(reference_date in segmint.toml: {late['setting']}): the purchases after it are not observed",
            code="clv.after_reference",
            params={"name": name, **late},
        )
