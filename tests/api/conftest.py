"""A small demo shop with history (refreshed a year ago and now), one segment and a token per role,
built once per session; `client` shares one copy for reading, `fresh` gives a test its own copy."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

import segmint
from segmint import Workspace, build_demo
from segmint.api import create_app
from segmint.api.tokens import create_token

BIG_SPENDERS = "Big spenders"
BIG_SPENDERS_RULE = "total_spent > 5000"


@dataclass(frozen=True)
class Api:
    client: TestClient
    tokens: dict[str, str]  # role -> token text

    def as_(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("api-demo") / "ws"
    build_demo(path, n_customers=600, seed=5)
    with Workspace.open(path) as ws:
        segmint.segments.create(ws, BIG_SPENDERS, BIG_SPENDERS_RULE)
        today = segmint.rules.context.reference_date(ws)
        segmint.refresh(ws, as_of=today - dt.timedelta(days=365))
        segmint.refresh(ws)
        tokens = {role: create_token(ws, role, f"test {role}")[1] for role in ("viewer", "editor", "admin")}
    return path, tokens


def _api(template, folder) -> Api:
    path, tokens = template
    shutil.copytree(path, folder / "ws")
    return Api(TestClient(create_app(folder / "ws"), raise_server_exceptions=False), tokens)


@pytest.fixture(scope="session")
def client(template, tmp_path_factory):
    """One app for tests that only read."""
    api = _api(template, tmp_path_factory.mktemp("api-read"))
    with api.client:
        yield api


@pytest.fixture
def fresh(template, tmp_path):
    """An app on a copy of its own, for tests that write."""
    api = _api(template, tmp_path)
    with api.client:
        yield api
