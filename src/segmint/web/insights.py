"""The dashboard's insights in the interface language. segmint.kpis.insights writes each one's sentence in
English; the UI words them again from their kind and figures, and falls back to that sentence for a kind
it does not know."""

from __future__ import annotations

from collections.abc import Callable

from segmint import localize
from segmint.web.render import number, percent


def worded(item: dict, report: dict, t: Callable[..., str], lang: str = "en") -> str:
    """The insight's sentence in `lang`, its figures written as `lang` writes numbers."""
    kind, name, value = item.get("kind"), item.get("segment"), item.get("value")
    rows = {row["name"]: row for row in report.get("segments", [])}
    if kind == "most_profitable":
        share = rows.get(name, {}).get("revenue_share")
        return t(
            "insight_profitable", segment=name, value=number(value, 2, lang), share=percent(share, 0, lang)
        )
    if kind == "highest_churn_risk":
        return t("insight_churn", segment=name, value=percent(value, 0, lang))
    if kind == "mostly_on_discount":
        return t("insight_discount", segment=name, value=percent(value, 0, lang))
    change = report.get("size_changes", {}).get(name)
    if kind == "fastest_shrinking" and change:
        key = "insight_shrinking" if item.get("measure") == "size" else "insight_losing_share"
        return t(
            key,
            segment=name,
            before=number(change["before"], 0, lang),
            now=number(change["now"], 0, lang),
            change=localize.percent(change["change"], 0, lang, space="", signed=True),
            share=localize.percent(change["share_change"], 0, lang, space="", signed=True),
            since=change["since"],
        )
    return item.get("message", "")
