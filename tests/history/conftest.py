"""Fixtures of the history tests: the tiny shop of the segment tests, with its two dynamic segments."""

from __future__ import annotations

import shutil

import pytest
from tests.segments.tinyshop import BIG, RECENT, build

from segmint import Workspace, segments


@pytest.fixture(scope="session")
def shop_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tinyshop")
    with build(folder) as ws:
        segments.create(ws, "Recent", RECENT)
        segments.create(ws, "Big", BIG)
        # creating evaluates on the reference date; the tests start from an empty history
        ws.raw.execute("DELETE FROM membership_intervals; DELETE FROM membership_snapshots")
    return folder / "ws"


@pytest.fixture
def make_shop(shop_template, tmp_path):
    opened = []

    def make(name: str = "ws") -> Workspace:
        shutil.copytree(shop_template, tmp_path / name)
        opened.append(Workspace.open(tmp_path / name))
        return opened[-1]

    yield make
    for ws in opened:
        ws.close()
