"""The same acceptance through the campaigns' own storage: segmint.campaigns creates the campaign (its
audience, and the holdout drawn by segmint.experiments.assign) and queues the outbox; delivery is
simulated by marking the messages sent, and the purchases by adding orders for treated "At Risk" members."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

import segmint
from segmint import Workspace, build_demo
from segmint.campaigns.create import create_campaign
from segmint.campaigns.model import Campaign, Message
from segmint.campaigns.outbox import queue
from segmint.experiments import HOLDOUT
from segmint.experiments.results import campaign_results

from .simulate import insert_orders, purchases

LAUNCH = dt.datetime(2025, 7, 1, 9, 30)
WORKS, INERT = "rfm:At Risk", "rfm:Loyal"


@pytest.fixture(scope="module")
def launched(tmp_path_factory):
    path = tmp_path_factory.mktemp("experiments-campaign") / "ws"
    build_demo(path, n_customers=5_000, seed=41)
    with (path / "segmint.toml").open("a", encoding="utf-8") as config:  # the demo mails a lot: no cap
        config.write("\n[campaigns.frequency_cap]\nmax_messages = 1000\ndays = 1\n")
    ws = Workspace.open(path)
    segmint.refresh(ws, as_of=LAUNCH.date() - dt.timedelta(days=1))
    campaign = Campaign(
        name="Reactivation",
        channel="email",
        messages=[Message(t, "A", "We miss you", subject="A gift") for t in (WORKS, INERT)],
        cost_per_message=Decimal("0.40"),
        holdout_share=0.2,
        settings={"seed": "acceptance"},
    )
    create_campaign(ws, campaign, at=LAUNCH - dt.timedelta(hours=1))
    queue(ws, campaign, at=LAUNCH)
    ws.raw.execute("UPDATE outbox SET state = 'sent', attempts = 1, sent_at = ? WHERE campaign_id = ?",
                   [LAUNCH, campaign.campaign_id])  # fmt: skip
    recipients = ws.raw.execute(
        "SELECT customer_id, segment, arm FROM campaign_recipients WHERE campaign_id = ?",
        [campaign.campaign_id],
    ).df()
    rng = np.random.default_rng(8)
    treated = recipients[(recipients.segment == WORKS) & (recipients.arm != HOLDOUT)]
    responders = treated.customer_id[rng.random(len(treated)) < 0.25]
    insert_orders(ws, purchases(responders, LAUNCH, 14, rng, "storage"))
    yield ws, campaign, recipients
    ws.close()


def test_uplift_where_built_and_none_elsewhere(launched):
    ws, campaign, recipients = launched
    result = campaign_results(ws, campaign.campaign_id)
    works, inert = result.row(WORKS, "A"), result.row(INERT, "A")
    assert works["p_value"] < 0.05 and works["uplift_ci_low"] > 0
    assert inert["uplift_ci_low"] <= 0 <= inert["uplift_ci_high"] and inert["p_value"] > 0.05
    # the holdout is the campaign's 20%, per target
    for target in (WORKS, INERT):
        n = (recipients.segment == target).sum()
        assert result.row(target, HOLDOUT)["recipients"] == int(np.floor(0.2 * n + 0.5))
    # cost: the sent messages (only treated recipients with consent and an address were queued)
    (sent,) = ws.raw.execute(
        "SELECT count(*) FROM outbox o JOIN campaign_recipients r USING (campaign_id, customer_id) "
        "WHERE o.campaign_id = ? AND o.state = 'sent' AND r.segment = ?",
        [campaign.campaign_id, WORKS],
    ).fetchone()
    assert works["sent"] == sent and works["cost"] == pytest.approx(0.4 * sent)
