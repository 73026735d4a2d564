"""An events file without an id column: rows that are exact copies all land (nothing tells one event
exported twice from two alike), and importing the file again stores nothing twice. Real files, real
DuckDB."""

from __future__ import annotations

import pytest
from tests.ingest.conftest import write

from segmint import import_file

VIEWS = (
    "customer_id,event_type,occurred_at,page\n"
    "c1,page_view,2024-01-02 10:00,/a\n"
    "c1,page_view,2024-01-02 10:00,/a\n"
    "c2,page_view,2024-01-02 10:00,/a\n"
)


@pytest.fixture
def known(workspace, tmp_path):
    text = "customer_id,email\nc1,a@x.com\nc2,b@x.com\n"
    import_file(workspace, "customers", write(tmp_path / "c.csv", text), refresh=False)
    return workspace


def _events(ws) -> int:
    return ws.raw.execute("SELECT count(*) FROM events").fetchone()[0]


def test_two_identical_page_views_without_an_id_both_land(known, tmp_path):
    summary = import_file(known, "events", write(tmp_path / "e.csv", VIEWS), refresh=False)
    assert (summary.inserted, summary.quarantined) == (3, 0)
    assert known.raw.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
    assert _events(known) == 3


def test_importing_the_same_file_again_stores_nothing_twice(known, tmp_path):
    path = write(tmp_path / "e.csv", VIEWS)
    import_file(known, "events", path, refresh=False)
    again = import_file(known, "events", path, refresh=False)
    assert (again.inserted, again.updated, again.unchanged, again.quarantined) == (0, 0, 3, 0)
    assert _events(known) == 3
    # a later export repeating both copies and bringing a third view adds only that one
    later = write(tmp_path / "later.csv", VIEWS + "c1,page_view,2024-01-02 10:00,/a\n")
    summary = import_file(known, "events", later, refresh=False)
    assert (summary.inserted, summary.unchanged) == (1, 3)
    assert _events(known) == 4


def test_survey_answers_differing_in_a_refused_score_do_not_collide(known, tmp_path):
    text = (
        "customer_id,event_type,occurred_at,nps_score\n"
        "c1,survey_answer,2024-01-03 10:00,11\n"
        "c1,survey_answer,2024-01-03 10:00,12\n"
    )
    summary = import_file(known, "events", write(tmp_path / "s.csv", text), refresh=False)
    assert (summary.inserted, summary.quarantined, summary.rejected_values) == (2, 0, 2)
    refused = known.raw.execute("SELECT value FROM rejected_values ORDER BY row").fetchall()
    assert refused == [("11",), ("12",)]


def test_rows_sharing_an_event_id_are_still_one_event_the_last_winning(known, tmp_path):
    text = (
        "event_id,customer_id,event_type,occurred_at\n"
        "e1,c1,page_view,2024-01-02 10:00\n"
        "e1,c1,page_view,2024-01-02 11:00\n"
    )
    summary = import_file(known, "events", write(tmp_path / "e.csv", text), refresh=False)
    assert (summary.inserted, summary.quarantined) == (1, 1)
    assert known.raw.execute("SELECT row, reason_code FROM quarantine").fetchall() == [
        (2, "import.duplicate_key")
    ]
