"""Notable facts about a set of segments, flagged automatically from their KPIs and membership history:
the most profitable, the highest churn risk, one buying mostly on discount, the fastest-shrinking."""

from __future__ import annotations

DISCOUNT_MOSTLY = 0.5  # "mostly on discount": more than half of the period's purchases had a discount
MIN_SIZE = 10  # groups smaller than this are too small to flag for churn or discounts


def _best(rows: dict[str, dict], key: str, *, highest: bool = True, min_size: int = 0):
    known = [
        (name, row[key]) for name, row in rows.items() if row.get(key) is not None and row["size"] >= min_size
    ]
    if not known:
        return None
    return (max if highest else min)(known, key=lambda item: item[1])


def insights(rows: dict[str, dict], changes: dict[str, dict] | None = None) -> list[dict]:
    """rows: segment -> KPIs (without the base); changes: segment -> {before, now, change, share_change,
    since}.
    Each insight: kind, segment, value, and a sentence saying why."""
    found = []
    best = _best(rows, "revenue")
    if best and best[1] > 0:
        name, value = best
        share = rows[name].get("revenue_share")
        found.append(
            {
                "kind": "most_profitable",
                "segment": name,
                "value": value,
                "message": f"{name} brings the most revenue in the period: {value:,.2f}"
                + (f" ({share:.0%} of all)" if share is not None else "")
                + " (no cost data: profit is ranked by revenue).",
            }
        )
    churn = _best(rows, "churn_probability", min_size=MIN_SIZE)
    basis = "mean predicted churn probability"
    if churn is None:
        churn, basis = _best(rows, "churn_rate", min_size=MIN_SIZE), "churn rate over the period"
    if churn is not None:
        name, value = churn
        found.append(
            {
                "kind": "highest_churn_risk",
                "segment": name,
                "value": value,
                "message": f"{name} has the highest churn risk: {basis} {value:.0%}.",
            }
        )
    discount = _best(rows, "discount_share", min_size=MIN_SIZE)
    if discount is not None and discount[1] > DISCOUNT_MOSTLY:
        name, value = discount
        found.append(
            {
                "kind": "mostly_on_discount",
                "segment": name,
                "value": value,
                "message": f"{name} buys mostly on discount: {value:.0%} of its purchases in the period.",
            }
        )
    sized = {n: {"size": c["before"], **c} for n, c in (changes or {}).items()}
    for measure in ("change", "share_change"):  # shrinking in members; else losing share of a growing base
        shrinking = _best(sized, measure, highest=False, min_size=MIN_SIZE)
        if shrinking is not None and shrinking[1] < 0:
            name, value = shrinking
            change = changes[name]
            how = "shrinks fastest" if measure == "change" else "loses its share of the customer base fastest"
            found.append(
                {
                    "kind": "fastest_shrinking",
                    "segment": name,
                    "value": value,
                    "measure": "size" if measure == "change" else "share",
                    "message": f"{name} {how}: {change['before']} → {change['now']} members "
                    f"({change['change']:+.0%}, share {change['share_change']:+.0%}) "
                    f"since {change['since']}.",
                }
            )
            break
    return found
