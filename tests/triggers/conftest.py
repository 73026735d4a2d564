"""A demo shop refreshed once (at D1), built once per session and copied for each test, which changes it."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import segmint
from segmint import Workspace, build_demo

D1, D2, D3, D4 = (dt.date(2025, 6, 30), dt.date(2025, 8, 31), dt.date(2025, 10, 31), dt.date(2025, 12, 31))
AT_RISK = "rfm:At Risk"


@pytest.fixture(scope="session")
def built_shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("triggers-demo") / "ws"
    build_demo(path, n_customers=1_500, seed=31)
    with Workspace.open(path) as ws:
        segmint.refresh(ws, as_of=D1)
    return path


@pytest.fixture
def shop(built_shop, tmp_path):
    path = tmp_path / "ws"
    shutil.copytree(built_shop, path)
    ws = Workspace.open(path)
    yield ws
    ws.close()
