"""Where a campaign stands: recipients per target and arm, messages per outbox state, the latest errors."""

from __future__ import annotations

from segmint.campaigns.model import Campaign, all_campaigns
from segmint.campaigns.outbox import states


def status(ws, campaign: Campaign, errors: int = 10) -> dict:
    """The campaign's figures; an error's state is the outbox count it is in ('uncertain': handed over,
    no answer, which the outbox stores as 'sending')."""
    arms = ws.raw.execute(
        "SELECT segment, arm, count(*) FROM campaign_recipients WHERE campaign_id = ?"
        " GROUP BY ALL ORDER BY ALL",
        [campaign.campaign_id],
    ).fetchall()
    recipients: dict[str, dict[str, int]] = {}
    for segment, arm, n in arms:
        recipients.setdefault(segment, {})[arm] = int(n)
    failures = ws.raw.execute(
        "SELECT customer_id, address, CASE WHEN state = 'sending' AND handed_over_at IS NOT NULL"
        " THEN 'uncertain' ELSE state END, attempts, last_error FROM outbox"
        " WHERE campaign_id = ? AND last_error IS NOT NULL ORDER BY rowid DESC LIMIT ?",
        [campaign.campaign_id, errors],
    ).fetchall()
    at_send, from_queue = skips(ws, campaign)
    return {
        "campaign": campaign.name,
        "campaign_id": campaign.campaign_id,
        "channel": campaign.channel,
        "status": campaign.status,
        "created_at": campaign.created_at,
        "launched_at": campaign.launched_at,
        "variants": campaign.variants,
        "holdout_share": campaign.holdout_share,
        "cost_per_message": float(campaign.cost_per_message),
        "targets": campaign.targets,
        "recipients": recipients,
        "excluded": campaign.settings.get("excluded", {}),
        # recipients not messaged, by reason, each counted once (still in their arm): the first send did
        # not queue their message (skipped_at_send), or a later check took it out of the queue (the
        # outbox's 'skipped', by reason in skipped_from_queue)
        "skipped_at_send": at_send,
        "skipped_from_queue": from_queue,
        "outbox": states(ws, campaign.campaign_id),
        "errors": [
            dict(zip(("customer_id", "address", "state", "attempts", "error"), row, strict=True))
            for row in failures
        ],
    }


def skips(ws, campaign: Campaign) -> tuple[dict[str, int], dict[str, int]]:
    """({reason: recipients the first send did not queue}, {reason: queued messages skipped since}).
    The stored skipped_at_send counts both (outbox._add_skipped); the second are the outbox's 'skipped'
    messages, whose reasons are their delivery_log rows, so they are taken out of the first. Before, status
    gave them in skipped_at_send and again in the outbox's 'skipped', counting each such skip twice."""
    rows = ws.raw.execute(
        "SELECT l.detail, count(DISTINCT l.message_id) FROM delivery_log l JOIN outbox o USING (message_id)"
        " WHERE o.campaign_id = ? AND o.state = 'skipped' AND l.outcome = 'skipped'"
        " GROUP BY ALL ORDER BY ALL",
        [campaign.campaign_id],
    ).fetchall()
    from_queue = {str(reason): int(n) for reason, n in rows}
    stored = campaign.settings.get("skipped_at_send", {})
    at_send = {reason: int(n) - from_queue.get(reason, 0) for reason, n in stored.items()}
    return {reason: n for reason, n in at_send.items() if n > 0}, from_queue


def overview(ws) -> list[dict]:
    """One line per campaign: name, channel, status and outbox counts."""
    return [
        {
            "campaign": c.name,
            "campaign_id": c.campaign_id,
            "channel": c.channel,
            "status": c.status,
            "created_at": c.created_at,
            "outbox": states(ws, c.campaign_id),
        }
        for c in all_campaigns(ws)
    ]
