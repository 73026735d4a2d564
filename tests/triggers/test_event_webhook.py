"""Event triggers fed by imports, calling a webhook on a real HTTP server on loopback."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from tests.cli import ok

import segmint
from segmint import triggers
from segmint.api import create_app
from segmint.api.tokens import create_token
from segmint.triggers.run import RETRY_DELAYS

SECRET = "s3cr3t-ключ"


class Receiver:
    """An HTTP server on 127.0.0.1 that records every POST and answers with `status`."""

    def __init__(self, status: int = 200):
        self.status, self.requests = status, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.path, dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/segmint"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _customers(ws, n: int) -> list[str]:
    rows = ws.raw.execute("SELECT customer_id FROM customers ORDER BY customer_id LIMIT ?", [n]).fetchall()
    return [c for (c,) in rows]


def _events_file(path, rows) -> str:
    lines = ["event_id,customer_id,event_type,occurred_at"]
    lines += [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_cart_abandon_calls_the_webhook_once_per_event(shop, receiver, tmp_path):
    a, b, c = _customers(shop, 3)
    triggers.create_trigger(
        shop, "cart reminder", "event", "cart_abandon", "webhook", {"url": receiver.url, "secret": SECRET}
    )
    events = _events_file(
        tmp_path / "events.csv",
        [
            ("ev-1", a, "cart_abandon", "2025-12-30 10:00:00"),
            ("ev-2", b, "cart_abandon", "2025-12-30 11:30:00"),
            ("ev-3", c, "page_view", "2025-12-30 12:00:00"),
        ],
    )
    segmint.import_file(shop, "events", events)
    assert len(receiver.requests) == 2
    seen = {}
    for path, headers, body in receiver.requests:
        assert path == "/hooks/segmint"
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Segmint-Signature"] == expected
        document = json.loads(body)
        assert headers["Idempotency-Key"] == document["firing_id"]
        assert document["trigger"] == "cart reminder" and document["on"] == "event"
        seen[document["customer_id"]] = document["occurred_at"]
    assert seen == {a: "2025-12-30T10:00:00", b: "2025-12-30T11:30:00"}
    firings = triggers.list_firings(shop, "cart reminder")
    assert {f["state"] for f in firings} == {"done"} and {f["detail"] for f in firings} == {"HTTP 200"}
    assert {f["entry_key"] for f in firings} == {"ev-1", "ev-2"}
    # importing the same file again, and running again, fires nothing new
    segmint.import_file(shop, "events", events)
    triggers.run(shop)
    assert len(receiver.requests) == 2


def test_a_failing_webhook_is_retried_then_marked_failed(shop, tmp_path):
    down = Receiver(status=500)
    try:
        (a,) = _customers(shop, 1)
        triggers.create_trigger(shop, "hook", "event", "cart_abandon", "webhook", {"url": down.url})
        segmint.import_file(
            shop,
            "events",
            _events_file(tmp_path / "e.csv", [("x1", a, "cart_abandon", "2025-12-01 09:00:00")]),
            refresh=False,  # one attempt with or without the refresh (the tests above)
        )
        (first,) = triggers.list_firings(shop, "hook")
        assert (first["state"], first["attempts"], first["detail"]) == (
            "due",
            1,
            "HTTP 500 Internal Server Error",
        )
        tried = dt.datetime.fromisoformat(first["retry_at"]) - RETRY_DELAYS[0]
        triggers.run(shop, now=tried + RETRY_DELAYS[0])
        triggers.run(shop, now=tried + RETRY_DELAYS[0] + RETRY_DELAYS[1])
        (last,) = triggers.list_firings(shop, "hook")
        assert (last["state"], last["attempts"]) == ("failed", 3) and last["executed_at"]
        assert len(down.requests) == 3 and last["retry_at"] is None
        triggers.run(shop, now=tried + dt.timedelta(days=30))  # failed for good: not tried again
        assert len(down.requests) == 3
    finally:
        down.close()


def test_a_failed_webhook_is_tried_again_only_after_its_retry_delay(shop, tmp_path):
    """Runs come close together (an import, its refresh, a cron run each minute): without a delay a
    receiver down for a minute lost all three attempts to them. The old code retried on every run."""
    down = Receiver(status=503)
    try:
        (a,) = _customers(shop, 1)
        triggers.create_trigger(shop, "hook", "event", "cart_abandon", "webhook", {"url": down.url})
        rows = [("r1", a, "cart_abandon", "2025-12-01 09:00:00")]
        segmint.import_file(shop, "events", _events_file(tmp_path / "e.csv", rows), refresh=False)
        (first,) = triggers.list_firings(shop, "hook")
        retry_at = dt.datetime.fromisoformat(first["retry_at"])
        tried = retry_at - RETRY_DELAYS[0]
        assert first["attempts"] == 1 and len(down.requests) == 1
        for minutes in (0, 1, 4):  # runs before the retry time: nothing posted, nothing spent
            summary = triggers.run(shop, now=tried + dt.timedelta(minutes=minutes))
            assert summary.waiting == 1 and summary.executed == {}
        (same,) = triggers.list_firings(shop, "hook")
        assert (same["state"], same["attempts"], len(down.requests)) == ("due", 1, 1)
        down.status = 200
        triggers.run(shop, now=retry_at)
        (done,) = triggers.list_firings(shop, "hook")
        assert (done["state"], done["attempts"], len(down.requests)) == ("done", 2, 2)
        assert done["retry_at"] is None
    finally:
        down.close()


def _one_try_per_import(shop, tmp_path, do_import) -> None:
    """A failing webhook: an events import (which refreshes after it) tries each firing once, not once in
    the import and again in the refresh's trigger run (two requests at once, 2 of its 3 attempts gone)."""
    down = Receiver(status=500)
    try:
        a, b = _customers(shop, 2)
        triggers.create_trigger(shop, "hook", "event", "cart_abandon", "webhook", {"url": down.url})
        rows = [
            ("y1", a, "cart_abandon", "2025-12-01 09:00:00"),
            ("y2", b, "cart_abandon", "2025-12-01 10:00:00"),
        ]
        shop.close()  # each way of importing opens the workspace itself
        refreshed = do_import(_events_file(tmp_path / "e.csv", rows))
        assert refreshed  # the import did refresh afterwards
        assert len(down.requests) == 2  # one per firing
        assert sorted(json.loads(body)["customer_id"] for *_, body in down.requests) == sorted([a, b])
        with segmint.Workspace.open(shop.path) as ws:
            firings = triggers.list_firings(ws, "hook")
        assert [(f["state"], f["attempts"]) for f in firings] == [("due", 1), ("due", 1)]
    finally:
        down.close()


def test_an_import_that_refreshes_tries_a_failing_webhook_once(shop, tmp_path):
    def python(file):
        with segmint.Workspace.open(shop.path) as ws:
            return segmint.import_file(ws, "events", file).refresh

    _one_try_per_import(shop, tmp_path, python)


def test_the_import_command_tries_a_failing_webhook_once(shop, tmp_path):
    def command(file):
        done = ok("-w", shop.path, "import", "events", file, "--json")
        return json.loads(done.stdout)["refresh"]

    _one_try_per_import(shop, tmp_path, command)


def test_an_api_upload_that_refreshes_tries_a_failing_webhook_once(shop, tmp_path):
    _, token = create_token(shop, "editor", "test")

    def upload(file):
        with TestClient(create_app(shop.path)) as client, open(file, "rb") as content:
            answer = client.post(
                "/imports",
                files={"file": ("e.csv", content, "text/csv")},
                data={"entity": "events", "refresh": "true"},
                headers={"Authorization": f"Bearer {token}"},
            )
        assert answer.status_code == 201, answer.text
        return answer.json()["refresh"]

    _one_try_per_import(shop, tmp_path, upload)


def test_an_unreachable_webhook_is_recorded_not_raised(shop, tmp_path):
    (a,) = _customers(shop, 1)
    closed = Receiver()
    url = closed.url
    closed.close()  # nothing listens on that port now
    triggers.create_trigger(shop, "hook", "event", "cart_abandon", "webhook", {"url": url})
    segmint.import_file(
        shop, "events", _events_file(tmp_path / "e.csv", [("x1", a, "cart_abandon", "2025-12-01 09:00:00")])
    )
    (firing,) = triggers.list_firings(shop, "hook")
    assert firing["state"] == "due" and "Connection refused" in firing["detail"]


def test_a_receiver_that_does_not_answer_costs_a_run_one_timeout_not_one_per_firing(
    shop, tmp_path, monkeypatch
):
    """A receiver that accepts the request and hangs: the first firing times out (an attempt spent), the
    rest wait as 'pending' without a request or an attempt, so the import is held one timeout, not one per
    firing; once the receiver answers, the next run does them all."""
    from segmint.triggers import actions

    monkeypatch.setattr(actions, "WEBHOOK_TIMEOUT", 0.5)
    hung = threading.Event()
    hung.set()
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            requests.append(self.headers["Idempotency-Key"])
            self.rfile.read(int(self.headers["Content-Length"]))
            if hung.is_set():
                time.sleep(2)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        triggers.create_trigger(shop, "hook", "event", "cart_abandon", "webhook", {"url": url})
        rows = [
            (f"h{i}", c, "cart_abandon", f"2025-12-01 09:0{i}:00") for i, c in enumerate(_customers(shop, 5))
        ]
        segmint.import_file(shop, "events", _events_file(tmp_path / "e.csv", rows), refresh=False)
        firings = triggers.list_firings(shop, "hook")
        assert len(requests) == 1  # one request: the others were not sent into the hang
        states = sorted((f["state"], f["attempts"]) for f in firings)
        assert states == [("due", 1)] + [("pending", 0)] * 4
        assert all("no answer" in f["detail"] for f in firings if f["state"] == "pending")
        hung.clear()
        triggers.run(shop, now=shop.now() + RETRY_DELAYS[0])  # the timed-out one's retry time too
        firings = triggers.list_firings(shop, "hook")
        assert {f["state"] for f in firings} == {"done"}
        assert set(requests) == {f["firing_id"] for f in firings}
    finally:
        server.shutdown()
        server.server_close()


def test_event_delay_waits_for_its_time(shop, receiver, tmp_path):
    (a,) = _customers(shop, 1)
    now = triggers.run(shop).now
    triggers.create_trigger(
        shop, "hook", "event", "cart_abandon", "webhook", {"url": receiver.url}, delay="2h"
    )
    at = now.replace(microsecond=0)
    segmint.import_file(
        shop, "events", _events_file(tmp_path / "e.csv", [("x1", a, "cart_abandon", at.isoformat(sep=" "))])
    )
    assert receiver.requests == []
    (firing,) = triggers.list_firings(shop, "hook")
    assert firing["due_at"] == (at + dt.timedelta(hours=2)).isoformat()
    assert triggers.run(shop, now=at + dt.timedelta(hours=1, minutes=59)).executed == {}
    assert triggers.run(shop, now=at + dt.timedelta(hours=2)).executed == {"done": 1}
    assert len(receiver.requests) == 1


def test_events_imported_before_the_trigger_do_not_fire(shop, receiver, tmp_path):
    (a,) = _customers(shop, 1)
    segmint.import_file(
        shop, "events", _events_file(tmp_path / "e.csv", [("old", a, "cart_abandon", "2025-11-01 09:00:00")])
    )
    triggers.create_trigger(shop, "hook", "event", "cart_abandon", "webhook", {"url": receiver.url})
    assert triggers.run(shop).recorded == 0 and receiver.requests == []


def test_a_webhook_signed_with_a_key_from_the_environment_keeps_it_out_of_the_workspace(
    shop, receiver, tmp_path, monkeypatch
):
    """--secret-env names the variable the key is read from when the webhook is sent: the workspace stores
    the name only, and with the variable unset nothing is sent unsigned (the firing is retried, then
    fails). The old code had only --secret, stored in the trigger's params."""
    (a,) = _customers(shop, 1)
    path = shop.path
    shop.close()  # the CLI opens the workspace itself
    monkeypatch.delenv("SHOP_HOOK_KEY", raising=False)
    ok("triggers", "create", "hook", "--on", "event", "--event", "cart_abandon", "--action", "webhook",
       "--url", receiver.url, "--secret-env", "SHOP_HOOK_KEY", "-w", path)  # fmt: skip
    with segmint.Workspace.open(path) as ws:
        stored = ws.raw.execute("SELECT params FROM triggers WHERE name = 'hook'").fetchone()[0]
        assert json.loads(stored) == {"url": receiver.url, "secret_env": "SHOP_HOOK_KEY"}
        rows = [("k1", a, "cart_abandon", "2025-12-01 09:00:00")]
        segmint.import_file(ws, "events", _events_file(tmp_path / "e1.csv", rows), refresh=False)
        (unsigned,) = triggers.list_firings(ws, "hook")
        assert receiver.requests == [] and unsigned["state"] == "due"
        assert unsigned["detail"] == "environment variable SHOP_HOOK_KEY is not set: the webhook was not sent"

        monkeypatch.setenv("SHOP_HOOK_KEY", SECRET)
        triggers.run(ws, now=dt.datetime.fromisoformat(unsigned["retry_at"]))
        ((_, headers, body),) = receiver.requests
        signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Segmint-Signature"] == "sha256=" + signature
        assert {f["state"] for f in triggers.list_firings(ws, "hook")} == {"done"}
