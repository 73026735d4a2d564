"""Imports in the server, off the request lock.

An import of a large orders file reads, checks and stores for minutes. Run under the one workspace lock
(state.py), it held every other API call and web page all that time. So an import runs on a DuckDB
connection of its own (a cursor of the open database, as a refresh or a campaign send: refreshing.py,
sending.py), in its one transaction (ingest/pipeline.py), for the request that asked for it: the answer
is its summary, as before. Meanwhile other requests read the data as last committed; the import's rows
appear all at once when it commits, and a failed import leaves nothing behind.

One import at a time, in the order they arrived; a second one waits for its turn (its request answers when
it is done, as it did when it waited for the lock). It waits in the event loop, holding no worker thread:
each waiting upload held one of anyio's 40, so 40 uploads in line left none for any other request, and
every page and API call hung until they had run. Only the import itself runs in a worker thread.

Two imports at once could upsert the same customers or orders (DuckDB then fails the later one at its
update, after minutes of work), and a customers file and the orders file that names them, sent one after
the other, must land in that order.

Other writes go on meanwhile: a refresh, a segment saved or a clustering fitted write derived data, not
what an import writes, and read the data as last committed, without the running import's rows (an import
asked with refresh=true has its own refresh follow it, api/refreshing.py).

One write does touch the rows an import writes: a trigger's tag action (segmint.triggers), run by a
refresh in its thread, by an events import's request or by POST /triggers/run, updates customers' tags.
When it commits after the import's transaction began and the file changes the same customer, DuckDB
fails the import's update ("Conflict on tuple deletion"). Nothing of the import was stored then, so it
runs again from its file (CONFLICT_ATTEMPTS in all), landing after the other write as if it had come
second; an import that keeps conflicting is refused with a 409 that says so, its file left to send again.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import duckdb

from segmint.api.errors import ApiError
from segmint.api.state import WorkspaceHandle
from segmint.ingest import pipeline
from segmint.ingest.summary import ImportSummary

CONFLICT_ATTEMPTS = 3  # runs of one import whose transaction another write conflicted with (see above)


@dataclass(eq=False)
class Running:
    """One import asked for in this server: waiting for its turn (queued) or running."""

    entity: str
    file: str  # the name the user knows it by, never the server's path
    requested_at: dt.datetime  # the workspace's clock (WorkspaceHandle.now), as every stamp it shows
    state: str = "queued"  # queued, running
    started_at: dt.datetime | None = None
    step: str | None = None  # read, check, quarantine, store, commit (ingest/pipeline.py)
    # its turn has come: set from whichever thread or event loop ends the import before it
    wake: Callable[[], None] = field(default=lambda: None, repr=False)

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
        self._turn = threading.Condition()  # guards the line; notified when it changes (wait_idle)
        self._line: collections.deque[Running] = collections.deque()  # the running one first

    async def run(self, entity: str, path: Path, *, file: str, **options: Any) -> ImportSummary:
        """Import `path` after the imports asked for before it: its turn awaited in the event loop, the
        import in a worker thread (see the module). The caller must not hold the workspace lock;
        pipeline.import_file's options, its summary and its errors."""
        job = Running(entity, file, self.handle.now())
        loop, turn = asyncio.get_running_loop(), asyncio.Event()
        job.wake = lambda: loop.call_soon_threadsafe(turn.set)
        with self._turn:
            self._line.append(job)
            if self._line[0] is job:
                turn.set()
        try:
            await turn.wait()
            job.state, job.started_at = "running", self.handle.now()

            def step(name: str, done: int, total: int) -> None:
                job.step = name
                for listener in list(self.listeners):
                    listener(job)

            # not abandoned when the request is cancelled: the next import starts once this one has ended
            return await anyio.to_thread.run_sync(self._import, entity, path, file, step, options)
        finally:
            with self._turn:
                self._line.remove(job)
                following = self._line[0] if self._line else None
                self._turn.notify_all()
            if following is not None:
                following.wake()

    def _import(self, entity: str, path: Path, file: str, step, options: dict) -> ImportSummary:
        """pipeline.import_file, run again when another write conflicted with it (see the module)."""
        attempt = 1
        while True:
            try:
                with self.handle.own_connection() as ws:
                    return pipeline.import_file(ws, entity, path, progress=step, **options)
            except duckdb.TransactionException as exc:
                if "conflict" not in str(exc).lower():
                    raise
                if attempt == CONFLICT_ATTEMPTS:
                    raise ApiError(
                        409,
                        f"{file}: another write changed rows this import writes while it ran (a trigger "
                        f"tagging customers, say), {attempt} times in a row; nothing of it was stored: send "
                        f"it again ({exc})",
                        {"file": file, "attempts": attempt},
                        code="import_conflict",
                    ) from exc
            attempt += 1

    def state(self) -> list[dict[str, Any]]:
        """The running import and the ones waiting for it, first to last."""
        with self._turn:
            return [job.to_dict() for job in self._line]

    def wait_idle(self) -> None:
        """Block until no import runs or waits (the server's shutdown: closing the workspace under a
        running import would break it off)."""
        with self._turn:
            self._turn.wait_for(lambda: not self._line)
