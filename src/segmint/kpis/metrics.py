"""Segment KPIs: one row of figures per member set, every figure an Ibis aggregate over the workspace.

    >>> kpis = segment_kpis(ws, family_members(ws, "rfm"), default_period(ws))   # doctest: +SKIP

The formulas are in docs/metrics.md; each figure below names its line there. The shares are of the base
(every live customer, and their purchases in the period), computed by the same expressions.
"""

from __future__ import annotations

import datetime as dt

import ibis

from segmint.families.activity import SEND_TYPES
from segmint.kpis.inputs import ALL, Period, base_members, predictions, purchases, within

NO_CAMPAIGN_NOTE = "no campaign aimed at this segment was launched in the period"
PROMOTER, DETRACTOR = 9, 6  # NPS: 9-10 promoters, 0-6 detractors


def _fetch(expr: ibis.Table) -> dict[str, dict]:
    return {row.pop("segment"): row for row in expr.to_pyarrow().to_pylist()}


def _exact_sum(amounts: ibis.Value) -> ibis.Value:
    """Σ of DECIMAL amounts, exact, then as a float: the revenue of 182669.27 is 182669.27 on every run.
    Summed as floats it came out 182669.26999999996 on one run and 182669.27 on the next."""
    return amounts.sum().cast("float64")


def _sales(members: ibis.Table, bought: ibis.Table) -> ibis.Table:
    j = members.join(bought, "customer_id")
    return j.group_by("segment").aggregate(
        revenue=_exact_sum(j.amount),
        orders=j.count(),
        buyers=j.customer_id.nunique(),
        discounted_orders=j.discounted.sum(),
    )


def _gaps(history: ibis.Table, period: Period) -> ibis.Table:
    """Days from each purchase to the customer's next one, for the next ones inside the period."""
    w = ibis.window(group_by="customer_id", order_by=["ordered_at", "order_id"])
    before = history.mutate(previous=history.ordered_at.lag().over(w))
    gaps = before.filter(before.previous.notnull()).mutate(
        gap=(before.ordered_at.epoch_seconds() - before.previous.epoch_seconds()) / 86_400.0
    )
    return within(gaps, period)


def _retention(members: ibis.Table, history: ibis.Table, period: Period) -> ibis.Table:
    """Members who bought in the previous period (at risk of churning), and how many bought again."""
    before = within(history, period.previous()).select("customer_id").distinct()
    again = within(history, period).select("customer_id").distinct().mutate(again=ibis.literal(1))
    cohort = members.join(before, "customer_id").join(again, "customer_id", how="left")
    return cohort.group_by("segment").aggregate(
        active_before=cohort.count(), retained=cohort.again.notnull().sum()
    )


def _nps(ws, members: ibis.Table, period: Period) -> ibis.Table:
    events = ws.table("events")
    answers = events.filter(events.event_type == "survey_answer", events.nps_score.notnull())
    answers = within(answers.mutate(day=answers.occurred_at.date()), period)
    j = members.join(answers.select("customer_id", "nps_score"), "customer_id")
    return j.group_by("segment").aggregate(
        responses=j.count(),
        promoters=(j.nps_score >= PROMOTER).sum(),
        detractors=(j.nps_score <= DETRACTOR).sum(),
    )


def _reached(ws, members: ibis.Table, bought: ibis.Table, period: Period) -> ibis.Table:
    """Members sent a message (email or SMS) in the period, and how many of them bought after the first."""
    events = ws.table("events")
    sends = events.filter(events.event_type.isin(SEND_TYPES), events.customer_id.notnull())
    sends = within(sends.mutate(day=sends.occurred_at.date()), period)
    first = sends.group_by("customer_id").aggregate(first_sent=sends.occurred_at.min())
    after = bought.join(first, "customer_id")
    after = after.filter(after.ordered_at >= after.first_sent).select("customer_id").distinct()
    j = members.join(first, "customer_id").join(
        after.mutate(bought=ibis.literal(1)), "customer_id", how="left"
    )
    return j.group_by("segment").aggregate(reached=j.count(), reached_bought=j.bought.notnull().sum())


def _predicted(members: ibis.Table, table: ibis.Table) -> ibis.Table:
    """CLV of the members with a prediction; churn of those whose churn the model estimates. BG/NBD sets
    a one-time buyer's p_alive to exactly 1 by construction (docs/clv.md): averaged in as no risk at all,
    those zeros made Lost (mostly one-time buyers, 100% churn) look the safest group."""
    j = members.join(table, "customer_id")
    estimated = j.p_alive < 1
    clv_total, clv_count = fsum(j.clv_12m), j.clv_12m.count()
    churn_total = fsum(j.churn_probability, where=estimated)
    churn_count = j.churn_probability.count(where=estimated)
    return j.group_by("segment").aggregate(
        predicted_clv_total=clv_total,
        predicted_clv_mean=clv_total / clv_count.nullif(0),
        churn_probability_mean=churn_total / churn_count.nullif(0),
        churn_estimated=churn_count,
        predicted_customers=clv_count,
    )


@ibis.udf.agg.builtin
def fsum(x: float) -> float:  # type: ignore[empty-body]
    """DuckDB's Kahan-Babuska sum of a DOUBLE column: the same bits in whatever order the join hands the
    rows over. A plain SUM or AVG of the predictions differed in the last bits between two runs (the CLI's
    and the library's figures of one workspace: 0.6650603684917026 against ...024)."""


def raw_figures(
    ws, members: ibis.Table, period: Period, predicted: ibis.Table | None = None
) -> dict[str, dict]:
    """segment -> the counted sums the KPIs are ratios of (one Ibis query per kind of figure);
    `predicted`: the CLV predictions to sum (inputs.predictions), none when None."""
    history = purchases(ws).filter(lambda t: t.day <= ibis.literal(period.end, type="date"))
    bought = within(history, period)
    sizes = _fetch(members.group_by("segment").aggregate(size=members.count()))
    lifetime = members.join(history, "customer_id")
    parts = [
        _fetch(_sales(members, bought)),
        _fetch(lifetime.group_by("segment").aggregate(lifetime_revenue=_exact_sum(lifetime.amount))),
        _fetch(_retention(members, history, period)),
        _fetch(_nps(ws, members, period)),
        _fetch(_reached(ws, members, bought, period)),
    ]
    gaps = members.join(_gaps(history, period).select("customer_id", "gap"), "customer_id")
    parts.append(
        _fetch(gaps.group_by("segment").aggregate(gap_mean=fsum(gaps.gap) / gaps.count(), gaps=gaps.count()))
    )
    if predicted is not None:
        parts.append(_fetch(_predicted(members, predicted)))
    figures = {}
    for segment, row in sizes.items():
        merged = dict(row)
        for part in parts:
            merged.update(part.get(segment, {}))
        figures[segment] = merged
    return figures


def _ratio(top, bottom) -> float | None:
    return None if not bottom or top is None else float(top) / float(bottom)


def kpis_from(figures: dict, base: dict) -> dict:
    """The KPI document of one member set from its counted figures and the base's."""
    size, orders, revenue = figures.get("size", 0), figures.get("orders", 0), figures.get("revenue") or 0.0
    buyers, responses = figures.get("buyers", 0), figures.get("responses", 0)
    active, retained = figures.get("active_before", 0), figures.get("retained", 0)
    retention = _ratio(retained, active)
    nps = None
    if responses:
        nps = 100.0 * (figures.get("promoters", 0) - figures.get("detractors", 0)) / responses
    return {
        "size": size,
        "share": _ratio(size, base.get("size")),
        "revenue": float(revenue),
        "revenue_share": _ratio(revenue, base.get("revenue")),
        "orders": orders,
        "buyers": buyers,
        "aov": _ratio(revenue, orders),
        "purchase_frequency": _ratio(orders, buyers),
        "days_between_orders": figures.get("gap_mean"),
        "conversion_rate": _ratio(buyers, size),
        "reached": figures.get("reached", 0),
        "campaign_conversion_rate": _ratio(figures.get("reached_bought", 0), figures.get("reached", 0)),
        "retention_rate": retention,
        "churn_rate": None if retention is None else 1.0 - retention,
        "active_previous_period": active,
        "discount_share": _ratio(figures.get("discounted_orders", 0), orders),
        "historical_clv": _ratio(figures.get("lifetime_revenue") or 0.0, size),
        "predicted_clv": figures.get("predicted_clv_mean"),
        "predicted_clv_total": figures.get("predicted_clv_total"),
        "churn_probability": figures.get("churn_probability_mean"),
        "churn_probability_customers": figures.get("churn_estimated", 0),
        "nps": nps,
        "nps_responses": responses,
        "roi": None,
        "roi_note": NO_CAMPAIGN_NOTE,  # until _campaign_roi finds one
    }


def _campaign_roi(ws, result: dict[str, dict], period: Period, family: str | None) -> None:
    """Fill `roi` from the campaigns launched in the period that targeted each segment (by its name, or
    family:group for a family's groups); "All customers" gets every such campaign."""
    from segmint.experiments.segment_roi import OVERALL, segment_roi

    by_target = segment_roi(ws, period.start, period.end)
    groups = _groups(ws, family)
    for name, row in result.items():
        if name == ALL:
            key = OVERALL
        elif groups is not None:  # a group of the family listed, else a segment named in the report
            key = f"{family}:{name}" if name in groups else name
        else:
            key = name if name in by_target else f"{family}:{name}"
        found = by_target.get(key)
        if found is None:
            row["roi_note"] = NO_CAMPAIGN_NOTE
        else:
            row["roi"] = found["roi"]
            row["roi_note"] = (
                f"{found['campaigns']} campaign(s): incremental revenue {found['incremental_revenue']:.2f}, "
                f"cost {found['cost']:.2f}"
            )


def _groups(ws, family: str | None) -> set[str] | None:
    """The family's groups, when it names them (not the clusters'): a report listing the family cannot
    name a segment like one of them ("a segment is named twice"), so such a row is the family's group,
    and its campaigns are those that targeted family:group, not a user segment of the same name (VIP)."""
    if family is None:
        return set()
    from segmint.history.queries import lookup

    groups = lookup(ws, family).groups
    return None if groups is None else set(groups)


def segment_kpis(
    ws, members: ibis.Table, period: Period, family: str | None = None, members_on: dt.date | None = None
) -> dict[str, dict]:
    """segment -> its KPIs over `period`, with "All customers" (the base) as the last entry. The base is
    the customers on `members_on`, the day the members were computed on (default: the period's end): a
    family's groups then add up to it, also for a period ending between two refreshes."""
    predicted, predicted_on = predictions(ws, period.end)
    figures = raw_figures(ws, members, period, predicted)
    base = raw_figures(ws, base_members(ws, members_on or period.end), period, predicted).get(ALL, {})
    result = {name: kpis_from(row, base) for name, row in figures.items() if name != ALL}
    result[ALL] = kpis_from(base, base)
    for row in result.values():
        row["predictions_as_of"] = predicted_on and predicted_on.isoformat()
    _campaign_roi(ws, result, period, family)
    return result
