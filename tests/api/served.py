"""The app in a real uvicorn on loopback with few worker threads, for the tests that show a request
waiting in the server holds none (tests/api/test_worker_threads.py, test_import_in_server.py)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import anyio


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def limited(app, threads: int):
    """The app with `threads` worker threads for its sync routes and dependencies, as a server whose
    default 40 are all taken would have, to show ~40 waiting requests without sending 40."""

    async def asgi(scope, receive, send):
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        await app(scope, receive, send)

    return asgi


@contextlib.contextmanager
def serving(app, threads: int) -> Iterator[str]:
    """The app served by uvicorn in a thread of this process with `threads` worker threads: its URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(limited(app, threads), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(60)
