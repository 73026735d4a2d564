"""A campaign's measured results: conversion, revenue per recipient and uplift against its holdout, per
segment and variant and overall, with cost and ROI (docs/experiments.md).

A recipient converts when they make a purchase (an order the KPIs count: completed or pending, not a
guest's) in [launched_at, launched_at + attribution_days); holdout and treated recipients are measured
over the same window. A recipient a trigger added later is measured over the same number of days from its
assignment (its arm was drawn then, holdout or not). Cost is the campaign's sent messages (outbox state
'sent') x cost_per_message. The counts are Ibis aggregates over the workspace; the statistics on them come
from segmint.experiments.stats.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field

import ibis

from segmint.experiments.assign import HOLDOUT, ExperimentError
from segmint.experiments.stats import compare_means, compare_proportions, probability_to_beat, roi
from segmint.kpis.inputs import purchases
from segmint.store.survivors import merged_away

OVERALL = "All segments"
TREATED = "All variants"  # the variants pooled, when a campaign has more than one


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    name: str
    launched_at: dt.datetime
    attribution_days: int
    cost_per_message: float
    variants: list[str]


@dataclass
class CampaignResults:
    campaign: Campaign
    window_end: dt.datetime
    rows: list[dict] = field(default_factory=list)

    def row(self, segment: str, arm: str) -> dict:
        for row in self.rows:
            if row["segment"] == segment and row["arm"] == arm:
                return row
        raise KeyError((segment, arm))

    @property
    def treated_arm(self) -> str:
        """The arm that stands for 'messaged' in a segment: the only variant, or all variants pooled."""
        variants = self.campaign.variants
        return variants[0] if len(variants) == 1 else TREATED

    def to_dict(self) -> dict:
        c = self.campaign
        return {
            "campaign_id": c.campaign_id,
            "name": c.name,
            "launched_at": c.launched_at.isoformat(),
            "window_end": self.window_end.isoformat(),
            "attribution_days": c.attribution_days,
            "cost_per_message": c.cost_per_message,
            "variants": c.variants,
            "rows": self.rows,
        }


def load_campaign(ws, campaign_id: str) -> Campaign:
    t = ws.table("campaigns")
    rows = t.filter(t.campaign_id == campaign_id).to_pyarrow().to_pylist()
    if not rows:
        raise ExperimentError(f"no campaign {campaign_id!r}")
    row = rows[0]
    if row["launched_at"] is None:
        raise ExperimentError(f"campaign {row['name']!r} has not been launched: it has no results yet")
    variants = row["variants"]
    variants = json.loads(variants) if isinstance(variants, str) else list(variants or [])
    return Campaign(
        campaign_id=row["campaign_id"],
        name=row["name"],
        launched_at=row["launched_at"],
        attribution_days=int(row["attribution_days"]),
        cost_per_message=float(row["cost_per_message"] or 0),
        variants=variants,
    )


def _per_recipient(ws, campaign: Campaign) -> ibis.Table:
    """One row per recipient: segment, arm, converted (0/1), revenue in the window, messages sent (0/1),
    unsubscribed (0/1: an email_unsubscribe event attributed to this campaign, e.g. its one-click link)."""
    rec = ws.table("campaign_recipients")
    rec = rec.filter(rec.campaign_id == campaign.campaign_id)
    # a recipient a trigger added after the launch (campaigns.automation) is measured from its own
    # assignment, treated and holdout alike; the audience (assigned at creation) from the launch
    start = ibis.greatest(rec.assigned_at, ibis.literal(campaign.launched_at, type="timestamp"))
    windows = rec.select(
        "customer_id", start=start, end=start + ibis.interval(days=campaign.attribution_days)
    )
    # a recipient dedupe merged away buys as the record they were merged into, following every later merge
    # of it (A into B, then B into C): the merges repointed their orders there, and an import naming the
    # old id lands there too
    away = merged_away(ws)
    windows = windows.left_join(away, windows.customer_id == away.given).select(
        windows.customer_id,
        windows.start,
        windows.end,
        buyer=ibis.coalesce(away.customer_id, windows.customer_id),
    )
    bought = purchases(ws)
    bought = bought.join(
        windows,
        [
            bought.customer_id == windows.buyer,
            bought.ordered_at >= windows.start,
            bought.ordered_at < windows.end,
        ],
    ).select(customer_id=windows.customer_id, total=bought.total)
    spend = bought.group_by("customer_id").aggregate(window_revenue=bought.total.sum())
    out = ws.table("outbox")
    sent = out.filter(out.campaign_id == campaign.campaign_id, out.state == "sent")
    sent = sent.group_by("customer_id").aggregate(messages=sent.count())
    events = ws.table("events")
    left = events.filter(events.event_type == "email_unsubscribe", events.campaign_id == campaign.campaign_id)
    left = left.select(gone=left.customer_id).distinct()
    # a merged recipient's link records the unsubscribe for the record they were merged into
    link = windows.view()
    left = link.join(left, link.buyer == left.gone).select(link.customer_id).distinct()
    left = left.mutate(unsubscribed=ibis.literal(1, "int64"))
    j = rec.left_join(spend, "customer_id").left_join(sent, "customer_id").left_join(left, "customer_id")
    return j.select(
        segment=j.segment,
        arm=j.arm,
        converted=j.window_revenue.notnull().cast("int64"),
        revenue=j.window_revenue.fill_null(0.0),
        sent=j.messages.fill_null(0),
        unsubscribed=j.unsubscribed.fill_null(0),
    )


def _aggregate(per: ibis.Table, keys: list) -> list[dict]:
    agg = per.group_by(keys).aggregate(
        recipients=per.count(),
        conversions=per.converted.sum(),
        revenue=per.revenue.sum(),
        revenue_mean=per.revenue.mean(),
        revenue_var=per.revenue.var(how="sample"),
        sent=per.sent.sum(),
        unsubscribes=per.unsubscribed.sum(),
    )
    return agg.to_pyarrow().to_pylist()


def _counts(per: ibis.Table, pool_variants: bool) -> list[dict]:
    """Counted figures for every (segment, arm), overall too, and pooled variants when asked."""
    rows = _aggregate(per, ["segment", "arm"])
    rows += _aggregate(per.mutate(segment=ibis.literal(OVERALL)), ["segment", "arm"])
    if pool_variants:
        pooled = per.filter(per.arm != HOLDOUT).mutate(arm=ibis.literal(TREATED))
        rows += _aggregate(pooled, ["segment", "arm"])
        rows += _aggregate(pooled.mutate(segment=ibis.literal(OVERALL)), ["segment", "arm"])
    return rows


def _figures(row: dict, control: dict | None, cost_per_message: float) -> dict:
    n, x = int(row["recipients"]), int(row["conversions"] or 0)
    out = {
        "segment": row["segment"],
        "arm": row["arm"],
        "recipients": n,
        "conversions": x,
        "conversion_rate": x / n if n else None,
        "revenue": float(row["revenue"] or 0.0),
        "revenue_per_recipient": float(row["revenue_mean"] or 0.0),
        "sent": int(row["sent"] or 0),
        "cost": int(row["sent"] or 0) * cost_per_message,
        "unsubscribes": int(row["unsubscribes"] or 0),
        "unsubscribe_rate": int(row["unsubscribes"] or 0) / int(row["sent"]) if row["sent"] else None,
    }
    if row["arm"] == HOLDOUT:
        return out
    if control is None or not control["recipients"]:
        return {**out, "note": "no holdout in this segment: uplift cannot be measured"}
    n_c, x_c = int(control["recipients"]), int(control["conversions"] or 0)
    conv = compare_proportions(x, n, x_c, n_c)
    rev = compare_means(
        out["revenue_per_recipient"], float(row["revenue_var"] or 0.0), n,
        float(control["revenue_mean"] or 0.0), float(control["revenue_var"] or 0.0), n_c,
    )  # fmt: skip
    money = roi(out["revenue_per_recipient"], float(control["revenue_mean"] or 0.0), n, out["cost"])
    return {
        **out,
        "uplift": conv.difference,
        "uplift_ci_low": conv.ci_low,
        "uplift_ci_high": conv.ci_high,
        "p_value": conv.p_value,
        "uplift_method": "Newcombe hybrid score 95% interval; pooled two-proportion z-test",
        "probability_to_beat_control": probability_to_beat(x, n, x_c, n_c),
        "revenue_uplift_per_recipient": rev.difference,
        "revenue_uplift_ci_low": rev.ci_low,
        "revenue_uplift_ci_high": rev.ci_high,
        "revenue_p_value": rev.p_value,
        "incremental_revenue": money.incremental_revenue,
        "roi": money.roi,
    }


def campaign_results(ws, campaign_id: str) -> CampaignResults:
    """Results of a launched campaign, one row per (segment, arm) plus the "All segments" rows."""
    campaign = load_campaign(ws, campaign_id)
    window_end = campaign.launched_at + dt.timedelta(days=campaign.attribution_days)
    per = _per_recipient(ws, campaign)
    counts = _counts(per, pool_variants=len(campaign.variants) > 1)
    holdouts = {row["segment"]: row for row in counts if row["arm"] == HOLDOUT}
    order = {arm: i for i, arm in enumerate([HOLDOUT, *campaign.variants, TREATED])}
    counts.sort(key=lambda r: (r["segment"] == OVERALL, r["segment"], order.get(r["arm"], len(order))))
    rows = [_figures(row, holdouts.get(row["segment"]), campaign.cost_per_message) for row in counts]
    return CampaignResults(campaign, window_end, [_no_nan(row) for row in rows])


def _no_nan(row: dict) -> dict:
    """NaN (an arm too small for a figure) as None, so the JSON stays JSON."""
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
