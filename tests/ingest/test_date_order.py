"""One date column, one reading: a column whose slash dates show the month first (12/13/2010) reads all of
them month-first, one that shows both orders refuses the values that read either way, naming the column and
an example of each. Real imports; the reproduction through the real CLI."""

from __future__ import annotations

import datetime as dt
import json

from tests.cli import ok
from tests.ingest.conftest import write

from segmint import Workspace, import_file

UCI_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"


def test_a_month_first_column_reads_every_row_month_first_through_the_cli(tmp_path):
    """H6's reproduction: UCI's CSV spelling with the online-retail preset. The old code landed 536365 on
    2010-01-12 (day-first) and quarantined 540000 as 'reads only month-first'."""
    path = write(
        tmp_path / "rep1.csv",
        UCI_HEADER + "536365,85123A,X,6,12/01/2010 08:26,2.55,17850,United Kingdom\n"
        "540000,85123A,X,6,12/13/2010 09:02,2.55,17850,United Kingdom\n",
    )
    ok("init", tmp_path / "rep1")
    done = ok(
        "-w",
        tmp_path / "rep1",
        "import",
        "orders",
        path,
        "--preset",
        "online-retail",
        "--json",
        "--no-refresh",
    )
    summary = json.loads(done.stdout)
    assert (summary["inserted"], summary["quarantined"]) == (2, 0)
    assert summary["date_orders"] == {"InvoiceDate": "month-first"}
    ws = Workspace.open(tmp_path / "rep1")
    try:
        dates = dict(ws.raw.execute("SELECT order_id, ordered_at FROM orders").fetchall())
        (signup,) = ws.raw.execute("SELECT signup_date FROM customers").fetchone()
    finally:
        ws.close()
    assert dates == {"536365": dt.datetime(2010, 12, 1, 8, 26), "540000": dt.datetime(2010, 12, 13, 9, 2)}
    assert signup == dt.date(2010, 12, 1)


def test_a_column_with_both_orders_refuses_the_dates_that_read_either_way(workspace, tmp_path):
    """03/04/2024 beside 03/25/2024 (month-first) and 25/03/2024 (day-first): which one it is, only the
    person who wrote the file knows. The old code landed it as 3 April."""
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nK1\n"))
    path = write(
        tmp_path / "mixed.csv",
        "order_id,customer_id,ordered_at,total\n"
        "O1,K1,03/04/2024,5\n"  # either way: refused
        "O2,K1,03/25/2024,5\n"  # only month-first: refused, as before
        "O3,K1,25/03/2024,5\n"  # only day-first: lands
        "O4,K1,2024-03-05,5\n",  # ISO: lands
    )
    summary = import_file(workspace, "orders", path)
    landed = dict(workspace.raw.execute("SELECT order_id, ordered_at FROM orders").fetchall())
    assert landed == {"O3": dt.datetime(2024, 3, 25), "O4": dt.datetime(2024, 3, 5)}
    refused = {
        row: (column, code, json.loads(params), reason)
        for row, column, code, params, reason in workspace.raw.execute(
            'SELECT "row", "column", reason_code, reason_params, reason FROM quarantine WHERE import_id = ?',
            [summary.import_id],
        ).fetchall()
    }
    assert refused[2] == (
        "ordered_at",
        "import.date_order",
        {
            "value": "03/04/2024",
            "column": "ordered_at",
            "file": str(path),
            "month_first": "03/25/2024",
            "day_first": "25/03/2024",
        },
        f"ambiguous date '03/04/2024': column 'ordered_at' of {path} writes both month-first ('03/25/2024') "
        "and day-first ('25/03/2024') dates; declare the format with --date-format",
    )
    assert refused[3][1] == "import.date_month_first"
    assert set(refused) == {2, 3}
    assert summary.date_orders == {"ordered_at": "mixed"}


def test_each_date_column_decides_its_own_order(workspace, tmp_path):
    """A month-first signup_date beside a day-first birth_date: each column reads in its own order, and the
    summary says which (a column where every slash date reads either way is read day-first, and says so).
    The old code read signup_date day-first too, and refused 01/31/2024."""
    path = write(
        tmp_path / "c.csv",
        "customer_id,signup_date,birth_date\n"
        "K1,01/02/2024,01/02/1990\n"
        "K2,01/31/2024,02/03/1991\n"
        "K3,02/03/2024,31/01/1992\n",
    )
    summary = import_file(workspace, "customers", path)
    assert summary.date_orders == {"signup_date": "month-first", "birth_date": "day-first"}
    undecided = import_file(
        workspace, "customers", write(tmp_path / "u.csv", "customer_id,signup_date\nK4,01/02/2024\n")
    )
    assert undecided.date_orders == {"signup_date": "day-first, assumed"}
    rows = workspace.raw.execute(
        "SELECT customer_id, signup_date, birth_date FROM customers ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("K1", dt.date(2024, 1, 2), dt.date(1990, 2, 1)),
        ("K2", dt.date(2024, 1, 31), dt.date(1991, 3, 2)),
        ("K3", dt.date(2024, 2, 3), dt.date(1992, 1, 31)),
        ("K4", dt.date(2024, 2, 1), None),
    ]
