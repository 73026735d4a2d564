"""`segmint campaigns send NAME --retry-failed` sends the messages that failed once more, with the same
message id (the webhook's Idempotency-Key), and counts them; without the flag a failed message stays
failed. A real `segmint` in a subprocess against a real HTTP receiver on loopback."""

from __future__ import annotations

import json

from tests.campaigns.servers import WebhookSink, configure, webhook_config
from tests.campaigns.test_webhook_delivery import SECRET, sms_campaign
from tests.cli import ok

from segmint.campaigns import create_campaign
from segmint.store.workspace import Workspace


def _send(path, *flags) -> dict:
    return json.loads(ok("campaigns", "send", "SMS", "-w", path, "--json", *flags).stdout)


def _failed(path) -> set[str]:
    with Workspace.open(path) as ws:
        rows = ws.raw.execute("SELECT message_id FROM outbox WHERE state = 'failed'").fetchall()
    return {message_id for (message_id,) in rows}


def test_failed_messages_are_sent_again_only_on_request(demo_path, monkeypatch):
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with Workspace.open(demo_path) as ws:
        create_campaign(ws, sms_campaign())
    with WebhookSink(SECRET, fail_first=2) as sink:  # one attempt each: the first two messages fail
        configure(demo_path, webhook_config(sink.url).replace("max_attempts = 3", "max_attempts = 1"))
        first = _send(demo_path)
        assert first["this_run"]["failed"] == 2 and first["outbox"]["failed"] == 2
        assert first["failed_retried"] == 0
        failed = _failed(demo_path)
        delivered = len(sink.requests)
        assert delivered == first["this_run"]["sent"] > 10

        again = _send(demo_path)  # without the flag: nothing to send
        assert (again["this_run"], again["failed_retried"]) == ({}, 0)
        assert again["outbox"] == first["outbox"] and len(sink.requests) == delivered

        retried = _send(demo_path, "--retry-failed")
        assert retried["failed_retried"] == 2 and retried["this_run"] == {"sent": 2}
        assert retried["outbox"]["failed"] == 0
        assert retried["outbox"]["sent"] == first["outbox"]["sent"] + 2
        keys = {request["headers"]["Idempotency-Key"] for request in sink.requests[delivered:]}
        assert keys == failed  # the same messages, under their own ids
        assert set(sink.per_recipient().values()) == {1}  # every recipient got one message
    with Workspace.open(demo_path) as ws:
        logged = ws.raw.execute(
            "SELECT count(*) FROM delivery_log"
            " WHERE outcome = 'requeued' AND detail LIKE 'retried on request%'"
        ).fetchone()
    assert logged == (2,)
