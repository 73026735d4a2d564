"""Fixtures of the segment tests: a fresh copy of the tiny shop per test (built once, copied)."""

from __future__ import annotations

import shutil

import pytest

from segmint import Workspace

from .tinyshop import build


@pytest.fixture(scope="session")
def shop_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tinyshop")
    build(folder).close()
    return folder / "ws"


@pytest.fixture
def shop(shop_template, tmp_path):
    shutil.copytree(shop_template, tmp_path / "ws")
    ws = Workspace.open(tmp_path / "ws")
    yield ws
    ws.close()
