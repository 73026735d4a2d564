"""`segmint refresh`: families and dynamic segments computed on a date and written into the history.

    >>> segmint.refresh(ws)                               # as of the reference date   # doctest: +SKIP
    >>> segmint.refresh(ws, as_of=dt.date(2011, 6, 30))   # as the data stood then     # doctest: +SKIP
    >>> segmint.refresh(ws, backfill="monthly")           # every month end, then today # doctest: +SKIP

A refresh is one transaction: it computes the features (every family) as of its date, stores them as the
`features` table the rules read when the date is the latest one computed, evaluates every dynamic segment
on one shared frame, and splices the membership into membership_history (see splice.py).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import asdict, dataclass, field

from segmint.history.evaluate import FEATURES_TEMP, compute_features, family_definitions, materialise
from segmint.history.evaluate import snapshot as fill_snapshot
from segmint.history.splice import drop_inputs, splice
from segmint.rules.context import reference_date
from segmint.segments.model import SegmentError, all_segments

BACKFILL = ("monthly", "weekly")


@dataclass
class RefreshSummary:
    as_of: dt.date  # the date of the last snapshot written (the reference date for a backfill)
    mode: str  # 'refresh', 'as-of' or 'backfill'
    dates: list[dt.date] = field(default_factory=list)
    customers: int = 0
    families: dict[str, dict[str, int]] = field(default_factory=dict)  # family -> group -> customers
    segments: dict[str, int] = field(default_factory=dict)  # dynamic segment name -> members
    entered: int = 0  # interval starts written (all dates together)
    exited: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        document = asdict(self)
        document["as_of"] = self.as_of.isoformat()
        document["dates"] = [day.isoformat() for day in self.dates]
        return document


def refresh(ws, as_of: dt.date | None = None, *, backfill: str | None = None) -> RefreshSummary:
    """Compute every family and dynamic segment as of `as_of` (default: the workspace's reference date)
    and record membership; with `backfill` ('monthly' or 'weekly') also at every period end from the
    first order on, so history starts with the data. All dates are written in one transaction."""
    clock = time.perf_counter()
    day = as_of or reference_date(ws)
    if backfill is not None and backfill not in BACKFILL:
        raise SegmentError(f"--backfill is 'monthly' or 'weekly', not {backfill!r}")
    dates = backfill_dates(ws, day, backfill) if backfill else [day]
    mode = "backfill" if backfill else ("as-of" if as_of else "refresh")
    summary = RefreshSummary(as_of=day, mode=mode, dates=dates)
    with ws.transaction():
        stored = features_date(ws)
        for date in dates:
            # the `features` table follows the latest date ever computed; write it once, for that date
            latest = date == dates[-1] and (stored is None or date >= stored)
            _refresh_on(ws, date, mode, summary, store_features=latest)
    summary.seconds = round(time.perf_counter() - clock, 3)
    return summary


def backfill_dates(ws, day: dt.date, every: str) -> list[dt.date]:
    """Period ends (month ends, or Sundays) from the first order's period up to `day`, then `day`."""
    first = ws.raw.execute(
        "SELECT min(ordered_at)::DATE FROM orders WHERE customer_id IS NOT NULL AND NOT is_guest"
    ).fetchone()[0]
    dates: list[dt.date] = []
    if first is not None:
        end = _period_end(first, every)
        while end < day:
            dates.append(end)
            end = _period_end(end + dt.timedelta(days=1), every)
    return [*dates, day]


def _period_end(day: dt.date, every: str) -> dt.date:
    if every == "weekly":
        return day + dt.timedelta(days=6 - day.weekday())
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def features_date(ws) -> dt.date | None:
    """The date the stored `features` table was computed for (the latest refresh), if any."""
    return ws.raw.execute("SELECT max(as_of) FROM refreshes WHERE mode <> 'segment'").fetchone()[0]


def _refresh_on(ws, day: dt.date, mode: str, summary: RefreshSummary, *, store_features: bool) -> None:
    raw, started = ws.raw, dt.datetime.now()
    families = family_definitions(ws)
    # the latest date's features become the stored `features` table directly (no copy); others stay temp
    features = "features" if store_features else FEATURES_TEMP
    materialise(ws, features, compute_features(ws, day), temp=not store_features)
    segments = {segment.name: segment for segment in all_segments(ws)}
    dynamic = [segment for segment in segments.values() if segment.kind == "dynamic"]
    fill_snapshot(ws, day, segments, dynamic, features=features, families=families)
    names = {segment.segment_id: segment.name for segment in dynamic}
    summary.families = {name: {} for name in families}
    summary.segments = {segment.name: 0 for segment in dynamic}
    for kind, ref, group, size in raw.execute(
        "SELECT kind, ref, group_name, count(*) FROM seg_snapshot GROUP BY ALL ORDER BY ALL"
    ).fetchall():
        if kind == "family":
            summary.families[ref][group] = int(size)
        else:
            summary.segments[names[ref]] = int(size)
    (customers,) = raw.execute(f"SELECT count(*) FROM {features}").fetchone()
    spliced = splice(raw, day)
    summary.customers = int(customers)
    summary.entered += spliced.entered
    summary.exited += spliced.exited
    raw.execute(
        "INSERT INTO refreshes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            uuid.uuid4().hex[:12],
            day,
            mode,
            started,
            dt.datetime.now(),
            customers,
            len(families),
            len(dynamic),
            spliced.entered,
            spliced.exited,
        ],
    )
    drop_inputs(raw)
    raw.execute(f"DROP TABLE IF EXISTS temp.{FEATURES_TEMP}")
