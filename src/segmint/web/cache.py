"""A small in-process cache for figures that are slow on a large base and change only when the data does
(the dashboard's KPI report: ~85 s at 1M customers / 10M order lines on the 2-core test machine).

An entry is keyed by a cheap fingerprint of the workspace's data: the refreshes run (a repeated refresh
on the same date can still change groups), the last import, dedupe merges and their undoing, the last
segment change, campaign launches and messages sent (the KPIs' ROI) and the reference date. Any of them
moving makes a new entry, so a stale figure is never shown."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MAX_ENTRIES = 16

_entries: OrderedDict[Hashable, Any] = OrderedDict()
_guard = threading.Lock()


def fingerprint(ws) -> tuple:
    from segmint.rules.context import reference_date

    (marks,) = ws.raw.execute(
        """SELECT [
            (SELECT count(*) FROM refreshes)::VARCHAR,
            (SELECT max(as_of) FROM membership_snapshots)::VARCHAR,
            (SELECT max(finished_at) FROM imports)::VARCHAR,
            (SELECT count(*) FROM imports)::VARCHAR,
            (SELECT count(*) FROM merges)::VARCHAR,
            (SELECT count(undone_at) FROM merges)::VARCHAR,
            (SELECT max(updated_at) FROM segments)::VARCHAR,
            (SELECT count(*) FROM segments)::VARCHAR,
            (SELECT max(launched_at) FROM campaigns)::VARCHAR,
            (SELECT count(*) FROM outbox WHERE state = 'sent')::VARCHAR]"""
    ).fetchone()
    return (str(ws.path), *marks, reference_date(ws))


def cached(key: Hashable, compute: Callable[[], Any]) -> Any:
    with _guard:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]
    value = compute()
    with _guard:
        _entries[key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _guard:
        _entries.clear()
