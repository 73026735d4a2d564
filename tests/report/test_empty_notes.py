"""A report section with nothing to show names the real reason and what fills it (docs/report.md), in the
report's language: no refresh yet, no snapshot yet, or a refresh that had no customers or no purchases to
score. Before, a workspace never refreshed was told it had one snapshot (movement), and after a refresh of
a workspace without customers or orders the RFM, families and CLV sections still said "run segmint
refresh", which fills nothing there."""

from __future__ import annotations

from pathlib import Path

import pytest

import segmint
from segmint import Workspace, import_file
from segmint.report import write_report
from segmint.report.texts import text

SCORED = ("rfm", "families", "clv")  # the sections the refresh's features fill


def _notes(ws, folder: Path, lang: str) -> dict[str, tuple[str, str]]:
    """section -> (the note's text key, the note as written in the report's `empty`)."""
    summary = write_report(ws, folder / f"{lang}.html", lang=lang)
    return {key: (summary.said[key][0], note) for key, note in summary.empty.items()}


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_an_empty_section_says_why_it_is_empty(tmp_path, lang):
    (tmp_path / "customers.csv").write_text(
        "customer_id;first_name;signup_date\nK1;Олена;01.02.2024\nK2;Петро;01.03.2024\n", encoding="utf-8"
    )
    with Workspace.init(tmp_path / "ws") as ws:
        before = _notes(ws, tmp_path, lang)
        segmint.refresh(ws)
        nobody = _notes(ws, tmp_path, lang)
        import_file(ws, "customers", tmp_path / "customers.csv")  # refreshes: two customers, no orders
        no_orders = _notes(ws, tmp_path, lang)

    assert before["transitions"][0] == "no_snapshot"  # not "one snapshot only": there is none
    assert {key: before[key][0] for key in (*SCORED, "insights", "cohorts")} == dict.fromkeys(
        (*SCORED, "insights", "cohorts"), "no_refresh"
    )
    assert {key: nobody[key][0] for key in SCORED} == dict.fromkeys(SCORED, "no_customers_scored")
    assert nobody["transitions"][0] == "one_snapshot"  # the refresh recorded one date
    assert no_orders["rfm"][0] == no_orders["clv"][0] == "no_buyers_scored"
    assert "families" not in no_orders  # prospects, passive, cold: groups to show
    for notes in (nobody, no_orders):
        for key in SCORED:
            if key in notes:
                assert "`segmint refresh`" not in notes[key][1], (key, notes[key])
    for notes in (before, nobody, no_orders):
        for key, (said, note) in notes.items():
            assert note.startswith(text(said, lang, date="")[:20]), (key, note)
    if lang != "en":
        assert nobody["rfm"][1] != text("no_customers_scored", "en")
        assert "segmint import orders" in no_orders["clv"][1]
