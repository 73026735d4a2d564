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
        # recipients not messaged, by reason (unsubscribed, consent withdrawn, ... since the campaign was
        # made): the first send did not queue their message, or a later check skipped it (the outbox's
        # 'skipped'); still in their arm
        "skipped_at_send": campaign.settings.get("skipped_at_send", {}),
        "outbox": states(ws, campaign.campaign_id),
        "errors": [
            dict(zip(("customer_id", "address", "state", "attempts", "error"), row, strict=True))
            for row in failures
        ],
    }


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
