"""A queued message and the check just before it goes (campaigns/outbox.recheck; docs/campaigns.md, "Who
is left out"): one message per address per campaign as at queue time, a message of a record dedupe merged
away goes to the survivor, `status` counts every skip once, and delivery_log says which address each step
concerned. Real SMTP and webhook servers on loopback, real customers imports and dedupe merges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import pytest
from tests.campaigns.servers import SmtpSink, WebhookSink, configure, smtp_config, webhook_config
from tests.campaigns.test_queued_address import skipped_log
from tests.campaigns.test_queued_recheck import outbox
from tests.cli import segmint
from tests.recording import recorded

from segmint import segments
from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.campaigns.model import get
from segmint.campaigns.status import status
from segmint.ingest import import_file
from segmint.quality.dedupe import find_duplicates
from segmint.quality.merge import merge_duplicates
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
    lines = {
        "en": ("not messaged when sent (still in their arm): unsubscribed 1",
               "skipped in the outbox (still in their arm): no consent 1"),
        None: ("не отримали повідомлення під час надсилання (лишаються у своїй групі): відписалися 1",
               "пропущені в черзі надсилання (лишаються у своїй групі): немає згоди 1"),
    }  # fmt: skip
    for language, (at_send, from_queue) in lines.items():
        printed = segmint("campaigns", "status", "Раз", "-w", demo_path, language=language, wide=True)
        assert printed.returncode == 0, printed.stderr
        assert at_send in printed.stderr and from_queue in printed.stderr, (language, printed.stderr)


STARTED = "Розпочата"


@dataclass
class Started:
    """An email campaign to rfm:At Risk whose first send stopped after one message (--limit 1)."""

    ws: Workspace
    sink: SmtpSink
    campaign_id: str
    queued: dict[str, tuple[str, str]]  # customer_id -> (address, state) then

    @property
    def sent(self) -> str:
        (done,) = [c for c, (_, state) in self.queued.items() if state == "sent"]
        return done

    def waiting(self, n: int) -> list[str]:
        """The first `n` recipients still queued, in queue order."""
        return sorted(c for c, (_, state) in self.queued.items() if state == "queued")[:n]

    def send_the_rest(self) -> dict:
        return send_campaign(self.ws, STARTED)


@pytest.fixture
def started(demo_path):
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        with Workspace.open(demo_path) as ws:
            made = create_campaign(ws, _email(STARTED))
            assert send_campaign(ws, STARTED, limit=1)["this_run"] == {"sent": 1}
            yield Started(ws, sink, made["campaign_id"], outbox(ws, made["campaign_id"]))


def test_two_queued_messages_whose_customers_come_to_share_an_address_send_it_one(started, tmp_path):
    """A customers import gives a waiting recipient the address of another waiting one (a family sharing
    one email), and another the address a message already went to (written in capitals, with a space).
    One message per address, as queueing decides it: the message earlier in the queue, or the one sent,
    keeps the address; the other is skipped as a duplicate address, with its delivery_log row. Before,
    both went to the shared address."""
    ws, queued = started.ws, started.queued
    first, family, late = started.waiting(3)
    shared, reached = queued[first][0], queued[started.sent][0]
    crm = tmp_path / "customers.csv"
    crm.write_text(f"customer_id,email\n{family},{shared}\n{late}, {reached.upper()}\n", encoding="utf-8")
    assert import_file(ws, "customers", crm, refresh=False).updated == 2
    rest = started.send_the_rest()
    box = outbox(ws, started.campaign_id)
    log = skipped_log(ws, started.campaign_id)
    to = Counter(item["to"][0].strip().lower() for item in started.sink.messages)
    assert to[shared.lower()] == 1 and to[reached.lower()] == 1  # one message per address, in all
    assert box[first][1] == "sent" and box[family][1] == box[late][1] == "skipped"
    assert log == {(family, "skipped", "duplicate address"), (late, "skipped", "duplicate address")}
    assert rest["skipped"] == {"duplicate address": 2}
    assert max(to.values()) == 1 and sum(to.values()) == len(box) - 2


def _copy_of(ws, tmp_path, customer_id: str, new_id: str, consent: str) -> None:
    """Import another record of `customer_id`'s person, signed up earlier (so a merge keeps it)."""
    first, last, email, phone, city = ws.raw.execute(
        "SELECT first_name, last_name, email, phone, city FROM customers WHERE customer_id = ?", [customer_id]
    ).fetchone()
    path = tmp_path / f"{new_id}.csv"
    path.write_text(
        "customer_id,first_name,last_name,email,phone,city,signup_date,consent_email\n"
        f"{new_id},{first},{last},{email},{phone},{city},2001-01-01,{consent}\n",
        encoding="utf-8",
    )
    assert import_file(ws, "customers", path, refresh=False).inserted == 1


def test_a_queued_message_follows_a_dedupe_merge_to_the_surviving_record(started, tmp_path):
    """dedupe merges three waiting recipients into older records of the same people, not in the campaign:
    a message goes to its survivor, at the survivor's address of now (changed since, or the same), and its
    email_sent event is the survivor's (as a merge repoints events); one survivor refused email (a merge
    keeps a refusal), so that message is skipped as no consent. Before, all three were skipped as 'merged'
    and the people got nothing."""
    ws, queued = started.ws, started.queued
    follows, refused, same = started.waiting(3)
    _copy_of(ws, tmp_path, follows, "OLD-1", "yes")
    _copy_of(ws, tmp_path, refused, "OLD-2", "no")
    _copy_of(ws, tmp_path, same, "OLD-3", "yes")
    found = find_duplicates(ws)
    ours = found.clusters[found.clusters.customer_id.isin(["OLD-1", "OLD-2", "OLD-3"])].cluster_id
    found = replace(found, clusters=found.clusters[found.clusters.cluster_id.isin(ours)])
    merged = merge_duplicates(ws, found)
    assert merged.survivors == {"OLD-1": [follows], "OLD-2": [refused], "OLD-3": [same]}
    crm = tmp_path / "moved.csv"
    crm.write_text("customer_id,email\nOLD-1,survivor@mail.example\n", encoding="utf-8")
    assert import_file(ws, "customers", crm, refresh=False).updated == 1
    before = len(started.sink.messages)
    rest = started.send_the_rest()
    box = outbox(ws, started.campaign_id)
    log = skipped_log(ws, started.campaign_id)
    sent_to = ws.raw.execute(
        "SELECT o.customer_id, e.customer_id FROM events e JOIN outbox o"
        " ON o.message_id = json_extract_string(e.properties, '$.message_id')"
        " WHERE e.event_type = 'email_sent' AND o.campaign_id = ?"
        " AND list_contains(?, o.customer_id)",
        [started.campaign_id, [follows, same]],
    ).fetchall()
    to = Counter(item["to"][0] for item in started.sink.messages[before:])
    assert to["survivor@mail.example"] == 1 and to[queued[refused][0]] == 0 and to[queued[same][0]] == 1
    assert box[follows] == ("survivor@mail.example", "sent") and box[refused][1] == "skipped"
    assert box[same] == (queued[same][0], "sent")
    assert sorted(sent_to) == sorted([(follows, "OLD-1"), (same, "OLD-3")])
    assert log == {(refused, "skipped", "no consent")} and rest["skipped"] == {"no consent": 1}


def test_delivery_log_says_which_address_a_message_was_queued_for_and_went_to(started, tmp_path):
    """A customers import changes a waiting recipient's email: delivery_log keeps the change (a 'requeued'
    row: queued for the old address, the new one in its address) and the address the message went to;
    every attempt's row names its address, and a skipped message's the address it was skipped at. Before,
    delivery_log had no address, and the outbox row kept only the new one: nothing said the message had
    been queued for another address."""
    new = "moved@mail.example"
    ws, queued, done = started.ws, started.queued, started.sent
    moved, same, cleared = started.waiting(3)
    crm = tmp_path / "customers.csv"
    crm.write_text(f"customer_id,email\n{moved},{new}\n{same},{new}\n{cleared},\n", encoding="utf-8")
    assert import_file(ws, "customers", crm, refresh=False).updated == 3
    started.send_the_rest()
    rows = ws.raw.execute(
        "SELECT o.customer_id, l.outcome, l.detail, l.address FROM delivery_log l"
        " JOIN outbox o USING (message_id) WHERE o.campaign_id = ? ORDER BY l.rowid",
        [started.campaign_id],
    ).fetchall()
    log: dict[str, list[tuple]] = {}
    for customer, *row in rows:
        log.setdefault(customer, []).append(tuple(row))
    assert [item["to"][0] for item in started.sink.messages].count(new) == 1
    assert log[moved] == [
        ("requeued", f"queued for {queued[moved][0]}", new),
        ("sent", log[moved][1][1], new),
    ]
    assert log[same] == [("skipped", "duplicate address", new)]  # the address it was skipped at
    assert log[cleared] == [("skipped", "no address", None)]
    assert log[done] == [("sent", log[done][0][1], queued[done][0])]
    assert all(
        address == queued[c][0]
        for c, rows in log.items()
        if c not in (moved, same, cleared)
        for *_, address in rows
    )


def test_the_messages_whose_addresses_moved_are_requeued_in_one_statement_in_their_queue_order(
    started, tmp_path
):
    """A customers import gives several waiting recipients new addresses: each message goes to its own
    customer's new one, keeps its place in the queue (the outbox's rowid), and gets its 'requeued' row, in
    queue order; the outbox rows are changed by one statement, not one a message (an import that moved
    thousands of addresses made a chunk's check thousands of statements)."""
    ws, queued = started.ws, started.queued
    movers = started.waiting(5)
    new = {customer: f"moved.{at}@mail.example" for at, customer in enumerate(movers)}
    crm = tmp_path / "customers.csv"
    crm.write_text("customer_id,email\n" + "".join(f"{c},{a}\n" for c, a in new.items()), encoding="utf-8")
    assert import_file(ws, "customers", crm, refresh=False).updated == len(new)
    order = "SELECT message_id FROM outbox WHERE campaign_id = ? ORDER BY rowid"
    before = ws.raw.execute(order, [started.campaign_id]).fetchall()
    with recorded(ws) as statements:
        rest = started.send_the_rest()
    box = outbox(ws, started.campaign_id)
    assert ws.raw.execute(order, [started.campaign_id]).fetchall() == before
    assert {c: box[c] for c in movers} == {c: (a, "sent") for c, a in new.items()}
    to = Counter(item["to"][0] for item in started.sink.messages)
    assert all(to[a] == 1 and to[queued[c][0]] == 0 for c, a in new.items())
    requeued = ws.raw.execute(
        "SELECT o.customer_id, l.detail, l.address FROM delivery_log l JOIN outbox o USING (message_id)"
        " WHERE o.campaign_id = ? AND l.outcome = 'requeued' ORDER BY l.rowid",
        [started.campaign_id],
    ).fetchall()
    assert requeued == [(c, f"queued for {queued[c][0]}", new[c]) for c in movers]
    assert rest["skipped"] == {}
    updates = [sql for sql in statements if " ".join(sql.split()).startswith("UPDATE outbox SET address")]
    assert len(updates) == 1, updates


def test_a_queued_message_does_not_follow_a_merge_into_the_holdout_or_a_record_with_its_own(demo_path):
    """The record a waiting recipient was merged into is held out of the campaign (the holdout gets
    nothing), or has a message of the campaign itself (one per person): the message is skipped as
    'merged', and nothing more reaches either survivor's address."""
    campaign = Campaign(
        "Контроль",
        "email",
        [Message("rfm:At Risk", "A", "<p>{{ name }}</p>", "{{ name }}")],
        holdout_share=0.3,
    )
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        with Workspace.open(demo_path) as ws:
            made = create_campaign(ws, campaign)
            assert send_campaign(ws, "Контроль", limit=1)["this_run"] == {"sent": 1}
            queued = outbox(ws, made["campaign_id"])
            waiting = sorted(c for c, (_, state) in queued.items() if state == "queued")
            (held_out,) = ws.raw.execute(
                "SELECT min(customer_id) FROM campaign_recipients WHERE campaign_id = ? AND arm = 'holdout'",
                [made["campaign_id"]],
            ).fetchone()
            (held_address,) = ws.raw.execute(
                "SELECT email FROM customers WHERE customer_id = ?", [held_out]
            ).fetchone()
            # what dedupe's merge leaves behind (the survivors' own records unchanged)
            for gone, survivor in ((waiting[0], held_out), (waiting[1], waiting[-1])):
                ws.raw.execute("UPDATE customers SET merged_into = ? WHERE customer_id = ?", [survivor, gone])
            before = len(sink.messages)
            rest = send_campaign(ws, "Контроль")
            log = skipped_log(ws, made["campaign_id"])
    to = Counter(item["to"][0] for item in sink.messages[before:])
    assert log == {(waiting[0], "skipped", "merged"), (waiting[1], "skipped", "merged")}
    assert rest["skipped"] == {"merged": 2}
    assert to[held_address] == 0 and to[queued[waiting[-1]][0]] == 1


def test_an_address_with_other_whitespace_around_it_is_one_address_when_queued_and_when_sent(
    demo_path, monkeypatch
):
    """Two recipients' phones differ only by a tab and a line break around them (stored so by a direct
    write: an import trims them): one message when the audience is made. After that message went (to the
    phone with the whitespace around it), a third recipient is given the bare phone: still one message,
    the third skipped as a duplicate address. Before, the check at send time trimmed spaces only (DuckDB's
    trim), so the bare phone was another address than the sent one's and got a second SMS."""
    secret, phone = "hook-secret", "+380500000099"
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", secret)
    with WebhookSink(secret) as sink:
        configure(demo_path, webhook_config(sink.url))
        with Workspace.open(demo_path) as ws:
            first, second, third = (
                c
                for (c,) in ws.raw.execute(
                    "SELECT customer_id FROM customers WHERE consent_sms AND phone IS NOT NULL"
                    " AND merged_into IS NULL ORDER BY customer_id LIMIT 3"
                ).fetchall()
            )
            for customer, stored in ((first, phone + "\t"), (second, "\n" + phone)):
                ws.raw.execute("UPDATE customers SET phone = ? WHERE customer_id = ?", [stored, customer])
            segments.create(ws, "Телефони", kind="static", members=[first, second, third])
            made = create_campaign(
                ws, Campaign("Один номер", "sms", [Message("Телефони", "A", "{{ name }}")], holdout_share=0.0)
            )
            assert made["excluded"]["duplicate address"] == 1 and made["recipients"] == 2
            assert send_campaign(ws, "Один номер", limit=1)["this_run"] == {"sent": 1}
            ws.raw.execute("UPDATE customers SET phone = ? WHERE customer_id = ?", [phone, third])
            rest = send_campaign(ws, "Один номер")
            log = skipped_log(ws, made["campaign_id"])
    assert Counter(r["body"]["to"].strip() for r in sink.requests) == {phone: 1}
    assert rest["skipped"] == {"duplicate address": 1}
    assert log == {(third, "skipped", "duplicate address")}


def test_a_message_refused_for_good_holds_no_address_for_the_chunks_after_it(demo_path):
    """Two queued recipients share one email (an import after the audience was made), a chunk of 50 apart;
    the server refuses that mailbox for good. The first message fails, so it reached nobody and holds no
    address: the second is tried in its chunk (and fails too), not skipped as a duplicate address. The send
    keeps the held addresses in memory across its chunks (outbox.HeldAddresses), so a failure must free
    the address there as it does in the outbox."""
    with Workspace.open(demo_path) as ws:
        ids = [
            c
            for (c,) in ws.raw.execute(
                "SELECT min(customer_id) FROM customers WHERE consent_email AND email IS NOT NULL"
                " AND merged_into IS NULL GROUP BY lower(email) ORDER BY 1 LIMIT 60"
            ).fetchall()
        ]
        (address,) = ws.raw.execute("SELECT email FROM customers WHERE customer_id = ?", [ids[0]]).fetchone()
    with SmtpSink(reject={address}) as sink:
        configure(demo_path, smtp_config(sink.port))
        with Workspace.open(demo_path) as ws:
            segments.create(ws, "Шістдесят", kind="static", members=ids)
            made = create_campaign(ws, _email("Відмова", target="Шістдесят"))
            assert made["recipients"] == len(ids)
            ws.raw.execute("UPDATE customers SET email = ? WHERE customer_id = ?", [address, ids[55]])
            summary = send_campaign(ws, "Відмова")
            box = outbox(ws, made["campaign_id"])
    assert box[ids[0]] == (address, "failed") and box[ids[55]] == (address, "failed")
    assert summary["this_run"] == {"failed": 2, "sent": len(ids) - 2} and summary["skipped"] == {}
    assert len(sink.messages) == len(ids) - 2
