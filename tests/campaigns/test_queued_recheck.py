"""A message waits in the outbox (a send stopped by --limit, a trigger's message, a failed one retried): a
customer who opts out meanwhile does not get it. `send` checks each chunk again just before it goes,
takes their message out of the queue and counts them with the first send's skips (docs/campaigns.md,
"Unsubscribe links"). Real SMTP and webhook servers on loopback, and the app's real one-click link."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.campaigns.servers import SmtpSink, WebhookSink, configure, smtp_config, webhook_config
from tests.campaigns.test_webhook_delivery import SECRET, sms_campaign

from segmint import segments
from segmint.api import create_app
from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.campaigns.automation import enqueue
from segmint.campaigns.model import get
from segmint.campaigns.status import status
from segmint.campaigns.unsubscribe import unsubscribe
from segmint.store.workspace import Workspace

URL = "https://crm.shop.example/unsubscribe"


def outbox(ws, campaign_id: str) -> dict[str, tuple[str, str]]:
    """customer_id -> (address, state) of the campaign's messages."""
    rows = ws.raw.execute(
        "SELECT customer_id, address, state FROM outbox WHERE campaign_id = ?", [campaign_id]
    ).fetchall()
    return {customer: (address, state) for customer, address, state in rows}


def test_who_opts_out_while_their_message_is_queued_does_not_get_it(demo_path):
    first = Campaign(
        "Перша", "email", [Message("rfm:At Risk", "A", "<p>{{ name }}</p>", "{{ name }}")], holdout_share=0.0
    )
    second = Campaign(
        "Друга", "email", [Message("rfm:At Risk", "A", "<p>2 {{ name }}</p>", "2")], holdout_share=0.0
    )
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port) + f'[campaigns.unsubscribe]\nurl = "{URL}"\n')
        with Workspace.open(demo_path) as ws:
            create_campaign(ws, first)
            send_campaign(ws, "Перша")
            made = create_campaign(ws, second)
            started = send_campaign(ws, "Друга", limit=1)  # queued for all, one delivered
            assert started["this_run"] == {"sent": 1} and started["skipped"] == {}
            waiting = sorted(
                c for c, (_, state) in outbox(ws, made["campaign_id"]).items() if state == "queued"
            )
            assert len(waiting) > 5
            clicker, imported, withdrawn, merged = waiting[:4]
            # a trigger queues one more customer's message (not in the audience), who then withdraws consent
            (late,) = ws.raw.execute(
                "SELECT min(customer_id) FROM customers WHERE consent_email AND email IS NOT NULL"
                " AND merged_into IS NULL AND customer_id NOT IN"
                " (SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?)",
                [made["campaign_id"]],
            ).fetchone()
            assert enqueue(ws, "Друга", [late], ws.now())["queued"] == 1
            links = {
                item["to"][0]: re.fullmatch(r"<([^>]+)>", item["message"]["List-Unsubscribe"])[1]
                for item in sink.messages
            }
            address = outbox(ws, get(ws, "Перша").campaign_id)[clicker][0]
            ws.raw.execute(  # what `segmint import events` stores
                "INSERT INTO events (event_id, customer_id, event_type, occurred_at, imported_at)"
                " VALUES ('u-imported', ?, 'email_unsubscribe', TIMESTAMP '2026-01-01 10:00:00', now())",
                [imported],
            )
            # what a customers import with consent_email=false, and dedupe's merge, leave behind
            ws.raw.execute(
                "UPDATE customers SET consent_email = false WHERE list_contains(?, customer_id)",
                [[withdrawn, late]],
            )
            ws.raw.execute(
                "UPDATE customers SET merged_into = ? WHERE customer_id = ?", [waiting[-1], merged]
            )
        # the reader of the first campaign presses its one-click unsubscribe
        with TestClient(create_app(demo_path)) as client:
            pressed = client.post(links[address].removeprefix("https://crm.shop.example"),
                                  data={"List-Unsubscribe": "One-Click"})  # fmt: skip
            assert pressed.status_code == 200
        before = len(sink.messages)
        with Workspace.open(demo_path) as ws:
            rest = send_campaign(ws, "Друга")
            box = outbox(ws, made["campaign_id"])
            shown = status(ws, get(ws, "Друга"))
            recipients = {
                c for (c,) in ws.raw.execute(
                    "SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?", [made["campaign_id"]]
                ).fetchall()
            }  # fmt: skip
    got = {item["to"][0] for item in sink.messages[before:]}
    gone = {clicker, imported, withdrawn, merged, late}
    # their queued messages were never sent: they stay in the outbox as skipped
    assert {c for c, (_, state) in box.items() if state == "skipped"} == gone
    assert len(got) == len(waiting) - 4 == rest["this_run"]["sent"] == len(box) - 1 - len(gone)
    assert rest["skipped"] == {"unsubscribed": 2, "no consent": 2, "merged": 1}
    assert shown["skipped_from_queue"] == rest["skipped"] and shown["skipped_at_send"] == {}
    assert shown["status"] == "sent" and shown["outbox"]["queued"] == 0
    assert gone <= recipients  # still in their arm: the experiment is intention-to-treat


def test_a_failed_message_retried_or_an_sms_queued_is_checked_for_its_own_channel(demo_path, monkeypatch):
    """An SMS campaign: consent to SMS withdrawn stops a queued SMS and a failed one sent again with
    --retry-failed; an email unsubscribe does not (it is no opt-out of SMS)."""
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with WebhookSink(SECRET, fail_first=1) as sink:  # one attempt each: the first message fails
        configure(demo_path, webhook_config(sink.url).replace("max_attempts = 3", "max_attempts = 1"))
        with Workspace.open(demo_path) as ws:
            made = create_campaign(ws, sms_campaign())
            started = send_campaign(ws, "SMS", limit=3)
            assert started["this_run"] == {"failed": 1, "sent": 2}
            box = outbox(ws, made["campaign_id"])
            (failed,) = [c for c, (_, state) in box.items() if state == "failed"]
            waiting = sorted(c for c, (_, state) in box.items() if state == "queued")
            no_sms, emails_only = waiting[:2]
            ws.raw.execute(
                "UPDATE customers SET consent_sms = false WHERE list_contains(?, customer_id)",
                [[failed, no_sms]],
            )
            ws.raw.execute(
                "INSERT INTO events (event_id, customer_id, event_type, occurred_at, imported_at)"
                " VALUES ('u-email', ?, 'email_unsubscribe', TIMESTAMP '2026-01-01 10:00:00', now())",
                [emails_only],
            )
            before = len(sink.requests)
            rest = send_campaign(ws, "SMS", retry_failed=True)
            after = outbox(ws, made["campaign_id"])
    got = {request["body"]["customer_id"] for request in sink.requests[before:]}
    assert rest["failed_retried"] == 1 and rest["skipped"] == {"no consent": 2}
    assert emails_only in got and not {failed, no_sms} & got
    assert after[failed][1] == after[no_sms][1] == "skipped"
    assert rest["this_run"] == {"sent": len(waiting) - 1} and rest["outbox"]["failed"] == 0


def test_what_changes_while_a_send_runs_is_honoured_by_its_next_chunk(demo_path):
    """One send of 120 messages (chunks of 50): after its first message goes, a reader presses the
    unsubscribe link, one withdraws consent, an import changes one's address and dedupe merges two away
    (one into a record outside the campaign, one into a record with a message of its own). The check
    before the later chunks sees all of it: it reads consent, unsubscribes, addresses and merges as they
    are when each chunk goes, for the chunk's customers only, never once per send."""
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        with Workspace.open(demo_path) as ws:
            eligible = [  # one record per address, each of whom may get email
                c for (c,) in ws.raw.execute(
                    "SELECT customer_id FROM (SELECT customer_id, row_number() OVER (PARTITION BY"
                    " lower(trim(email)) ORDER BY customer_id) AS n FROM customers WHERE consent_email"
                    " AND email <> '' AND merged_into IS NULL AND customer_id NOT IN (SELECT customer_id"
                    " FROM events WHERE event_type = 'email_unsubscribe' AND customer_id IS NOT NULL))"
                    " WHERE n = 1 ORDER BY customer_id"
                ).fetchall()
            ]  # fmt: skip
            members, outside = eligible[:120], eligible[120]
            segments.create(ws, "Усі 120", kind="static", members=members)
            made = create_campaign(
                ws, Campaign("Усім", "email", [Message("Усі 120", "A", "<p>{{ name }}</p>", "Привіт")],
                             holdout_share=0.0),
            )  # fmt: skip
            campaign_id = made["campaign_id"]
            # the queue goes in customer_id order: these are in the second and third chunks
            unsubscribed, withdrawn, moved, follows, taken = (members[i] for i in (60, 61, 75, 80, 110))
            address = dict(ws.raw.execute("SELECT customer_id, email FROM customers").fetchall())
            changed = []

            def meanwhile(outcome: str, done: int) -> None:
                if done != 1:
                    return
                assert unsubscribe(ws, campaign_id, unsubscribed, ws.now(), "one-click")
                ws.raw.execute(
                    "UPDATE customers SET consent_email = false WHERE customer_id = ?", [withdrawn]
                )
                ws.raw.execute(
                    "UPDATE customers SET email = 'moved@mail.example' WHERE customer_id = ?", [moved]
                )
                ws.raw.execute(  # what dedupe's merge leaves behind
                    "UPDATE customers SET merged_into = ? WHERE customer_id = ?", [outside, follows]
                )
                ws.raw.execute(
                    "UPDATE customers SET merged_into = ? WHERE customer_id = ?", [members[10], taken]
                )
                changed.append(outcome)

            summary = send_campaign(ws, "Усім", progress=meanwhile)
            box = outbox(ws, campaign_id)
    assert changed == ["sent"]  # after the first message of the first chunk
    to = sink.per_recipient()
    assert summary["skipped"] == {"unsubscribed": 1, "no consent": 1, "merged": 1}
    assert summary["this_run"] == {"sent": 117} and len(sink.messages) == 117
    assert {c for c, (_, state) in box.items() if state == "skipped"} == {unsubscribed, withdrawn, taken}
    assert not to[address[unsubscribed]] and not to[address[withdrawn]] and not to[address[taken]]
    assert to["moved@mail.example"] == 1 and not to[address[moved]] and box[moved][1] == "sent"
    assert to[address[outside]] == 1 and box[follows] == (address[outside], "sent")  # to the survivor
    assert to[address[members[10]]] == 1  # the survivor's own message, once
