"""The outbox and the audience around it: queueing once, re-checking consent at send time, retries running
out, previews for any customer, and audience exports in mailing services' layouts."""

from __future__ import annotations

import csv
import io
import json

import pytest
from tests.campaigns.servers import WebhookSink, configure, webhook_config

from segmint.campaigns import Campaign, CampaignError, Message, create_campaign, get, send_campaign
from segmint.campaigns.exports import LAYOUTS, export_audience
from segmint.campaigns.outbox import queue, states
from segmint.campaigns.preview import preview

SECRET = "outbox-secret"


def campaign(name="Outbox", channel="email", holdout=0.2) -> Campaign:
    subject = "{{ name }}" if channel == "email" else None
    return Campaign(
        name=name,
        channel=channel,
        holdout_share=holdout,
        variants=["A", "B"],
        messages=[Message("rfm:At Risk", v, f"{v}: {{{{ name }}}}", subject) for v in ("A", "B")],
    )


def test_queueing_renders_once_and_skips_who_opted_out_since_creation(demo_ws):
    created = create_campaign(demo_ws, campaign())
    cid = created["campaign_id"]
    (quitter,) = demo_ws.raw.execute(
        "SELECT customer_id FROM campaign_recipients WHERE campaign_id = ? AND arm <> 'holdout'"
        " ORDER BY 1 LIMIT 1",
        [cid],
    ).fetchone()
    demo_ws.raw.execute("UPDATE customers SET consent_email = false WHERE customer_id = ?", [quitter])
    c = get(demo_ws, "Outbox")
    first = queue(demo_ws, c, c.created_at)
    assert first["skipped"] == {"no consent": 1}
    treated = sum(n for arms in created["by_target"].values() for a, n in arms.items() if a != "holdout")
    assert first["queued"] == treated - 1
    assert queue(demo_ws, c, c.created_at) == {"queued": 0, "skipped": {}}  # once per campaign
    rows = demo_ws.raw.execute(
        "SELECT o.variant, o.body, r.arm, c.first_name FROM outbox o JOIN campaign_recipients r"
        " USING (campaign_id, customer_id) JOIN customers c USING (customer_id) WHERE campaign_id = ?",
        [cid],
    ).fetchall()
    assert len(rows) == treated - 1
    assert all(variant == arm and body == f"{arm}: {name}" for variant, body, arm, name in rows)
    assert get(demo_ws, "Outbox").status == "sending"


def test_a_message_whose_retries_run_out_is_failed_with_every_attempt_recorded(
    demo_ws, demo_path, monkeypatch
):
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with WebhookSink(SECRET, fail_first=10**6) as sink:  # always 503
        configure(demo_path, webhook_config(sink.url))
        created = create_campaign(demo_ws, campaign("Down", channel="sms"))
        cid = created["campaign_id"]
        # --limit counts attempts: with 2, only the first attempts of two messages run
        assert send_campaign(demo_ws, "Down", limit=2)["this_run"] == {"retry": 2}
        log = demo_ws.raw.execute(
            "SELECT outcome, count(*) FROM delivery_log JOIN outbox USING (message_id) WHERE campaign_id = ?"
            " GROUP BY 1",
            [cid],
        ).fetchall()
        assert log == [("retry", 2)]
        summary = send_campaign(demo_ws, "Down")
    assert not sink.requests
    box = states(demo_ws, cid)
    assert box["failed"] == summary["outbox"]["failed"] == box["failed"] > 0 and box["sent"] == 0
    events = dict(
        demo_ws.raw.execute(
            "SELECT event_type, count(*) FROM events WHERE campaign_id = ? GROUP BY 1", [cid]
        ).fetchall()
    )
    assert events == {"sms_retry": 2 * box["failed"], "sms_failed": box["failed"]}
    assert get(demo_ws, "Down").status == "sent"


def test_preview_for_a_recipient_a_holdout_and_anyone_else(demo_ws):
    created = create_campaign(demo_ws, campaign())
    c = get(demo_ws, "Outbox")
    arms = dict(
        demo_ws.raw.execute(
            "SELECT arm, min(customer_id) FROM campaign_recipients WHERE campaign_id = ? GROUP BY 1",
            [created["campaign_id"]],
        ).fetchall()
    )
    b = preview(demo_ws, c, arms["B"])
    assert (b["variant"], b["gets_message"]) == ("B", True) and b["body"].startswith("B: ")
    held = preview(demo_ws, c, arms["holdout"])
    assert (held["arm"], held["gets_message"], held["variant"]) == ("holdout", False, "A")
    (outsider,) = demo_ws.raw.execute(
        "SELECT min(customer_id) FROM customers WHERE customer_id NOT IN"
        " (SELECT customer_id FROM campaign_recipients)"
    ).fetchone()
    other = preview(demo_ws, c, outsider, variant="B")
    assert (other["recipient"], other["variant"]) == (False, "B")
    with pytest.raises(CampaignError, match="no customer with id"):
        preview(demo_ws, c, "NOPE")
    with pytest.raises(CampaignError, match="no message for target"):
        preview(demo_ws, c, outsider, variant="C")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_exports_carry_every_treated_recipient_in_the_services_layout(demo_ws, layout):
    created = create_campaign(demo_ws, campaign(channel="sms"))
    c = get(demo_ws, "Outbox")
    treated = dict(
        demo_ws.raw.execute(
            "SELECT c.phone, r.arm FROM campaign_recipients r JOIN customers c USING (customer_id)"
            " WHERE campaign_id = ? AND arm <> 'holdout'",
            [created["campaign_id"]],
        ).fetchall()
    )
    n, text = export_audience(demo_ws, c, layout, "csv")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if layout == "brevo" else ","))
    assert n == len(rows) == len(treated)
    phone = {"mailchimp": "Phone Number", "brevo": "SMS", "unisender": "phone", "esputnik": "sms"}.get(
        layout, "phone"
    )
    email = {"mailchimp": "Email Address", "brevo": "EMAIL"}.get(layout, "email")
    assert {r[phone] for r in rows} == set(treated)
    assert all(not r[email] for r in rows)  # an SMS campaign exports no email addresses
    _, as_json = export_audience(demo_ws, c, layout, "json")
    assert [{k: "" if v is None else str(v) for k, v in r.items()} for r in json.loads(as_json)] == rows


def test_an_export_after_the_send_still_carries_every_treated_recipient(demo_ws):
    """The export read the treated recipients through the queue's own query, which (for triggers) leaves
    out whoever has a message in the outbox: once sent, a campaign exported no one."""
    created = create_campaign(demo_ws, campaign(channel="sms"))
    treated = sum(n for arms in created["by_target"].values() for a, n in arms.items() if a != "holdout")
    c = get(demo_ws, "Outbox")
    before, _ = export_audience(demo_ws, c, "generic", "csv")
    assert queue(demo_ws, c, c.created_at)["queued"] > 0  # what the first send does
    after, _ = export_audience(demo_ws, get(demo_ws, "Outbox"), "generic", "csv")
    assert before == after == treated > 0
