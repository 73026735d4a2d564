"""The dashboard's insights in the interface language. segmint.kpis.insights writes each one's sentence in
English; the UI words them again from their kind and figures, and falls back to that sentence for a kind
it does not know."""

from __future__ import annotations

from collections.abc import Callable

from segmint.web.render import number, percent


def worded(item: dict, report: dict, t: Callable[..., str]) -> str:
    kind, name, value = item.get("kind"), item.get("segment"), item.get("value")
    rows = {row["name"]: row for row in report.get("segments", [])}
    if kind == "most_profitable":
        share = rows.get(name, {}).get("revenue_share")
        return t("insight_profitable", segment=name, value=number(value, 2), share=percent(share, 0))
    if kind == "highest_churn_risk":
        return t("insight_churn", segment=name, value=percent(value, 0))
    if kind == "mostly_on_discount":
        return t("insight_discount", segment=name, value=percent(value, 0))
    change = report.get("size_changes", {}).get(name)
    if kind == "fastest_shrinking" and change:
        key = "insight_shrinking" if item.get("measure") == "size" else "insight_losing_share"
        return t(
            key,
            segment=name,
            before=change["before"],
            now=change["now"],
            change=f"{change['change']:+.0%}",
            share=f"{change['share_change']:+.0%}",
            since=change["since"],
        )
    return item.get("message", "")
