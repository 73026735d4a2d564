"""A small demo shop refreshed at three dates (so membership has history), with a dynamic segment of
customers who buy mostly on discount; built once per session and copied per test where it is changed."""

from __future__ import annotations

import datetime as dt

import pytest

import segmint
from segmint import Workspace, build_demo

DISCOUNTERS = "Discount hunters"
COLON = "Топ: Champions"
THEN = "features-180-days-back.parquet"  # beside the workspace


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("kpis-demo") / "ws"
    build_demo(path, n_customers=1_500, seed=11)
    with Workspace.open(path) as ws:
        today = segmint.rules.context.reference_date(ws)
        earlier = (today - dt.timedelta(days=365), today - dt.timedelta(days=180))
        for day in earlier:
            segmint.refresh(ws, as_of=day)
        # the features (and predictions) as they stood 180 days back: a segment's creation records its
        # members on the reference date, and the features of an earlier refresh are then not kept
        ws.raw.execute(f"COPY features TO '{path.parent / THEN}' (FORMAT parquet)")
        segmint.segments.create(ws, DISCOUNTERS, "buys_on_discount")
        segmint.segments.create(ws, "Big spenders", "total_spent > 5000")
        segmint.segments.create(ws, COLON, 'rfm.group = "Champions"')  # a colon, not a family group
        for day in earlier:  # the segments' members on those dates too
            segmint.refresh(ws, as_of=day)
        segmint.refresh(ws)
    return path


@pytest.fixture(scope="session")
def demo(demo_path):
    ws = Workspace.open(demo_path, read_only=True)
    yield ws
    ws.close()
