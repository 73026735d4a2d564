"""The report's RFM chart of a workspace whose RFM map is its own (tests/rfm_maps.py): every group of the map
in the map's order, each named as the other pages name it. The bars were ordered by the built-in map: its
names first in its order (No Purchases among them), the map's other names after, alphabetically."""

from __future__ import annotations

import pytest
from tests.rfm_maps import use_own_rfm_map

import segmint
from segmint import Workspace, build_demo
from segmint.families.rfm import group_names
from segmint.report import rfm_section


@pytest.fixture(scope="module")
def own_map(tmp_path_factory):
    path = tmp_path_factory.mktemp("own-map") / "shop"
    build_demo(path, n_customers=300, seed=3)
    use_own_rfm_map(path)
    with Workspace.open(path) as ws:
        segmint.refresh(ws)
    return path


def test_the_rfm_bars_are_the_maps_groups_in_its_order_named_as_the_user_named_them(own_map):
    with Workspace.open(own_map) as ws:
        order = group_names(ws.settings.families.rfm)  # the map's order, then No Purchases
        counted = dict(
            ws.raw.execute(
                "SELECT rfm_group, count(*) FROM features WHERE rfm_group IS NOT NULL GROUP BY rfm_group"
            ).fetchall()
        )
        bars = rfm_section(ws, "uk").figures[1].data[0]
    assert order == ("Champions", "Loyal", "Everyone else", "No Purchases")
    assert set(counted) == set(order)  # every group has customers: none is left out of the chart unseen
    # "Champions" here is other cells than the built-in group's: named as the user named it, unlabelled;
    # Loyal keeps the built-in Loyal's cells and its label
    assert list(bars.x) == ["Champions", "Лояльні", "Everyone else", "Без покупок"]
    assert list(bars.y) == [counted[group] for group in order]
