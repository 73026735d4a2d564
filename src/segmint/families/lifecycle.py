"""Lifecycle: where a customer stands in the buying life (prospect, new, active, lapsing, lapsed), and tenure.

Stages are checked in this order, so each customer gets exactly one:
prospect = never bought; new = first purchase at most new_days ago; active = last purchase at most
active_days ago; lapsing = at most lapsed_days ago; lapsed = longer ago. "At most N days ago" is the
rule language's `within = Nd` (the day N days before today counts).
"""

from __future__ import annotations

import ibis

from segmint.config import LifecycleSettings

STAGES = ("prospect", "new", "active", "lapsing", "lapsed")


def add_stage(table: ibis.Table, settings: LifecycleSettings, today: ibis.Value) -> ibis.Table:
    """lifecycle_stage and tenure_days on a summary table (see Inputs.summary)."""
    since_first = today.delta(table.first_purchase, unit="day")
    stage = ibis.cases(
        (table.frequency == 0, "prospect"),
        (since_first <= settings.new_days, "new"),
        (table.recency_days <= settings.active_days, "active"),
        (table.recency_days <= settings.lapsed_days, "lapsing"),
        else_="lapsed",
    )
    # A customer since the earlier of signing up and the first purchase (either may be unknown).
    signup, first = table.signup_date, table.first_purchase
    since = ibis.cases(
        (signup.isnull(), first), (first.isnull(), signup), (first < signup, first), else_=signup
    )
    return table.mutate(lifecycle_stage=stage, tenure_days=today.delta(since, unit="day"))
