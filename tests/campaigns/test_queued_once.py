"""A queued message and the check just before it goes (campaigns/outbox.recheck; docs/campaigns.md, "Who
is left out"): one message per address per campaign as at queue time, a message of a record dedupe merged
away goes to the survivor, `status` counts every skip once, and delivery_log says which address each step
concerned. Real SMTP and webhook servers on loopback, real customers imports and dedupe merges."""

from __future__ import annotations

from tests.campaigns.servers import SmtpSink, configure, smtp_config
from tests.campaigns.test_queued_recheck import outbox

from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.campaigns.model import get
from segmint.campaigns.status import status
from segmint.store.workspace import Workspace


def _email(name: str, target: str = "rfm:At Risk") -> Campaign:
    return Campaign(
        name, "email", [Message(target, "A", "<p>{{ name }}</p>", "{{ name }}")], holdout_share=0.0
    )


def test_status_counts_a_skip_from_the_queue_once(demo_path):
    """One recipient left out by the first send (unsubscribed before it), one whose queued message a later
    send skipped (consent withdrawn while it waited). Before, the second was in skipped_at_send and again in
    the outbox's 'skipped': status said three were not messaged, of two."""
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        with Workspace.open(demo_path) as ws:
            made = create_campaign(ws, _email("Раз"))
            (first,) = ws.raw.execute(
                "SELECT min(customer_id) FROM campaign_recipients WHERE campaign_id = ?",
                [made["campaign_id"]],
            ).fetchone()
            ws.raw.execute(
                "INSERT INTO events (event_id, customer_id, event_type, occurred_at, imported_at)"
                " VALUES ('u1', ?, 'email_unsubscribe', TIMESTAMP '2026-01-01 10:00:00', now())",
                [first],
            )
            started = send_campaign(ws, "Раз", limit=1)
            assert started["skipped"] == {"unsubscribed": 1}
            second = max(c for c, (_, state) in outbox(ws, made["campaign_id"]).items() if state == "queued")
            ws.raw.execute("UPDATE customers SET consent_email = false WHERE customer_id = ?", [second])
            rest = send_campaign(ws, "Раз")
            shown = status(ws, get(ws, "Раз"))
    assert rest["skipped"] == {"no consent": 1}
    assert shown["skipped_at_send"] == {"unsubscribed": 1}  # never queued
    assert shown["skipped_from_queue"] == {"no consent": 1}  # queued, then skipped: the outbox's 'skipped'
    assert shown["outbox"]["skipped"] == 1
    recipients = sum(shown["recipients"]["rfm:At Risk"].values())
    not_messaged = sum(shown["skipped_at_send"].values()) + shown["outbox"]["skipped"]
    assert shown["outbox"]["sent"] == len(sink.messages) == recipients - not_messaged
