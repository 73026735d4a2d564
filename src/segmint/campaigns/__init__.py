"""Campaigns: personalised messages to segments, delivered through SMTP or a signed webhook from a
crash-safe outbox (docs/campaigns.md). Holdouts, A/B splits and results come from segmint.experiments."""

from segmint.campaigns.create import create_campaign
from segmint.campaigns.model import Campaign, CampaignError, Message, all_campaigns, get
from segmint.campaigns.send import send_campaign

__all__ = ["Campaign", "CampaignError", "Message", "all_campaigns", "create_campaign", "get", "send_campaign"]
