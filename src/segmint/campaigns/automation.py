"""Messages queued one customer at a time, by triggers (segmint.triggers: "when a customer enters At Risk,
send the Win back message").

A triggered customer joins the campaign's recipients like anyone in its audience, so its results still
compare messaged customers with a holdout: the arm is drawn from a keyed hash of (campaign seed,
customer) — a customer falls in the holdout with probability holdout_share, the others in a variant by the
same hash — because the exact per-segment split of `segmint.experiments.assign` needs the whole audience
at once, and a trigger sees one customer at a time. The campaign's rule of one message per customer
holds: a customer already among its recipients (from its audience or an earlier entry) is not messaged
again. Treated customers who may be contacted (consent, unsubscribes, frequency cap, checked now) get their
message rendered and queued; `segmint campaigns send` delivers it like any queued message. A draft
stays a draft: its first send launches it and queues its audience beside the triggered messages.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from segmint.campaigns.audience import eligibility
from segmint.campaigns.config import campaign_settings
from segmint.campaigns.model import get, set_status
from segmint.campaigns.outbox import insert_messages, rendered_messages
from segmint.experiments import HOLDOUT
from segmint.experiments.assign import _keys


def draw_arms(seed: str, customer_ids: list[str], holdout_share: float, variants: list[str]) -> list[str]:
    """The arm of each customer, independently of the others: holdout when the customer's key falls in
    the first holdout_share of the key range, else a variant by the key's position in the rest."""
    unit = _keys(seed, customer_ids).astype(np.float64) / float(2**64)
    arms = []
    for u in unit:
        if u < holdout_share:
            arms.append(HOLDOUT)
        else:
            rest = (u - holdout_share) / (1.0 - holdout_share)
            arms.append(variants[min(int(rest * len(variants)), len(variants) - 1)])
    return arms


def enqueue(ws, campaign_name: str, customer_ids: list[str], at: dt.datetime) -> dict:
    """Add the customers to the campaign (its first target's message) and queue the treated ones'
    messages; returns {recipients, queued, holdout, already, skipped: {reason: n}}."""
    campaign = get(ws, campaign_name)
    wanted = list(dict.fromkeys(str(c) for c in customer_ids))
    known = {
        row[0]
        for row in ws.raw.execute(
            "SELECT customer_id FROM campaign_recipients "
            "WHERE campaign_id = ? AND list_contains(?, customer_id)",
            [campaign.campaign_id, wanted],
        ).fetchall()
    }
    new = [c for c in wanted if c not in known]
    summary = {"recipients": len(new), "queued": 0, "holdout": 0, "already": len(known), "skipped": {}}
    if not new:
        return summary
    seed = campaign.settings.get("seed") or campaign.campaign_id
    people = pd.DataFrame(
        {
            "customer_id": new,
            "segment": campaign.targets[0],
            "arm": draw_arms(seed, new, campaign.holdout_share, campaign.variants),
        }
    )
    treated = people[people.arm != HOLDOUT].reset_index(drop=True)
    summary["holdout"] = len(people) - len(treated)
    cap = campaign_settings(ws.path).frequency_cap
    checked = eligibility(
        ws, treated.customer_id, campaign.channel, cap, at, exclude_campaign=campaign.campaign_id
    )
    treated = treated.merge(checked, on="customer_id", how="left")
    summary["skipped"] = {str(k): int(v) for k, v in treated.reason.dropna().value_counts().items()}
    treated = treated[treated.reason.isna()].reset_index(drop=True)
    messages = rendered_messages(ws, campaign, treated, at)
    recipients = people.assign(campaign_id=campaign.campaign_id, assigned_at=at)
    recipients = recipients[["campaign_id", "customer_id", "segment", "arm", "assigned_at"]]
    with ws.transaction() as con:
        con.register("new_recipients", recipients)
        try:
            con.execute("INSERT INTO campaign_recipients SELECT * FROM new_recipients")
        finally:
            con.unregister("new_recipients")
        insert_messages(con, messages)
        if messages.num_rows and campaign.status != "draft":  # a draft is launched by its first send
            set_status(con, campaign.campaign_id, "sending", at)
    n = messages.num_rows
    summary["queued"] = n
    return summary
