"""A queued message goes to the customer's address as it is when it is sent, and one the check before
sending stops leaves a trace (docs/campaigns.md, "Who is left out"). A customers import changes the
address (or clears it) while a message waits: it goes to the new address, or is skipped with the reason,
kept in the outbox as 'skipped' with a delivery_log row, counted as skipped by `status` and never as sent
by the results. Real SMTP and webhook servers on loopback, and real customers imports."""

from __future__ import annotations

from collections import Counter

from tests.campaigns.servers import SmtpSink, WebhookSink, configure, smtp_config, webhook_config
from tests.campaigns.test_queued_recheck import outbox
from tests.campaigns.test_webhook_delivery import SECRET, sms_campaign

from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.campaigns.model import get
from segmint.campaigns.status import status
from segmint.experiments.results import OVERALL, campaign_results
from segmint.ingest import import_file
from segmint.store.workspace import Workspace

NEW = "new.address@mail.example"


def skipped_log(ws, campaign_id: str) -> set[tuple[str, str, str]]:
    """(customer_id, outcome, detail) of the campaign's 'skipped' delivery_log rows."""
    rows = ws.raw.execute(
        "SELECT customer_id, outcome, detail FROM delivery_log JOIN outbox USING (message_id)"
        " WHERE campaign_id = ? AND outcome = 'skipped'",
        [campaign_id],
    ).fetchall()
    return set(rows)


def test_a_queued_email_goes_to_the_customers_address_of_now_or_is_skipped_with_why(demo_path, tmp_path):
    campaign = Campaign(
        "Адреса", "email", [Message("rfm:At Risk", "A", "<p>{{ name }}</p>", "{{ name }}")], holdout_share=0.0
    )
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        with Workspace.open(demo_path) as ws:
            made = create_campaign(ws, campaign)
            assert send_campaign(ws, "Адреса", limit=1)["this_run"] == {"sent": 1}  # the rest wait
            queued = outbox(ws, made["campaign_id"])
            waiting = sorted(c for c, (_, state) in queued.items() if state == "queued")
            moved, emptied, merged, survivor = waiting[0], waiting[1], waiting[2], waiting[-1]
            # the CRM's export, imported again: a new address for one, none for another
            crm = tmp_path / "customers.csv"
            crm.write_text(f"customer_id,email\n{moved},{NEW}\n{emptied},\n", encoding="utf-8")
            assert import_file(ws, "customers", crm, refresh=False).updated == 2
            # what dedupe's merge leaves behind: the record points at the survivor, who has its own address
            ws.raw.execute("UPDATE customers SET merged_into = ? WHERE customer_id = ?", [survivor, merged])
            before = len(sink.messages)
            rest = send_campaign(ws, "Адреса")
            box = outbox(ws, made["campaign_id"])
            log = skipped_log(ws, made["campaign_id"])
            shown = status(ws, get(ws, "Адреса"))
            results = campaign_results(ws, made["campaign_id"]).row(OVERALL, "A")
    to = Counter(item["to"][0] for item in sink.messages[before:])
    assert to[NEW] == 1 and box[moved] == (NEW, "sent")  # the new address, kept in the outbox row
    for old in (moved, emptied, merged):
        assert to[queued[old][0]] == 0  # nothing to the address stored when the message was queued
    assert to[queued[survivor][0]] == 1  # the survivor gets its own message, once
    assert box[emptied][1] == box[merged][1] == "skipped"
    assert log == {(emptied, "skipped", "no address"), (merged, "skipped", "merged")}
    assert rest["skipped"] == shown["skipped_from_queue"] == {"no address": 1, "merged": 1}
    assert shown["skipped_at_send"] == {}  # counted once: as the outbox's 'skipped'
    assert rest["this_run"] == {"sent": len(waiting) - 2} == {"sent": sum(to.values())}
    assert shown["outbox"] == {**dict.fromkeys(shown["outbox"], 0), "sent": len(waiting) - 1, "skipped": 2}
    # the results count what was sent: a skipped message is no message delivered (nor its cost)
    assert results["recipients"] == len(queued) and results["sent"] == len(waiting) - 1


def test_a_queued_sms_goes_to_the_phone_of_now_and_a_retried_one_is_logged_when_skipped(
    demo_path, tmp_path, monkeypatch
):
    """The SMS channel reads the phone; a failed message sent again with --retry-failed whose customer has
    no phone now is skipped, its delivery_log telling failed, requeued, skipped."""
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", SECRET)
    with WebhookSink(SECRET, fail_first=1) as sink:  # one attempt each: the first message fails
        configure(demo_path, webhook_config(sink.url).replace("max_attempts = 3", "max_attempts = 1"))
        with Workspace.open(demo_path) as ws:
            made = create_campaign(ws, sms_campaign())
            assert send_campaign(ws, "SMS", limit=2)["this_run"] == {"failed": 1, "sent": 1}
            queued = outbox(ws, made["campaign_id"])
            (failed,) = [c for c, (_, state) in queued.items() if state == "failed"]
            moved = min(c for c, (_, state) in queued.items() if state == "queued")
            crm = tmp_path / "customers.csv"
            crm.write_text(f"customer_id,phone\n{moved},+380671234567\n{failed},\n", encoding="utf-8")
            assert import_file(ws, "customers", crm, refresh=False).updated == 2
            (phone,) = ws.raw.execute("SELECT phone FROM customers WHERE customer_id = ?", [moved]).fetchone()
            assert phone != queued[moved][0]
            before = len(sink.requests)
            rest = send_campaign(ws, "SMS", retry_failed=True)
            box = outbox(ws, made["campaign_id"])
            history = ws.raw.execute(
                "SELECT outcome, detail FROM delivery_log WHERE message_id ="
                " (SELECT message_id FROM outbox WHERE customer_id = ? AND campaign_id = ?) ORDER BY rowid",
                [failed, made["campaign_id"]],
            ).fetchall()
    to = {request["body"]["customer_id"]: request["body"]["to"] for request in sink.requests[before:]}
    assert to[moved] == phone and box[moved] == (phone, "sent") and failed not in to
    assert [outcome for outcome, _ in history] == ["failed", "requeued", "skipped"]
    assert history[-1][1] == "no address" and box[failed][1] == "skipped"
    assert rest["failed_retried"] == 1 and rest["skipped"] == {"no address": 1}
    assert rest["outbox"]["failed"] == 0 and rest["outbox"]["skipped"] == 1
