"""What the report shows, read from the workspace as the last refresh left it (the report never writes).

Every reader returns plain Python / pyarrow data or None when the workspace has nothing to show for it
yet (no refresh, one snapshot only, too little data for CLV), so a section can say what to run instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import pyarrow as pa

from segmint.history import queries
from segmint.kpis.inputs import purchases
from segmint.rules.context import reference_date
from segmint.rules.fields import PURCHASE_STATUSES


def has_features(ws) -> bool:
    return "features" in ws.con.list_tables()


def scored(ws) -> tuple[int, int] | None:
    """(customers, buyers) the last refresh stored features for, a buyer one with a purchase (frequency
    > 0); None before any refresh. Why a section of the features is empty: no refresh, nobody to score,
    or nobody who bought (RFM scores and CLV are of buyers)."""
    if not has_features(ws):
        return None
    features = ws.table("features")
    row = features.aggregate(n=features.count(), buyers=(features.frequency > 0).sum()).to_pyarrow()
    row = row.to_pylist()[0]
    return int(row["n"]), int(row["buyers"] or 0)


@dataclass
class Headline:
    as_of: dt.date
    customers: int
    buyers: int
    orders: int
    revenue: float
    aov: float | None
    first_order: dt.datetime | None
    last_order: dt.datetime | None
    guest_orders: int = 0
    guest_revenue: float = 0.0


def headline(ws) -> Headline:
    """The base to date, in the KPIs' terms (docs/metrics.md): the customers on the reference date, and
    their purchases (completed or pending orders) up to it, so its revenue is the KPIs' (their
    `historical_clv` x size) and the family charts' (monetary). Guest purchases are the shop's takings
    but no customer's: counted apart."""
    today = reference_date(ws)
    customers = queries.customers_on(ws, today)
    bought = purchases(ws).filter(lambda t: t.day <= ibis.literal(today, type="date"))
    sold = bought.semi_join(customers, "customer_id")
    row = (
        sold.aggregate(
            orders=sold.count(),
            buyers=sold.customer_id.nunique(),
            revenue=sold.amount.sum().cast("float64"),  # exact, as the KPIs sum it
            first=sold.ordered_at.min(),
            last=sold.ordered_at.max(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    orders = ws.table("orders")
    guests = orders.filter(
        orders.is_guest, orders.status.isin(PURCHASE_STATUSES), orders.ordered_at.date() <= today
    )
    guest = guests.aggregate(n=guests.count(), value=guests.total.sum().cast("float64")).to_pyarrow()
    guest = guest.to_pylist()[0]
    revenue = float(row["revenue"] or 0.0)
    count = int(row["orders"])
    return Headline(
        as_of=today,
        customers=int(customers.count().execute()),
        buyers=int(row["buyers"]),
        orders=count,
        revenue=revenue,
        aov=revenue / count if count else None,
        first_order=row["first"],
        last_order=row["last"],
        guest_orders=int(guest["n"]),
        guest_revenue=float(guest["value"] or 0.0),
    )


def rfm_grid(ws) -> pa.Table | None:
    """Customers and their average spend per (R score, F score) cell of the stored features."""
    if not has_features(ws):
        return None
    features = ws.table("features")
    scored = features.filter(features.rfm_r.notnull(), features.rfm_f.notnull())
    return (
        scored.group_by(["rfm_r", "rfm_f"])
        .aggregate(customers=scored.count(), avg_monetary=scored.monetary.mean().cast("float64"))
        .order_by(["rfm_r", "rfm_f"])
        .to_pyarrow()
    )


def group_values(ws, column: str, groups: tuple[str, ...] | None) -> list[dict] | None:
    """Per group of a family column: customers and revenue (their monetary value), in display order."""
    if not has_features(ws) or column not in ws.table("features").columns:
        return None
    features = ws.table("features")
    rows = (
        features.filter(features[column].notnull())
        .group_by(group=features[column].cast("string"))
        .aggregate(customers=ibis._.count(), revenue=features.monetary.sum().cast("float64"))
        .to_pyarrow()
        .to_pylist()
    )
    order = {name: i for i, name in enumerate(groups or ())}
    rows.sort(key=lambda r: (order.get(r["group"], len(order)), r["group"]))
    return [{**r, "revenue": float(r["revenue"] or 0.0)} for r in rows]


@dataclass
class Transitions:
    family: str
    start: dt.date
    end: dt.date
    groups: list
    matrix: list[list[int]]


def snapshot_count(ws, family: str = "rfm") -> int:
    """The dates the refreshes recorded the family on (0 before any refresh)."""
    return len(queries.snapshot_dates(ws, queries.lookup(ws, family)))


def transitions(ws, family: str = "rfm", lookback_days: int = 90) -> Transitions | None:
    """Who moved between the family's groups: from the snapshot closest to `lookback_days` before the
    latest one, to the latest. None with fewer than two snapshots."""
    ref = queries.lookup(ws, family)
    dates = queries.snapshot_dates(ws, ref)
    if len(dates) < 2:
        return None
    end = dates[-1]
    wanted = end - dt.timedelta(days=lookback_days)
    start = min(dates[:-1], key=lambda day: abs((day - wanted).days))
    doc = queries.transition_matrix(ws, ref, start, end)
    return Transitions(family, start, end, doc["groups"], doc["matrix"])


def clv_values(ws) -> pa.Table | None:
    """clv_12m per customer, from the features the refresh stored, or predicted now when they have none
    (a refresh made before predictions were features). None when nobody has bought yet."""
    if not has_features(ws):
        return None
    features = ws.table("features")
    if "clv_12m" not in features.columns:
        from segmint.models.clv import ClvDataError, predict_customers

        try:
            return predict_customers(ws).select(["clv_12m", "p_alive", "clv_method"])
        except ClvDataError:
            return None
    wanted = [c for c in ("clv_12m", "p_alive", "churn_risk", "clv_method") if c in features.columns]
    chosen = features.filter(features.clv_12m.notnull()).select(wanted)
    return chosen.to_pyarrow()


def clv_fell_back(values: pa.Table | None) -> bool:
    """Whether the CLV values are the refresh's fallback, the historical average of a model it could not fit
    (too few customers or repeat buyers): no prediction, which the report leaves out (docs/clv.md)."""
    if values is None or values.num_rows == 0 or "clv_method" not in values.column_names:
        return False
    from segmint.models.clv.predict import FALLBACK_METHOD

    return set(values.column("clv_method").to_pylist()) == {FALLBACK_METHOD}


@dataclass
class ClusterView:
    run: object  # segmint.models.clusters.Run
    x: object  # np.ndarray: first principal component of the standardised features, on a sample
    y: object
    labels: list[str]


def clusters(ws, sample: int = 4000, seed: int = 0) -> ClusterView | None:
    """The current clustering and a 2-D principal-component projection of (a seeded sample of) the
    customers it was fitted on, in the model's own standardised units. None when nothing was fitted."""
    import numpy as np
    from sklearn.decomposition import PCA

    from segmint.models.clusters import current
    from segmint.models.clusters.features import context, model_matrix, raw_matrix

    run = current(ws)
    if run is None:
        return None
    matrix = model_matrix(raw_matrix(context(ws, run.as_of), run.spec), run.spec)
    if len(matrix) > sample:
        matrix = matrix.sample(n=sample, random_state=seed)
    standardised = run.model.standardise(matrix)
    points = PCA(n_components=2, random_state=seed).fit_transform(standardised)
    names = run.names()
    labels = [f"{int(c)}. {names.get(int(c), '')}" for c in run.model.assign(matrix)]
    return ClusterView(run, np.asarray(points[:, 0]), np.asarray(points[:, 1]), labels)
