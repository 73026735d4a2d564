"""benchmarks/generate.py: canonical files of an exact size, readable, consistent."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("bench_generate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_writes_exact_order_counts_in_parquet_and_csv(generate, tmp_path):
    # two blocks of customers, so the per-block quotas must add up
    result = generate.write_dataset(tmp_path, customers=60_000, orders=400_000, formats=("parquet", "csv"))
    assert result["orders"]["rows"] == 400_000
    assert result["customers"]["rows"] == 60_000
    con = duckdb.connect()
    orders_pq, orders_csv = (result["orders"]["files"][f] for f in ("parquet", "csv"))
    for path in (orders_pq, orders_csv):
        read = "read_parquet" if path.endswith(".parquet") else "read_csv"
        relation = con.sql(f"SELECT * FROM {read}('{path}')")
        assert relation.columns == generate.ORDER_COLUMNS
        assert relation.count("*").fetchone()[0] == 400_000
    customers_pq = result["customers"]["files"]["parquet"]
    items_pq = result["order_items"]["files"]["parquet"]
    checks = con.sql(f"""
        SELECT
          (SELECT count(DISTINCT order_id) FROM read_parquet('{orders_pq}')) AS distinct_orders,
          (SELECT count(*) FROM read_parquet('{orders_pq}') o
             WHERE o.customer_id IS NOT NULL AND o.customer_id NOT IN
               (SELECT customer_id FROM read_parquet('{customers_pq}'))) AS orphans,
          (SELECT count(*) FROM read_parquet('{orders_pq}') WHERE customer_id IS NULL) AS guests,
          (SELECT count(*) FROM read_parquet('{items_pq}') i
             WHERE i.order_id NOT IN (SELECT order_id FROM read_parquet('{orders_pq}'))) AS orphan_items,
          (SELECT count(*) FROM read_csv('{orders_csv}') WHERE customer_id IS NULL) AS csv_guests
    """).fetchone()
    distinct_orders, orphans, guests, orphan_items, csv_guests = checks
    assert distinct_orders == 400_000 and orphans == 0 and orphan_items == 0
    assert 0 < guests == csv_guests < 0.05 * 400_000


def test_only_the_tables_asked_for(generate, tmp_path):
    result = generate.write_dataset(
        tmp_path, customers=2_000, orders=None, formats=("csv",), tables=("orders",)
    )
    assert list(result) == ["orders"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["orders.csv"]
    assert 4_000 < result["orders"]["rows"] < 12_000  # the demo's own rate: a few orders per customer
    with pytest.raises(ValueError, match="unknown format"):
        generate.write_dataset(tmp_path, customers=100, formats=("xlsx",))


def test_command_line_prints_rows_and_seconds(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--customers",
            "3000",
            "--orders",
            "20000",
            "--out",
            str(tmp_path),
            "--format",
            "parquet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "20,000 rows" in done.stdout and "seconds" in done.stdout
