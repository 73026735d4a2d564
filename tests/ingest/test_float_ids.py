"""Ids written as whole floats ("13085.0", as pandas writes an integer column with gaps) are the same ids as
13085: in customers and in orders, and across a Kaggle CSV and the UCI files of Online Retail II."""

from __future__ import annotations

import functools

import duckdb
from tests.cli import segmint as run_segmint
from tests.ingest.conftest import write

from segmint import Workspace, import_file

segmint = functools.partial(run_segmint, wide=True)
UCI_II = "online_retail_ii/online_retail_ii_2009_2010.parquet"


def count(ws, sql: str) -> int:
    return ws.raw.execute(sql).fetchone()[0]


def kaggle_csv(shared_data, tmp_path, lines: int) -> tuple:
    """The first `lines` lines of Online Retail II, as the UCI Parquet and as the Kaggle CSV writes them:
    pandas read the workbook (Customer ID with gaps -> float64) and wrote it with to_csv."""
    lines_sql = f"SELECT * FROM '{shared_data / UCI_II}' LIMIT {lines}"
    uci = tmp_path / "uci.parquet"
    duckdb.sql(lines_sql).write_parquet(str(uci))
    frame = duckdb.sql(lines_sql).df()
    frame["Customer ID"] = frame["Customer ID"].astype("float64")
    kaggle = tmp_path / "online_retail_II.csv"
    frame.to_csv(kaggle, index=False)
    return kaggle, uci


def test_kaggle_csv_then_uci_file_makes_each_customer_once(tmp_path, shared_data):
    kaggle, uci = kaggle_csv(shared_data, tmp_path, 5000)
    assert "13085.0" in kaggle.read_text().splitlines()[1]  # the Kaggle file's shape
    ws = Workspace.init(tmp_path / "ws")
    first = import_file(ws, "orders", kaggle, preset="online-retail", refresh=False)
    customers = count(ws, f"SELECT count(DISTINCT \"Customer ID\") FROM '{uci}'")
    assert count(ws, "SELECT count(*) FROM customers WHERE contains(customer_id, '.')") == 0
    assert count(ws, "SELECT count(*) FROM orders WHERE contains(customer_id, '.')") == 0
    again = import_file(ws, "orders", uci, preset="online-retail", refresh=False)
    assert again.tables["customers"] == {"inserted": 0, "updated": 0, "unchanged": customers}
    assert (again.inserted, again.updated) == (0, 0)  # the same invoices, the same buyers
    assert count(ws, "SELECT count(*) FROM customers") == customers
    assert (first.float_ids, again.float_ids) == (["Customer ID"], [])
    ws.close()


def test_customers_file_of_float_ids_meets_orders_of_integer_ids(workspace, tmp_path):
    """A customers export with ids "13085.0" and orders naming 13085: the orders find their customers."""
    customers = write(tmp_path / "customers.csv", "Customer ID,Country\n13085.0,United Kingdom\n12346.0,\n")
    summary = import_file(workspace, "customers", customers, refresh=False)
    orders = write(tmp_path / "orders.csv", "order_id,customer_id,ordered_at,total\nA1,13085,2024-01-02,10\n")
    landed = import_file(workspace, "orders", orders, refresh=False)
    assert (landed.inserted, landed.quarantined) == (1, 0)
    assert sorted(workspace.raw.execute("SELECT customer_id FROM customers").fetchall()) == [
        ("12346",),
        ("13085",),
    ]
    assert (summary.float_ids, landed.float_ids) == (["Customer ID"], [])


def test_ids_that_are_codes_stay_as_written(workspace, tmp_path):
    """Only a column whose every id is a whole float loses the ".0": "1.5" or "K7.0" make them codes."""
    path = write(tmp_path / "c.csv", "id,city\n13085.0,Kyiv\n1.5,Lviv\nK7.0,Odesa\n")
    summary = import_file(workspace, "customers", path, refresh=False)
    assert summary.float_ids == []
    assert sorted(workspace.raw.execute("SELECT customer_id FROM customers").fetchall()) == [
        ("1.5",),
        ("13085.0",),
        ("K7.0",),
    ]


def test_the_import_summary_says_so(tmp_path):
    ws = tmp_path / "ws"
    assert segmint("init", ws).returncode == 0
    path = write(tmp_path / "customers.csv", "Customer ID,Country\n13085.0,United Kingdom\n")
    done = segmint("import", "customers", path, "-w", ws, "--no-refresh")
    assert done.returncode == 0, done.stderr
    assert "ids written as floats (13085.0), stored without .0: Customer ID" in done.stderr
