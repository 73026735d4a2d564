"""Run the triggers: record new firings, then perform those that are due (docs/triggers.md).

Called by `segmint triggers run`, after every refresh (entries and exits) and after every events import.
A firing is due at occurrence + delay, compared with `now` in the workspace's time zone (the data's
timestamps are local to it). A failed action is retried on later runs, up to MAX_ATTEMPTS, then 'failed',
each retry no sooner than RETRY_DELAYS after the attempt before (a receiver down for a few minutes
otherwise lost all its attempts to an import, its refresh and a cron run within a minute); a 'pending' one
(its action cannot run yet) is tried again on every run without counting attempts.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import asdict, dataclass, field

from segmint.triggers.actions import failed, perform
from segmint.triggers.detect import record_new
from segmint.triggers.model import Trigger, all_triggers

_ONE_RUN = threading.Lock()  # see run()
MAX_ATTEMPTS = 3
RETRY_DELAYS = (dt.timedelta(minutes=5), dt.timedelta(hours=1))  # after the 1st and the 2nd failed attempt


@dataclass
class RunSummary:
    now: dt.datetime
    recorded: int = 0  # new firings found
    executed: dict[str, int] = field(default_factory=dict)  # outcome state -> firings
    waiting: int = 0  # firings not due yet

    def to_dict(self) -> dict:
        return {**asdict(self), "now": self.now.isoformat()}


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
        rows.append([state, attempts, outcome.detail, executed, retry, firing["firing_id"]])
    with ws.transaction() as raw:
        raw.executemany(
            "UPDATE trigger_firings SET state = ?, attempts = ?, detail = ?, executed_at = ?, retry_at = ? "
            "WHERE firing_id = ?",
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
        summary.recorded += record_new(ws, trigger, now)
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
