"""Acceptance: activity and temperature on real campaign responses. The Kaggle "Customer Personality
Analysis" file says, per customer, whether they accepted each of 5 campaigns (AcceptedCmp1..5) and the
last one (Response); it has no dates, so the events file gives the campaigns a send date 30 days apart
(the last on 2014-11-28) and a click the next day to each acceptance. Imported through the real CLI, the
families equal what pandas reads from the flags by docs/families.md (Activity, Temperature)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from tests.cli import ok

from segmint import Workspace
from segmint.config import FamilySettings
from segmint.families import compute_features
from segmint.rules import CompileContext

CAMPAIGNS = ["AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5", "Response"]
FIRST_SENT = dt.datetime(2014, 7, 1, 10)


def events(customers: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for i, campaign in enumerate(CAMPAIGNS):
        sent = FIRST_SENT + dt.timedelta(days=30 * i)
        for customer, accepted in zip(customers.ID, customers[campaign], strict=True):
            rows.append((customer, "email_sent", sent, campaign))
            if accepted:
                rows.append((customer, "email_click", sent + dt.timedelta(days=1), campaign))
    return pd.DataFrame(rows, columns=["customer_id", "event_type", "occurred_at", "campaign_id"])


def names(active: pd.Series, yes: str = "active", no: str = "passive") -> pd.Series:
    return active.map({True: yes, False: no})


@pytest.fixture
def engaged(kaggle_customers, tmp_path):
    folder, customers = kaggle_customers
    events(customers).to_csv(tmp_path / "events.csv", index=False)
    ok("-w", folder, "import", "events", tmp_path / "events.csv")
    return folder, customers.set_index(customers.ID.astype(str))


def test_activity_and_temperature_from_real_responses_equal_pandas(engaged):
    folder, flags = engaged
    with Workspace.open(folder) as ws:
        features = ws.raw.sql("SELECT * FROM features").df().set_index("customer_id")
        ctx = CompileContext.from_workspace(ws)
        by_campaigns = {
            (last, need): compute_features(ctx, FamilySettings.model_validate(
                {"activity": {"basis": "campaigns", "last_campaigns": last, "min_responses": need}}
            )).to_pandas().set_index("customer_id").activity
            for last, need in ((1, 1), (2, 1), (5, 2), (6, 3))
        }  # fmt: skip
    assert ctx.today == dt.date(2014, 11, 29) and len(features) == 2_240
    flags = flags.reindex(features.index)
    # the default window, 90 days back to 2014-08-31: the clicks on Cmp3 (that very day), Cmp4, Cmp5, Response
    window = names(flags[CAMPAIGNS[2:]].sum(axis=1) > 0)
    assert (features.activity == window).all() and (window == "active").sum() == 570
    for (last, need), activity in by_campaigns.items():
        expected = names(flags[CAMPAIGNS[-last:]].sum(axis=1) >= need)
        assert (activity.reindex(expected.index) == expected).all(), (last, need)
    assert (by_campaigns[1, 1] == "active").sum() == 334  # the Response rate the data's README gives
    # temperature: nobody bought; a click at most 30 days before (Cmp5's on 2014-10-30, Response's) is warm
    warm = names(flags.AcceptedCmp5.eq(1) | flags.Response.eq(1), "warm", "cold")
    assert (features.temperature == warm).all()
