"""A small in-process cache for figures that are slow on a large base and change only when the data does
(the dashboard's KPI report: ~85 s at 1M customers / 10M order lines on the 2-core test machine).

An entry is keyed by a cheap fingerprint of the workspace's data: the last snapshot written by a
refresh, the last import, the last segment change and the reference date. Any of them moving makes a
new entry, so a stale figure is never shown."""

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

    snapshots = ws.raw.execute("SELECT max(as_of), count(*) FROM membership_snapshots").fetchone()
    imports = ws.raw.execute("SELECT max(finished_at), count(*) FROM imports").fetchone()
    segments = ws.raw.execute("SELECT max(updated_at), count(*) FROM segments").fetchone()
    return (str(ws.path), *snapshots, *imports, *segments, reference_date(ws))


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
