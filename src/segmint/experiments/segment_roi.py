"""Campaign ROI per targeted segment, for the segment KPIs (docs/metrics.md, `roi`).

For each campaign launched in a KPI period, every segment it targeted gets the campaign's incremental
revenue there ((revenue per treated recipient - per holdout recipient) x treated recipients) and its cost;
a segment's ROI sums them over the campaigns: (Σ incremental revenue - Σ cost) / Σ cost.
"""

from __future__ import annotations

import datetime as dt

from segmint.experiments.results import OVERALL, campaign_results


def launched_between(ws, start: dt.date, end: dt.date) -> list[str]:
    """Ids of campaigns launched on a day in (start, end], the KPI period's convention."""
    t = ws.table("campaigns")
    day = t.launched_at.date()
    picked = t.filter(t.launched_at.notnull(), day > start, day <= end).order_by("launched_at")
    return picked.campaign_id.to_pyarrow().to_pylist()


def segment_roi(ws, start: dt.date, end: dt.date) -> dict[str, dict]:
    """target segment -> campaigns, incremental_revenue, cost, roi; OVERALL sums every campaign."""
    totals: dict[str, dict] = {}
    for campaign_id in launched_between(ws, start, end):
        result = campaign_results(ws, campaign_id)
        for row in result.rows:
            if row["arm"] != result.treated_arm or "incremental_revenue" not in row:
                continue
            entry = totals.setdefault(
                row["segment"], {"campaigns": 0, "incremental_revenue": 0.0, "cost": 0.0}
            )
            entry["campaigns"] += 1
            entry["incremental_revenue"] += row["incremental_revenue"]
            entry["cost"] += row["cost"]
    for entry in totals.values():
        cost = entry["cost"]
        entry["roi"] = (entry["incremental_revenue"] - cost) / cost if cost > 0 else None
    return totals


__all__ = ["OVERALL", "launched_between", "segment_roi"]
