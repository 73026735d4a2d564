"""The history of a past date holds the groups of then. After segmint.toml's RFM map renamed a group (or a
clustering with fewer clusters replaced the one before), asking the history for that group on a date it
had members (members --group --as-of, movements, stays) was refused, because today's map lacks the name,
although the history holds its members."""

from __future__ import annotations

import pytest

import segmint as sm
from segmint import Workspace, history, segments
from segmint.segments.model import SegmentError

from .tinyshop import FEB, JAN, TODAY


def _rename(ws: Workspace, old: str, new: str) -> Workspace:
    """The workspace reopened after its RFM map renamed the group `old` to `new` (and no refresh)."""
    path = ws.path
    ws.close()
    toml = path / "segmint.toml"
    text = toml.read_text(encoding="utf-8")
    assert f'{{ name = "{old}",' in text
    toml.write_text(text.replace(f'{{ name = "{old}",', f'{{ name = "{new}",'), encoding="utf-8")
    return Workspace.open(path)


def _ids(table) -> set[str]:
    return set(table.to_pyarrow().column("customer_id").to_pylist())


def test_the_history_of_a_past_date_answers_for_the_groups_it_holds(shop):
    """D was Loyal on 2024-02-29 (tinyshop); the map then renamed Loyal to Faithful and a refresh ran."""
    sm.refresh(shop, backfill="monthly")
    ws = _rename(shop, "Loyal", "Faithful")
    try:
        sm.refresh(ws)
        assert _ids(segments.members(ws, "rfm", as_of=FEB, group="Loyal")) == {"D"}
        assert _ids(segments.members(ws, "rfm", as_of=TODAY, group="Loyal")) == set()  # not a group now
        assert _ids(segments.members(ws, "rfm", as_of=FEB, group="Faithful")) == set()  # not one then
        moves = history.movements(ws, "rfm", JAN, TODAY, group="Loyal").to_pyarrow().to_pylist()
        assert [(m["customer_id"], m["movement"], m["date"]) for m in moves] == [
            ("D", "entered", FEB),
            ("D", "left", TODAY),
        ]
        # a name neither the map nor the history has is still refused, with both lists
        with pytest.raises(SegmentError) as raised:
            segments.members(ws, "rfm", as_of=FEB, group="Gold")
        message = str(raised.value)
        assert message.startswith("family 'rfm' has no group 'Gold'; its groups: Champions, Faithful, ")
        assert message.endswith("; and in its history: Loyal")
        assert raised.value.params["groups"][:2] == ["Champions", "Faithful"]
        # a typo of a group the history holds is pointed to it
        with pytest.raises(SegmentError) as raised:
            segments.members(ws, "rfm", as_of=FEB, group="Loyl")
        assert (raised.value.code, raised.value.params["hint"]) == ("group.unknown.hint", "Loyal")
        assert str(raised.value).startswith("family 'rfm' has no group 'Loyl'; did you mean 'Loyal'? (its ")
    finally:
        ws.close()


def test_the_overview_shows_the_groups_the_last_refresh_recorded(shop):
    """Before the refresh after a rename, the families' sizes (segments list --json, GET /families) listed
    the new name with 0 and left out the recorded group and its customers: the sizes no longer added up."""
    sm.refresh(shop)
    ws = _rename(shop, "At Risk", "Slipping")
    try:
        rfm = next(f for f in segments.overview(ws)["families"] if f["name"] == "rfm")
        sizes = {group["name"]: group["customers"] for group in rfm["groups"]}
        assert sizes["At Risk"] == 1 and sizes["Slipping"] == 0  # D, as recorded; nobody yet
        assert sum(sizes.values()) == 5
        assert [group["name"] for group in rfm["groups"]][-1] == "At Risk"  # after the map's groups
        sm.refresh(ws)
        rfm = next(f for f in segments.overview(ws)["families"] if f["name"] == "rfm")
        sizes = {group["name"]: group["customers"] for group in rfm["groups"]}
        assert "At Risk" not in sizes and sizes["Slipping"] == 1
    finally:
        ws.close()
