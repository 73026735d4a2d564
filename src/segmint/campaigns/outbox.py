"""The outbox: every message of a campaign rendered once and queued in bulk, then moved through
queued -> sending -> sent | failed (or queued -> skipped) by the sender (segmint.campaigns.send;
docs/campaigns.md, "Resuming").

Queueing re-checks consent, unsubscribes and the frequency cap at send time, so a customer who opted out
after the campaign was created is skipped (they stay in campaign_recipients: the experiment is
intention-to-treat). A queued message waits, so `recheck()` looks again just before each chunk goes: one
whose customer has opted out since (unsubscribed, consent withdrawn, address removed) or whose address
another message of the campaign has now is marked 'skipped' with a delivery_log row saying why; the others
go to the customer's address as it is then (an import may have changed it), not the one stored when the
message was rendered, and a customer merged away since is reached through the record they were merged
into. Queueing happens once per campaign, the first send of a draft: a second call adds nothing. A trigger
may queue single messages before that (campaigns.automation); they do not count as the audience being
queued, or the audience of a draft a trigger reached first would never get its message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, replace

import ibis
import pandas as pd
import pyarrow as pa

from segmint.campaigns.audience import address_key, eligibility
from segmint.campaigns.config import FrequencyCap, campaign_settings
from segmint.campaigns.model import Campaign, set_status
from segmint.campaigns.personalise import records
from segmint.campaigns.unsubscribe import link_maker
from segmint.experiments import HOLDOUT
from segmint.store.survivors import survivors_sql


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
    # the live record the message goes to when its own was merged away since it was queued (recheck):
    # its events are that customer's, as a merge repoints the older ones
    to_customer: str | None = None


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
    ws, campaign: Campaign, messages: list[OutboxMessage], held: HeldAddresses
) -> tuple[list[OutboxMessage], dict[str, int]]:
    """(the messages that may still go, {reason: messages skipped}), checked just before they are sent,
    a few queries per chunk that read only its customers' rows (`messages`, in queue order; `held`: the
    addresses the send's other messages hold, kept by the send across its chunks). Nothing else is read
    once per send: consent, unsubscribes, addresses and merges change while a send runs. A message queued
    by the first send, a trigger, or before a resume or a retry of a failed message waits, and meanwhile:

    - its customer may be merged away by dedupe: the message follows the merge to the live record (as
      orders and events do), unless that record has a message of this campaign itself (not skipped) or is
      held out of it: then it is skipped as `merged`. Resolved here rather than repointed by the merge,
      so undoing the merge needs nothing of the outbox;
    - the customer it goes to may have unsubscribed, withdrawn consent or lost the address: skipped, with
      that reason;
    - a customers import may have changed the address, so the message goes to the customer's current one
      (the text keeps what was rendered), stored in the outbox row: the old one may no longer be theirs;
    - that address may now be another message's of the campaign (two records given one email, a merge):
      one message per address, as queueing makes it (audience.left_out), so the message earlier in the
      queue, or one sent already, keeps it and this one is skipped as `duplicate address`.

    A skipped message is marked 'skipped', a delivery_log row gives the reason, and the reason is added
    to skipped_at_send. Before, a merged-away customer's message was skipped, and two messages sent to an
    address they had come to share."""
    if not messages:
        return messages, {}
    ids = sorted({m.customer_id for m in messages})
    reasons, addresses = _checked(ws, campaign.channel, ids)
    # only a record merged away since has a chain of merges to follow (rare): the others are live
    live = {c: c for c in ids} | _live(ws, [c for c in ids if reasons[c] == "merged"])
    survivors = {live[c] for c in ids if live[c] != c}
    if survivors - reasons.keys():
        more = _checked(ws, campaign.channel, sorted(survivors - reasons.keys()))
        reasons, addresses = reasons | more[0], addresses | more[1]
    taken = _taken_by_survivor(ws, campaign.campaign_id, survivors)
    kept, moved, out = [], [], []  # moved: (message, where it was queued for); out: (message, reason)
    for m in messages:
        to = live[m.customer_id]
        reason = "merged" if to != m.customer_id and to in taken else reasons[to]
        if not isinstance(reason, str):
            reason = "duplicate address" if held.other_than(m.message_id, addresses[to]) else None
        if reason is not None:
            out.append((replace(m, address=addresses[to]), reason))  # logged with the address checked
            continue
        held.hold(m.message_id, addresses[to])
        if addresses[to] != m.address or to != m.customer_id:
            why = f"queued for {m.address}" + ("" if to == m.customer_id else f"; merged into {to}")
            changed = addresses[to] != m.address
            m = replace(m, address=addresses[to], to_customer=None if to == m.customer_id else to)
            if changed:
                moved.append((m, why))
        kept.append(m)
    if not out and not moved:
        return kept, {}
    skipped: dict[str, int] = {}
    for _, reason in out:
        skipped[reason] = skipped.get(reason, 0) + 1
    at = ws.now(whole_seconds=False)
    with ws.transaction() as con:
        # the change of address is a step of the message's: a 'requeued' row (still queued, now for the
        # row's address), its detail the address it was queued for. One statement for every moved message
        # and one for every log row, not two a message (an import that changed many addresses: a few
        # thousand statements a chunk); the rows are updated in place, so the queue's order (the outbox's
        # rowid) is kept.
        if moved:
            con.execute(
                "UPDATE outbox SET address = moved.address"
                " FROM (SELECT unnest(?::VARCHAR[]) AS message_id, unnest(?::VARCHAR[]) AS address) moved"
                " WHERE outbox.state = 'queued' AND outbox.message_id = moved.message_id",
                [[m.message_id for m, _ in moved], [m.address for m, _ in moved]],
            )
        logged = [(m, "requeued", why) for m, why in moved] + [(m, "skipped", why) for m, why in out]
        con.execute(
            "INSERT INTO delivery_log (message_id, attempt, logged_at, outcome, detail, address)"
            " SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), ?::TIMESTAMP, unnest(?::VARCHAR[]),"
            " unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
            [
                [m.message_id for m, _, _ in logged],
                [m.attempts for m, _, _ in logged],
                at,
                [outcome for _, outcome, _ in logged],
                [why for _, _, why in logged],
                [m.address for m, _, _ in logged],
            ],
        )
        con.execute(
            # no error: a retried failed message's last one is in delivery_log, not among status's errors
            "UPDATE outbox SET state = 'skipped', last_error = NULL"
            " WHERE state = 'queued' AND list_contains(?, message_id)",
            [sorted(m.message_id for m, _ in out)],
        )
        _add_skipped(con, campaign.campaign_id, skipped)
    return kept, skipped


def _checked(
    ws, channel: str, customer_ids: list[str]
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """({customer_id: why they may not be messaged now, None if they may}, {customer_id: address})."""
    checked = eligibility(ws, pd.Series(customer_ids, dtype=str), channel, _NO_CAP, ws.now())
    reasons = dict(zip(checked.customer_id, checked.reason, strict=True))
    pairs = zip(checked.customer_id, checked.address, strict=True)
    return reasons, {c: a if isinstance(a, str) else None for c, a in pairs}  # None, not NaN, when none


def _live(ws, customer_ids: list[str]) -> dict[str, str]:
    """customer_id -> the live record it names now (itself when never merged, or when no customer has it:
    eligibility then says why)."""
    if not customer_ids:
        return {}
    rows = ws.raw.execute(
        f"SELECT given, customer_id FROM ({survivors_sql('SELECT unnest(?::VARCHAR[]) AS customer_id')})",
        [customer_ids],
    ).fetchall()
    return {**{c: c for c in customer_ids}, **dict(rows)}


def _taken_by_survivor(ws, campaign_id: str, survivors: set[str]) -> set[str]:
    """The survivors (live records merged into) a merged record's message may not follow to: they have a
    message of the campaign themselves that was not skipped, or are held out of it (the holdout gets
    nothing)."""
    if not survivors:
        return set()
    rows = ws.raw.execute(
        "SELECT customer_id FROM outbox WHERE campaign_id = ? AND state <> 'skipped'"
        " AND list_contains(?, customer_id)"
        " UNION SELECT customer_id FROM campaign_recipients WHERE campaign_id = ? AND arm = ?"
        " AND list_contains(?, customer_id)",
        [campaign_id, sorted(survivors), campaign_id, HOLDOUT, sorted(survivors)],
    ).fetchall()
    return {c for (c,) in rows}


class HeldAddresses:
    """The addresses the campaign's messages hold during one send, one message per address (recheck): a
    message sent or being sent, or one still queued that this send's check has let through ahead of the
    one checked (a retry: its turn came earlier in the queue). Failed and skipped ones reached nobody;
    queued ones behind are checked when their turn comes, against these.

    The outbox is asked once, when the send starts (recover() has put back what a crash left half-done),
    and the send then tells it what happens to each message; before, each chunk of 50 asked the table
    again, about 100 ms a chunk on a 100,000-message outbox. Keyed as addresses are compared
    (audience.address_key).
    """

    def __init__(self, ws, campaign_id: str):
        rows = ws.raw.execute(
            "SELECT message_id, address FROM outbox WHERE campaign_id = ? AND state IN ('sent', 'sending')",
            [campaign_id],
        ).fetchall()
        self._by_message: dict[str, str] = {}
        self._holders: dict[str, int] = {}
        for message_id, address in rows:
            self.hold(message_id, address)

    def hold(self, message_id: str, address: str | None) -> None:
        """`message_id` goes (or went) to `address`: no other message of the campaign may have it."""
        self.release(message_id)
        key = address_key(address)
        if key is not None:
            self._by_message[message_id] = key
            self._holders[key] = self._holders.get(key, 0) + 1

    def release(self, message_id: str) -> None:
        """`message_id` holds no address (any more): it failed, or waits for its turn in the queue."""
        key = self._by_message.pop(message_id, None)
        if key is not None:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key]

    def queue_pass(self, messages: list[OutboxMessage]) -> None:
        """A pass over the queue begins (`messages`: every queued one, in queue order): each holds its address
        again only once its check lets it through, so only against the messages behind it."""
        for m in messages:
            self.release(m.message_id)

    def other_than(self, message_id: str, address: str | None) -> bool:
        """Whether a message other than `message_id` holds `address`."""
        key = address_key(address)
        if key is None or key not in self._holders:
            return False
        return self._by_message.get(message_id) != key or self._holders[key] > 1


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
