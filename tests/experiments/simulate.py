"""A simulated campaign on a workspace: the campaign row, its recipients (holdout drawn by
segmint.experiments.assign), 'sent' outbox rows for the treated, and extra purchases by treated recipients
in the segments where the message is built to work. Stored straight into the 0005 tables."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd

from segmint.experiments import HOLDOUT, assign


def _insert(raw, table: str, frame: pd.DataFrame) -> None:
    raw.register("_sim_rows", frame)
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    raw.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM _sim_rows')
    raw.unregister("_sim_rows")


def simulate_campaign(
    ws,
    members: pd.DataFrame,  # customer_id, segment
    lift: dict,  # segment or (segment, arm) -> extra purchase probability for a treated recipient
    launched_at: dt.datetime,
    *,
    campaign_id: str = "sim-1",
    holdout_share: float = 0.2,
    variants: tuple[str, ...] = ("A",),
    cost_per_message: float = 0.5,
    attribution_days: int = 14,
    seed: int = 1,
) -> pd.DataFrame:
    """Store the campaign and its simulated response; returns the recipients with arm and 'responded'."""
    rng = np.random.default_rng(seed)
    arms = assign(members, holdout_share=holdout_share, variants=list(variants), seed=f"sim-{seed}")
    treated = arms["arm"] != HOLDOUT
    chance = np.array(
        [
            lift.get((seg, arm), lift.get(seg, 0.0))
            for seg, arm in zip(arms["segment"], arms["arm"], strict=True)
        ]
    )
    arms["responded"] = treated.to_numpy() & (rng.random(len(arms)) < chance)
    created = launched_at - dt.timedelta(hours=1)
    campaign = pd.DataFrame(
        {
            "campaign_id": [campaign_id],
            "name": [f"Simulated {campaign_id}"],
            "channel": ["email"],
            "status": ["sent"],
            "cost_per_message": [cost_per_message],
            "holdout_share": [holdout_share],
            "variants": [json.dumps(list(variants))],
            "attribution_days": [attribution_days],
            "created_at": [created],
            "launched_at": [launched_at],
            "settings": [json.dumps({"segments": sorted(members["segment"].unique())})],
        }
    )
    # assigned when created, before the launch, as segmint.campaigns.create does (a recipient assigned
    # after the launch is one a trigger added, measured from its own assignment)
    recipients = arms[["customer_id", "segment", "arm"]].assign(campaign_id=campaign_id, assigned_at=created)
    sent = arms[treated]
    outbox = pd.DataFrame(
        {
            "message_id": [f"{campaign_id}-{c}" for c in sent["customer_id"]],
            "campaign_id": campaign_id,
            "customer_id": sent["customer_id"].to_numpy(),
            "channel": "email",
            "address": [f"{c}@example.test" for c in sent["customer_id"]],
            "variant": sent["arm"].to_numpy(),
            "subject": "Hello",
            "body": "Come back",
            "state": "sent",
            "attempts": 1,
            "queued_at": launched_at,
            "sent_at": launched_at,
        }
    )
    orders = purchases(
        arms.loc[arms["responded"], "customer_id"], launched_at, attribution_days, rng, campaign_id
    )
    with ws.transaction() as raw:
        _insert(raw, "campaigns", campaign)
        _insert(raw, "campaign_recipients", recipients)
        _insert(raw, "outbox", outbox)
        if len(orders):
            _insert(raw, "orders", orders)
    return arms


def purchases(customer_ids, launched_at: dt.datetime, days: int, rng, prefix: str) -> pd.DataFrame:
    """One completed order per customer at a uniform time in [launched_at, launched_at + days)."""
    customer_ids = list(customer_ids)
    offsets = rng.uniform(0, days * 86_400 - 1, len(customer_ids))
    return pd.DataFrame(
        {
            "order_id": [f"{prefix}-order-{c}" for c in customer_ids],
            "customer_id": customer_ids,
            "is_guest": False,
            "ordered_at": [launched_at + dt.timedelta(seconds=float(s)) for s in offsets],
            "total": np.round(rng.lognormal(6.5, 0.5, len(customer_ids)), 2),
            "discount": 0.0,
            "currency": "UAH",
            "channel": "online",
            "status": "completed",
            "source": "simulation",
            "imported_at": dt.datetime(2026, 1, 1),
        }
    )


def insert_orders(ws, orders: pd.DataFrame) -> None:
    if len(orders):
        with ws.transaction() as raw:
            _insert(raw, "orders", orders)
