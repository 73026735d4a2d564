"""A small demo shop refreshed at three dates (so membership has history), with a dynamic segment of
customers who buy mostly on discount; built once per session and copied per test where it is changed."""

from __future__ import annotations

import datetime as dt

import pytest

import segmint
from segmint import Workspace, build_demo

DISCOUNTERS = "Discount hunters"
COLON = "Топ: Champions"


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("kpis-demo") / "ws"
    build_demo(path, n_customers=1_500, seed=11)
    with Workspace.open(path) as ws:
        segmint.segments.create(ws, DISCOUNTERS, "buys_on_discount")
        segmint.segments.create(ws, "Big spenders", "total_spent > 5000")
        segmint.segments.create(ws, COLON, 'rfm.group = "Champions"')  # a colon, not a family group
        today = segmint.rules.context.reference_date(ws)
        for day in (today - dt.timedelta(days=365), today - dt.timedelta(days=180)):
            segmint.refresh(ws, as_of=day)
        segmint.refresh(ws)
    return path


@pytest.fixture(scope="session")
def demo(demo_path):
    ws = Workspace.open(demo_path, read_only=True)
    yield ws
    ws.close()
