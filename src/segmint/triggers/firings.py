"""Reading the firing record: what each trigger fired for, when, and what came of it."""

from __future__ import annotations

import json

import ibis

from segmint.triggers.model import TriggerError, find_trigger

STATES = ("due", "done", "failed", "pending")  # a firing's state (run.py, actions.py)


def list_firings(
    ws, trigger: str | None = None, state: str | None = None, limit: int | None = 100
) -> list[dict]:
    """Firings, newest first, with their trigger's name; optionally of one trigger and in one state. Each
    has its `detail` in English and, when the text is ours, its `detail_code` and `detail_params`
    (triggers/details.py) to word it in another language (web/firing_details.py)."""
    f = ws.table("trigger_firings")
    if trigger is not None:
        f = f.filter(_of_trigger(ws, f, trigger))
    if state is not None:
        f = f.filter(f.state == state)
    t = ws.table("triggers").select("trigger_id", live_name=ibis._.name)
    j = f.left_join(t, "trigger_id")
    j = j.mutate(trigger=j.live_name.coalesce(j.trigger_name))  # a deleted trigger's: as its firing keeps it
    j = j.select(
        "firing_id", "trigger", "trigger_id", "customer_id", "entry_key", "occurred_at", "due_at", "state",
        "attempts", "detail", "detail_code", "detail_params", "recorded_at", "executed_at", "retry_at",
    ).order_by([ibis.desc("recorded_at"), ibis.desc("due_at"), "firing_id"])  # fmt: skip
    if limit is not None:
        j = j.limit(limit)
    rows = j.to_pyarrow().to_pylist()
    for row in rows:
        row["detail_params"] = json.loads(row["detail_params"]) if row["detail_params"] else None
        for key in ("occurred_at", "due_at", "recorded_at", "executed_at", "retry_at"):
            row[key] = row[key].isoformat() if row[key] else None
    return rows


def _of_trigger(ws, f, trigger: str):
    """The filter of the firings of `trigger`, a trigger's name or id: those of the trigger of that name or
    id, and those recorded under that name or id by a trigger since deleted (its executed firings stay).
    A name or id no trigger and no firing has is a TriggerError."""
    found = find_trigger(ws, trigger)
    named = (f.trigger_name == trigger) | (f.trigger_id == trigger)
    if found is not None:
        return named | (f.trigger_id == found.trigger_id)
    if not f.filter(named).count().execute():
        raise TriggerError(f"no trigger {trigger!r}", code="trigger.unknown", params={"name": trigger})
    return named
