"""What the KPIs read, as Ibis expressions over the workspace: purchases, the period, and member sets.

A member set is a table of (segment, customer_id): a user segment's members, a family group's members
(as the last refresh stored them in membership_history), or every live customer (the base the shares
are taken of). docs/metrics.md defines the terms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis

from segmint.errors import CodedError
from segmint.rules.context import reference_date
from segmint.rules.fields import PURCHASE_STATUSES

ALL = "All customers"
MAX_DAYS = 3650  # the longest period, ten years: for the CLI and the REST API alike


class KpiError(CodedError):
    """A KPI request that cannot be answered (unknown segment, no refresh yet, bad period). Its `code` and
    `params` word it in uk and ru (web/kpi_errors.py); an unknown segment keeps the SegmentError's code and
    params, and is worded as that error (its __cause__)."""


@dataclass(frozen=True)
class Period:
    """The days (start, end]: after `start`, up to and including `end` (the reference date)."""

    start: dt.date
    end: dt.date

    @classmethod
    def ending(cls, end: dt.date, days: int) -> Period:
        """`days` days up to `end`, refused with a coded error unless 1 <= days <= MAX_DAYS and the period
        before it (retention compares with it) starts after 0001-01-01: an unchecked --days 400000 or
        --as-of 0001-06-01 ended in an OverflowError traceback."""
        if days < 1:
            raise KpiError(
                f"the period must be at least 1 day, not {days}", code="kpi.period", params={"days": days}
            )
        if days > MAX_DAYS:
            raise KpiError(
                f"the period must be at most {MAX_DAYS} days, not {days}",
                code="kpi.period.long",
                params={"days": days, "max": MAX_DAYS},
            )
        if end.toordinal() - 2 * days < dt.date.min.toordinal():
            raise KpiError(
                f"the period of {days} days ending {end}, and the one before it that it is compared with, "
                f"would start before {dt.date.min}: name a later --as-of or fewer --days",
                code="kpi.period.early",
                params={"days": days, "end": end.isoformat()},
            )
        return cls(end - dt.timedelta(days=days), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.start - dt.timedelta(days=self.days), self.start)

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "days": self.days}


def default_period(ws, days: int = 365, end: dt.date | None = None) -> Period:
    return Period.ending(end or reference_date(ws), days)


def purchases(ws) -> ibis.Table:
    """Purchases as the rule language counts them: orders of known, non-guest customers whose status is a
    purchase status (completed, pending), with the day, the total and whether it had a discount. `amount`
    is the total as stored (DECIMAL), for sums: summed exactly and only then turned into a float, a sum
    is the same number on every run (a float sum depends on the order a parallel aggregation adds in)."""
    orders = ws.table("orders")
    kept = orders.filter(
        orders.status.isin(PURCHASE_STATUSES), ~orders.is_guest, orders.customer_id.notnull()
    )
    return kept.select(
        "customer_id",
        "order_id",
        "ordered_at",
        day=kept.ordered_at.date(),
        total=kept.total.cast("float64"),
        amount=kept.total,
        discounted=kept.discount > 0,
    )


def within(table: ibis.Table, period: Period, column: str = "day") -> ibis.Table:
    return table.filter(
        table[column] > ibis.literal(period.start, type="date"),
        table[column] <= ibis.literal(period.end, type="date"),
    )


def base_members(ws, day: dt.date, label: str = ALL) -> ibis.Table:
    """The customers on `day` (not merged away, signed up by then, as the refresh counts them), as one
    member set named `label`: a customer who signs up later is not yet in the base the shares are of."""
    from segmint.history.queries import customers_on

    return customers_on(ws, day).mutate(segment=ibis.literal(label)).select("segment", "customer_id")


def named_family(ws, family: str) -> str:
    """--family as the workspace spells the family, from any case, apostrophe or spacing, as the family of
    rfm:Champions is taken (history.queries.spelled_family): `kpis --family RFM` was refused as no segment
    ("did you mean 'rfm'?") while "RFM:champions" was taken. A segment is refused as not a family, and any
    other name as no family (family.unknown, naming the families)."""
    from segmint.history.queries import spelled_family
    from segmint.segments.model import SegmentError, find

    if find(ws, family) is not None:
        raise KpiError(
            f"{family!r} is a segment, not a family; name it without --family",
            code="kpi.not_a_family",
            params={"name": family},
        )
    try:
        return spelled_family(ws, family)
    except SegmentError as exc:
        raise KpiError(str(exc), code=exc.code, params=exc.params) from exc


def family_members(ws, family: str, day: dt.date | None = None) -> ibis.Table:
    """Every group of a family (named as named_family takes it) as member sets (segment = group name), as
    the refreshes stored them on `day` (default: the last refresh)."""
    return spelled_family_members(ws, named_family(ws, family), day)


def spelled_family_members(ws, family: str, day: dt.date | None = None) -> ibis.Table:
    """family_members of a family already named as the workspace spells it (named_family's answer: the
    KPI report spells --family once, for its groups and labels too)."""
    from segmint.history.queries import lookup, membership_on

    ref = lookup(ws, family)
    _require_refresh(ws, ref, day)
    rows = membership_on(ws, ref, day)
    return rows.select(segment=rows.group_name, customer_id=rows.customer_id)


def named_members(ws, name: str, day: dt.date | None = None) -> ibis.Table:
    """One member set: a user segment by name, or a family group written family:group (rfm:Champions),
    on `day` (default: the last refresh); the group in any case, apostrophe or spacing, as campaigns and
    triggers take it ("rfm:at risk" is At Risk, labelled "rfm:At Risk")."""
    from segmint.history.queries import lookup, membership_on, spelled_target, unknown_group

    name = spelled_target(ws, name)
    family, group = family_group(ws, name)
    if family:
        ref = _lookup(ws, family, lookup)
        if ref.groups is not None and group not in ref.groups:
            raise unknown_group(family, group, ref.groups, error=KpiError, code="kpi.unknown_group")
        _require_refresh(ws, ref, day)
        rows = membership_on(ws, ref, day, group=group)
        return rows.select(segment=ibis.literal(name), customer_id=rows.customer_id)
    ref = _lookup(ws, name, lookup)
    if ref.kind == "family":
        groups = [f"{name}:{g}" for g in (ref.groups or ())[:3]]
        raise KpiError(
            f"{name!r} is a family: use --family {name}, or name a group such as {', '.join(groups)}",
            code="kpi.is_a_family",
            params={"name": name, "groups": groups},
        )
    _require_refresh(ws, ref, day)
    rows = membership_on(ws, ref, day)
    return rows.select(segment=ibis.literal(name), customer_id=rows.customer_id)


def computed_on(ws, name: str, day: dt.date) -> dt.date | None:
    """The date of the refresh whose membership of `name` (a segment, a family, or family:group) stands
    for `day`: the last one on or before it. A date between two refreshes reads the earlier one's groups,
    so the base the shares are of is counted on this date too, not on `day` (docs/metrics.md, Terms)."""
    from segmint.history.queries import lookup, snapshot_dates, spelled_target

    name = spelled_target(ws, name)
    family, _ = family_group(ws, name)
    dates = [d for d in snapshot_dates(ws, _lookup(ws, family or name, lookup)) if d <= day]
    return dates[-1] if dates else None


def family_group(ws, name: str) -> tuple[str | None, str | None]:
    """(family, group) when `name` is written family:group with a known family, else (None, None): a
    segment's own name may hold a colon."""
    from segmint.history.evaluate import family_definitions

    family, _, group = name.partition(":")
    return (family, group) if group and family in family_definitions(ws) else (None, None)


def _lookup(ws, name: str, lookup):
    from segmint.segments.model import SegmentError

    try:
        return lookup(ws, name)
    except SegmentError as exc:
        raise KpiError(str(exc), code=exc.code, params=exc.params) from exc


def _require_refresh(ws, ref, day: dt.date | None = None) -> None:
    from segmint.history.queries import snapshot_dates

    dates = snapshot_dates(ws, ref)
    if not dates:
        raise KpiError(
            f"{ref.name!r} has no membership yet: run segmint refresh",
            code="kpi.no_refresh",
            params={"name": ref.name},
        )
    if day is not None and dates[0] > day:
        raise KpiError(
            f"{ref.name!r} has no membership on {day} (its first refresh is {dates[0]}): run "
            f"segmint refresh --as-of {day}, or segmint refresh --backfill monthly",
            code="kpi.no_membership_on",
            params={"name": ref.name, "day": day.isoformat(), "first": dates[0].isoformat()},
        )


def predictions(ws, day: dt.date) -> tuple[ibis.Table | None, dt.date | None]:
    """The CLV predictions (customer_id, clv_12m, p_alive, churn_probability) as the last refresh on or
    before `day` made them, and that refresh's date; (None, None) before any. The features table holds
    only the latest refresh's: for an earlier one they are scored again on its date, with the fit it kept
    (clv_fits, models/clv/features.py), so a past period is not shown today's predictions."""
    from segmint.history.refresh import features_date
    from segmint.models.clv.features import CHURN_FAMILY, prediction_features

    snapshots = ws.table("membership_snapshots")
    dates = snapshots.filter(
        snapshots.kind == "family",
        snapshots.ref == CHURN_FAMILY,
        snapshots.as_of <= ibis.literal(day, type="date"),
    ).as_of
    on = dates.max().to_pyarrow().as_py()
    if on is None:
        return None, None
    if on == features_date(ws):
        table = ws.table("features")
        if "clv_12m" not in table.columns:  # a workspace refreshed before the predictions were features
            return None, None
    else:
        table = ibis.memtable(prediction_features(ws, on))
    return table.select("customer_id", "clv_12m", "p_alive", "churn_probability"), on
