"""Build a ready demo workspace: generate the shop, bulk-load it in one transaction, record its truth.

Besides the canonical tables, the workspace gets the truth the shop was drawn from, so later models can
be checked against it:

- `demo_truth.json` in the workspace folder: the true BG/NBD and Gamma-Gamma parameters, the time unit
  and the observation window;
- table `demo_customer_truth`: per buyer, the drawn purchase rate, dropout probability, spend scale,
  repeat purchases and whether (and when) the customer left;
- table `demo_duplicates`: which customer records are near-duplicates of which, and how they differ.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import ibis
import pyarrow as pa

from segmint.config import Settings
from segmint.demo.shop import DEFAULT_END, Shop, generate_shop
from segmint.errors import WorkspaceError
from segmint.store.workspace import Workspace

TRUTH_FILE = "demo_truth.json"
# canonical tables in load order (parents before children)
CANONICAL = ["categories", "products", "customers", "orders", "order_items", "events"]


@dataclass
class DemoSummary:
    """What `build_demo` built, read back from the store."""

    path: str
    seconds: float
    customers: int
    orders: int
    order_items: int
    events: int
    products: int
    categories: list[str]
    revenue: float  # completed orders, guests included
    currency: str
    first_order: str
    last_order: str
    orders_by_status: dict[str, int]
    guest_orders: int
    events_by_type: dict[str, int]
    duplicate_records: int
    truth: dict

    def as_dict(self) -> dict:
        return asdict(self)


def _bulk_insert(con, name: str, table: pa.Table) -> None:
    """Insert an Arrow table by column name (columns the table lacks take their defaults)."""
    view = f"_demo_{name}"
    con.register(view, table)
    try:
        con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM "{view}"')
    finally:
        con.unregister(view)


def load_shop(ws: Workspace, shop: Shop) -> None:
    """All tables of the shop in one transaction: either everything lands or nothing does."""
    customer_ids = shop.customers.select(["source", "customer_id"]).append_column(
        "source_id", shop.customers["customer_id"]
    )
    with ws.transaction() as con:
        for name in CANONICAL:
            _bulk_insert(con, name, getattr(shop, name))
        _bulk_insert(con, "customer_ids", customer_ids)
        for name, table in (
            ("demo_customer_truth", shop.customer_truth),
            ("demo_duplicates", shop.duplicates),
        ):
            con.register("_demo_truth", table)
            try:
                con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _demo_truth')
            finally:
                con.unregister("_demo_truth")


def summarize(ws: Workspace, seconds: float, truth: dict) -> DemoSummary:
    """Figures of the demo, computed by Ibis over the store (so they show what really landed)."""
    orders = ws.table("orders")
    completed = orders.filter(orders.status == "completed")
    stats = orders.aggregate(
        first=orders.ordered_at.min(), last=orders.ordered_at.max(), guests=orders.is_guest.sum()
    ).execute()
    by_status = orders.group_by("status").aggregate(n=orders.count()).execute()
    events = ws.table("events")
    by_type = events.group_by("event_type").aggregate(n=events.count()).order_by(ibis.desc("n")).execute()
    categories = ws.table("categories").order_by("category_id").category_id.execute()
    counts = ws.counts()
    return DemoSummary(
        path=str(ws.path),
        seconds=round(seconds, 2),
        customers=counts["customers"],
        orders=counts["orders"],
        order_items=counts["order_items"],
        events=counts["events"],
        products=counts["products"],
        categories=list(categories),
        revenue=float(completed.total.sum().execute()),
        currency=ws.settings.currency,
        first_order=str(stats["first"][0]),
        last_order=str(stats["last"][0]),
        orders_by_status=dict(zip(by_status["status"], map(int, by_status["n"]), strict=True)),
        guest_orders=int(stats["guests"][0]),
        events_by_type=dict(zip(by_type["event_type"], map(int, by_type["n"]), strict=True)),
        duplicate_records=int(ws.table("demo_duplicates").count().execute()),
        truth=truth,
    )


def build_demo(
    path: str | os.PathLike,
    n_customers: int = 20_000,
    seed: int = 42,
    years: float = 3.0,
    end_date: dt.date = DEFAULT_END,
) -> DemoSummary:
    """Create a demo workspace at `path` (a new or empty folder) and return a summary of it."""
    started = time.perf_counter()
    path = Path(path)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise WorkspaceError(
            f"{path} exists and is not empty; the demo needs a new or empty folder",
            code="demo.not_empty",
            params={"path": str(path)},
        )
    if n_customers < 100:
        raise WorkspaceError(
            f"the demo needs at least 100 customers, not {n_customers}",
            code="demo.too_few",
            params={"customers": n_customers, "least": 100},
        )
    existed = path.exists()
    shop = generate_shop(n_customers=n_customers, years=years, seed=seed, end_date=end_date)
    settings = Settings(reference_date=end_date + dt.timedelta(days=1))
    try:
        with Workspace.init(path, settings) as ws:
            load_shop(ws, shop)
            truth = shop.truth()
            (path / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
            return summarize(ws, time.perf_counter() - started, truth)
    except BaseException:
        # a half-built demo is worse than none: remove what this call created
        if existed:
            for child in path.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)
        raise
