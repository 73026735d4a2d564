"""Refreshes in the server, off the request lock.

A refresh recomputes every family and dynamic segment: about a minute at 1M customers. Run in the request
that asked for it (an import's, POST /refresh), it held the one workspace lock (state.py) all that time and
every page and API call of every user waited. So a refresh runs in a thread of its own on a DuckDB
connection of its own (a cursor of the open database, as a campaign send: sending.py), in its one
transaction (history/refresh.py). Meanwhile other requests read the data as last committed: an import's
rows at once, the families, segment sizes and memberships of the previous refresh until this one commits.
A failed refresh rolls back and leaves them as they were.

One refresh at a time: two would each replace the stored results (the later commit fails, or overwrites
the other's). An import's refresh asked for while one runs waits in a queue of one, which every import
arriving meanwhile joins: the queued refresh reads all their rows. A manual POST /refresh while one runs or
waits is refused (409), and so are the writes a running refresh would overwrite or conflict with (saving or
deleting a segment, fitting a clustering): `refuse_while_busy` is called under the request lock, and a
refresh is only ever asked for under it, so no such write is half done when one starts.

Each refresh is a `Run` its user follows (GET /refresh/{id}, the web import page); the server keeps the
running and queued ones and the `keep_finished` latest finished ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from segmint.api.errors import ApiError
from segmint.api.state import WorkspaceHandle
from segmint.error_details import error_details
from segmint.errors import SegmintError

KEEP_FINISHED = 100  # finished refreshes whose outcome the server keeps (the latest ones)


@dataclass(eq=False)
class Run:
    """One refresh: asked for by imports (`imports`) or by hand (`reason` 'manual', with its options)."""

    refresh_id: int
    reason: str  # 'import' or 'manual'
    requested_at: dt.datetime  # the workspace's clock (WorkspaceHandle.now), as every stamp it shows
    imports: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)  # as_of, backfill (manual only)
    state: str = "queued"  # queued, running, finished, failed
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    progress: dict[str, Any] | None = None  # dates done of total (a backfill computes many)
    result: Any = None  # the RefreshSummary
    error: str | None = None
    exception: BaseException | None = None  # re-raised in a request that waited for it
    done: threading.Event = field(default_factory=threading.Event)
    # called once it is done, from its thread (Refreshes.finished: a waiting request's wake-up)
    waiters: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "refresh_id": self.refresh_id,
            "reason": self.reason,
            "imports": list(self.imports),
            "state": self.state,
            "requested_at": self.requested_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "progress": self.progress,
            "summary": self.result.to_dict() if self.result is not None else None,
            "error": self.error,
            # a rule error's place, segment, code and params, as the API's invalid_rule error gives them,
            # or another coded error's code and params (a client words it in its own language from the code)
            "error_details": error_details(self.exception),
        }

    def describe(self) -> str:
        """'refresh 3 (after import 2f7cfa96ca58), running since 12:01:02', for refusals."""
        why = f"after import {', '.join(self.imports)}" if self.imports else "asked for by hand"
        since = f"running since {self.started_at:%H:%M:%S}" if self.started_at else "waiting to start"
        return f"refresh {self.refresh_id} ({why}), {since}"


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], Any]) -> None:
    """`callback` in `loop`, from another thread; nothing when the loop has closed meanwhile (its server
    stopped), so the refresh's thread goes on to the next one."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(callback)


class Refreshes:
    """The refreshes of one app: the running one, the one queued after it, and the latest finished."""

    def __init__(self, handle: WorkspaceHandle, keep_finished: int = KEEP_FINISHED):
        self.handle = handle
        self.keep_finished = keep_finished
        # called with the Run at each step of a refresh (before each date), inside its transaction
        self.listeners: list[Callable[[Run], None]] = []
        self._guard = threading.Lock()
        self._ids = itertools.count(1)
        self._running: Run | None = None
        self._queued: Run | None = None
        self._finished: OrderedDict[int, Run] = OrderedDict()

    def after_import(self, import_id: str) -> Run:
        """The refresh that will read this import's rows: started now, or the queued one (joined)."""
        with self._guard:
            if self._queued is not None:
                self._queued.imports.append(import_id)
                return self._queued
            run = Run(next(self._ids), "import", self.handle.now(), [import_id])
            if self._running is None:
                self._start(run)
            else:
                self._queued = run
            return run

    def manual(self, as_of: dt.date | None = None, backfill: str | None = None) -> Run:
        """A refresh asked for by hand, started now; 409 while another one runs or waits."""
        with self._guard:
            self._refuse("a refresh")
            options = {"as_of": as_of, "backfill": backfill}
            run = Run(next(self._ids), "manual", self.handle.now(), options=options)
            self._start(run)
            return run

    def refuse_while_busy(self, what: str) -> None:
        """409 when a refresh runs or waits: `what` (e.g. 'saving a segment') would be overwritten by it
        or make it fail. Call it holding the request lock."""
        with self._guard:
            self._refuse(what)

    def busy(self) -> Run | None:
        with self._guard:
            return self._running or self._queued

    async def finished(self, run: Run) -> Run:
        """`run` once it has finished or failed, awaited in the event loop, holding no worker thread (an
        upload's refresh, POST /refresh, a clustering fit's); the caller must not hold the workspace lock.
        Woken by the refresh's thread when it is done (it was polled every 50 ms)."""
        loop, done = asyncio.get_running_loop(), asyncio.Event()
        with self._guard:  # `_work` sets `done` and calls the waiters under it: neither is missed
            if run.done.is_set():
                return run
            run.waiters.append(lambda: _call_soon(loop, done.set))
        await done.wait()
        return run

    def wait_idle(self) -> None:
        """Block until no refresh runs or waits (the server's shutdown: closing the workspace under a
        running refresh would lose it)."""
        while (run := self.busy()) is not None:
            run.done.wait()

    def get(self, refresh_id: int) -> Run | None:
        with self._guard:
            for run in (self._running, self._queued):
                if run is not None and run.refresh_id == refresh_id:
                    return run
            return self._finished.get(refresh_id)

    def for_import(self, import_id: str) -> Run | None:
        """The refresh (in this server) that reads this import's rows, if it is still kept."""
        with self._guard:
            runs = [self._running, self._queued, *reversed(self._finished.values())]
            return next((run for run in runs if run is not None and import_id in run.imports), None)

    def state(self) -> dict[str, Any]:
        """{running, queued, last}: the refresh running now, the one waiting for it, the last finished."""
        with self._guard:
            last = next(reversed(self._finished.values()), None)
            return {
                name: run.to_dict() if run is not None else None
                for name, run in (("running", self._running), ("queued", self._queued), ("last", last))
            }

    def _refuse(self, what: str) -> None:
        active = self._running or self._queued
        if active is not None:
            raise ApiError(
                409,
                f"{what} is refused while a refresh runs ({active.describe()}): it would conflict with the "
                "refresh's results. Try again when it has finished (GET /refresh tells)",
                {"refresh_id": active.refresh_id},
                code="refresh_running",
            )

    def _start(self, run: Run) -> None:
        self._running = run
        threading.Thread(
            target=self._work, args=(run,), name=f"refresh {run.refresh_id}", daemon=True
        ).start()

    def _work(self, run: Run | None) -> None:
        while run is not None:
            self._refresh(run)
            with self._guard:
                self._finished[run.refresh_id] = run
                while len(self._finished) > self.keep_finished:
                    self._finished.popitem(last=False)
                run.done.set()
                for wake in run.waiters:
                    wake()
                run = self._running = self._queued
                self._queued = None

    def _refresh(self, run: Run) -> None:
        from segmint.history import refresh  # history loads the models: only when used

        def progress(done: int, total: int, day: dt.date) -> None:
            run.progress = {"done": done, "total": total, "date": day.isoformat()}
            for listener in list(self.listeners):
                listener(run)

        run.state, run.started_at = "running", self.handle.now()
        try:
            with self.handle.own_connection() as ws:
                options = run.options
                summary = refresh(
                    ws, options.get("as_of"), backfill=options.get("backfill"), progress=progress
                )
        except BaseException as exc:  # recorded, never raised: the next queued refresh must still run
            run.state, run.error, run.exception = "failed", str(exc) or type(exc).__name__, exc
            if not isinstance(exc, SegmintError | ValueError):  # a refresh's own errors say what: log others
                traceback.print_exc()
        else:
            run.state, run.result = "finished", summary
            run.progress = {
                "done": len(summary.dates),
                "total": len(summary.dates),
                "date": summary.as_of.isoformat(),
            }
        run.finished_at = self.handle.now()
