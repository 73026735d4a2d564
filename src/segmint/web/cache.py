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


class Cache:
    """Up to `size` values by key, the least recently used dropped first; safe across request threads."""

    def __init__(self, size: int):
        self.size, self.entries = size, OrderedDict()
        self._guard = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._guard:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = compute()
        with self._guard:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._guard:
            self.entries.clear()


_reports = Cache(MAX_ENTRIES)  # the KPI reports: few, large, slow
_entries = _reports.entries


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
    return _reports.get(key, compute)


def clear() -> None:
    _reports.clear()
