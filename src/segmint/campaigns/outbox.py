"""The outbox: every message of a campaign rendered once and queued in bulk, then moved through
queued -> sending -> sent | failed (or queued -> skipped) by the sender (segmint.campaigns.send;
docs/campaigns.md, "Resuming").

Queueing re-checks consent, unsubscribes and the frequency cap at send time, so a customer who opted out
after the campaign was created is skipped (they stay in campaign_recipients: the experiment is
intention-to-treat). A queued message waits, so `recheck()` looks again just before each chunk goes: one
whose customer has opted out since (unsubscribed, consent withdrawn, address removed, merged away) is
marked 'skipped' with a delivery_log row saying why, and counted with the first send's skips; the others
go to the customer's address as it is then (an import or a merge may have changed it), not the one
stored when the message was rendered. Queueing happens once per campaign, the
first send of a draft: a second call adds nothing. A trigger may queue single messages before that
(campaigns.automation); they do not count as the audience being queued, or the audience of a draft a
trigger reached first would never get its message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, replace

import ibis
import pandas as pd
import pyarrow as pa

from segmint.campaigns.audience import eligibility
from segmint.campaigns.config import FrequencyCap, campaign_settings
from segmint.campaigns.model import Campaign, set_status
from segmint.campaigns.personalise import records
from segmint.campaigns.unsubscribe import link_maker
from segmint.experiments import HOLDOUT


@dataclass(frozen=True)
class OutboxMessage:
    message_id: str
    campaign_id: str
    customer_id: str
    channel: str
    address: str
    variant: str
    subject: str | None
    body: str
    attempts: int


def message_id(campaign_id: str, customer_id: str) -> str:
    """Stable per (campaign, customer): the same message keeps the same id through every retry."""
    return hashlib.blake2b(f"{campaign_id}\0{customer_id}".encode(), digest_size=16).hexdigest()


def is_queued(ws, campaign_id: str) -> bool:
    """Whether the campaign's audience was queued: a first send moved it out of 'draft' (the stored status,
    not a caller's copy of the campaign)."""
    row = ws.raw.execute("SELECT status FROM campaigns WHERE campaign_id = ?", [campaign_id]).fetchone()
    return row is not None and row[0] != "draft"


def treated(ws, campaign: Campaign, unqueued: bool = False) -> pd.DataFrame:
    """customer_id, segment, arm of the recipients who get a message (everyone but the holdout); with
    `unqueued`, only those with no message in the outbox yet (a trigger may have queued theirs)."""
    rows = ws.table("campaign_recipients")
    rows = rows.filter(rows.campaign_id == campaign.campaign_id, rows.arm != HOLDOUT)
    if unqueued:
        box = ws.table("outbox")
        rows = rows.anti_join(box.filter(box.campaign_id == campaign.campaign_id), "customer_id")
    return rows.select("customer_id", "segment", "arm").order_by("customer_id").to_pandas()


def render_all(ws, campaign: Campaign, people: pd.DataFrame) -> dict[str, list]:
    """Subject and body of each row of `people` (customer_id, segment, arm): column lists."""
    templates = campaign.templates()
    link = link_maker(ws, campaign)
    fields = records(ws, ibis.memtable(people[["customer_id"]]))
    by_id = dict(zip(fields.column("customer_id").to_pylist(), fields.to_pylist(), strict=True))
    subjects, bodies = [], []
    rows = zip(people.customer_id.tolist(), people.segment.tolist(), people.arm.tolist(), strict=True)
    for customer_id, segment, arm in rows:
        subject, body = templates[(segment, arm)]
        record = by_id[customer_id]
        record["unsubscribe_url"] = link(customer_id)
        subjects.append(subject.render(record) if subject is not None else None)
        bodies.append(body.render(record))
    return {"subject": subjects, "body": bodies}


def queue(ws, campaign: Campaign, at: dt.datetime) -> dict:
    """Render and queue every treated recipient's message (once); returns {queued, skipped: {reason: n}}."""
    if is_queued(ws, campaign.campaign_id):
        return {"queued": 0, "skipped": {}}
    people = treated(ws, campaign, unqueued=True)
    cap = campaign_settings(ws.path).frequency_cap
    checked = eligibility(
        ws, people.customer_id, campaign.channel, cap, at, exclude_campaign=campaign.campaign_id
    )
    people = people.merge(checked, on="customer_id", how="left")
    skipped = people.reason.dropna().value_counts().to_dict()
    people = people[people.reason.isna()].reset_index(drop=True)
    table = rendered_messages(ws, campaign, people, at)
    skipped = {str(k): int(v) for k, v in skipped.items()}
    with ws.transaction() as con:
        insert_messages(con, table)
        set_status(con, campaign.campaign_id, "sending", at)
        _add_skipped(con, campaign.campaign_id, skipped)
    return {"queued": table.num_rows, "skipped": skipped}


def _add_skipped(con, campaign_id: str, skipped: dict[str, int]) -> None:
    """Add to the campaign's skipped_at_send, kept for `status`: recipients not messaged, and why (they stay
    in their arm)."""
    if not skipped:
        return
    (stored,) = con.execute("SELECT settings FROM campaigns WHERE campaign_id = ?", [campaign_id]).fetchone()
    settings = json.loads(stored) if stored else {}
    counts = dict(settings.get("skipped_at_send", {}))
    for reason, n in skipped.items():
        counts[reason] = int(counts.get(reason, 0)) + int(n)
    con.execute(
        "UPDATE campaigns SET settings = ? WHERE campaign_id = ?",
        [json.dumps({**settings, "skipped_at_send": counts}, ensure_ascii=False, default=str), campaign_id],
    )


# the frequency cap is not checked again at delivery: it was decided when the message was queued, and other
# campaigns' caps already count it as queued (checking both again, each would count the other's)
_NO_CAP = FrequencyCap(max_messages=None)


def recheck(
    ws, campaign: Campaign, messages: list[OutboxMessage]
) -> tuple[list[OutboxMessage], dict[str, int]]:
    """(the messages that may still go, {reason: messages skipped}), checked just before they are sent,
    one query per chunk. A customer who unsubscribed, withdrew consent, lost the address or was merged
    away since the message was queued (by the first send, a trigger, or before a resume or a retry of a
    failed message) no longer gets it: the message is marked 'skipped', a delivery_log row gives the
    reason, and the reason is added to skipped_at_send. The others go to the customer's current address
    for the channel, stored in the outbox row: a customers import or a merge may have changed it since
    the message was rendered, and the old address may no longer be the customer's (the text keeps what
    was rendered). Before, a queued message went anyway, and to the address it was queued with."""
    if not messages:
        return messages, {}
    ids = pd.Series([m.customer_id for m in messages], dtype=str)
    checked = eligibility(ws, ids, campaign.channel, _NO_CAP, ws.now())
    reasons = dict(zip(checked.customer_id, checked.reason, strict=True))
    addresses = dict(zip(checked.customer_id, checked.address, strict=True))
    out = [m for m in messages if isinstance(reasons.get(m.customer_id), str)]
    gone = {m.message_id for m in out}
    kept, moved = [], []  # moved: the ones whose customer's address is not the one queued
    for m in messages:
        if m.message_id in gone:
            continue
        if addresses[m.customer_id] != m.address:
            m = replace(m, address=addresses[m.customer_id])
            moved.append(m)
        kept.append(m)
    if not out and not moved:
        return messages, {}
    skipped: dict[str, int] = {}
    for m in out:
        skipped[reasons[m.customer_id]] = skipped.get(reasons[m.customer_id], 0) + 1
    at = ws.now(whole_seconds=False)
    with ws.transaction() as con:
        for m in moved:
            con.execute(
                "UPDATE outbox SET address = ? WHERE state = 'queued' AND message_id = ?",
                [m.address, m.message_id],
            )
        for m in out:
            con.execute(
                "INSERT INTO delivery_log (message_id, attempt, logged_at, outcome, detail)"
                " VALUES (?, ?, ?, 'skipped', ?)",
                [m.message_id, m.attempts, at, reasons[m.customer_id]],
            )
        con.execute(
            # no error: a retried failed message's last one is in delivery_log, not among status's errors
            "UPDATE outbox SET state = 'skipped', last_error = NULL"
            " WHERE state = 'queued' AND list_contains(?, message_id)",
            [sorted(gone)],
        )
        _add_skipped(con, campaign.campaign_id, skipped)
    return kept, skipped


def rendered_messages(ws, campaign: Campaign, people: pd.DataFrame, at: dt.datetime) -> pa.Table:
    """The outbox rows of `people` (customer_id, segment, arm, address): each message rendered."""
    rendered = render_all(ws, campaign, people)
    n = len(people)
    return pa.table(
        {
            "message_id": [message_id(campaign.campaign_id, c) for c in people.customer_id],
            "campaign_id": pa.array([campaign.campaign_id] * n, pa.string()),
            "customer_id": pa.array(people.customer_id.tolist(), pa.string()),
            "channel": pa.array([campaign.channel] * n, pa.string()),
            "address": pa.array(people.address.tolist(), pa.string()),
            "variant": pa.array(people.arm.tolist(), pa.string()),
            "subject": pa.array(rendered["subject"], pa.string()),
            "body": pa.array(rendered["body"], pa.string()),
            "queued_at": pa.array([at] * n, pa.timestamp("us")),
        }
    )


def insert_messages(con, table: pa.Table) -> None:
    """Queue the rows of rendered_messages (inside the caller's transaction)."""
    con.register("new_messages", table)
    try:
        con.execute(
            "INSERT INTO outbox (message_id, campaign_id, customer_id, channel, address, variant,"
            " subject, body, queued_at) SELECT * FROM new_messages"
        )
    finally:
        con.unregister("new_messages")


_FIELDS = "message_id, campaign_id, customer_id, channel, address, variant, subject, body, attempts"


def queued(ws, campaign_id: str) -> list[OutboxMessage]:
    """The messages waiting to go, in queue order."""
    rows = ws.raw.execute(
        f"SELECT {_FIELDS} FROM outbox WHERE campaign_id = ? AND state = 'queued' ORDER BY rowid",
        [campaign_id],
    ).fetchall()
    return [OutboxMessage(*row) for row in rows]


def uncertain(ws, campaign_id: str) -> list[OutboxMessage]:
    """Messages handed over to the server with no answer recorded (a crash or a lost connection)."""
    rows = ws.raw.execute(
        f"SELECT {_FIELDS} FROM outbox WHERE campaign_id = ? AND state = 'sending'"
        " AND handed_over_at IS NOT NULL ORDER BY rowid",
        [campaign_id],
    ).fetchall()
    return [OutboxMessage(*row) for row in rows]


def states(ws, campaign_id: str) -> dict[str, int]:
    """Messages per state, with 'uncertain' (sending, handed over) counted apart from 'sending'."""
    rows = ws.raw.execute(
        "SELECT CASE WHEN state = 'sending' AND handed_over_at IS NOT NULL THEN 'uncertain' ELSE state END,"
        " count(*) FROM outbox WHERE campaign_id = ? GROUP BY 1",
        [campaign_id],
    ).fetchall()
    out = dict.fromkeys(("queued", "sending", "uncertain", "sent", "failed", "skipped"), 0)
    out.update({state: int(n) for state, n in rows})
    return out
