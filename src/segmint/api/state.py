"""The app's one open workspace, and the lock that hands it to one request at a time.

A DuckDB connection runs one statement at a time, and a segment write is a transaction over several
statements, so requests take turns (the dependency `workspace` below). The lock is a plain Lock, not an
RLock: FastAPI may leave a dependency in another worker thread than it entered it in.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import anyio
import ibis
from fastapi import Request

from segmint.store.workspace import Workspace


class WorkspaceHandle:
    """Opens the workspace at once (so a bad path fails at start) and again after `close` if asked: an app
    may go through its lifespan more than once (test clients, some ASGI servers)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.lock = threading.Lock()
        self._ws: Workspace | None = Workspace.open(self.path)

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            self._ws = Workspace.open(self.path)
        return self._ws

    @contextlib.contextmanager
    def released(self) -> Iterator[None]:
        """Let other requests use the workspace while this one waits on work that does not touch the shared
        connection (a campaign send on a connection of its own, api/sending.py); taken back after."""
        self.lock.release()
        try:
            yield
        finally:
            self.lock.acquire()

    @contextlib.asynccontextmanager
    async def released_awaiting(self) -> AsyncIterator[None]:
        """`released` for an async route that awaits the work (an upload's import, api/importing.py): the
        lock is taken back in a worker thread, not in the event loop, which it would stop meanwhile."""
        self.lock.release()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(self.lock.acquire)

    @contextlib.contextmanager
    def own_connection(self) -> Iterator[Workspace]:
        """The workspace on a DuckDB connection of its own (a cursor of the open database), for work that
        runs for minutes beside the requests without their lock: campaign sends (api/sending.py) and
        refreshes (api/refreshing.py). DuckDB runs statements of different connections side by side, each
        in its own transaction."""
        with self.lock:  # the cursor is made on the shared connection: not while a request uses it
            ws = self.ws
            cursor = ws.raw.cursor()
        try:
            yield Workspace(ws.path, ws.settings, ibis.duckdb.from_connection(cursor))
        finally:
            cursor.close()

    def close(self) -> None:
        with self.lock:
            if self._ws is not None:
                self._ws.close()
                self._ws = None


def workspace(request: Request) -> Iterator[Workspace]:
    """The workspace, held by this request until it is answered (one dependency per request: auth and the
    route share it, so the lock is taken once)."""
    handle: WorkspaceHandle = request.app.state.workspace
    with handle.lock:
        yield handle.ws
