"""Imports in the server, off the request lock.

An import of a large orders file reads, checks and stores for minutes. Run under the one workspace lock
(state.py), it held every other API call and web page all that time. So an import runs on a DuckDB
connection of its own (a cursor of the open database, as a refresh or a campaign send: refreshing.py,
sending.py), in its one transaction (ingest/pipeline.py), still in the thread of the request that asked
for it: the answer is its summary, as before. Meanwhile other requests read the data as last committed;
the import's rows appear all at once when it commits, and a failed import leaves nothing behind.

One import at a time, in the order they arrived; a second one waits for its turn (its request answers when
it is done, as it did when it waited for the lock). Two imports at once could upsert the same customers or
orders (DuckDB then fails the later one at its update, after minutes of work), and a customers file and
the orders file that names them, sent one after the other, must land in that order.

Other writes go on meanwhile: a refresh, a segment saved or a clustering fitted write derived data, not
what an import writes, and read the data as last committed, without the running import's rows (an import
asked with refresh=true has its own refresh follow it, api/refreshing.py).
"""

from __future__ import annotations

import collections
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from segmint.api.state import WorkspaceHandle
from segmint.ingest import pipeline
from segmint.ingest.summary import ImportSummary


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass(eq=False)
class Running:
    """One import asked for in this server: waiting for its turn (queued) or running."""

    entity: str
    file: str  # the name the user knows it by, never the server's path
    state: str = "queued"  # queued, running
    requested_at: dt.datetime = field(default_factory=_now)
    started_at: dt.datetime | None = None
    step: str | None = None  # read, check, quarantine, store, commit (ingest/pipeline.py)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "file": self.file,
            "state": self.state,
            "requested_at": self.requested_at,
            "started_at": self.started_at,
            "step": self.step,
        }


class Imports:
    """The imports of one app: the one running and those waiting for it, in the order they arrived."""

    def __init__(self, handle: WorkspaceHandle):
        self.handle = handle
        # called with the Running import at each step (ingest/pipeline.STEPS), from its thread
        self.listeners: list[Callable[[Running], None]] = []
        self._turn = threading.Condition()
        self._line: collections.deque[Running] = collections.deque()  # the running one first

    def run(self, entity: str, path: Path, *, file: str, **options: Any) -> ImportSummary:
        """Import `path` after the imports asked for before it, in the caller's thread (which must not
        hold the workspace lock); pipeline.import_file's options, its summary and its errors."""
        job = Running(entity, file)
        with self._turn:
            self._line.append(job)
            self._turn.wait_for(lambda: self._line[0] is job)
        job.state, job.started_at = "running", _now()

        def step(name: str, done: int, total: int) -> None:
            job.step = name
            for listener in list(self.listeners):
                listener(job)

        try:
            with self.handle.own_connection() as ws:
                return pipeline.import_file(ws, entity, path, progress=step, **options)
        finally:
            with self._turn:
                self._line.remove(job)
                self._turn.notify_all()

    def state(self) -> list[dict[str, Any]]:
        """The running import and the ones waiting for it, first to last."""
        with self._turn:
            return [job.to_dict() for job in self._line]

    def wait_idle(self) -> None:
        """Block until no import runs or waits (the server's shutdown: closing the workspace under a
        running import would break it off)."""
        with self._turn:
            self._turn.wait_for(lambda: not self._line)
