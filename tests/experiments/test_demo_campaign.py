"""Acceptance: on the demo shop, a simulated campaign to two RFM groups whose purchase behaviour responds
to the message only in "At Risk" shows a significant uplift there and none in "Loyal".

The demo's own orders are the baseline behaviour of everyone (holdout and treated alike); the simulation
adds one purchase, with probability 0.2, for treated "At Risk" recipients only. The counts are checked
against pandas over the raw tables and the statistics against statsmodels."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

import segmint
from segmint import Workspace, build_demo
from segmint.experiments import HOLDOUT, ExperimentError
from segmint.experiments.results import OVERALL, campaign_results

from .simulate import simulate_campaign

LAUNCH = dt.datetime(2025, 7, 1, 9, 30)
WORKS, INERT = "rfm:At Risk", "rfm:Loyal"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("experiments-demo") / "ws"
    build_demo(path, n_customers=4_000, seed=23)
    ws = Workspace.open(path)
    segmint.refresh(ws, as_of=LAUNCH.date() - dt.timedelta(days=1))
    members = ws.raw.execute(
        "SELECT customer_id, 'rfm:' || group_name AS segment FROM membership_history "
        "WHERE kind = 'family' AND ref = 'rfm' AND valid_to IS NULL AND group_name IN (?, ?)",
        [WORKS.removeprefix("rfm:"), INERT.removeprefix("rfm:")],
    ).df()
    arms = simulate_campaign(ws, members, {WORKS: 0.2}, LAUNCH, campaign_id="reactivate", seed=4)
    yield ws, arms
    ws.close()


def _oracle(ws, arms: pd.DataFrame, days: int = 14) -> pd.DataFrame:
    """Per recipient: converted and revenue in [launch, launch + days), straight from the orders table."""
    orders = ws.raw.execute(
        "SELECT customer_id, ordered_at, CAST(total AS DOUBLE) AS total, status, is_guest FROM orders"
    ).df()
    kept = orders[
        orders.status.isin(["completed", "pending"])
        & ~orders.is_guest
        & (orders.ordered_at >= LAUNCH)
        & (orders.ordered_at < LAUNCH + dt.timedelta(days=days))
    ]
    spend = kept.groupby("customer_id")["total"].sum()
    out = arms[["customer_id", "segment", "arm"]].copy()
    out["revenue"] = out["customer_id"].map(spend).fillna(0.0)
    out["converted"] = out["customer_id"].isin(spend.index)
    return out


def test_uplift_only_where_the_message_works(shop):
    ws, _ = shop
    result = campaign_results(ws, "reactivate")
    works, inert = result.row(WORKS, "A"), result.row(INERT, "A")
    assert works["p_value"] < 0.05 and works["uplift_ci_low"] > 0
    assert works["probability_to_beat_control"] > 0.99
    assert inert["uplift_ci_low"] <= 0 <= inert["uplift_ci_high"]
    assert inert["p_value"] > 0.05
    assert 0.05 < inert["probability_to_beat_control"] < 0.95
    # the true effect, 0.2 x (1 - the baseline rate) roughly, lies inside the interval
    base = result.row(WORKS, HOLDOUT)["conversion_rate"]
    assert works["uplift_ci_low"] <= 0.2 * (1 - base) <= works["uplift_ci_high"]


def test_counts_and_statistics_match_pandas_and_statsmodels(shop):
    ws, arms = shop
    result = campaign_results(ws, "reactivate")
    truth = _oracle(ws, arms)
    truth_all = truth.assign(segment=OVERALL)
    for segment, frame in [(WORKS, truth), (INERT, truth), (OVERALL, truth_all)]:
        rows = frame[frame.segment == segment]
        by_arm = rows.groupby("arm").agg(
            n=("converted", "size"), x=("converted", "sum"), rev=("revenue", "mean")
        )
        for arm in (HOLDOUT, "A"):
            row = result.row(segment, arm)
            assert row["recipients"] == by_arm.loc[arm, "n"]
            assert row["conversions"] == by_arm.loc[arm, "x"]
            assert row["revenue_per_recipient"] == pytest.approx(by_arm.loc[arm, "rev"])
        t, c = by_arm.loc["A"], by_arm.loc[HOLDOUT]
        row = result.row(segment, "A")
        low, high = confint_proportions_2indep(t.x, t.n, c.x, c.n, method="newcomb", compare="diff")
        assert (row["uplift_ci_low"], row["uplift_ci_high"]) == pytest.approx((low, high))
        assert row["p_value"] == pytest.approx(proportions_ztest([t.x, c.x], [t.n, c.n])[1])
        # cost: every treated recipient was sent one message at 0.5
        assert row["sent"] == t.n and row["cost"] == pytest.approx(0.5 * t.n)
        incremental = (t.rev - c.rev) * t.n
        assert row["incremental_revenue"] == pytest.approx(incremental)
        assert row["roi"] == pytest.approx((incremental - 0.5 * t.n) / (0.5 * t.n))
    assert result.row(WORKS, HOLDOUT)["recipients"] == round(0.2 * (arms.segment == WORKS).sum())


def test_results_feed_the_segment_kpis(shop):
    ws, _ = shop
    from segmint.kpis import kpi_report

    result = campaign_results(ws, "reactivate")
    report = kpi_report(ws, family="rfm", end=LAUNCH.date() + dt.timedelta(days=30), days=60)
    rows = {row["name"]: row for row in report["segments"]}
    for segment in (WORKS, INERT):  # the family report names groups; the campaign targeted rfm:<group>
        assert rows[segment.removeprefix("rfm:")]["roi"] == pytest.approx(result.row(segment, "A")["roi"])
    assert report["base"]["roi"] == pytest.approx(result.row(OVERALL, "A")["roi"])
    named = kpi_report(ws, [WORKS], end=LAUNCH.date() + dt.timedelta(days=30), days=60)
    assert named["segments"][0]["roi"] == pytest.approx(result.row(WORKS, "A")["roi"])
    assert rows["Champions"]["roi"] is None and "no campaign" in rows["Champions"]["roi_note"]
    # a period before the launch holds no campaign
    before = kpi_report(ws, family="rfm", end=LAUNCH.date() - dt.timedelta(days=1), days=30)
    assert all(row["roi"] is None for row in before["segments"])


def test_a_campaign_not_launched_or_unknown_has_no_results(shop):
    ws, _ = shop
    with pytest.raises(ExperimentError, match="no campaign 'nope'"):
        campaign_results(ws, "nope")
    ws.raw.execute(
        "INSERT INTO campaigns (campaign_id, name, channel, created_at) VALUES (?, ?, ?, ?)",
        ["draft-1", "Draft", "sms", LAUNCH],
    )
    with pytest.raises(ExperimentError, match="has not been launched"):
        campaign_results(ws, "draft-1")
