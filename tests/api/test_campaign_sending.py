"""A campaign send over the API does not stop the rest of the API: it runs on a connection of its own, in
the request (wait=true) or in the server (wait=false, 202), one send per campaign at a time, nobody twice.
The SMTP server (aiosmtpd on loopback) answers slowly, so the send is still going when the other requests
are made; their answers show it (messages sent so far < all)."""

from __future__ import annotations

import shutil
import threading
import time

from fastapi.testclient import TestClient
from tests.api.test_campaigns import CAMPAIGN
from tests.campaigns.servers import SmtpSink, configure, smtp_config

from segmint import Workspace
from segmint.api import create_app

NAME = CAMPAIGN["name"]


def wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_other_requests_are_answered_while_a_campaign_sends(fresh, tmp_path):
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    created = api.post("/campaigns", json=CAMPAIGN, headers=editor).json()
    treated = created["by_target"]["rfm:At Risk"]["A"]
    assert treated >= 10
    answers = {}
    with SmtpSink(delay=0.2) as sink:
        configure(tmp_path / "ws", smtp_config(sink.port))
        sender = threading.Thread(
            target=lambda: answers.update(send=api.post(f"/campaigns/{NAME}/send", headers=editor))
        )
        sender.start()
        wait_for(lambda: len(sink.messages) >= 2)
        during = api.get(f"/campaigns/{NAME}", headers=viewer)
        segments = api.get("/segments", headers=viewer)
        twice = api.post(f"/campaigns/{NAME}/send", headers=editor)
        sender.join(timeout=120)
    assert during.status_code == 200 and segments.status_code == 200
    assert 0 < during.json()["outbox"]["sent"] < treated  # answered in the middle of the send
    assert during.json()["sending_now"] is True
    assert twice.status_code == 409 and "being sent already" in twice.json()["error"]["message"]
    summary = answers["send"].json()
    assert answers["send"].status_code == 200, summary
    assert summary["outbox"]["sent"] == len(sink.messages) == treated
    assert max(sink.per_recipient().values()) == 1
    after = api.get(f"/campaigns/{NAME}", headers=viewer).json()
    assert after["sending_now"] is False and after["last_send"]["summary"]["outbox"]["sent"] == treated


def test_wait_false_answers_at_once_and_the_send_goes_on_in_the_server(fresh, tmp_path):
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    created = api.post("/campaigns", json=CAMPAIGN, headers=editor).json()
    treated = created["by_target"]["rfm:At Risk"]["A"]
    unset = api.post(f"/campaigns/{NAME}/send", params={"wait": "false"}, headers=editor)
    assert unset.status_code == 400 and "no SMTP server configured" in unset.json()["error"]["message"]
    with SmtpSink(delay=0.1) as sink:
        configure(tmp_path / "ws", smtp_config(sink.port))
        started = api.post(f"/campaigns/{NAME}/send", params={"wait": "false"}, headers=editor)
        assert started.status_code == 202, started.text
        assert started.json()["sending_now"] is True and len(sink.messages) < treated
        wait_for(lambda: not api.get(f"/campaigns/{NAME}", headers=viewer).json()["sending_now"])
    status = api.get(f"/campaigns/{NAME}", headers=viewer).json()
    assert status["outbox"]["sent"] == len(sink.messages) == treated
    assert status["last_send"]["finished_at"] and "error" not in status["last_send"]
    assert max(sink.per_recipient().values()) == 1


def test_the_server_keeps_running_sends_and_only_the_latest_finished_ones(fresh, tmp_path):
    """Sends kept every campaign's last send for the server's lifetime: a server sending many campaigns
    grew without end. Now a running send is always kept and only the `keep_finished` latest finished
    ones: the oldest are dropped (their outcome stays in the outbox, GET /campaigns/{name})."""
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    sends = api.app.state.sends
    sends.keep_finished = 2
    names = [f"{NAME} {n}" for n in range(5)]
    for name in names:
        assert api.post("/campaigns", json={**CAMPAIGN, "name": name}, headers=editor).status_code == 201
    with SmtpSink(delay=0.3) as sink:
        configure(tmp_path / "ws", smtp_config(sink.port))
        slow = api.post(f"/campaigns/{names[0]}/send", params={"wait": "false"}, headers=editor)
        assert slow.status_code == 202, slow.text
        for name in names[1:]:  # one message each, while the first campaign is still sending
            done = api.post(f"/campaigns/{name}/send", params={"limit": 1}, headers=editor)
            assert done.status_code == 200, done.text
        during = api.get(f"/campaigns/{names[0]}", headers=viewer).json()
        assert during["sending_now"] is True and during["last_send"]["started_at"]  # running: kept
        kept = {name: api.get(f"/campaigns/{name}", headers=viewer).json()["last_send"] for name in names}
        assert kept[names[1]] is None and kept[names[2]] is None  # the oldest finished ones: dropped
        assert kept[names[3]]["summary"]["outbox"]["sent"] == kept[names[4]]["summary"]["outbox"]["sent"] == 1
        assert len(sends._last) == 3  # the running one and two finished
        wait_for(lambda: not api.get(f"/campaigns/{names[0]}", headers=viewer).json()["sending_now"])
    finished = api.get(f"/campaigns/{names[0]}", headers=viewer).json()["last_send"]
    assert finished["summary"]["outbox"]["sent"] > 1  # still kept: it is now the latest finished
    assert api.get(f"/campaigns/{names[3]}", headers=viewer).json()["last_send"] is None
    assert len(sends._last) == 2


def test_a_server_shutting_down_stops_a_send_between_messages_and_the_next_send_goes_on(template, tmp_path):
    """The server closed the workspace under a running send (wait=false): it broke off with a "Connection
    already closed" traceback, its chunk left marked 'sending' to be requeued as after a crash. Now the
    shutdown stops the send after its current message and waits for it; the rest stays queued as it was,
    and the next send delivers it, every message once."""
    folder, tokens = template
    shutil.copytree(folder, tmp_path / "ws")
    editor, viewer = ({"Authorization": f"Bearer {tokens[role]}"} for role in ("editor", "viewer"))
    with SmtpSink(delay=0.3) as sink:
        configure(tmp_path / "ws", smtp_config(sink.port))
        with TestClient(create_app(tmp_path / "ws"), raise_server_exceptions=False) as client:
            treated = client.post("/campaigns", json=CAMPAIGN, headers=editor).json()
            treated = treated["by_target"]["rfm:At Risk"]["A"]
            started = client.post(f"/campaigns/{NAME}/send", params={"wait": "false"}, headers=editor)
            assert started.status_code == 202, started.text
            wait_for(lambda: len(sink.messages) >= 2)
        stopped_at = len(sink.messages)  # the app has shut down: no message goes after it
        time.sleep(1)
        assert len(sink.messages) == stopped_at < treated
        with Workspace.open(tmp_path / "ws") as ws:
            states = dict(ws.raw.execute("SELECT state, count(*) FROM outbox GROUP BY ALL").fetchall())
            logged = {outcome for (outcome,) in ws.raw.execute("SELECT outcome FROM delivery_log").fetchall()}
        assert states == {"sent": stopped_at, "queued": treated - stopped_at}
        assert logged == {"sent"}  # nothing 'requeued' as after a crash
        with TestClient(create_app(tmp_path / "ws"), raise_server_exceptions=False) as client:
            resumed = client.post(f"/campaigns/{NAME}/send", headers=editor)
            status = client.get(f"/campaigns/{NAME}", headers=viewer).json()
    assert resumed.status_code == 200, resumed.text
    assert status["outbox"]["sent"] == len(sink.messages) == treated
    assert max(sink.per_recipient().values()) == 1


def test_failed_messages_are_sent_again_on_request(template, fresh, tmp_path):
    """POST /campaigns/{name}/send?retry_failed=true sends the failed messages once more, as `segmint
    campaigns send --retry-failed` does; without it they stay failed (the route had no such option)."""
    editor, api = fresh.as_("editor"), fresh.client
    with Workspace.open(template[0], read_only=True) as ws:
        addresses = {email for (email,) in ws.raw.execute("SELECT email FROM customers").fetchall() if email}
    api.post("/campaigns", json=CAMPAIGN, headers=editor)
    with SmtpSink(reject=addresses) as sink:  # 550 at RCPT: a permanent refusal, failed at once
        configure(tmp_path / "ws", smtp_config(sink.port))
        first = api.post(f"/campaigns/{NAME}/send", headers=editor).json()
        failed = first["outbox"]["failed"]
        assert failed >= 10 and first["outbox"]["sent"] == 0 and sink.messages == []
        sink.reject.clear()  # the server takes them now
        again = api.post(f"/campaigns/{NAME}/send", headers=editor).json()
        assert again["failed_retried"] == 0 and again["outbox"]["failed"] == failed and sink.messages == []
        retried = api.post(f"/campaigns/{NAME}/send", params={"retry_failed": "true"}, headers=editor)
    assert retried.status_code == 200, retried.text
    summary = retried.json()
    assert summary["failed_retried"] == failed and summary["outbox"]["sent"] == failed == len(sink.messages)
    assert summary["outbox"]["failed"] == 0 and max(sink.per_recipient().values()) == 1
