"""A declared --date-format says how the date is written: a date-only format ('%d.%m.%Y') also reads the
value followed by a time ('14.03.2024 10:15'), as the formats tried without a declared one do. Old
behaviour: such orders were quarantined with "does not match the declared date format '%d.%m.%Y'", which
said nothing of the time. Through the real CLI."""

from __future__ import annotations

import json

import duckdb
from tests.cli import ok
from tests.ingest.conftest import write

ORDERS = (
    "order_id,customer_id,ordered_at,total\n"
    "A1,K1,14.03.2024 10:15,100\n"
    "A2,K1,15.03.2024,200\n"
    "A3,K1,16.03.2024T08:05:30,300\n"
    "A4,K1,2024-03-17 09:00,400\n"
)


def _import(tmp_path, date_format: str) -> tuple[dict, list[tuple]]:
    ws = tmp_path / date_format.replace("%", "").replace(" ", "_").replace(":", "")
    ok("init", ws)
    path = write(tmp_path / "orders.csv", ORDERS)
    done = ok("-w", ws, "import", "orders", path, "--date-format", date_format, "--create-missing-customers",
              "--json", "--no-refresh")  # fmt: skip
    with duckdb.connect(str(ws / "segmint.duckdb"), read_only=True) as con:
        landed = con.execute("SELECT order_id, ordered_at::VARCHAR FROM orders ORDER BY order_id").fetchall()
    return json.loads(done.stdout), landed


def test_a_declared_date_only_format_reads_the_date_followed_by_a_time(tmp_path):
    summary, landed = _import(tmp_path, "%d.%m.%Y")
    assert landed == [
        ("A1", "2024-03-14 10:15:00"),
        ("A2", "2024-03-15 00:00:00"),
        ("A3", "2024-03-16 08:05:30"),
    ]
    # a date written otherwise is still refused for the declared format, as before
    assert summary["quarantined"] == 1
    ws = tmp_path / "d.m.Y"
    with duckdb.connect(str(ws / "segmint.duckdb"), read_only=True) as con:
        (code,) = con.execute("SELECT reason_code FROM quarantine").fetchone()
    assert code == "import.date_format"


def test_a_declared_format_with_a_time_is_the_only_one_read(tmp_path):
    summary, landed = _import(tmp_path, "%d.%m.%Y %H:%M")
    assert landed == [("A1", "2024-03-14 10:15:00")]
    assert summary["quarantined"] == 3
