"""The report's playbook section lists every group of every family (docs/report.md), with the entry
`segmint kpis` shows for it; the preferences group `none` (no purchase with a known category) has an entry
of its own."""

from __future__ import annotations

import html
import re

import pytest

import segmint
from segmint import Workspace, build_demo
from segmint.history.queries import lookup, membership_on
from segmint.kpis import kpi_report
from segmint.playbook import load_playbook
from segmint.report import playbook_section


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("playbook-section") / "ws"
    build_demo(path, n_customers=300, seed=5)
    with Workspace.open(path) as ws:
        segmint.refresh(ws)
    return path


def _rows(body: str) -> list[tuple[str, ...]]:
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]
    return [tuple(html.unescape(cell) for cell in row) for row in cells if row]


def test_every_group_of_every_family_is_in_the_reports_playbook(shop):
    """The section dropped the families' general entries ("*"), and with them every preference group (the
    family has no other entry) and the cluster family: 31 rows, none of them preferences."""
    with Workspace.open(shop, read_only=True) as ws:
        rows = _rows(playbook_section(ws, "en").body)
        book = load_playbook(ws)
        preferences = membership_on(ws, lookup(ws, "preferences")).group_name.to_pyarrow().to_pylist()
    by_family: dict[str, list[str]] = {}
    for family, group, strategy, channel in rows:
        by_family.setdefault(family, []).append(group)
        if family != "cluster":
            play = book.get(family, group)
            assert (strategy, channel) == (play.strategy["en"], play.channel["en"]), (family, group)
    assert sorted(by_family["preferences"]) == sorted(set(preferences)) and "none" in preferences
    assert by_family["rfm"][:2] == ["Champions", "Loyal"] and len(by_family["rfm"]) == 12
    assert by_family["cluster"] == ["every group"]  # no clusters fitted yet: the general entry for all
    assert "*" not in {group for groups in by_family.values() for group in groups}


def test_customers_with_no_favourite_category_are_not_told_to_buy_from_it(shop):
    """preferences:none got the family's general entry, "Recommend new arrivals and bundles from the
    favourite category.", for customers who have none (mostly no purchase at all)."""
    with Workspace.open(shop, read_only=True) as ws:
        for lang in ("en", "uk", "ru"):
            document = kpi_report(ws, family="preferences", lang=lang)
            plays = {row["group"]: row["playbook"]["strategy"] for row in document["segments"]}
            general = load_playbook(ws).get("preferences", "*").strategy[lang]
            assert plays["none"] != general, lang
            assert all(play == general for group, play in plays.items() if group != "none"), lang
