"""What a firing does: tag the customer, add them to a static segment, call a webhook, or send a message.

Each action takes one trigger's due firings together and returns an Outcome per firing. Tag and segment
actions are idempotent (doing one twice changes nothing), so a crash between the action and recording its
outcome is harmless; a webhook carries the firing id as Idempotency-Key for the receiver to drop repeats.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from segmint.triggers.details import english
from segmint.triggers.model import Trigger

WEBHOOK_TIMEOUT = 10.0  # seconds
SIGNATURE_HEADER = "X-Segmint-Signature"  # the same scheme as the campaigns' webhook channel


@dataclass(frozen=True)
class Outcome:
    state: str  # 'done', 'pending' (cannot run yet: kept, not retried) or 'error' (retried, then 'failed')
    detail: str | None = None
    code: str | None = None  # the detail's code and params (triggers/details.py), when the text is ours
    params: dict | None = None


def said(state: str, code: str, **params) -> Outcome:
    """An outcome whose detail is one of ours: its English text, code and params."""
    return Outcome(state, english(code, params), code, params)


def of_error(state: str, exc: Exception) -> Outcome:
    """An outcome whose detail is an error's text; coded when the error is (a SegmentError's code is
    worded by web/segment_errors.py)."""
    code = getattr(exc, "code", None)
    return Outcome(state, str(exc), code, dict(getattr(exc, "params", None) or {}) if code else None)


def failed(exc: Exception) -> Outcome:
    """The outcome of an action that raised: 'pending' when another transaction was writing the same rows
    (DuckDB refuses the second writer: "Conflict on tuple ..."; in `segmint serve` a customers import
    runs beside the triggers), tried again on the next run without spending one of its attempts; else
    'error'. Counted as errors, three such conflicts made a firing 'failed' for good."""
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, duckdb.TransactionException) and "Conflict" in str(exc):
        return said("pending", "firing.conflict", error=detail)
    return Outcome("error", detail)


# (customer_id, tags): the tags tag triggers gave each customer, in the order they were given. A customers
# import keeps them (ingest/pipeline.py): the source's `tags` column knows nothing of them, and a tag
# firing never fires again for the same entry.
TAGS_GIVEN = (
    "SELECT customer_id, list(tag ORDER BY given_at, tag) AS tags FROM ("
    " SELECT f.customer_id, t.params->>'tag' AS tag, min(coalesce(f.executed_at, f.recorded_at)) AS given_at"
    " FROM trigger_firings f JOIN triggers t USING (trigger_id)"
    " WHERE t.action = 'tag' AND f.state = 'done' GROUP BY ALL"
    ") GROUP BY customer_id"
)


def _tag(ws, trigger: Trigger, firings: list[dict]) -> list[Outcome]:
    tag = trigger.params["tag"]
    ids = pa.table({"customer_id": pa.array([f["customer_id"] for f in firings], pa.string())})
    with ws.transaction() as raw:
        raw.register("tag_ids", ids)
        try:
            known = {
                row[0]
                for row in raw.execute(
                    "SELECT customer_id FROM customers WHERE customer_id IN (SELECT customer_id FROM tag_ids)"
                ).fetchall()
            }
            raw.execute(
                "UPDATE customers SET tags = list_append(coalesce(tags, []::VARCHAR[]), ?) "
                "WHERE customer_id IN (SELECT customer_id FROM tag_ids) "
                "AND NOT list_contains(coalesce(tags, []::VARCHAR[]), ?)",
                [tag, tag],
            )
        finally:
            raw.unregister("tag_ids")
    return [
        said("done", "firing.tagged", tag=tag)
        if f["customer_id"] in known
        else said("error", "firing.no_customer")
        for f in firings
    ]


def _static_segment(ws, trigger: Trigger, firings: list[dict]) -> list[Outcome]:
    from segmint.segments import add_members

    name = trigger.params["segment"]
    try:
        add_members(ws, name, [f["customer_id"] for f in firings])
    except ValueError as exc:  # the segment was deleted or made dynamic since
        return [of_error("error", exc)] * len(firings)
    return [said("done", "firing.in_segment", segment=name)] * len(firings)


def webhook_body(trigger: Trigger, firing: dict) -> bytes:
    document = {
        "firing_id": firing["firing_id"],
        "trigger": trigger.name,
        "on": trigger.on_what,
        "target": trigger.target,
        "customer_id": firing["customer_id"],
        "occurred_at": firing["occurred_at"].isoformat(),
        "due_at": firing["due_at"].isoformat(),
    }
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _post(trigger: Trigger, firing: dict) -> tuple[Outcome, bool]:
    """The firing's outcome, and whether the receiver answered at all (any HTTP status)."""
    body = webhook_body(trigger, firing)
    headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": firing["firing_id"]}
    secret = trigger.params.get("secret")
    variable = trigger.params.get("secret_env")
    if variable is not None:  # the key lives in the sender's environment, never in the workspace
        secret = os.environ.get(variable)
        if not secret:  # never sent unsigned to a receiver that checks the signature
            return said("error", "firing.secret_unset", variable=variable), True
    if secret:
        headers[SIGNATURE_HEADER] = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(trigger.params["url"], data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
            return Outcome("done", f"HTTP {response.status}"), True
    except urllib.error.HTTPError as exc:
        return Outcome("error", f"HTTP {exc.code} {exc.reason}"), True
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:  # no (readable) answer
        return Outcome("error", f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"), False


def _webhook(ws, trigger: Trigger, firings: list[dict]) -> list[Outcome]:
    """POST each firing. Once the receiver gives no answer (timed out, refused, unreachable), the firings
    after it wait as 'pending' for the next run, no attempt spent: a hung receiver costs a run (an import, a
    refresh) one WEBHOOK_TIMEOUT, not one per firing (20 entrants held an import 3 min 43 s)."""
    outcomes: list[Outcome] = []
    for index, firing in enumerate(firings):
        outcome, answered = _post(trigger, firing)
        outcomes.append(outcome)
        if not answered:
            wait = said("pending", "firing.not_tried", error=outcome.detail)
            return outcomes + [wait] * (len(firings) - index - 1)
    return outcomes


def _message(ws, trigger: Trigger, firings: list[dict], now: dt.datetime) -> list[Outcome]:
    """Queue the campaign's message for each customer (segmint.campaigns.automation.enqueue: a holdout is
    drawn, consent and the frequency cap are checked, one message per customer per campaign); delivery
    is `segmint campaigns send`."""
    from segmint.campaigns.automation import enqueue

    campaign = trigger.params["campaign"]
    try:
        done = enqueue(ws, campaign, [f["customer_id"] for f in firings], at=now)
    except Exception as exc:  # recorded on the firing and retried; never stops the other triggers
        return [failed(exc)] * len(firings)
    # each firing says what became of its own customer: the batch's counts ("18 queued, skipped
    # {'no consent': 13}") on every firing left a skipped customer's firing reading "queued"
    outcomes = done["outcomes"]
    return [
        said("done", f"firing.campaign.{what}", campaign=campaign, **params)
        for what, params in (outcomes.get(str(f["customer_id"]), ("not_handled", {})) for f in firings)
    ]


def perform(ws, trigger: Trigger, firings: list[dict], now: dt.datetime) -> list[Outcome]:
    if trigger.action == "message":
        return _message(ws, trigger, firings, now)
    handler = {"tag": _tag, "static_segment": _static_segment, "webhook": _webhook}[trigger.action]
    return handler(ws, trigger, firings)
