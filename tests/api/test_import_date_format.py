"""The date format of an upload is read as the CLI and the web page read it (ingest/dateformats.py): a
directive strptime does not read is a 400 `bad_request` with its code, `ДД.ММ.РРРР` reads as `%d.%m.%Y`, and
a text with no directive is refused. Old behaviour: `%Q` or a stray `%` was a 500 internal_error (DuckDB
refused it mid-import), and `ДД.ММ.РРРР` or `abc` answered 201 with every row quarantined (hunt-web s32,
findings 1 and 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_imports import store_counts, upload

ORDERS = b"order_id,customer_id,ordered_at,total\nQ9,C0000001,01.12.2025,5\n"


def uploads_kept(api) -> list[Path]:
    folder = Path(api.client.app.state.workspace.ws.path) / "uploads"
    return sorted(folder.glob("*/*")) if folder.exists() else []


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("%Q", "import.date_format_directive", {"format": "%Q", "directive": "%Q"}),
        ("%d.%m.%", "import.date_format_directive", {"format": "%d.%m.%", "directive": "%"}),
        ("%Y-%m-%d %E", "import.date_format_directive", {"format": "%Y-%m-%d %E", "directive": "%E"}),
        ("abc", "import.date_format_unreadable", {"format": "abc"}),
    ],
)
def test_a_date_format_the_import_cannot_read_is_a_bad_request_with_its_code(fresh, typed, code, params):
    before, kept = store_counts(fresh), uploads_kept(fresh)
    answer = upload(fresh, "orders_dmy.csv", ORDERS, entity="orders", date_format=typed)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["code"] == "bad_request"
    assert (error["details"]["code"], error["details"]["params"]) == (code, params)
    assert error["message"].startswith(f"--date-format {typed!r}")
    assert store_counts(fresh) == before and uploads_kept(fresh) == kept


def test_a_date_format_written_as_day_month_year_lands_the_rows(fresh):
    answer = upload(fresh, "orders_dmy.csv", ORDERS, entity="orders", date_format="ДД.ММ.РРРР")
    assert answer.status_code == 201, answer.text
    summary = answer.json()
    assert (summary["inserted"], summary["quarantined"]) == (1, 0)
    ws = fresh.client.app.state.workspace.ws
    landed = ws.raw.execute("SELECT ordered_at::DATE::VARCHAR FROM orders WHERE order_id = 'Q9'").fetchall()
    assert landed == [("2025-12-01",)]
