"""A small demo shop with history, one segment and a token per role (built once per test module), the app
over it through TestClient, and a real uvicorn server on a free loopback port for the browser tests."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import segmint
from segmint import Workspace, build_demo
from segmint.api import create_app
from segmint.api.tokens import create_token
from segmint.models.clusters import fit_clusters

BIG_SPENDERS = "Big spenders"
ARTIFACTS = Path(__file__).parent / "artifacts"


@dataclass(frozen=True)
class Shop:
    path: Path
    tokens: dict[str, str]  # role -> token text


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Shop:
    path = tmp_path_factory.mktemp("web-demo") / "ws"
    build_demo(path, n_customers=500, seed=11)
    with Workspace.open(path) as ws:
        segmint.segments.create(ws, BIG_SPENDERS, "total_spent > 5000")
        today = segmint.rules.context.reference_date(ws)
        segmint.refresh(ws, as_of=today - dt.timedelta(days=365))
        segmint.refresh(ws)
        fit_clusters(ws, k_min=3, k_max=4, seed=0)
        tokens = {role: create_token(ws, role, f"web {role}")[1] for role in ("viewer", "editor", "admin")}
    return Shop(path, tokens)


def copy_of(shop: Shop, folder: Path) -> Path:
    target = folder / "ws"
    shutil.copytree(shop.path, target)
    return target


@pytest.fixture
def client(shop, tmp_path):
    """The app on a copy of its own, through TestClient (requests look like they come from testserver, a
    browser asking for English: the shop's workspace is Ukrainian, the language of a page no browser
    language chose)."""
    app = create_app(copy_of(shop, tmp_path))
    with TestClient(app, raise_server_exceptions=False, headers=ENGLISH_BROWSER) as test_client:
        yield test_client


ORIGIN = {"origin": "http://testserver"}
ENGLISH_BROWSER = {"accept-language": "en"}  # a browser asking for English


def log_in(client: TestClient, token: str) -> None:
    answer = client.post("/ui/login", data={"token": token}, headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 303, answer.text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    shop: Shop


@pytest.fixture(scope="module")
def server(shop, tmp_path_factory):
    """The app served by a real uvicorn on 127.0.0.1 in a thread of this process."""
    import uvicorn

    path = copy_of(shop, tmp_path_factory.mktemp("web-server"))
    port = free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", Shop(path, shop.tokens))
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    print(f"\nweb UI screenshots: {ARTIFACTS}")
    return ARTIFACTS
