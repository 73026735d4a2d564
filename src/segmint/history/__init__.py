"""Membership over time: refreshes write an interval table; queries ask who entered or left, how long
customers stay, and how they move between the groups of a family. docs/segments.md describes them.

    >>> segmint.refresh(ws, backfill="monthly")                                         # doctest: +SKIP
    >>> a, b = dt.date(2011, 1, 31), dt.date(2011, 12, 9)
    >>> segmint.history.transition_matrix(ws, "rfm", a, b)                              # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt

import ibis

from segmint.history import queries
from segmint.history.queries import family_group, lookup
from segmint.history.refresh import RefreshSummary, backfill_dates, refresh
from segmint.rules.dates import as_date
from segmint.segments.model import SegmentError


def membership_on(ws, name: str, day: dt.date | None = None, group: str | None = None) -> ibis.Table:
    """customer_id, group_name of a family's or segment's members on `day` (default: the last snapshot).
    A `family:group` name ("rfm:Champions") is the family with that group, as with `group` (family_group)."""
    name, group = family_group(ws, name, group)
    return queries.membership_on(ws, lookup(ws, name), day, group)


def movements(ws, name: str, start: dt.date, end: dt.date | None = None, group: str | None = None):
    """Who entered and left between two dates: customer_id, group_name, movement, date. The dates may
    be text ("2025-06-30"); an end before the start is refused (it gave an empty table, silently)."""
    start, end = _span(start, end, "movements", "movements run from start to end")
    name, group = family_group(ws, name, group)
    return queries.movements(ws, lookup(ws, name), start, end, group)


def stays(ws, name: str, group: str | None = None) -> ibis.Table:
    """Every stay in a segment or family group with its length in days (ongoing ones so far)."""
    name, group = family_group(ws, name, group)
    return queries.stays(ws, lookup(ws, name), group)


def stay_summary(ws, name: str, group: str | None = None) -> ibis.Table:
    """Per group: number of stays, ongoing ones, mean / median / longest days."""
    name, group = family_group(ws, name, group)
    return queries.stay_summary(ws, lookup(ws, name), group)


def transitions(ws, family: str, start: dt.date, end: dt.date) -> ibis.Table:
    """from_group, to_group, customers: each customer's group on `start` against `end`. The dates may be
    text; an end before the start is refused, as `segments transitions` refuses it."""
    start, end = _span(start, end, "transitions", _LATER_END, end_needed=True)
    return queries.transitions(ws, lookup(ws, family), start, end)


def transition_matrix(ws, family: str, start: dt.date, end: dt.date) -> dict:
    """The transitions as {name, from, to, groups, matrix} with matrix[i][j] customers. The dates may be
    text; an end before the start is refused (it gave the matrix of `end` against a later `start`, as if
    time ran backwards, and text dates a TypeError after the whole query had run)."""
    start, end = _span(start, end, "transitions", _LATER_END, end_needed=True)
    return queries.transition_matrix(ws, lookup(ws, family), start, end)


_LATER_END = "transitions compare the start with a later end"


def _span(start, end, what: str, why: str, end_needed: bool = False) -> tuple[dt.date, dt.date | None]:
    """The start and end of a question about movement read by `as_date` (a date, a datetime or text),
    in order: an end before the start is refused with the code the CLI and the API give it too."""
    start, end = as_date(start, "start"), as_date(end, "end")
    if start is None or (end_needed and end is None):
        raise TypeError(f"{what} needs a start{' and an end' if end_needed else ''} date")
    if end is not None and end < start:
        raise SegmentError(
            f"the end {end} is before the start {start}: {why}",
            code="dates.end_before_start",
            params={"start": str(start), "end": str(end)},
        )
    return start, end


__all__ = [
    "RefreshSummary",
    "backfill_dates",
    "membership_on",
    "movements",
    "refresh",
    "stay_summary",
    "stays",
    "transition_matrix",
    "transitions",
]
