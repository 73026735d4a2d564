"""SMS through a webhook: real HTTP POSTs to a server on loopback, each signed with HMAC-SHA256 over the
exact body; 503s are retried with backoff and recorded; a 4xx fails the message."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from tests.campaigns.servers import WebhookSink, configure, webhook_config

from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.campaigns.delivery import DeliveryError

SECRET = "hook-secret-ключ"


def sms_campaign(name="SMS") -> Campaign:
    return Campaign(
        name=name,
        channel="sms",
        messages=[Message("rfm:At Risk", "A", "{{ name }}, -10% на {{ recommended_category }}")],
        holdout_share=0.1,
    )


def test_sms_go_to_the_webhook_signed_once_each_with_retries_recorded(demo_ws, demo_path, monkeypatch):
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with WebhookSink(SECRET, fail_first=3) as sink:
        configure(demo_path, webhook_config(sink.url))
        created = create_campaign(demo_ws, sms_campaign())
        summary = send_campaign(demo_ws, "SMS")
    raw = demo_ws.raw
    outbox = {
        row[0]: row[1:]
        for row in raw.execute(
            "SELECT o.message_id, o.customer_id, c.phone, c.first_name, c.consent_sms FROM outbox o"
            " JOIN customers c USING (customer_id) WHERE campaign_id = ?",
            [created["campaign_id"]],
        ).fetchall()
    }
    assert summary["outbox"]["sent"] == len(outbox) == len(sink.requests) > 30
    assert sink.refused == 3
    assert set(sink.per_recipient().values()) == {1}
    for request in sink.requests:
        body, headers = request["body"], request["headers"]
        # the signature is an HMAC of the raw body with the shared secret (checked by the server as sent)
        assert request["signature_ok"]
        raw_body = json.dumps(body, ensure_ascii=False).encode()
        assert (
            headers["X-Segmint-Signature"]
            == "sha256=" + hmac.new(SECRET.encode(), raw_body, hashlib.sha256).hexdigest()
        )
        assert headers["Idempotency-Key"] == body["message_id"]
        customer_id, phone, first_name, consent = outbox[body["message_id"]]
        assert (body["customer_id"], body["to"], body["channel"]) == (customer_id, phone, "sms")
        assert consent is True
        assert body["body"].startswith(f"{first_name}, -10% на ")
    events = dict(
        raw.execute(
            "SELECT event_type, count(*) FROM events WHERE campaign_id = ? GROUP BY 1",
            [created["campaign_id"]],
        ).fetchall()
    )
    assert events == {"sms_sent": len(outbox), "sms_retry": 3}
    retried = raw.execute(
        "SELECT count(*) FROM outbox WHERE campaign_id = ? AND attempts = 2", [created["campaign_id"]]
    ).fetchone()[0]
    assert retried == 3


def test_a_wrong_secret_fails_the_servers_check(demo_ws, demo_path, monkeypatch):
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", "not-the-shared-secret")
    with WebhookSink(SECRET) as sink:
        configure(demo_path, webhook_config(sink.url))
        create_campaign(demo_ws, sms_campaign())
        send_campaign(demo_ws, "SMS", limit=3)
    assert len(sink.requests) == 3
    assert not any(r["signature_ok"] for r in sink.requests)


def test_no_secret_stops_the_send_before_any_message_is_touched(demo_ws, demo_path, monkeypatch):
    monkeypatch.delenv("SEGMINT_TEST_HOOK_SECRET", raising=False)
    configure(demo_path, webhook_config("http://127.0.0.1:9/hook"))
    created = create_campaign(demo_ws, sms_campaign())
    with pytest.raises(Exception) as error:
        send_campaign(demo_ws, "SMS")
    assert "SEGMINT_TEST_HOOK_SECRET" in str(error.value)
    queued = demo_ws.raw.execute(
        "SELECT count(*) FROM outbox WHERE campaign_id = ?", [created["campaign_id"]]
    )
    assert queued.fetchone() == (0,)
    status = demo_ws.raw.execute(
        "SELECT status, launched_at FROM campaigns WHERE campaign_id = ?", [created["campaign_id"]]
    )
    assert status.fetchone() == ("draft", None)  # not launched: its attribution window has not started


def test_an_unreachable_server_stops_the_send_with_a_clear_error(demo_ws, demo_path, monkeypatch):
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with WebhookSink(SECRET) as probe:
        url = probe.url
    configure(demo_path, webhook_config(url))  # the server is gone: nothing listens there now
    create_campaign(demo_ws, sms_campaign())
    with pytest.raises(DeliveryError) as error:
        send_campaign(demo_ws, "SMS")
    assert "cannot reach the webhook" in str(error.value) and url in str(error.value)


def test_a_message_with_no_answer_is_listed_as_uncertain_in_the_status_errors(
    demo_ws, demo_path, monkeypatch
):
    """The outbox counts said 'uncertain 1' while the error list beside them said 'sending' for it."""
    from segmint.campaigns import get
    from segmint.campaigns.status import status

    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with WebhookSink(SECRET, hold_after=1, hold_seconds=3) as sink:
        configure(demo_path, webhook_config(sink.url).replace("timeout = 10", "timeout = 1"))
        create_campaign(demo_ws, sms_campaign())
        assert send_campaign(demo_ws, "SMS", limit=1)["this_run"] == {"uncertain": 1}
    shown = status(demo_ws, get(demo_ws, "SMS"))
    assert shown["outbox"]["uncertain"] == 1
    assert [e["state"] for e in shown["errors"]] == ["uncertain"]
    assert "no reply after the request was handed over" in shown["errors"][0]["error"]


def test_a_message_that_followed_a_merge_names_the_record_it_goes_to(demo_ws, demo_path, monkeypatch):
    """A waiting recipient is merged into another record before the send: the SMS goes to that live
    record's phone and its sms_sent event is that record's, and so is the customer_id of the webhook body
    (the receiver is told who gets it). Before, the body named the merged-away record, the event the live
    one."""
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with WebhookSink(SECRET) as sink:
        configure(demo_path, webhook_config(sink.url))
        created = create_campaign(demo_ws, sms_campaign("Злиття SMS"))
        raw = demo_ws.raw
        (gone,) = raw.execute(
            "SELECT min(customer_id) FROM campaign_recipients WHERE campaign_id = ? AND arm <> 'holdout'",
            [created["campaign_id"]],
        ).fetchone()
        survivor, phone = raw.execute(
            "SELECT customer_id, phone FROM customers WHERE consent_sms AND phone IS NOT NULL"
            " AND merged_into IS NULL AND customer_id NOT IN"
            " (SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?)"
            " AND phone NOT IN (SELECT phone FROM customers c JOIN campaign_recipients r USING (customer_id)"
            " WHERE r.campaign_id = ? AND c.phone IS NOT NULL) ORDER BY customer_id LIMIT 1",
            [created["campaign_id"], created["campaign_id"]],
        ).fetchone()
        assert send_campaign(demo_ws, "Злиття SMS", limit=0)["queued"] > 1  # queued, nothing sent yet
        # what dedupe's merge leaves behind (the survivor's own record unchanged)
        raw.execute("UPDATE customers SET merged_into = ? WHERE customer_id = ?", [survivor, gone])
        send_campaign(demo_ws, "Злиття SMS")
        (event_customer,) = raw.execute(
            "SELECT e.customer_id FROM events e JOIN outbox o"
            " ON o.message_id = json_extract_string(e.properties, '$.message_id')"
            " WHERE e.event_type = 'sms_sent' AND o.campaign_id = ? AND o.customer_id = ?",
            [created["campaign_id"], gone],
        ).fetchall()[0]
    (request,) = [r for r in sink.requests if r["body"]["to"] == phone]
    assert event_customer == survivor
    assert (request["body"]["customer_id"], request["body"]["to"]) == (survivor, phone)
    assert request["signature_ok"]
