"""Run the triggers: record new firings, then perform those that are due (docs/triggers.md).

Called by `segmint triggers run`, after every refresh (entries and exits) and after every events import.
A firing is due at occurrence + delay, compared with `now` in the workspace's time zone (the data's
timestamps are local to it). A failed action is retried on later runs, up to MAX_ATTEMPTS, then 'failed',
each retry no sooner than RETRY_DELAYS after the attempt before (a receiver down for a few minutes
otherwise lost all its attempts to an import, its refresh and a cron run within a minute); a 'pending' one
(its action cannot run yet) is tried again on every run without counting attempts.

A trigger whose firings cannot be recorded (a delay beyond MAX_DELAY_DAYS stored by an older segmint, or
any other error while recording) is skipped for this run and listed in the summary's `skipped` with the
reason; the other triggers record and perform as usual. Before, its OverflowError stopped every run and
the refresh of every events import.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass, field

from segmint.errors import CodedError
from segmint.triggers.actions import failed, perform
from segmint.triggers.detect import record_new
from segmint.triggers.model import Trigger, TriggerError, all_triggers

_ONE_RUN = threading.Lock()  # see run()
MAX_ATTEMPTS = 3
RETRY_DELAYS = (dt.timedelta(minutes=5), dt.timedelta(hours=1))  # after the 1st and the 2nd failed attempt


@dataclass(frozen=True)
class Skipped:
    """A trigger this run skipped, and why: a CodedError that names it (worded by web/campaign_errors.py)."""

    trigger: str
    trigger_id: str
    error: CodedError

    def to_dict(self) -> dict:
        return {
            "trigger": self.trigger,
            "trigger_id": self.trigger_id,
            "reason": self.error.message,
            "reason_code": self.error.code,
            "reason_params": self.error.params,
        }


@dataclass
class RunSummary:
    now: dt.datetime
    recorded: int = 0  # new firings found
    executed: dict[str, int] = field(default_factory=dict)  # outcome state -> firings
    waiting: int = 0  # firings not due yet
    skipped: list[Skipped] = field(default_factory=list)  # triggers that could not run, and why

    def to_dict(self) -> dict:
        return {
            "now": self.now.isoformat(),
            "recorded": self.recorded,
            "executed": dict(self.executed),
            "waiting": self.waiting,
            "skipped": [skipped.to_dict() for skipped in self.skipped],
        }


def _skipped(trigger: Trigger, exc: Exception) -> Skipped:
    """The skip of `trigger`: its own TriggerError (it names the trigger), or any other error as
    trigger.cannot_run with the error's text."""
    if isinstance(exc, TriggerError) and exc.params.get("name") == trigger.name:
        return Skipped(trigger.name, trigger.trigger_id, exc)
    problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    error = TriggerError(
        f"trigger {trigger.name!r} is skipped: {problem}",
        code="trigger.cannot_run",
        params={"name": trigger.name, "problem": problem},
    )
    return Skipped(trigger.name, trigger.trigger_id, error)


_DUE_COLUMNS = ("firing_id", "customer_id", "occurred_at", "due_at", "attempts", "retry_at")


def _due(ws, trigger: Trigger, now: dt.datetime) -> list[dict]:
    return [
        dict(zip(_DUE_COLUMNS, row, strict=True))
        for row in ws.raw.execute(
            f"SELECT {', '.join(_DUE_COLUMNS)} FROM trigger_firings "
            "WHERE trigger_id = ? AND state IN ('due', 'pending') AND coalesce(retry_at, due_at) <= ? "
            "ORDER BY due_at, firing_id",
            [trigger.trigger_id, now],
        ).fetchall()
    ]


def _record(ws, firings: list[dict], outcomes: list, now: dt.datetime) -> dict[str, int]:
    counts: dict[str, int] = {}
    rows = []
    for firing, outcome in zip(firings, outcomes, strict=True):
        attempts = firing["attempts"] + (outcome.state != "pending")
        state = outcome.state
        if state == "error":
            state = "failed" if attempts >= MAX_ATTEMPTS else "due"
        counts[state] = counts.get(state, 0) + 1
        executed = now if state in ("done", "failed") else None
        # a pending firing keeps the retry time it had: its wait spent no attempt
        retry = now + RETRY_DELAYS[attempts - 1] if state == "due" else None
        retry = firing["retry_at"] if state == "pending" else retry
        params = json.dumps(outcome.params, ensure_ascii=False, default=str) if outcome.code else None
        detail = [outcome.detail, outcome.code, params]
        rows.append([state, attempts, *detail, executed, retry, firing["firing_id"]])
    with ws.transaction() as raw:
        raw.executemany(
            "UPDATE trigger_firings SET state = ?, attempts = ?, detail = ?, detail_code = ?,"
            " detail_params = ?, executed_at = ?, retry_at = ? WHERE firing_id = ?",
            rows,
        )
    return counts


def run(ws, now: dt.datetime | None = None) -> RunSummary:
    """Record new firings for every enabled trigger and perform the due ones. One run at a time in this
    process: `segmint serve` runs them from a refresh's own thread and connection too (api/refreshing.py),
    and two runs at once recorded the same firings (a duplicate-key error) or could perform one twice."""
    with _ONE_RUN:
        return _run(ws, now)


def _run(ws, now: dt.datetime | None) -> RunSummary:
    now = now or ws.now()
    summary = RunSummary(now=now)
    for trigger in all_triggers(ws, enabled_only=True):
        try:
            summary.recorded += record_new(ws, trigger, now)
        except Exception as exc:  # one broken trigger must not stop the others, nor the refresh
            summary.skipped.append(_skipped(trigger, exc))
            continue
        firings = _due(ws, trigger, now)
        if firings:
            try:
                outcomes = perform(ws, trigger, firings, now)
            except Exception as exc:  # one broken trigger must not stop the others, nor the refresh
                outcomes = [failed(exc)] * len(firings)
            for state, n in _record(ws, firings, outcomes, now).items():
                summary.executed[state] = summary.executed.get(state, 0) + n
    (summary.waiting,) = ws.raw.execute(
        "SELECT count(*) FROM trigger_firings WHERE state = 'due' AND coalesce(retry_at, due_at) > ?", [now]
    ).fetchone()
    return summary


def run_if_any(ws) -> RunSummary | None:
    """`run` when the workspace has an enabled trigger: the hook refreshes and imports call."""
    (n,) = ws.raw.execute("SELECT count(*) FROM triggers WHERE enabled").fetchone()
    return run(ws) if n else None
