"""Campaign sends in the server, off the request lock.

Delivery goes at a few dozen messages a second (two commits per message, docs/campaigns.md), so a
100,000-message campaign sends for the better part of an hour. Run like any request, it held the one
workspace lock (state.py) all that time: every other API call and every web page waited for it. A send
therefore runs on a DuckDB connection of its own (a cursor of the open database: DuckDB runs statements of
different connections side by side, each in its own transaction) and never takes the lock, in a thread of
its own: the request answers when it is done (`run`, the default: the answer is the summary), awaiting it
in the event loop, or at once (`start`), and GET /campaigns/{name} tells how it goes. A send waited for
ran in the request's worker thread, one of anyio's 40 that answer every sync route and page, for as long
as it sent (and it is mostly waiting for the SMTP server or the webhook).

One send per campaign at a time, checked here: two sends of one campaign, each reading the same queued
messages, could deliver a message twice, which the request lock used to rule out. A server stopped in the
middle loses nothing: the send resumes where it stopped the next time (campaigns/send.py).

How each campaign's last send in this server ended is kept for GET /campaigns/{name}: every running send
and the `keep_finished` latest finished ones (a long-running server sending many campaigns grew without
end); an older outcome is still in the campaign's outbox counts.
"""

from __future__ import annotations

import asyncio
import threading
import traceback
from collections import OrderedDict
from concurrent.futures import Future

from segmint.api.errors import ApiError
from segmint.api.state import WorkspaceHandle
from segmint.errors import SegmintError

KEEP_FINISHED = 100  # finished sends whose outcome the server keeps (the latest ones)


class Sends:
    """The sends of one app: which campaigns are sending now, and how each one's last send ended."""

    def __init__(self, handle: WorkspaceHandle, keep_finished: int = KEEP_FINISHED):
        self.handle = handle
        self.keep_finished = keep_finished
        self._guard = threading.Lock()
        self._sending: set[str] = set()
        self._threads: set[threading.Thread] = set()  # the sends started in threads of their own
        self._stopping = threading.Event()  # set when the server shuts down: sends stop between messages
        # campaign_id -> {started_at, finished_at, summary | error (with error_code and error_params when
        # the error has them)}, in the order they finished
        self._last: OrderedDict[str, dict] = OrderedDict()

    async def run(self, campaign_id: str, name: str, **options) -> dict:
        """Send now and answer its summary (or raise its error): the send in a thread of its own, awaited
        in the event loop, holding no worker thread (the caller must not hold the workspace lock)."""
        return await asyncio.wrap_future(self._spawn(campaign_id, name, options))

    def start(self, campaign_id: str, name: str, channel: str, **options) -> None:
        """Send in a thread of its own (409 when the campaign is being sent already). The channel's
        transport is built first, so a missing setting (no SMTP server) is an error now, not a failed
        send found later."""
        from segmint.campaigns.config import campaign_settings
        from segmint.campaigns.send import transport_for

        transport_for(channel, campaign_settings(self.handle.path))
        self._spawn(campaign_id, name, options)

    def _spawn(self, campaign_id: str, name: str, options: dict) -> Future:
        """The send started in a thread of its own (409 when the campaign is being sent already): its
        summary or its error, set once the campaign is free again (GET /campaigns/{name}: not sending)."""
        self._take(campaign_id)
        outcome: Future = Future()
        outcome.set_running_or_notify_cancel()  # a request that stops waiting leaves the send going

        def work() -> None:
            try:
                summary, error = self._send(campaign_id, name, options), None
            except BaseException as exc:  # recorded in last_send by _send: GET /campaigns/{name} shows it
                summary, error = None, exc
            self._release(campaign_id)
            with self._guard:
                self._threads.discard(thread)
            if error is None:
                outcome.set_result(summary)
            else:
                outcome.set_exception(error)

        thread = threading.Thread(target=work, name=f"send {campaign_id}", daemon=True)
        with self._guard:
            self._threads.add(thread)
        thread.start()
        return outcome

    def stop(self) -> None:
        """Stop the sends after the message each is delivering, and wait for them (the server's shutdown:
        the workspace closed under a send broke it off with a traceback). What they had not sent stays
        queued: the next send of the campaign goes on from there."""
        self._stopping.set()
        with self._guard:
            running = list(self._threads)
        for thread in running:
            thread.join()

    def state(self, campaign_id: str) -> dict:
        """{sending_now, last_send}: whether a send runs in this server now, and how the last one ended."""
        with self._guard:
            return {"sending_now": campaign_id in self._sending, "last_send": self._last.get(campaign_id)}

    def _take(self, campaign_id: str) -> None:
        with self._guard:
            if campaign_id in self._sending:
                raise ApiError(409, "this campaign is being sent already (GET /campaigns/{name}: how far)")
            self._sending.add(campaign_id)

    def _release(self, campaign_id: str) -> None:
        with self._guard:
            self._sending.discard(campaign_id)
            if campaign_id in self._last:
                self._last.move_to_end(campaign_id)  # finished last: the latest finished
            self._forget_oldest()

    def _forget_oldest(self) -> None:
        """Drop the sends that finished first beyond `keep_finished` (a running one is always kept)."""
        finished = [key for key in self._last if key not in self._sending]
        for key in finished[: max(len(finished) - self.keep_finished, 0)]:
            del self._last[key]

    def _send(self, campaign_id: str, name: str, options: dict) -> dict:
        from segmint.campaigns import send_campaign

        # the workspace's clock, as the outbox's stamps of the messages it sends (WorkspaceHandle.now)
        record: dict = {"started_at": self.handle.now(), "finished_at": None}
        with self._guard:
            self._last.pop(campaign_id, None)
            self._last[campaign_id] = record  # the latest last
        try:
            with self.handle.own_connection() as ws:
                summary = send_campaign(ws, name, stop=self._stopping, **options)
        except Exception as exc:
            record.update(finished_at=self.handle.now(), error=f"{type(exc).__name__}: {exc}")
            if isinstance(exc, SegmintError) and getattr(exc, "code", None) is not None:
                # a coded error (no SMTP server answering, a template that fails for a customer): its
                # code and params, which a client (the web page) words in its own language
                record.update(error_code=exc.code, error_params=exc.params)
            if not isinstance(exc, ValueError):  # a campaign's own errors are values; anything else: log it
                traceback.print_exc()
            raise
        record.update(finished_at=self.handle.now(), summary=summary)
        return summary
