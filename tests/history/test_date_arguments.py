"""The Python API's date arguments: refresh(as_of=...) and select_members(as_of=...) take a date, a datetime
or text that is a date, as members(as_of=...) does, and refuse anything else saying so (hunt-py B-low-17:
raw TypeErrors from comparing str or datetime with date)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.segments.tinyshop import BIG, EXPECTED, FEB, JAN

from segmint import SegmentError, history, refresh, segments
from segmint.rules import select_members


def _snapshots(ws) -> list[tuple]:
    return ws.raw.execute("SELECT kind, ref, as_of FROM membership_snapshots ORDER BY ALL").fetchall()


@pytest.mark.parametrize("as_of", ["2024-02-29", "29.02.2024", dt.datetime(2024, 2, 29, 18, 30)])
def test_refresh_takes_a_date_as_text_or_datetime(make_shop, as_of):
    ws = make_shop()
    summary = refresh(ws, as_of=as_of)
    assert summary.as_of == FEB and summary.dates == [FEB]
    assert set(segments.members(ws, "Big", as_of=FEB).to_pandas()["customer_id"]) == EXPECTED["Big"][FEB]


@pytest.mark.parametrize(
    ("as_of", "error", "message"),
    [
        ("yesterday", ValueError, "as_of 'yesterday' is not a date; write it as 2025-06-30"),
        ("2024-02-30", ValueError, "as_of '2024-02-30' is not a date"),
        (20240229, TypeError, "as_of is a date (datetime.date or text such as '2025-06-30'), not int"),
    ],
)
def test_refresh_refuses_what_is_not_a_date_and_changes_nothing(make_shop, as_of, error, message):
    ws = make_shop()
    refresh(ws)
    before = _snapshots(ws)
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        refresh(ws, as_of=as_of)
    assert _snapshots(ws) == before


def test_select_members_takes_the_same_dates(make_shop):
    ws = make_shop()
    rule = BIG
    for as_of in (FEB, "2024-02-29", "29.02.2024", dt.datetime(2024, 2, 29, 9)):
        members = select_members(ws, rule, as_of=as_of).to_pandas()["customer_id"]
        assert set(members) == EXPECTED["Big"][FEB], as_of
    with pytest.raises(ValueError, match="as_of 'end of feb' is not a date"):
        select_members(ws, rule, as_of="end of feb")
    with pytest.raises(TypeError, match="not float"):
        select_members(ws, rule, as_of=2024.02)


def test_movements_refuse_an_end_before_the_start_and_take_text_dates(make_shop):
    """history.movements(start=later, end=earlier) gave an empty table, as if nobody had moved."""
    ws = make_shop()
    refresh(ws, backfill="monthly")
    moved = history.movements(ws, "Big", JAN, FEB).to_pandas()
    assert len(moved) > 0
    as_text = history.movements(ws, "Big", "2024-01-31", "29.02.2024").to_pandas()
    assert as_text.sort_values(["customer_id", "date"]).values.tolist() == (
        moved.sort_values(["customer_id", "date"]).values.tolist()
    )
    with pytest.raises(SegmentError, match="the end 2024-01-31 is before the start 2024-02-29"):
        history.movements(ws, "Big", FEB, JAN)


def test_transitions_take_text_dates_as_movements_do(make_shop):
    """transition_matrix and transitions read their dates as movements does: a text date raised a
    TypeError after the whole query had run (comparing it with the snapshot dates)."""
    ws = make_shop()
    refresh(ws, backfill="monthly")
    matrix = history.transition_matrix(ws, "Recent", JAN, FEB)
    assert matrix["matrix"] == [[1, 1], [1, 2]]  # D stays, A leaves, B comes in; C and E stay out
    cells = history.transitions(ws, "Recent", JAN, FEB).to_pyarrow().to_pylist()
    for start, end in (("2024-01-31", "29.02.2024"), (dt.datetime(2024, 1, 31, 23, 59), "2024-02-29")):
        assert history.transition_matrix(ws, "Recent", start, end) == matrix, (start, end)
        assert history.transitions(ws, "Recent", start, end).to_pyarrow().to_pylist() == cells
    for ask in (history.transition_matrix, history.transitions):
        with pytest.raises(ValueError, match="end 'end of feb' is not a date"):
            ask(ws, "Recent", JAN, "end of feb")
        with pytest.raises(TypeError, match="transitions needs a start and an end date"):
            ask(ws, "Recent", JAN, None)


def test_transitions_refuse_an_end_before_the_start(make_shop):
    """An end before the start gave the matrix of the end against a later start, as if time ran
    backwards; `segments transitions` refuses it (cli.from_after_to) and so do movements and /history,
    with the code the library now gives it. The same date twice is a question (who is where)."""
    ws = make_shop()
    refresh(ws, backfill="monthly")
    for ask in (history.transition_matrix, history.transitions):
        with pytest.raises(SegmentError, match="the end 2024-01-31 is before the start 2024-02-29") as raised:
            ask(ws, "Recent", FEB, JAN)
        assert raised.value.code == "dates.end_before_start"
        assert raised.value.params == {"start": "2024-02-29", "end": "2024-01-31"}
    assert history.transition_matrix(ws, "Recent", FEB, FEB)["matrix"] == [[2, 0], [0, 3]]
