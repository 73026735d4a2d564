"""The KPIs computed independently in pandas, straight from the definitions in docs/metrics.md.

Inputs are plain frames: purchases (customer_id, order_id, ordered_at, total, discounted), the live
customer ids, survey answers (customer_id, occurred_at, nps_score), optional predictions
(customer_id, clv_12m, churn_probability) and messages sent (customer_id, occurred_at).
Nothing here calls segmint.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd


def _in(frame: pd.DataFrame, column: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    day = frame[column].dt.normalize()
    return frame[(day > pd.Timestamp(start)) & (day <= pd.Timestamp(end))]


def kpis(
    members: set[str],
    everyone: set[str],
    purchases: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    surveys: pd.DataFrame | None = None,
    predictions: pd.DataFrame | None = None,
    sends: pd.DataFrame | None = None,
) -> dict:
    history = purchases[purchases.ordered_at.dt.normalize() <= pd.Timestamp(end)]
    period = _in(history, "ordered_at", start, end)
    mine = period[period.customer_id.isin(members)]
    allp = period[period.customer_id.isin(everyone)]
    size, orders, revenue = len(members), len(mine), float(mine.total.sum())
    buyers = mine.customer_id.nunique()
    previous_start = start - (end - start)
    before = set(_in(history, "ordered_at", previous_start, start).customer_id) & members
    retained = before & set(period.customer_id)
    ordered = history.sort_values(["customer_id", "ordered_at", "order_id"])
    gaps = ordered.assign(
        gap=ordered.groupby("customer_id").ordered_at.diff().dt.total_seconds() / 86_400
    ).dropna(subset=["gap"])
    gaps = _in(gaps, "ordered_at", start, end)
    gaps = gaps[gaps.customer_id.isin(members)]
    result = {
        "size": size,
        "share": size / len(everyone),
        "revenue": revenue,
        "revenue_share": revenue / float(allp.total.sum()),
        "orders": orders,
        "buyers": buyers,
        "aov": revenue / orders if orders else None,
        "purchase_frequency": orders / buyers if buyers else None,
        "days_between_orders": float(gaps.gap.mean()) if len(gaps) else None,
        "conversion_rate": buyers / size if size else None,
        "retention_rate": len(retained) / len(before) if before else None,
        "active_previous_period": len(before),
        "discount_share": float(mine.discounted.mean()) if orders else None,
        "historical_clv": float(history[history.customer_id.isin(members)].total.sum()) / size
        if size
        else None,
    }
    result["churn_rate"] = None if result["retention_rate"] is None else 1 - result["retention_rate"]
    if sends is not None:
        sent = _in(sends, "occurred_at", start, end)
        first = sent[sent.customer_id.isin(members)].groupby("customer_id").occurred_at.min()
        after = period.merge(first.rename("first_sent").reset_index(), on="customer_id")
        converted = after[after.ordered_at >= after.first_sent].customer_id.nunique()
        result["reached"] = len(first)
        result["campaign_conversion_rate"] = converted / len(first) if len(first) else None
    if surveys is not None:
        answers = _in(surveys, "occurred_at", start, end)
        answers = answers[answers.customer_id.isin(members)]
        n = len(answers)
        promoters, detractors = (answers.nps_score >= 9).sum(), (answers.nps_score <= 6).sum()
        result["nps"] = 100 * (promoters - detractors) / n if n else None
        result["nps_responses"] = n
    if predictions is not None:
        p = predictions[predictions.customer_id.isin(members)]
        result["predicted_clv"] = float(p.clv_12m.mean()) if p.clv_12m.notna().any() else None
        # BG/NBD cannot see a one-time buyer drop out: only repeat buyers (two purchase days or more, up to
        # the end: the predictions of that date saw those) have an estimated churn probability
        days = history.assign(day=history.ordered_at.dt.normalize()).groupby("customer_id").day.nunique()
        estimated = p[p.customer_id.isin(days.index[days > 1]) & p.churn_probability.notna()]
        result["churn_probability"] = float(estimated.churn_probability.mean()) if len(estimated) else None
        result["churn_probability_customers"] = len(estimated)
    return result


def cohorts(purchases: pd.DataFrame, end: dt.date) -> dict[str, tuple[int, list[float]]]:
    """cohort YYYY-MM -> (customers, retention by month offset up to end's month)."""
    kept = purchases[purchases.ordered_at.dt.normalize() <= pd.Timestamp(end)]
    month = kept.ordered_at.dt.year * 12 + kept.ordered_at.dt.month - 1
    frame = pd.DataFrame({"customer_id": kept.customer_id, "month": month}).drop_duplicates()
    frame["cohort"] = frame.groupby("customer_id").month.transform("min")
    frame["offset"] = frame.month - frame.cohort
    table = frame.pivot_table(index="cohort", columns="offset", values="customer_id", aggfunc="nunique")
    last = end.year * 12 + end.month - 1
    result = {}
    for cohort, row in table.iterrows():
        size = int(row[0])
        counts = [0 if np.isnan(row.get(k, np.nan)) else row[k] for k in range(last - cohort + 1)]
        result[f"{cohort // 12:04d}-{cohort % 12 + 1:02d}"] = (size, [c / size for c in counts])
    return result


def assert_close(ours: dict, expected: dict, label: str) -> None:
    """Every expected figure equals ours (None where nothing is defined)."""
    for key, value in expected.items():
        got = ours[key]
        if value is None:
            assert got is None, f"{label} {key}: expected nothing, got {got}"
        else:
            assert got is not None, f"{label} {key}: expected {value}, got nothing"
            assert abs(got - value) <= 1e-9 * max(1.0, abs(value)), f"{label} {key}: {got} != {value}"
