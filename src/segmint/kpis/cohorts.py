"""Monthly acquisition-cohort retention: customers grouped by the month of their first purchase, and the
share of each cohort buying again in each later month (month 0 = the first purchase month, always 1).
"""

from __future__ import annotations

import datetime as dt

import ibis

from segmint.kpis.inputs import purchases


def _month_number(day: ibis.Value) -> ibis.Value:
    return day.year() * 12 + day.month() - 1


def cohort_retention(
    ws, end: dt.date, members: ibis.Table | None = None, months: int | None = None
) -> list[dict]:
    """One entry per cohort month up to `end`: cohort (YYYY-MM), customers, and retention[k] = the share
    of the cohort with a purchase in month cohort + k, for every month up to `end`'s (at most `months`
    columns). With `members` (a customer_id table), only those customers' cohorts."""
    bought = purchases(ws)
    bought = bought.filter(bought.day <= ibis.literal(end, type="date"))
    if members is not None:
        bought = bought.semi_join(members.select("customer_id").distinct(), "customer_id")
    monthly = bought.select("customer_id", month=_month_number(bought.day)).distinct()
    first = monthly.group_by("customer_id").aggregate(cohort=monthly.month.min())
    active = monthly.join(first, "customer_id")
    offset = (active.month - active.cohort).name("offset")
    counts = active.group_by([active.cohort, offset]).aggregate(customers=active.customer_id.nunique())
    rows = counts.order_by(["cohort", "offset"]).to_pyarrow().to_pylist()
    last = end.year * 12 + end.month - 1
    table: dict[int, dict] = {}
    for row in rows:
        entry = table.setdefault(row["cohort"], {"sizes": {}})
        entry["sizes"][row["offset"]] = row["customers"]
    result = []
    for cohort, entry in sorted(table.items()):
        size = entry["sizes"][0]
        width = last - cohort + 1 if months is None else min(last - cohort + 1, months)
        retention = [entry["sizes"].get(k, 0) / size for k in range(width)]
        result.append(
            {"cohort": f"{cohort // 12:04d}-{cohort % 12 + 1:02d}", "customers": size, "retention": retention}
        )
    return result
