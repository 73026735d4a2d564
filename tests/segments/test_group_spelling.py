"""A family's group typed in another case or with another apostrophe is that group: `rfm.group = "no
purchases"` used to match nobody, silently (segment names and rule values the user types are compared as
segmint spells them)."""

from __future__ import annotations

import segmint
from segmint.rules import select_members


def members(ws, rule: str) -> set[str]:
    return set(select_members(ws, rule).to_pandas().customer_id)


def test_family_groups_match_whatever_the_case_and_apostrophes(shop):
    segmint.refresh(ws := shop)
    assert members(ws, 'rfm.group = "No Purchases"') == {"E"}
    assert members(ws, 'rfm.group = "no purchases"') == {"E"}
    assert members(ws, 'rfm.group = "NO  PURCHASES "') == {"E"}
    assert members(ws, 'lifecycle.stage in ("PROSPECT", "Lapsed")') == {"E"} | members(
        ws, 'lifecycle.stage = "lapsed"'
    )
    assert members(ws, 'rfm_simple.group != "no purchases"') == {"A", "B", "C", "D"}
    # no group: as typed, it matches nobody on a bare backend; a workspace refuses it (test_group_values)
    assert members(ws.con, 'rfm.group = "nobody’s group"') == set()
    # a dynamic segment evaluated by the refresh reads the rule the same way
    segmint.segments.create(ws, "Sleepers", 'rfm.group = "no purchases" or lifecycle.stage = "PROSPECT"')
    summary = segmint.refresh(ws)
    assert summary.segments["Sleepers"] == 1
