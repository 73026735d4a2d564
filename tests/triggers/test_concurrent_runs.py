"""Two trigger runs at once in one process (`segmint serve`: a refresh running the triggers in its own
thread when it has committed, while a request runs them too) perform each due firing once: the second run
waits for the first and then finds the firings done."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import ibis
from tests.triggers.test_event_webhook import _customers, _events_file

from segmint import Workspace, triggers
from segmint.ingest import pipeline


class SlowReceiver:
    """An HTTP server on 127.0.0.1 that answers each POST after `delay` seconds and records it."""

    def __init__(self, delay: float):
        self.requests: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                receiver.requests.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
                time.sleep(delay)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_two_runs_at_once_call_each_webhook_once(shop, tmp_path):
    a, b = _customers(shop, 2)
    receiver = SlowReceiver(delay=0.5)
    try:
        triggers.create_trigger(
            shop, "cart reminder", "event", "cart_abandon", "webhook", {"url": receiver.url}
        )
        events = [
            ("ev-1", a, "cart_abandon", "2025-12-30 10:00:00"),
            ("ev-2", b, "cart_abandon", "2025-12-30 11:00:00"),
        ]
        pipeline.import_file(
            shop, "events", _events_file(tmp_path / "events.csv", events)
        )  # no trigger run yet
        cursors = [shop.raw.cursor() for _ in range(2)]  # two connections, as the server's threads have
        errors: list[BaseException] = []

        def run(cursor) -> None:
            try:
                triggers.run(Workspace(shop.path, shop.settings, ibis.duckdb.from_connection(cursor)))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(cursor,)) for cursor in cursors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        for cursor in cursors:
            cursor.close()
    finally:
        receiver.close()
    assert errors == []
    assert len(receiver.requests) == 2  # once per event, not once per run
    assert {f["state"] for f in triggers.list_firings(shop, "cart reminder")} == {"done"}


def test_a_tag_that_meets_another_write_of_the_customer_waits_without_spending_an_attempt(shop, tmp_path):
    """In `segmint serve` a customers import runs on a connection of its own beside the triggers; a tag
    written while it holds an uncommitted change of the same customer is refused by DuckDB ("Conflict on
    tuple ..."). That counted as a failed attempt, and three made the firing 'failed' for good."""
    (a,) = _customers(shop, 1)
    triggers.create_trigger(shop, "tag carts", "event", "cart_abandon", "tag", {"tag": "cart"})
    events = [("ev-1", a, "cart_abandon", "2025-12-30 10:00:00")]
    pipeline.import_file(shop, "events", _events_file(tmp_path / "events.csv", events))  # no trigger run
    other = shop.raw.cursor()  # the import's connection, its change of the customer not committed yet
    other.execute("BEGIN TRANSACTION")
    other.execute("UPDATE customers SET tags = ['vip'] WHERE customer_id = ?", [a])
    try:
        for _ in range(4):  # more runs than MAX_ATTEMPTS
            triggers.run(shop)
            (firing,) = triggers.list_firings(shop, "tag carts")
            assert firing["state"] == "pending" and firing["attempts"] == 0, firing
            assert "another write" in firing["detail"]
    finally:
        other.execute("COMMIT")
        other.close()
    triggers.run(shop)
    (firing,) = triggers.list_firings(shop, "tag carts")
    assert firing["state"] == "done" and firing["attempts"] == 1
    (tags,) = shop.raw.execute("SELECT tags FROM customers WHERE customer_id = ?", [a]).fetchone()
    assert tags == ["vip", "cart"]  # the import's change, then the tag
