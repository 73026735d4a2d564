"""Tiny hand-made workspaces for the family tests: every row written out, so every answer is known."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa

from segmint.rules import CompileContext

NOW = dt.datetime(2025, 1, 1)
TYPES = {
    "ordered_at": pa.timestamp("us"),
    "occurred_at": pa.timestamp("us"),
    "signup_date": pa.date32(),
    "total": pa.decimal128(18, 4),
    "discount": pa.decimal128(18, 4),
    "quantity": pa.decimal128(18, 3),
    "unit_price": pa.decimal128(18, 4),
    "line_no": pa.int32(),
    "is_guest": pa.bool_(),
}
DEFAULTS = {
    "customers": {"merged_into": None, "signup_date": None},
    "orders": {"is_guest": False, "status": "completed", "discount": 0, "channel": "online"},
    "order_items": {"discount": 0, "quantity": 1, "category": None},
    "events": {"campaign_id": None, "channel": None},
}


def day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def insert(ws, name: str, rows: list[dict]) -> None:
    """Rows (dicts; missing columns take DEFAULTS) into a canonical table of the workspace."""
    if not rows:
        return
    rows = [{**DEFAULTS[name], **row} for row in rows]
    columns = list(dict.fromkeys(c for row in rows for c in row))
    arrays = {}
    for c in columns:
        values = [row.get(c) for row in rows]
        if TYPES.get(c) and str(TYPES[c]).startswith("decimal"):
            values = [None if v is None else Decimal(str(v)) for v in values]
        if c == "signup_date":
            values = [None if v is None else dt.date.fromisoformat(v) for v in values]
        if c in ("ordered_at", "occurred_at"):
            values = [day(v) if isinstance(v, str) else v for v in values]
        arrays[c] = pa.array(values, type=TYPES.get(c, pa.string()))
    arrays["imported_at"] = pa.array([NOW] * len(rows), type=pa.timestamp("us"))
    ws.raw.register("incoming", pa.table(arrays))
    ws.raw.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
    ws.raw.unregister("incoming")


def customers(ws, ids) -> None:
    """Bare customers with these ids (each once)."""
    insert(ws, "customers", [{"customer_id": c} for c in dict.fromkeys(ids)])


def orders_of(spec: dict[str, list[tuple[str, float]]], **extra) -> list[dict]:
    """{customer: [(day, total), ...]} as order rows with ids customer-n."""
    return [
        {"order_id": f"{cid}-{n}", "customer_id": cid, "ordered_at": when, "total": total, **extra}
        for cid, rows in spec.items()
        for n, (when, total) in enumerate(rows)
    ]


def context(ws, today: str) -> CompileContext:
    return CompileContext.from_backend(ws.con, today=dt.date.fromisoformat(today))


def by_customer(table) -> dict[str, dict]:
    """customer_id -> row, with None for nulls (through pyarrow: no NaN, ints stay ints)."""
    return {row["customer_id"]: row for row in table.to_pyarrow().to_pylist()}
