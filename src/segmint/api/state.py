"""The app's one open workspace, and the lock that hands it to one request at a time.

A DuckDB connection runs one statement at a time, and a segment write is a transaction over several
statements, so requests take turns (the dependency `workspace` below). The lock is a plain Lock, not an
RLock: FastAPI may leave a dependency in another worker thread than it entered it in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from fastapi import Request

from segmint.store.workspace import Workspace


class WorkspaceHandle:
    def __init__(self, path: str | Path):
        self.ws = Workspace.open(path)
        self.lock = threading.Lock()

    def close(self) -> None:
        with self.lock:
            self.ws.close()


def workspace(request: Request) -> Iterator[Workspace]:
    """The workspace, held by this request until it is answered (one dependency per request: auth and the
    route share it, so the lock is taken once)."""
    handle: WorkspaceHandle = request.app.state.workspace
    with handle.lock:
        yield handle.ws
