"""Find what each trigger should fire for and record it as firings due at occurrence + delay.

Entries and exits come from membership_history (one interval per stay in a segment: an entry is its
valid_from, an exit its valid_to), events from the events table. A firing is keyed by (trigger, customer,
entry): the interval's valid_from for enter and exit triggers, the event_id for event triggers, so however
often refreshes and imports run, a trigger fires at most once per customer per entry.

A trigger whose due times cannot be computed (a delay beyond MAX_DELAY_DAYS, stored before `triggers
create` refused one: Trigger.delay) is a TriggerError naming it: the run skips and reports it (run.py).
An occurrence so late that its due time is past the calendar's end is due at its last moment (`due_at`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import ibis
import pyarrow as pa

from segmint.triggers.model import Trigger


def firing_id(trigger_id: str, customer_id: str, entry_key: str) -> str:
    return hashlib.blake2b(f"{trigger_id}\0{customer_id}\0{entry_key}".encode(), digest_size=12).hexdigest()


def candidates(ws, trigger: Trigger) -> ibis.Table:
    """customer_id, entry_key, occurred_at of everything this trigger applies to (recorded or not)."""
    if trigger.on_what == "event":
        events = ws.table("events")
        picked = events.filter(events.event_type == trigger.target, events.customer_id.notnull())
        if trigger.since is not None:
            picked = picked.filter(picked.imported_at > ibis.literal(trigger.since, type="timestamp"))
        return picked.select("customer_id", entry_key=picked.event_id, occurred_at=picked.occurred_at)
    mh = ws.table("membership_history")
    stays = mh.filter(mh.kind == trigger.ref_kind, mh.ref == trigger.ref, mh.group_name == trigger.group_name)
    day = stays.valid_from if trigger.on_what == "enter" else stays.valid_to
    stays = stays.filter(day.notnull())
    if trigger.since is not None:  # on its day, those the trigger found when made are its baseline
        stays = stays.filter(day >= ibis.literal(trigger.since.date(), type="date"))
    found = stays.select(
        "customer_id", entry_key=stays.valid_from.cast("string"), occurred_at=day.cast("timestamp")
    )
    if trigger.since is None:
        return found
    baseline = ws.table("trigger_baseline")  # the stays it found on that day (keyed as its firings)
    baseline = baseline.filter(baseline.trigger_id == trigger.trigger_id).select("customer_id", "entry_key")
    return found.anti_join(baseline, ["customer_id", "entry_key"])


def due_at(occurred: dt.datetime, wait: dt.timedelta) -> dt.datetime:
    """occurred + wait, or the calendar's last moment when that is past it (never due): an event dated
    31.12.9999, as some CRMs write "never", with a delay of a day raised OverflowError, which stopped the
    run and the refresh of the import that brought the event."""
    return occurred + wait if occurred <= dt.datetime.max - wait else dt.datetime.max


def record_new(ws, trigger: Trigger, now: dt.datetime) -> int:
    """Insert the firings not recorded yet for one trigger; returns how many. A TriggerError when its
    delay is out of range (Trigger.delay), whether or not it has anything new."""
    wait = trigger.delay()
    found = candidates(ws, trigger)
    known = ws.table("trigger_firings")
    known = known.filter(known.trigger_id == trigger.trigger_id).select("customer_id", "entry_key")
    new = found.anti_join(known, ["customer_id", "entry_key"]).to_pyarrow()
    if not new.num_rows:
        return 0
    ids = [
        firing_id(trigger.trigger_id, c, k)
        for c, k in zip(new["customer_id"].to_pylist(), new["entry_key"].to_pylist(), strict=True)
    ]
    occurred = new["occurred_at"].cast(pa.timestamp("us"))
    rows = pa.table(
        {
            "firing_id": pa.array(ids, pa.string()),
            "trigger_id": pa.array([trigger.trigger_id] * new.num_rows, pa.string()),
            "trigger_name": pa.array([trigger.name] * new.num_rows, pa.string()),  # kept when it is deleted
            "customer_id": new["customer_id"],
            "entry_key": new["entry_key"],
            "occurred_at": occurred,
            "due_at": pa.array([due_at(t, wait) for t in occurred.to_pylist()], pa.timestamp("us")),
            "recorded_at": pa.array([now] * new.num_rows, pa.timestamp("us")),
        }
    )
    with ws.transaction() as raw:
        raw.register("new_firings", rows)
        try:
            raw.execute(
                "INSERT INTO trigger_firings (firing_id, trigger_id, trigger_name, customer_id, entry_key,"
                " occurred_at, due_at, recorded_at) SELECT * FROM new_firings ON CONFLICT DO NOTHING"
            )
        finally:
            raw.unregister("new_firings")
    return new.num_rows
