"""A request waiting in the server holds none of anyio's worker threads (40 by default), which answer
every sync route and page: waiting for the workspace lock (api/state.py). Shown in a real uvicorn with few
threads, as the queued uploads are (test_import_in_server.py)."""

from __future__ import annotations

import threading

import httpx
import pytest
from tests.api.conftest import BIG_SPENDERS, _api
from tests.api.served import serving
from tests.api.test_refresh_in_server import in_background, wait_for

THREADS = 4


def answered(url: str, path: str, headers: dict | None = None, why: str = "") -> httpx.Response:
    """GET `path`, failing the test when it is not answered within 10 s (the server is starved)."""
    try:
        return httpx.get(url + path, headers=headers, timeout=10)
    except httpx.TimeoutException:
        pytest.fail(f"GET {path} unanswered for 10 s {why}")


class Arrivals:
    """The app, counting the requests that have reached it, by path."""

    def __init__(self, app):
        self.app, self.paths, self.guard = app, [], threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            with self.guard:
                self.paths.append(scope["path"])
        await self.app(scope, receive, send)

    def count(self, path: str) -> int:
        with self.guard:
            return self.paths.count(path)


def test_requests_waiting_for_the_workspace_hold_no_worker_thread(template, tmp_path):
    """Every request waits its turn for the workspace lock, and waited for it in a worker thread, while the
    request holding the lock needed another thread to run its route: with the threads all waiting (behind
    a long write here, or 41 requests at once on the 40 threads), GET /health was not answered, and when
    the write was done no request in line ever was (the server answered nothing more, for good). Now the
    turn is awaited in the event loop: GET /health is answered with THREADS + 2 requests in line, and all
    of them are answered once the write is done."""
    api = _api(template, tmp_path)
    app = api.client.app
    handle, viewer = app.state.workspace, api.as_("viewer")
    arrivals = Arrivals(app)
    path = f"/segments/{BIG_SPENDERS}"
    with serving(arrivals, THREADS) as url:

        def get() -> httpx.Response:
            return httpx.get(url + path, headers=viewer, timeout=60)

        waiting = []
        with handle.lock:  # a long write holds the workspace (a clustering fit, a segment saved at 1M)
            for _ in range(THREADS + 2):
                waiting.append(in_background(get))
            wait_for(lambda: arrivals.count(path) == THREADS + 2, 30)
            why = f"with {THREADS + 2} requests waiting for the workspace ({THREADS} threads)"
            health = answered(url, "/health", why=why)
            assert health.status_code == 200, health.text
        for thread, _ in waiting:
            thread.join(60)
        answers = [answer.get("response") for _, answer in waiting]
        assert [a.status_code if a is not None else "unanswered" for a in answers] == [200] * (THREADS + 2)
        assert all(a.json()["name"] == BIG_SPENDERS for a in answers)
        # and a burst of many more requests than threads at once, with nothing holding the workspace
        burst = [in_background(get) for _ in range(4 * THREADS)]
        for thread, _ in burst:
            thread.join(60)
        codes = [answer["response"].status_code if "response" in answer else None for _, answer in burst]
        assert codes == [200] * (4 * THREADS)

