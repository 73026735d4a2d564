"""Customer search and profile queries for the API (Ibis expressions; the library has no such queries yet).

The profile puts together what a person looks at first: attributes, order and event summaries, the
family groups and segments the customer is in now, the segment history, and the model predictions the
last refresh stored in `features`.
"""

from __future__ import annotations

import re

import ibis

from segmint.history.evaluate import family_definitions
from segmint.segments.model import all_segments

PROFILE_ORDERS = 20  # the most recent orders a profile lists


def search(ws, q: str, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
    """Customers whose id is `q`, or whose name or email contains it (any case), or whose phone contains
    its digits (so '067 123' finds +38067123…). Merged-away duplicates are left out."""
    customers = ws.table("customers")
    needle = q.strip().lower()
    found = customers.filter(customers.merged_into.isnull())
    if needle:
        match = (
            (customers.customer_id == q.strip())
            | customers.full_name.lower().contains(needle)
            | customers.email.lower().contains(needle)
        )
        digits = re.sub(r"\D", "", needle)
        if len(digits) >= 3:
            match |= customers.phone.contains(digits)
        found = found.filter(match)
    total = int(found.count().execute())
    rows = (
        found.select("customer_id", "full_name", "email", "phone", "city")
        .order_by("customer_id")
        .limit(limit, offset=offset)
        .to_pyarrow()
        .to_pylist()
    )
    return total, rows


def profile(ws, customer_id: str) -> dict | None:
    """Everything about one customer, or None when no customer has the id."""
    customers = ws.table("customers")
    rows = customers.filter(customers.customer_id == customer_id).to_pyarrow().to_pylist()
    if not rows:
        return None
    return {
        "customer_id": customer_id,
        "attributes": rows[0],
        "orders": _orders(ws, customer_id),
        "events": _events(ws, customer_id),
        **_membership(ws, customer_id),
        "predictions": _features(ws, customer_id),
    }


def _orders(ws, customer_id: str) -> dict:
    orders = ws.table("orders")
    mine = orders.filter(orders.customer_id == customer_id)
    summary = (
        mine.aggregate(
            count=mine.count(),
            completed=(mine.status == "completed").sum(),
            total=mine.total.sum(where=mine.status == "completed"),
            first_at=mine.ordered_at.min(),
            last_at=mine.ordered_at.max(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    recent = (
        mine.select("order_id", "ordered_at", "total", "discount", "currency", "channel", "status")
        .order_by(ibis.desc("ordered_at"))
        .limit(PROFILE_ORDERS)
        .to_pyarrow()
        .to_pylist()
    )
    return {**summary, "completed": int(summary["completed"] or 0), "recent": recent}


def _events(ws, customer_id: str) -> dict:
    events = ws.table("events")
    mine = events.filter(events.customer_id == customer_id)
    by_type = (
        mine.group_by("event_type")
        .aggregate(count=mine.count(), last_at=mine.occurred_at.max())
        .order_by("event_type")
        .to_pyarrow()
        .to_pylist()
    )
    return {
        "count": sum(row["count"] for row in by_type),
        "last_at": max((row["last_at"] for row in by_type), default=None),
        "by_type": by_type,
    }


def _membership(ws, customer_id: str) -> dict:
    history = ws.table("membership_history")
    mine = history.filter(history.customer_id == customer_id)
    rows = mine.order_by(["kind", "ref", "valid_from"]).to_pyarrow().to_pylist()
    names = {s.segment_id: s.name for s in all_segments(ws)}
    known_families = family_definitions(ws)
    families: dict[str, str] = {}
    segments: list[str] = []
    intervals = []
    for row in rows:
        if row["kind"] == "family":
            if row["ref"] not in known_families:
                continue
            if row["valid_to"] is None:
                families[row["ref"]] = row["group_name"]
            continue
        name = names.get(row["ref"])
        if name is None:
            continue
        if row["valid_to"] is None:
            segments.append(name)
        intervals.append({"segment": name, "valid_from": row["valid_from"], "valid_to": row["valid_to"]})
    return {"families": families, "segments": sorted(segments), "segment_history": intervals}


def _features(ws, customer_id: str) -> dict | None:
    if "features" not in ws.con.list_tables():
        return None
    features = ws.table("features")
    rows = features.filter(features.customer_id == customer_id).to_pyarrow().to_pylist()
    return rows[0] if rows else None
