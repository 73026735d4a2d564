"""Every step of a message's delivery, written down before the program moves on: the outbox row's state,
a delivery_log row per attempt outcome (with the address the step concerned), and an event (email_sent,
sms_failed, webhook_retry, ...) in the `events` table, so KPIs and the activity family see campaign sends
like imported ones. Stamped in the workspace's time zone (Workspace.now, to the microsecond), like the
events these outcomes sit beside.

Each outcome is one transaction: a kill between two steps leaves the state of the step before.
"""

from __future__ import annotations

import json

from segmint.campaigns.outbox import OutboxMessage

OUTCOME_STATE = {
    "sent": "sent",
    "retry": "queued",
    "failed": "failed",
    "uncertain": "sending",
    "requeued": "queued",
}
EVENT_OUTCOMES = ("sent", "retry", "failed")  # outcomes that are also events (<channel>_<outcome>)


def start(ws, messages: list[OutboxMessage]) -> None:
    """Mark messages 'sending' before any network traffic for them (one commit for a chunk: a message
    marked but never handed over simply goes back to the queue on resume). Attempt n = attempts + 1."""
    ws.raw.execute(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, handed_over_at = NULL"
        " WHERE list_contains(?, message_id)",
        [[m.message_id for m in messages]],
    )


def put_back(ws, messages: list[OutboxMessage]) -> None:
    """Undo start() for messages not handed over: queued again with their attempts as before (a send told
    to stop between two messages; after a crash recover() does this, logging them as requeued)."""
    ws.raw.execute(
        "UPDATE outbox SET state = 'queued', attempts = attempts - 1"
        " WHERE state = 'sending' AND handed_over_at IS NULL AND list_contains(?, message_id)",
        [[m.message_id for m in messages]],
    )


def handed_over(ws, message_id: str) -> None:
    """Recorded just before the byte that commits the message at the server (see outbox.py)."""
    ws.raw.execute(
        "UPDATE outbox SET handed_over_at = ? WHERE message_id = ?", [ws.now(whole_seconds=False), message_id]
    )


def finish(ws, message: OutboxMessage, attempt: int, outcome: str, detail: str | None = None) -> None:
    """Record how an attempt ended: outbox state, delivery_log row and (for sent/retry/failed) an event."""
    at = ws.now(whole_seconds=False)
    state = OUTCOME_STATE[outcome]
    with ws.transaction() as con:
        con.execute(
            "UPDATE outbox SET state = ?, last_error = ?, "
            " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,"
            " handed_over_at = CASE WHEN ? = 'queued' THEN NULL ELSE handed_over_at END"
            " WHERE message_id = ?",
            [state, None if outcome == "sent" else detail, state, at, state, message.message_id],
        )
        con.execute(
            "INSERT INTO delivery_log (message_id, attempt, logged_at, outcome, detail, address)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [message.message_id, attempt, at, outcome, detail, message.address],  # where it went
        )
        if outcome in EVENT_OUTCOMES:
            properties = {"message_id": message.message_id, "variant": message.variant, "attempt": attempt}
            if detail and outcome != "sent":
                properties["error"] = detail
            con.execute(
                "INSERT INTO events (event_id, customer_id, event_type, occurred_at, campaign_id, channel,"
                " properties, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    f"{message.message_id}-{outcome}-{attempt}",
                    message.to_customer or message.customer_id,  # the live record, after a merge
                    f"{message.channel}_{outcome}",
                    at,
                    message.campaign_id,
                    message.channel,
                    json.dumps(properties, ensure_ascii=False),
                    at,
                ],
            )


def retry_failed(ws, campaign_id: str) -> int:
    """Put the campaign's failed messages back in the queue, to be sent again on request (`send
    --retry-failed`): same message id, so the same Message-ID and Idempotency-Key. Each gets one more
    attempt per run (its attempts go on counting). Returns how many."""
    at = ws.now(whole_seconds=False)
    with ws.transaction() as con:
        con.execute(
            "INSERT INTO delivery_log (message_id, attempt, logged_at, outcome, detail, address)"
            " SELECT message_id, attempts, ?, 'requeued', 'retried on request: failed (' ||"
            " coalesce(last_error, 'no error recorded') || ')', address"
            " FROM outbox WHERE campaign_id = ? AND state = 'failed'",
            [at, campaign_id],
        )
        (count,) = con.execute(
            "UPDATE outbox SET state = 'queued', handed_over_at = NULL"
            " WHERE campaign_id = ? AND state = 'failed'",
            [campaign_id],
        ).fetchone()
    return int(count)


def recover(ws, campaign_id: str, resend_uncertain: bool = False) -> dict[str, int]:
    """After a crash: messages marked 'sending' that were never handed over go back to the queue (the
    server never got them). Handed-over ones stay (uncertain) unless `resend_uncertain`."""
    condition = "TRUE" if resend_uncertain else "handed_over_at IS NULL"
    rows = ws.raw.execute(
        f"SELECT message_id, attempts, handed_over_at IS NOT NULL, address FROM outbox"
        f" WHERE campaign_id = ? AND state = 'sending' AND {condition}",
        [campaign_id],
    ).fetchall()
    at = ws.now(whole_seconds=False)
    with ws.transaction() as con:
        for message_id, attempts, was_handed, address in rows:
            detail = "resent on request: was handed over with no reply" if was_handed else "never handed over"
            con.execute(
                "UPDATE outbox SET state = 'queued', handed_over_at = NULL WHERE message_id = ?", [message_id]
            )
            con.execute(
                "INSERT INTO delivery_log (message_id, attempt, logged_at, outcome, detail, address)"
                " VALUES (?, ?, ?, 'requeued', ?, ?)",
                [message_id, attempts, at, detail, address],
            )
    return {
        "requeued": sum(1 for r in rows if not r[2]),
        "uncertain_resent": sum(1 for r in rows if r[2]),
    }
