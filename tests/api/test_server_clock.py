"""The times the server keeps of its imports, refreshes, campaign sends and tokens are on the workspace's
clock (its time zone, Workspace.now), as the outbox's and the history's stamps beside them, not on the
machine's; and a request waiting for a refresh is woken when it is done, not every 50 ms.

The workspace is set to Pacific/Kiritimati (UTC+14), so the machine's clock, whatever its zone, is hours
off it."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
import types
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import Api
from tests.api.test_campaigns import CAMPAIGN
from tests.api.test_import_in_server import Hold
from tests.api.test_imports import CUSTOMERS, MAPPING, upload
from tests.api.test_refresh_in_server import in_background
from tests.campaigns.servers import SmtpSink, configure, smtp_config

from segmint.api import create_app
from segmint.api.refreshing import Refreshes
from segmint.api.state import WorkspaceHandle

ZONE = "Pacific/Kiritimati"


def in_zone(template, folder):
    """A copy of the template workspace whose time zone is ZONE."""
    path, _ = template
    target = folder / "ws"
    shutil.copytree(path, target)
    config = target / "segmint.toml"
    text = re.sub(r'(?m)^timezone = ".*"$', f'timezone = "{ZONE}"', config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    return target


def near_workspace_now(stamp) -> bool:
    """Whether a stamp the server answered is within ten minutes of now on the workspace's clock."""
    moment = dt.datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    return abs(moment - dt.datetime.now(ZoneInfo(ZONE)).replace(tzinfo=None)) < dt.timedelta(minutes=10)


@pytest.fixture
def zoned(template, tmp_path):
    api = Api(TestClient(create_app(in_zone(template, tmp_path)), raise_server_exceptions=False), template[1])
    with api.client:
        yield api


def test_imports_and_refreshes_are_stamped_on_the_workspaces_clock(zoned):
    """Old code: requested_at, started_at and finished_at of a running import and of a refresh were the
    machine's time (UTC here), 14 hours off the workspace's, which the history's stamps are in."""
    viewer = zoned.as_("viewer")
    hold = Hold(zoned, "клієнти.csv")
    importer, answer = in_background(
        lambda: upload(zoned, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING)
    )
    assert hold.reached.wait(30)
    try:
        (running,) = zoned.client.get("/imports", headers=viewer).json()["running"]
    finally:
        hold.release()
        importer.join(60)
    assert answer["response"].status_code == 201, answer["response"].text
    assert near_workspace_now(running["requested_at"]), running
    assert near_workspace_now(running["started_at"]), running

    refreshed = zoned.client.post("/refresh", headers=zoned.as_("editor"))
    assert refreshed.status_code == 200, refreshed.text
    run = zoned.client.get("/refresh", headers=viewer).json()["last"]
    assert all(near_workspace_now(run[key]) for key in ("requested_at", "started_at", "finished_at")), run


def test_a_campaign_send_is_stamped_on_the_outboxs_clock(zoned, tmp_path):
    """Old code: the send's started_at and finished_at were the machine's time while the outbox stamped
    each message it sent in the workspace's zone: every message was 'sent' 14 hours after the send ended."""
    editor, viewer, api = zoned.as_("editor"), zoned.as_("viewer"), zoned.client
    created = api.post("/campaigns", json=CAMPAIGN, headers=editor)
    assert created.status_code == 201, created.text
    with SmtpSink() as sink:
        configure(tmp_path / "ws", smtp_config(sink.port))
        sent = api.post(f"/campaigns/{CAMPAIGN['name']}/send", headers=editor)
    assert sent.status_code == 200, sent.text
    last = api.get(f"/campaigns/{CAMPAIGN['name']}", headers=viewer).json()["last_send"]
    started, finished = (dt.datetime.fromisoformat(last[key]) for key in ("started_at", "finished_at"))
    raw = api.app.state.workspace.ws.raw
    first, latest, count = raw.execute(
        "SELECT min(sent_at), max(sent_at), count(sent_at) FROM outbox"
    ).fetchone()
    assert count == len(sink.messages) > 0
    whole = latest.replace(microsecond=0)  # the server keeps whole seconds
    assert started <= first and whole <= finished, (started, first, latest, finished)
    assert near_workspace_now(started)


def test_a_request_awaiting_a_refresh_is_woken_once_when_it_is_done(template, tmp_path):
    """Old code: Refreshes.finished slept 50 ms at a time until the refresh was done, waking the event loop
    some twenty times a second for the minute a refresh takes at 1M customers. Counted here: how often the
    awaiting coroutine was suspended while a real refresh of the demo shop ran."""
    handle = WorkspaceHandle(in_zone(template, tmp_path))
    refreshes = Refreshes(handle)
    suspended = 0

    @types.coroutine
    def counted(coroutine):
        nonlocal suspended
        sent = None
        while True:
            try:
                yielded = coroutine.send(sent)
            except StopIteration as stop:
                return stop.value
            suspended += 1
            sent = yield yielded

    async def wait_for_a_refresh():
        run = refreshes.manual()
        return await counted(refreshes.finished(run))

    try:
        run = asyncio.run(wait_for_a_refresh())
        assert run.state == "finished", run.error
        assert suspended == 1
    finally:
        refreshes.wait_idle()
        handle.close()


def test_tokens_are_stamped_on_the_workspaces_clock(zoned):
    """Old code: a token's created_at and revoked_at were the machine's time (api/tokens.py)."""
    admin = zoned.as_("admin")
    made = zoned.client.post("/tokens", json={"role": "viewer", "name": "clock"}, headers=admin)
    assert made.status_code == 201, made.text
    revoked = zoned.client.delete(f"/tokens/{made.json()['token_id']}", headers=admin)
    assert revoked.status_code == 200, revoked.text
    assert near_workspace_now(made.json()["created_at"]) and near_workspace_now(revoked.json()["revoked_at"])
