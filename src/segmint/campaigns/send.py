"""Sending a campaign: queue its messages (once), put back what a crash left half-done, then deliver the
queue through the channel's transport, with retries and exponential backoff for transient failures.

Per chunk, outbox.recheck() first skips the messages of customers who opted out since they were queued
and sends the others to the customer's current address. Per message: start() marks it 'sending'
(committed) -> transport.send() calls handed_over() just before the committing byte -> finish() records
sent / retry / failed / uncertain. On the next run, recover() puts back 'sending' messages that were never
handed over; handed-over ones without an answer are reported as uncertain and left alone (or resent on
request), so a crash at any point never sends a message twice.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable
from functools import partial

from segmint.campaigns import journal
from segmint.campaigns.config import CampaignSettings, campaign_settings
from segmint.campaigns.delivery import (
    DeliveryError,
    PermanentError,
    TransientError,
    Transport,
    UncertainError,
)
from segmint.campaigns.model import Campaign, get, set_status
from segmint.campaigns.outbox import HeldAddresses, is_queued, queue, queued, recheck, states
from segmint.campaigns.unsubscribe import Links, links

CHUNK = 50  # messages marked 'sending' in one commit


def transport_for(channel: str, settings: CampaignSettings, unsubscribe: Links | None = None) -> Transport:
    """Email goes through SMTP (with `unsubscribe` links); SMS and webhook messages through the webhook."""
    if channel == "email":
        from segmint.campaigns.smtp import SmtpTransport

        return SmtpTransport(settings.smtp, unsubscribe)
    from segmint.campaigns.webhook import WebhookTransport

    return WebhookTransport(settings.webhook)


def send_campaign(
    ws,
    name: str,
    *,
    transport: Transport | None = None,
    resend_uncertain: bool = False,
    retry_failed: bool = False,
    limit: int | None = None,
    at: dt.datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[str, int], None] | None = None,
    stop: threading.Event | None = None,
) -> dict:
    """Queue (first time) and deliver a campaign's messages; safe to run again after any crash.
    `limit`: deliver at most this many messages in this run; `stop`: once set, stop after the message
    being delivered (a server shutting down), the rest left queued as it was; `retry_failed`: the
    messages that failed are queued again first (`failed_retried`). Returns a summary."""
    campaign = get(ws, name)
    settings = campaign_settings(ws.path)
    box = states(ws, campaign.campaign_id)
    (treated,) = ws.raw.execute(
        "SELECT count(*) FROM campaign_recipients WHERE campaign_id = ? AND arm <> 'holdout'",
        [campaign.campaign_id],
    ).fetchone()
    work = (treated and not is_queued(ws, campaign.campaign_id)) or box["queued"] or box["sending"]
    work = work or (resend_uncertain and box["uncertain"]) or (retry_failed and box["failed"])
    outcomes, skipped = Counter(), Counter()
    queued_now, recovered = {"queued": 0, "skipped": {}}, {"requeued": 0, "uncertain_resent": 0}
    retried = 0
    if work:
        # connect (and log in) before queueing: a campaign is launched (launched_at, which starts its
        # attribution window) only once its messages can actually go
        transport = transport or transport_for(
            campaign.channel, settings, links(ws, settings) if settings.unsubscribe.url else None
        )
        transport.open()
        try:
            queued_now = queue(ws, campaign, at or ws.now())
            recovered = journal.recover(ws, campaign.campaign_id, resend_uncertain)
            if retry_failed:
                retried = journal.retry_failed(ws, campaign.campaign_id)
            _deliver(ws, campaign, transport, settings, limit, sleep, outcomes, skipped, progress, stop)
        finally:
            transport.close()
    left = states(ws, campaign.campaign_id)
    if left["queued"] == 0 and left["sending"] == 0 and left["uncertain"] == 0:
        set_status(ws.raw, campaign.campaign_id, "sent")
    return {
        "campaign": campaign.name,
        "campaign_id": campaign.campaign_id,
        "channel": campaign.channel,
        "unsubscribe_links": campaign.channel == "email" and bool(settings.unsubscribe.url),
        "queued": queued_now["queued"],
        # who was not messaged, and why: left out when the audience was queued, and taken out of the queue
        # by this run (opted out while their message waited)
        "skipped": dict(Counter(queued_now["skipped"]) + skipped),
        **recovered,
        "failed_retried": retried,
        "this_run": dict(outcomes),
        "outbox": left,
    }


def _deliver(
    ws,
    campaign: Campaign,
    transport,
    settings: CampaignSettings,
    limit,
    sleep,
    outcomes,
    skipped,
    progress,
    stop,
):
    retry = settings.retry
    done, wave = 0, 0
    held = HeldAddresses(ws, campaign.campaign_id)  # kept up to date below, not asked again per chunk
    while True:
        batch = queued(ws, campaign.campaign_id)
        if not batch or (limit is not None and done >= limit) or (stop is not None and stop.is_set()):
            return
        held.queue_pass(batch)
        if wave:  # every message of this wave failed transiently at least once: wait before retrying
            sleep(retry.backoff_seconds * 2 ** (wave - 1))
        for first in range(0, len(batch), CHUNK):
            if limit is not None and done >= limit:
                return
            chunk, taken_out = recheck(ws, campaign, batch[first : first + CHUNK], held)
            skipped.update(taken_out)
            if limit is not None:
                chunk = chunk[: limit - done]
            if not chunk:
                continue
            journal.start(ws, chunk)
            for index, message in enumerate(chunk):
                if stop is not None and stop.is_set():
                    journal.put_back(ws, chunk[index:])
                    return
                attempt = message.attempts + 1
                try:
                    handover = partial(journal.handed_over, ws, message.message_id)
                    detail = transport.send(message, handover)
                    outcome = "sent"
                except TransientError as exc:
                    outcome, detail = ("retry" if attempt < retry.max_attempts else "failed"), str(exc)
                except PermanentError as exc:
                    outcome, detail = "failed", str(exc)
                except UncertainError as exc:
                    outcome, detail = "uncertain", str(exc)
                journal.finish(ws, message, attempt, outcome, detail)
                if outcome == "failed":  # reached nobody: its address is free for a message behind it
                    held.release(message.message_id)
                outcomes[outcome] += 1
                done += 1
                if progress:
                    progress(outcome, done)
        wave += 1


__all__ = ["DeliveryError", "send_campaign", "transport_for"]
