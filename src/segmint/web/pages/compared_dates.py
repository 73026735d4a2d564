"""The two computed dates a page compares (a family's transitions, a segment's movement): chosen in the
page's form, by default the first and the last the history has."""

from __future__ import annotations

import datetime as dt


def compared_dates(
    dates: list[dt.date], start: str, end: str, not_computed: str
) -> tuple[tuple[dt.date | None, dt.date | None], str | None]:
    """(start, end) as chosen and the key of the page's refusal, or None when both are computed dates in
    order: `not_computed` when one is not a date the history has (a transition needs both states),
    "transitions_order" when they are not in order. Call with two dates or more."""
    chosen = (_day(start) if start else dates[0], _day(end) if end else dates[-1])
    if any(day not in dates for day in chosen):
        return chosen, not_computed
    if chosen[0] >= chosen[1]:
        return chosen, "transitions_order"
    return chosen, None


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
