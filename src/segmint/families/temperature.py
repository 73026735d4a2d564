"""Temperature: how close a customer is to buying now, from recent engagement and recency.

Checked in this order, with "recent" = at most window_days ago:
hot = a recent purchase, a recent hot event (a cart add), or at least hot_events recent engagement
events (visits, page views, cart adds, opens, clicks); warm = any recent engagement (so opens and visits
without a purchase make a customer warm), or a purchase at most warm_days ago; cold = everyone else.
"""

from __future__ import annotations

import ibis

from segmint.config import TemperatureSettings
from segmint.families.inputs import Inputs

GROUPS = ("cold", "warm", "hot")


def engagement(inputs: Inputs, settings: TemperatureSettings) -> ibis.Table:
    """customer_id -> engaged (recent engagement events), hot_signals (recent hot events)."""
    events = inputs.events
    recent = events.filter(events.date >= inputs.days_ago(settings.window_days))
    return recent.group_by("customer_id").aggregate(
        engaged=recent.count(where=recent.event_type.isin(settings.engagement_types)),
        hot_signals=recent.count(where=recent.event_type.isin(settings.hot_types)),
    )


def add_temperature(table: ibis.Table, inputs: Inputs, settings: TemperatureSettings) -> ibis.Table:
    joined = table.left_join(engagement(inputs, settings), "customer_id")
    engaged, hot_signals = joined.engaged.fill_null(0), joined.hot_signals.fill_null(0)
    recency = joined.recency_days
    temperature = ibis.cases(
        ((recency <= settings.window_days) | (hot_signals > 0) | (engaged >= settings.hot_events), "hot"),
        ((engaged > 0) | (recency <= settings.warm_days), "warm"),
        else_="cold",
    )
    return joined.select(*table.columns, temperature=temperature)
