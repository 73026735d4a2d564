"""The app's one open workspace, and the lock that hands it to one request at a time.

A DuckDB connection runs one statement at a time, and a segment write is a transaction over several
statements, so requests take turns (the dependency `workspace` below). A request awaits its turn in the
event loop, holding no worker thread: it waited in one of anyio's 40, and the request holding the lock
needs another to run its route, so 40 requests in line (behind a long write, or a burst of 41 at once)
left it none and the server answered nothing more, for good (of 120 GETs sent at once, one was answered).
The lock is aiologic's, which event-loop tasks and threads (a refresh's, a send's, an import's) both take,
in the order they asked; a semaphore, not an owned lock, as threading.Lock was: FastAPI may leave a
dependency in another task or thread than it entered it in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiologic
import anyio
import ibis
from fastapi import Request

from segmint.store.workspace import Workspace


class WorkspaceHandle:
    """Opens the workspace at once (so a bad path fails at start) and again after `close` if asked: an app
    may go through its lifespan more than once (test clients, some ASGI servers)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.lock = aiologic.BoundedBinarySemaphore()  # `with` in threads, `async with` in the event loop
        self._ws: Workspace | None = Workspace.open(self.path)

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            self._ws = Workspace.open(self.path)
        return self._ws

    @property
    def language(self) -> str | None:
        """The workspace's language (segmint.toml), read without opening or touching the workspace: None
        while it is closed. The web pages' language when the browser asks for none of theirs."""
        return self._ws.settings.language if self._ws is not None else None

    def namer(self, lang: str):
        """The pages' names of the workspace's groups in `lang` (families/labels.Namer): a group of its own
        RFM map that reuses a built-in name unlabelled; while it is closed, every built-in name labelled."""
        from segmint.families.labels import Namer

        return Namer(lang, self._ws.settings.families if self._ws is not None else None)

    def now(self) -> dt.datetime:
        """The workspace's clock (Workspace.now: its time zone), for the times the server keeps of its
        imports, refreshes and sends: the user reads them beside the outbox's and the history's, which are
        in that zone, not the machine's."""
        return self.ws.now()

    @contextlib.asynccontextmanager
    async def released_awaiting(self) -> AsyncIterator[None]:
        """Let other requests use the workspace while this one awaits work that does not touch the shared
        connection (an import, a refresh or a campaign send on a connection of its own: importing.py,
        refreshing.py, sending.py); the lock is taken back in the event loop, holding no worker thread."""
        self.lock.release()
        try:
            yield
        finally:
            with anyio.CancelScope(shield=True):  # the request's dependency releases it: it must hold it
                await self.lock.async_acquire()

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


async def workspace(request: Request) -> AsyncIterator[Workspace]:
    """The workspace, held by this request until it is answered (one dependency per request: auth and the
    route share it, so the lock is taken once). Its turn is awaited in the event loop (see the module)."""
    handle: WorkspaceHandle = request.app.state.workspace
    async with handle.lock:
        yield handle.ws
