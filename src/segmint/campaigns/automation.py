"""Messages queued one customer at a time, by triggers (segmint.triggers: "when a customer enters At Risk,
send the Win back message").

A triggered customer joins the campaign's recipients like anyone in its audience, so its results still
compare messaged customers with a holdout: the arm is drawn from a keyed hash of (campaign seed,
customer) — a customer falls in the holdout with probability holdout_share, the others in a variant by the
same hash — because the exact per-segment split of `segmint.experiments.assign` needs the whole audience
at once, and a trigger sees one customer at a time. The campaign's rule of one message per customer
holds: a customer already among its recipients (from its audience or an earlier entry) is not messaged
again. A customer the campaign may not contact (merged, no consent or address, unsubscribed, frequency
cap, checked now) is left out before the arm is drawn, as its audience was; treated customers get their
message rendered and queued; `segmint campaigns send` delivers it like any queued message. A draft
stays a draft: its first send launches it and queues its audience beside the triggered messages.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd

from segmint.campaigns.audience import left_out, reason_counts
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
    """Add the customers the campaign may reach to its recipients (its first target's message) and queue
    the treated ones' messages; returns {recipients, queued, holdout, already, skipped: {reason: n},
    outcomes: {customer_id: (what became of that customer, its params)}} (a trigger's firing records its own
    customer's outcome, not the batch's counts, worded from triggers/details.py's firing.campaign.<what>).
    The others are left out as its bulk audience leaves them out
    (campaigns.audience.left_out), before any arm is drawn, so both arms hold contactable customers only;
    they are added to the campaign's stored left-out counts, not to its recipients."""
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
    outcomes: dict[str, tuple[str, dict]] = {c: ("already", {}) for c in wanted if c in known}
    summary = {"recipients": 0, "queued": 0, "holdout": 0, "already": len(known), "skipped": {}}
    summary["outcomes"] = outcomes
    if not new:
        return summary
    cap = campaign_settings(ws.path).frequency_cap
    checked = left_out(
        ws,
        pd.DataFrame({"customer_id": new, "segment": campaign.targets[0]}),
        campaign.channel,
        cap,
        at,
        exclude_campaign=campaign.campaign_id,
    )
    skipped = reason_counts(checked)
    summary["skipped"] = {k: n for k, n in skipped.items() if n}
    people = checked[checked.reason.isna()].reset_index(drop=True)
    seed = campaign.settings.get("seed") or campaign.campaign_id
    people["arm"] = draw_arms(seed, people.customer_id.tolist(), campaign.holdout_share, campaign.variants)
    treated = people[people.arm != HOLDOUT].reset_index(drop=True)
    for customer, reason in zip(checked.customer_id, checked.reason, strict=True):
        if isinstance(reason, str):
            outcomes[customer] = ("left_out", {"reason": reason})
    for customer, arm in zip(people.customer_id, people.arm, strict=True):
        outcomes[customer] = ("holdout", {}) if arm == HOLDOUT else ("queued", {"variant": arm})
    summary["recipients"], summary["holdout"] = len(people), len(people) - len(treated)
    messages = rendered_messages(ws, campaign, treated, at)
    recipients = people.assign(campaign_id=campaign.campaign_id, assigned_at=at)
    recipients = recipients[["campaign_id", "customer_id", "segment", "arm", "assigned_at"]]
    stored = campaign.settings.get("excluded", {})
    excluded = {k: int(stored.get(k, 0)) + skipped.get(k, 0) for k in {**stored, **skipped}}
    with ws.transaction() as con:
        con.register("new_recipients", recipients)
        try:
            con.execute("INSERT INTO campaign_recipients SELECT * FROM new_recipients")
        finally:
            con.unregister("new_recipients")
        insert_messages(con, messages)
        if summary["skipped"]:
            con.execute(
                "UPDATE campaigns SET settings = ? WHERE campaign_id = ?",
                [
                    json.dumps({**campaign.settings, "excluded": excluded}, ensure_ascii=False, default=str),
                    campaign.campaign_id,
                ],
            )
        if messages.num_rows and campaign.status != "draft":  # a draft is launched by its first send
            set_status(con, campaign.campaign_id, "sending", at)
    summary["queued"] = messages.num_rows
    return summary
