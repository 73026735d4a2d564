"""The dashboard's "Refresh now" button: the refresh runs in the server, as POST /refresh does, and the
dashboard follows it (TestClient). `segmint refresh`, which the empty dashboard used to advise, cannot
open the workspace while `segmint serve` holds it (hunt-web W6)."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import ORIGIN, log_in

from segmint import Workspace
from segmint.api import create_app
from segmint.api.tokens import create_token

EMPTY = {
    "en": "Nothing computed yet: refresh first (the button on the dashboard).",
    "uk": "Ще нічого не пораховано: спершу оновіть дані (кнопка на огляді).",
    "ru": "Ещё ничего не рассчитано: сначала обновите данные (кнопка на обзоре).",
}
BUTTON = {"en": "Refresh now", "uk": "Оновити зараз", "ru": "Обновить сейчас"}


@pytest.fixture
def empty(tmp_path):
    """A new workspace that was never refreshed, served, and its editor's and viewer's tokens."""
    path = tmp_path / "ws"
    with Workspace.init(path) as ws:
        tokens = {role: create_token(ws, role, role)[1] for role in ("viewer", "editor")}
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        yield client, tokens


def csrf(client) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ui/").text).group(1)


@pytest.mark.parametrize("lang", EMPTY)
def test_the_empty_dashboard_refreshes_with_its_button_not_the_cli(empty, lang):
    """Old code: "run `segmint refresh` first" and no button; POST /ui/refresh was no page."""
    client, tokens = empty
    log_in(client, tokens["editor"])
    client.get("/ui/", params={"lang": lang})  # the language, remembered in a cookie
    panel = unescape(client.get("/ui/dashboard/kpis").text)
    assert EMPTY[lang] in panel and "segmint refresh" not in panel
    assert BUTTON[lang] in client.get("/ui/").text

    started = client.post("/ui/refresh", data={"csrf": csrf(client)}, headers=ORIGIN, follow_redirects=False)
    assert started.status_code == 303, started.text
    followed = started.headers["location"]
    refresh_id = int(followed.rsplit("refresh=", 1)[1])
    assert followed == f"/ui/?refresh={refresh_id}"
    assert 'id="dashboard-refresh"' in client.get(followed).text
    deadline = time.monotonic() + 120
    while 'hx-trigger="every' in (box := client.get("/ui/refresh/progress", params={"id": refresh_id})).text:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert 'data-state="finished"' in box.text, box.text
    api = client.get(f"/refresh/{refresh_id}", headers={"Authorization": f"Bearer {tokens['viewer']}"})
    assert (api.json()["reason"], api.json()["state"]) == ("manual", "finished")  # the server's refresh
    assert EMPTY[lang] not in unescape(client.get("/ui/dashboard/kpis").text)  # something computed now


def test_a_viewer_has_no_refresh_button_and_cannot_post_one(empty):
    client, tokens = empty
    log_in(client, tokens["viewer"])
    assert 'id="refresh-now"' not in client.get("/ui/").text
    refused = client.post("/ui/refresh", data={"csrf": csrf(client)}, headers=ORIGIN, follow_redirects=False)
    assert refused.status_code == 403
    assert client.app.state.refreshes.state()["last"] is None
