"""campaign_results on a bare workspace: A/B variants, the pooled row, and segments too small to measure."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from segmint.experiments import HOLDOUT
from segmint.experiments.results import OVERALL, TREATED, campaign_results

from .simulate import simulate_campaign

LAUNCH = dt.datetime(2026, 3, 2, 10, 0)


@pytest.fixture
def ab(workspace):
    members = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(2_004)],
            "segment": ["big"] * 2_000 + ["tiny"] + ["pair"] * 3,
        }
    )
    arms = simulate_campaign(
        workspace, members, {("big", "A"): 0.3}, LAUNCH, variants=("A", "B"), holdout_share=0.2, seed=9
    )
    return workspace, arms


def test_variant_a_works_b_does_not(ab):
    ws, arms = ab
    result = campaign_results(ws, "sim-1")
    a, b, pooled = result.row("big", "A"), result.row("big", "B"), result.row("big", TREATED)
    # nobody buys without the message here, so the holdout converts 0%
    assert result.row("big", HOLDOUT)["conversions"] == 0
    assert a["uplift_ci_low"] > 0 and a["p_value"] < 1e-6
    assert b["conversions"] == 0 and b["uplift"] == 0 and b["p_value"] == 1.0
    assert b["uplift_ci_low"] < 0 < b["uplift_ci_high"]
    assert pooled["recipients"] == a["recipients"] + b["recipients"]
    assert pooled["conversions"] == a["conversions"]
    assert result.treated_arm == TREATED
    big = arms[arms.segment == "big"]
    assert a["recipients"] == (big.arm == "A").sum() and a["conversions"] == big.responded.sum()
    assert a["revenue_uplift_ci_low"] > 0
    # B's cost with no extra revenue: ROI is -1
    assert b["roi"] == pytest.approx(-1.0)


def test_small_segments_say_what_they_cannot_measure(ab):
    ws, _ = ab
    result = campaign_results(ws, "sim-1")
    tiny = [r for r in result.rows if r["segment"] == "tiny"]
    assert [r["arm"] for r in tiny] == ["A", TREATED]  # 1 member: held out round(0.2) = 0
    assert all("no holdout" in r["note"] and "uplift" not in r for r in tiny)
    pair_a = result.row("pair", "A")  # one recipient: no variance, so no Welch figures
    assert pair_a["recipients"] == 1 and pair_a["revenue_uplift_ci_low"] is None
    json.dumps(result.to_dict(), allow_nan=False)  # NaN never reaches the JSON
    order = [(r["segment"], r["arm"]) for r in result.rows]
    assert order[-4:] == [(OVERALL, HOLDOUT), (OVERALL, "A"), (OVERALL, "B"), (OVERALL, TREATED)]
