"""A demo shop, built and refreshed once per session and copied for each test."""

from __future__ import annotations

import shutil

import pytest

from segmint.demo.build import build_demo
from segmint.history import refresh
from segmint.store.workspace import Workspace

DEMO_CUSTOMERS = 600


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("campaigns") / "demo"
    build_demo(path, n_customers=DEMO_CUSTOMERS, seed=7)
    with Workspace.open(path) as ws:
        refresh(ws)
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "shop"
    shutil.copytree(demo_template, path)
    return path


@pytest.fixture
def demo_ws(demo_path):
    with Workspace.open(demo_path) as ws:
        yield ws
