"""A request waiting in the server holds none of anyio's worker threads (40 by default), which answer
every sync route and page: waiting for the workspace lock (api/state.py), for a refresh (POST /refresh,
POST /clusters/fit) or for a campaign send (POST /campaigns/{name}/send). Each is shown in a real uvicorn
with few threads, as the queued uploads are (test_import_in_server.py)."""

from __future__ import annotations

import asyncio
import re
import threading

import httpx
import pytest
from tests.api.conftest import BIG_SPENDERS, _api
from tests.api.served import serving
from tests.api.test_campaigns import CAMPAIGN
from tests.api.test_refresh_in_server import Hold as RefreshHold
from tests.api.test_refresh_in_server import in_background, wait_for
from tests.campaigns.servers import SmtpSink, configure, smtp_config

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


@pytest.mark.parametrize("route", ["/refresh", "/clusters/fit", "/ui/clusters/fit"])
def test_a_request_waiting_for_its_refresh_holds_no_worker_thread(template, tmp_path, route):
    """POST /refresh (wait=true) and POST /clusters/fit (which refreshes after the fit), and the clusters
    page's fit, waited for the refresh in a worker thread: with one thread, nothing else was answered until
    the refresh was done. Now the wait is awaited in the event loop: a GET is answered while the refresh is
    held, and the request answers as before when it is done."""
    api = _api(template, tmp_path)
    hold = RefreshHold(api)
    with serving(api.client.app, 1) as url:
        if route.startswith("/ui/"):  # signed in as an editor, with the page's CSRF token
            browser = httpx.Client(base_url=url, headers={"origin": url}, timeout=120)
            assert browser.post("/ui/login", data={"token": api.tokens["editor"]}).status_code == 303
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', browser.get("/ui/clusters").text).group(1)
            request = browser.build_request("POST", route, data={"csrf": csrf})
        else:
            body = {"k_min": 2, "k_max": 3} if route == "/clusters/fit" else {}
            browser = httpx.Client(base_url=url, headers=api.as_("editor"), timeout=120)
            request = browser.build_request("POST", route, json=body)
        waiter, answer = in_background(lambda: browser.send(request))
        try:
            assert hold.reached.wait(60), "the refresh never started"
            why = f"with {route} waiting for its refresh (1 thread)"
            segment = answered(url, f"/segments/{BIG_SPENDERS}", api.as_("viewer"), why)
            assert segment.status_code == 200 and waiter.is_alive(), segment.text
        finally:
            hold.release()
        waiter.join(120)
    done = answer["response"]
    if route == "/ui/clusters/fit":
        assert (done.status_code, done.headers["location"]) == (303, "/ui/clusters"), done.text
    elif route == "/clusters/fit":
        assert done.status_code == 201 and done.json()["refreshed"], done.text
    else:
        assert done.status_code == 200 and done.json()["as_of"], done.text


class HeldSink(SmtpSink):
    """An SMTP server that holds its answer to the first recipient until `go` is set."""

    def __init__(self):
        super().__init__()
        self.go = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not self.received.is_set():
            self.received.set()
            await asyncio.to_thread(self.go.wait, 60)
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def test_a_campaign_send_waited_for_holds_no_worker_thread(template, tmp_path):
    """POST /campaigns/{name}/send (wait=true) sent in the request's worker thread, for as long as the send
    took (the better part of an hour at 100,000 messages, mostly waiting for the SMTP server): with one
    thread, nothing else was answered meanwhile. Now the send runs in a thread of its own and the request
    awaits it in the event loop: a GET is answered while the SMTP server holds the send, and the request
    answers the send's summary when it is done."""
    api = _api(template, tmp_path)
    editor, viewer = api.as_("editor"), api.as_("viewer")
    name = CAMPAIGN["name"]
    with HeldSink() as sink, serving(api.client.app, 1) as url:
        configure(tmp_path / "ws", smtp_config(sink.port))
        made = httpx.post(url + "/campaigns", json=CAMPAIGN, headers=editor, timeout=60)
        assert made.status_code == 201, made.text
        send = url + f"/campaigns/{name}/send"
        sender, answer = in_background(
            lambda: httpx.post(send, params={"limit": 2}, headers=editor, timeout=120)
        )
        try:
            assert sink.received.wait(60), "the send never reached the SMTP server"
            status = answered(url, f"/campaigns/{name}", viewer, "with a send waited for (1 thread)")
            assert status.status_code == 200 and status.json()["sending_now"] is True, status.text
        finally:
            sink.go.set()
        sender.join(120)
    sent = answer["response"]
    assert sent.status_code == 200, sent.text
    assert sent.json()["outbox"]["sent"] == len(sink.messages) == 2
