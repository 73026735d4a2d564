"""Dates written with the month's name, as CRM and accounting exports write them ("14 March 2024",
"14 березня 2024 р.", "14 марта 2024 г."), land as those dates in a workspace of any language; a value that
still reads as no date keeps its reason, which now names those forms. Real CSV files, real workspaces."""

from __future__ import annotations

import pytest
from tests.ingest.conftest import quarantined, write

from segmint import Workspace, import_file
from segmint.config import Settings
from segmint.web.import_errors import stored_reason
from segmint.web.messages import translate

ORDERS = (
    "order_id;customer_id;ordered_at;total\n"
    "E1;K1;14 March 2024;1\n"
    "E2;K1;Mar 14, 2024;1\n"
    "E3;K1;14-Mar-2024;1\n"
    "E4;K1;March 14th, 2024 09:05;1\n"
    "E5;K1;14 MAY 2024 10:15:30;1\n"
    "E6;K1;Sept. 3, 2024;1\n"
    "U1;K1;14 березня 2024;1\n"
    "U2;K1;14 берез. 2024;1\n"
    "U3;K1;14 травня 2024 р.;1\n"
    "U4;K1;3 листопада 2024 року 18:40;1\n"
    "U5;K1;1 СІЧ 2024;1\n"
    "R1;K1;14 марта 2024 г.;1\n"
    "R2;K1;14 мар 2024;1\n"
    "R3;K1;14 мая 2024 г. 10:15;1\n"
    "R4;K1;1 ноября 2024 года, 23:59;1\n"
    "R5;K1;5 нояб. 2024;1\n"
    "B1;K1;31 February 2024;1\n"  # a day February has not: no date, as before
    "B2;K1;14 Foo 2024;1\n"  # no month's name
    "B3;K1;14 ма 2024;1\n"  # two letters name no single month (май? March?)
)
STORED = {
    "E1": "2024-03-14 00:00:00",
    "E2": "2024-03-14 00:00:00",
    "E3": "2024-03-14 00:00:00",
    "E4": "2024-03-14 09:05:00",
    "E5": "2024-05-14 10:15:30",
    "E6": "2024-09-03 00:00:00",
    "U1": "2024-03-14 00:00:00",
    "U2": "2024-03-14 00:00:00",
    "U3": "2024-05-14 00:00:00",
    "U4": "2024-11-03 18:40:00",
    "U5": "2024-01-01 00:00:00",
    "R1": "2024-03-14 00:00:00",
    "R2": "2024-03-14 00:00:00",
    "R3": "2024-05-14 10:15:00",
    "R4": "2024-11-01 23:59:00",
    "R5": "2024-11-05 00:00:00",
}
UNKNOWN = {
    "en": "not a date in a known format",
    "uk": "не дата у відомому форматі",
    "ru": "не дата в известном формате",
}
NAMED = {"en": "14 March 2024", "uk": "14 березня 2024 р.", "ru": "14 марта 2024 г."}


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_dates_written_with_the_months_name_land_in_a_workspace_of_any_language(tmp_path, language):
    ws = Workspace.init(tmp_path / "ws", Settings(language=language))
    try:
        customers = "customer_id;signup_date\nK1;14 березня 2024 р.\nK2;Mar 14, 2024\nK3;14 мая 2024\n"
        import_file(ws, "customers", write(tmp_path / "c.csv", customers))
        signups = dict(ws.raw.execute("SELECT customer_id, signup_date FROM customers").fetchall())
        assert {k: v.isoformat() for k, v in signups.items()} == {
            "K1": "2024-03-14",
            "K2": "2024-03-14",
            "K3": "2024-05-14",
        }
        summary = import_file(ws, "orders", write(tmp_path / "orders.csv", ORDERS))
        stored = {
            k: v.isoformat(sep=" ")
            for k, v in ws.raw.execute("SELECT order_id, ordered_at FROM orders").fetchall()
        }
        assert stored == STORED  # before: every one quarantined as not a date in a known format
        found = quarantined(ws, summary.import_id)
        assert {found[row][1]: found[row][2] for row in found} == {
            "31 February 2024": "import.date_unknown_format",
            "14 Foo 2024": "import.date_unknown_format",
            "14 ма 2024": "import.date_unknown_format",
        }
        row = next(row for row in found if found[row][1] == "14 Foo 2024")
        reason = ws.raw.execute(
            'SELECT reason FROM quarantine WHERE import_id = ? AND "row" = ?', [summary.import_id, row]
        ).fetchone()[0]
        worded = translate(stored_reason(reason, *found[row][2:]), language)
        assert worded.startswith(UNKNOWN[language]) and NAMED[language] in worded  # the forms read now
        assert "'14 Foo 2024'" in worded
    finally:
        ws.close()


def test_no_start_of_a_months_name_names_two_months():
    from segmint.ingest import month_names

    numbers = month_names.month_numbers()
    assert numbers["may"] == numbers["мая"] == numbers["май"] == numbers["трав"] == 5
    assert numbers["березня"] == numbers["марта"] == numbers["mar"] == 3
    assert numbers["листопада"] == numbers["нояб"] == numbers["лист"] == 11
    assert numbers["sept"] == numbers["сент"] == numbers["вер"] == 9
    assert "ма" not in numbers and "ju" not in numbers
    # no start of a name was left out for naming two months: every start of every name is there
    from babel.dates import get_month_names

    for language in month_names.LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, written in get_month_names(width, context, language).items():
                    written = written.lower().rstrip(".")
                    starts = {written[:end] for end in range(month_names.SHORTEST, len(written) + 1)}
                    assert {numbers.get(start) for start in starts} == {month}, (language, written)
