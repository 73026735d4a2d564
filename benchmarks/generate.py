"""Write a large synthetic shop (canonical customers / orders / order_items) to Parquet and CSV files.

    python benchmarks/generate.py --customers 1000000 --orders 10000000 --out /tmp/shop --format parquet,csv

Uses the demo shop's generator (segmint.demo), block by block of 50,000 customers, so memory stays bounded
whatever the size. To hit the requested order count, the purchase rate of the repeat-buying process is scaled
so that the expected count is a little above it, and each block then drops a few random orders to meet
its share exactly (the files follow the process only approximately; the demo workspace follows it exactly).

Python use (the import benchmark calls this):

    from generate import write_dataset        # from a script in benchmarks/ (its folder is on sys.path)
    files = write_dataset("/tmp/shop", customers=1_000_000, orders=10_000_000, formats=("parquet", "csv"),
                          tables=("orders",))
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from segmint.demo.process import rate_factor_for
from segmint.demo.products import make_assortment
from segmint.demo.shop import ShopSpec, iter_shop

ORDER_COLUMNS = ["order_id", "customer_id", "ordered_at", "total", "discount", "channel", "store", "status"]
ITEM_COLUMNS = [
    "order_id",
    "line_no",
    "product_id",
    "product_name",
    "category",
    "quantity",
    "unit_price",
    "discount",
]
OVERSAMPLE = 1.04  # expected orders above the target, so that every block has enough to trim from
TABLES = ("customers", "orders", "order_items")


def calibrated_spec(customers: int, orders: int | None, seed: int) -> ShopSpec:
    """A shop spec whose expected order count is `orders` * OVERSAMPLE (or the demo's rate if None)."""
    spec = ShopSpec(n_customers=customers, seed=seed)
    if orders is None:
        return spec
    # one pilot block of the real generator gives the horizons and the share of orders that are not repeats
    pilot_n = min(customers, 20_000)
    pilot = next(iter_shop(replace(spec, n_customers=pilot_n), with_items=False, with_events=False))
    truth = pilot.customer_truth
    buyers_per_customer = truth.num_rows / pilot_n
    process_orders = truth.num_rows + int(pc.sum(truth["repeat_purchases"]).as_py())
    extra_per_process = pilot.orders.num_rows / process_orders  # cancellations, returns, guests
    per_buyer = orders * OVERSAMPLE / (customers * buyers_per_customer * extra_per_process)
    if per_buyer <= 1:
        raise ValueError(
            f"{orders} orders is too few for {customers} customers (each buyer orders at least once)"
        )
    horizon = truth["horizon"].to_numpy()
    factor = rate_factor_for(spec.process, horizon, per_buyer - 1)
    return replace(spec, process=spec.process.scaled(factor))


def _flatten_lists(table: pa.Table) -> pa.Table:
    """CSV has no lists: write list columns as 'a|b|c'."""
    for i, column in enumerate(table.schema):
        if pa.types.is_list(column.type):
            col = table.column(i)
            joined = pc.binary_join(col, "|")
            table = table.set_column(i, column.name, joined)
    return table


class _Sink:
    """One table written to one file per format, a block at a time."""

    def __init__(self, out_dir: Path, name: str, formats: Iterable[str]):
        self.paths = {fmt: out_dir / f"{name}.{fmt}" for fmt in formats}
        self.writers: dict[str, object] = {}
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        self.rows += table.num_rows
        for fmt, path in self.paths.items():
            if fmt == "parquet":
                if fmt not in self.writers:
                    self.writers[fmt] = pq.ParquetWriter(path, table.schema, compression="zstd")
                self.writers[fmt].write_table(table, row_group_size=256_000)
            else:
                flat = _flatten_lists(table)
                if fmt not in self.writers:
                    self.writers[fmt] = pacsv.CSVWriter(path, flat.schema)
                self.writers[fmt].write_table(flat)

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()


def _trim(block, quota: int, rng: np.random.Generator):
    """Drop random orders (and their items) so the block has at most `quota` orders."""
    orders, items = block.orders, block.order_items
    surplus = orders.num_rows - quota
    if surplus <= 0:
        return orders, items
    keep = np.ones(orders.num_rows, dtype=bool)
    keep[rng.choice(orders.num_rows, surplus, replace=False)] = False
    orders = orders.filter(pa.array(keep))
    if items is not None:
        items = items.filter(pc.is_in(items["order_id"], value_set=orders["order_id"]))
    return orders, items


def write_dataset(
    out_dir: str | Path,
    customers: int = 1_000_000,
    orders: int | None = 10_000_000,
    formats: Iterable[str] = ("parquet", "csv"),
    seed: int = 42,
    tables: Iterable[str] = TABLES,
    progress=None,
) -> dict:
    """Write customers.<fmt>, orders.<fmt>, order_items.<fmt> into `out_dir`; returns paths and row counts.

    `orders=None` keeps the demo's purchase rate (about 3 orders per customer). Orders files have the
    canonical order columns: order_id, customer_id (empty for guests), ordered_at, total, discount,
    channel, store, status.
    """
    formats = [f.strip().lower() for f in formats]
    tables = list(tables)
    if unknown := set(formats) - {"parquet", "csv"}:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; use parquet and/or csv")
    if unknown := set(tables) - set(TABLES):
        raise ValueError(f"unknown table(s) {sorted(unknown)}; use {', '.join(TABLES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    spec = calibrated_spec(customers, orders, seed)
    sinks = {name: _Sink(out, name, formats) for name in tables}
    trim_rng = np.random.default_rng([seed, 9_999_999])
    done = 0
    try:
        for block in iter_shop(
            spec, with_items="order_items" in sinks, with_events=False, assortment=make_assortment(seed)
        ):
            before = done
            done += block.customers.num_rows
            block_orders, block_items = block.orders, block.order_items
            if orders is not None:
                quota = round(orders * done / customers) - round(orders * before / customers)
                block_orders, block_items = _trim(block, quota, trim_rng)
            if "customers" in sinks:
                sinks["customers"].write(block.customers.drop_columns(["merged_into", "imported_at"]))
            if "orders" in sinks:
                table = block_orders.select(ORDER_COLUMNS)
                table = table.set_column(2, "ordered_at", table["ordered_at"].cast(pa.timestamp("s")))
                sinks["orders"].write(table)
            if "order_items" in sinks:
                sinks["order_items"].write(block_items.select(ITEM_COLUMNS))
            if progress:
                progress(done, customers)
    finally:
        for sink in sinks.values():
            sink.close()
    return {
        name: {"rows": sink.rows, "files": {f: str(p) for f, p in sink.paths.items()}}
        for name, sink in sinks.items()
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument(
        "--orders", type=int, default=None, help="exact number of orders (default: demo's rate)"
    )
    parser.add_argument("--out", required=True, help="folder to write into")
    parser.add_argument("--format", default="parquet,csv", help="parquet, csv or both (comma-separated)")
    parser.add_argument("--tables", default=",".join(TABLES), help="which tables to write (comma-separated)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(
            f"\r{done:,}/{total:,} customers  {time.perf_counter() - started:6.1f} s", end="", file=sys.stderr
        )

    result = write_dataset(
        args.out,
        args.customers,
        args.orders,
        args.format.split(","),
        args.seed,
        args.tables.split(","),
        progress,
    )
    seconds = time.perf_counter() - started
    print(file=sys.stderr)
    for name, info in result.items():
        sizes = ", ".join(
            f"{fmt} {Path(p).stat().st_size / 2**20:,.0f} MiB" for fmt, p in info["files"].items()
        )
        print(f"{name:12} {info['rows']:>12,} rows  ({sizes})")
    print(f"seconds      {seconds:12.1f}")


if __name__ == "__main__":
    main()
