"""Creating a campaign: check it, pick its audience, split the audience into holdout and variants
(segmint.experiments.assign, stratified by target) and store all of it in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt

from segmint.campaigns.audience import audience
from segmint.campaigns.config import campaign_settings
from segmint.campaigns.model import Campaign, CampaignError, check, insert
from segmint.campaigns.unsubscribe import check_url
from segmint.experiments import assign
from segmint.history.queries import spelled_target


def create_campaign(ws, campaign: Campaign, at: dt.datetime | None = None) -> dict:
    """Store a new draft campaign with its recipients; returns a summary (audience per target and arm,
    customers left out by reason)."""
    # stored as the family spells the group: as typed ("rfm:at risk"), the KPIs of At Risk, which look
    # campaigns up by "rfm:At Risk", found no campaign for their ROI
    campaign.messages = [
        dataclasses.replace(m, target=spelled_target(ws, m.target)) for m in campaign.messages
    ]
    check(campaign)
    settings = campaign_settings(ws.path)
    check_url(settings, campaign)
    at = at or ws.now()
    if ws.raw.execute("SELECT 1 FROM campaigns WHERE name = ?", [campaign.name]).fetchone():
        raise CampaignError(
            f"a campaign named {campaign.name!r} already exists",
            code="campaign.name_taken",
            params={"name": campaign.name},
        )
    cap = settings.frequency_cap
    members, excluded = audience(ws, campaign.targets, campaign.channel, cap, at)
    arms = assign(
        members[["customer_id", "segment"]],
        holdout_share=campaign.holdout_share,
        variants=campaign.variants,
        seed=campaign.settings.get("seed") or campaign.campaign_id,
    )
    arms["campaign_id"] = campaign.campaign_id
    arms["assigned_at"] = at
    campaign.created_at, campaign.status = at, "draft"
    campaign.settings = {**campaign.settings, "excluded": excluded}
    recipients = arms[["campaign_id", "customer_id", "segment", "arm", "assigned_at"]]
    with ws.transaction() as con:
        insert(con, campaign)
        con.register("new_recipients", recipients)
        try:
            con.execute("INSERT INTO campaign_recipients SELECT * FROM new_recipients")
        finally:
            con.unregister("new_recipients")
    sizes = arms.groupby(["segment", "arm"]).size()
    return {
        "campaign": campaign.name,
        "campaign_id": campaign.campaign_id,
        "channel": campaign.channel,
        "recipients": len(arms),
        "by_target": {
            target: {arm: int(n) for (seg, arm), n in sizes.items() if seg == target}
            for target in campaign.targets
        },
        "excluded": excluded,
    }
