"""The personalisation record of each customer: the only data a message template sees.

One Ibis query builds, for the customers asked for: names and city (customers), favourite category and the
CLV model's expected purchases (features, from the last refresh), the last purchase's date and amount
(orders), a predicted next order date (the refresh date plus the expected gap between purchases, 365 /
expected purchases in 12 months, when the model expects at least one every two years), and a recommended
category: the category most often bought by the customers who also bought their favourite one, among those
the customer has not bought yet (the most popular unbought category when they have no favourite).
"""

from __future__ import annotations

import ibis
import pyarrow as pa

from segmint.campaigns.templates import FIELDS

TOP_CATEGORIES = 50  # recommendations come from the most bought categories only (bounds the candidate set)
DATE_FORMATS = {"uk": "%d.%m.%Y", "ru": "%d.%m.%Y", "en": "%Y-%m-%d"}


def _purchases(ws) -> ibis.Table:
    orders = ws.table("orders")
    return orders.filter(orders.status == "completed", ~orders.is_guest, orders.customer_id.notnull())


def _bought(ws, customers: ibis.Table) -> ibis.Table:
    """Distinct (customer_id, category) of the customers' purchases."""
    items = ws.table("order_items").filter(lambda t: t.category.notnull())
    orders = _purchases(ws).semi_join(customers, "customer_id")
    return orders.join(items, "order_id").select("customer_id", "category").distinct()


def _recommended(ws, customers: ibis.Table, favourite: ibis.Table) -> ibis.Table:
    """customer_id, recommended_category."""
    everyone = _bought(ws, _purchases(ws).select("customer_id").distinct())
    # the two small tables (at most TOP_CATEGORIES rows, and category pairs) are computed once and joined
    # back as memtables: inlined, DuckDB scanned orders x order_items three more times (measured 3.9 s -> ...)
    popular = ibis.memtable(
        everyone.group_by("category")
        .agg(buyers=ibis._.count())
        .order_by([ibis.desc("buyers"), "category"])
        .limit(TOP_CATEGORIES)
        .to_pyarrow()
    )
    a, b = everyone.view(), everyone.view()
    together = ibis.memtable(
        a.join(b, [a.customer_id == b.customer_id, a.category != b.category])
        .select(fav=a.category, category=b.category)
        .group_by(["fav", "category"])
        .agg(together=ibis._.count())
        .to_pyarrow()
    )
    pairs = favourite.cross_join(popular).select("customer_id", "favourite_category", "category", "buyers")
    candidates = (
        pairs.left_join(
            together, [pairs.favourite_category == together.fav, pairs.category == together.category]
        )
        .select(
            "customer_id", category=pairs.category, together=together.together.fill_null(0), buyers="buyers"
        )
        .anti_join(_bought(ws, customers), ["customer_id", "category"])
    )
    rank = ibis.row_number().over(
        group_by="customer_id", order_by=[ibis.desc("together"), ibis.desc("buyers"), "category"]
    )
    ranked = candidates.mutate(rank=rank)
    return ranked.filter(ranked["rank"] == 0).select("customer_id", recommended_category="category")


def records(ws, customer_ids: ibis.Table) -> pa.Table:
    """The personalisation record (templates.FIELDS) of every customer in `customer_ids` (a table with a
    customer_id column), as an Arrow table with one row per customer."""
    ids = customer_ids.select("customer_id").distinct()
    tables = set(ws.con.list_tables())
    customers = ws.table("customers")
    people = ids.join(customers, "customer_id", how="left").select(
        "customer_id", "first_name", "last_name", "full_name", "city"
    )
    if "features" in tables:
        features = ws.table("features")
        wanted = [c for c in ("favourite_category", "expected_purchases_12m") if c in features.columns]
        favourite = ids.join(features.select("customer_id", *wanted), "customer_id", how="left")
        if "expected_purchases_12m" not in wanted:
            favourite = favourite.mutate(expected_purchases_12m=ibis.null("float64"))
        if "favourite_category" not in wanted:
            favourite = favourite.mutate(favourite_category=ibis.null("string"))
    else:
        favourite = ids.mutate(
            favourite_category=ibis.null("string"), expected_purchases_12m=ibis.null("float64")
        )
    as_of = _refresh_date(ws, tables)
    orders = _purchases(ws).semi_join(ids, "customer_id")
    last = (
        orders.mutate(n=ibis.row_number().over(group_by="customer_id", order_by=ibis.desc("ordered_at")))
        .filter(lambda t: t.n == 0)
        .select("customer_id", last_at="ordered_at", last_total="total")
    )
    fmt = DATE_FORMATS.get(ws.settings.language, "%Y-%m-%d")
    recommended = _recommended(ws, ids, favourite.select("customer_id", "favourite_category"))
    joined = (
        people.join(favourite, "customer_id", how="left")
        .join(last, "customer_id", how="left")
        .join(recommended, "customer_id", how="left")
    )
    name = ibis.coalesce(joined.first_name, joined.full_name)
    table = joined.select(
        "customer_id",
        name=name,
        first_name="first_name",
        last_name="last_name",
        full_name="full_name",
        city="city",
        favourite_category="favourite_category",
        last_purchase_date=joined.last_at.strftime(fmt),
        last_purchase_amount=joined.last_total.cast("float64").round(2),
        predicted_next_order_date=_next_order(joined.expected_purchases_12m, as_of, fmt),
        recommended_category="recommended_category",
        currency=ibis.literal(ws.settings.currency),
    )
    return table.select(*FIELDS).to_pyarrow()


def _next_order(expected: ibis.Value, as_of, fmt: str) -> ibis.Value:
    """as_of + 365 / expected purchases a year, formatted; NULL when under one purchase in two years."""
    if as_of is None:
        return ibis.null("string")
    gap = (365.0 / expected).round().cast("int64").as_interval("D")
    return ibis.ifelse(expected >= 0.5, (ibis.date(as_of) + gap).strftime(fmt), ibis.null("string"))


def _refresh_date(ws, tables: set[str]):
    """The date the stored features describe, or None (not the latest run's date: an as-of refresh of a
    past date leaves them as they were, and snapshots after the reference date are removed)."""
    from segmint.history.refresh import features_date

    return features_date(ws) if "features" in tables else None
