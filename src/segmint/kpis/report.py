"""The KPI document `segmint kpis` prints: KPIs per segment or family group with their playbook entry, an
optional side-by-side comparison of two, the cohort retention table and the insights."""

from __future__ import annotations

import datetime as dt

import ibis

from segmint.kpis.cohorts import cohort_retention
from segmint.kpis.inputs import (
    ALL,
    KpiError,
    computed_on,
    default_period,
    family_group,
    named_family,
    named_members,
    spelled_family_members,
)
from segmint.kpis.insights import insights as find_insights
from segmint.kpis.metrics import segment_kpis

DEFAULT_FAMILY = "rfm"
COMPARED = (
    "size", "share", "revenue", "revenue_share", "aov", "purchase_frequency", "days_between_orders",
    "conversion_rate", "campaign_conversion_rate", "retention_rate", "churn_rate", "discount_share",
    "historical_clv", "predicted_clv", "churn_probability", "nps",
)  # fmt: skip


def _members(
    ws, names: list[str], family: str | None, day: dt.date
) -> tuple[ibis.Table, list[tuple[str, str | None, str | None]]]:
    """The member sets asked for, on `day`, and (label, family, group) of each in display order; `family`
    as the workspace spells it (named_family)."""
    from segmint.history.queries import lookup

    tables, order = [], []
    if family:
        tables.append(spelled_family_members(ws, family, day))
        groups = lookup(ws, family).groups
        if groups is None:
            rows = tables[-1].select("segment").distinct().order_by("segment").to_pyarrow()
            groups = tuple(rows.column("segment").to_pylist())
        order += [(group, family, group) for group in groups]
    for name in names:
        tables.append(named_members(ws, name, day))
        order.append((name, *family_group(ws, name)))
    if not tables:
        raise KpiError("name a segment or a family (--family rfm)", code="kpi.nothing_named")
    labels = [label for label, _, _ in order]
    twice = [label for at, label in enumerate(labels) if label in labels[:at]]
    if twice:
        raise KpiError(
            f"a segment is named twice: {twice[0]!r}", code="kpi.named_twice", params={"name": twice[0]}
        )
    tables = [
        t.select(segment=t.segment.cast("string"), customer_id=t.customer_id.cast("string")) for t in tables
    ]
    members = tables[0]
    for table in tables[1:]:
        members = members.union(table, distinct=False)
    return members, order


def size_changes(
    ws, names: list[str], family: str | None, since: dt.date, until: dt.date | None = None
) -> dict[str, dict]:
    """segment -> members on `since` (or the first snapshot after it) and on the last snapshot (on or
    before `until`), from membership_history."""
    from segmint.history.queries import lookup, membership_on, snapshot_dates

    targets = [(lookup(ws, family), None)] if family else []
    for name in names:
        fam, group = family_group(ws, name)
        targets.append((lookup(ws, fam), group) if fam else (lookup(ws, name), name))
    changes: dict[str, dict] = {}
    for ref, label in targets:
        dates = [d for d in snapshot_dates(ws, ref) if until is None or d <= until]
        earlier = [d for d in dates if d <= since]
        start = earlier[-1] if earlier else (dates[0] if dates else None)
        if start is None or start == dates[-1]:
            continue  # one snapshot: no change to measure
        group = label if ref.kind == "family" else None

        def count(day, ref=ref, group=group) -> dict[str, int]:
            rows = membership_on(ws, ref, day, group)
            sizes = rows.group_by("group_name").aggregate(n=rows.count()).to_pyarrow().to_pylist()
            return {r["group_name"]: r["n"] for r in sizes}

        before, now = count(start), count(dates[-1])
        base_before, base_now = _base_size(ws, start), _base_size(ws, dates[-1])
        for key in set(before) | set(now):
            name = key if label is None else (f"{ref.name}:{label}" if ref.kind == "family" else label)
            old, new = before.get(key, 0), now.get(key, 0)
            if old and base_before and base_now:
                changes[name] = {
                    "before": old,
                    "now": new,
                    "change": (new - old) / old,
                    "share_change": (new / base_now) / (old / base_before) - 1,
                    "since": start.isoformat(),
                }
    return changes


def _base_size(ws, day: dt.date) -> int:
    """Live customers on `day` as the history counts them: every one is in exactly one RFM group."""
    from segmint.history.queries import lookup, membership_on

    return int(membership_on(ws, lookup(ws, "rfm"), day).count().execute())


def compare(rows: dict[str, dict], first: str, second: str) -> dict:
    """Two segments side by side: each KPI, the difference and the ratio."""
    missing = [name for name in (first, second) if name not in rows]
    if missing:
        raise KpiError(
            f"--compare names {', '.join(missing)}, which is not among the segments asked for",
            code="kpi.compare_missing",
            params={"missing": missing},
        )
    table = []
    for key in COMPARED:
        a, b = rows[first].get(key), rows[second].get(key)
        no_ratio = _no_ratio(key, a, b)
        table.append(
            {
                "kpi": key,
                first: a,
                second: b,
                "difference": None if a is None or b is None else a - b,
                "ratio": None if no_ratio else a / b,
                "no_ratio": no_ratio,
            }
        )
    return {"segments": [first, second], "kpis": table}


SIGNED = ("nps",)  # scores from -100 to 100: compared by their difference in points, a ratio says nothing


def _no_ratio(key: str, a, b) -> str | None:
    """Why A / B is not given, or None when it is: 'missing' (a side has no value), 'zero' (B is 0),
    'signed' (a signed score with a side below zero: NPS +8 against -33 read as a ratio of -0.24)."""
    if a is None or b is None:
        return "missing"
    if not b:
        return "zero"
    if key in SIGNED and (a < 0 or b < 0):
        return "signed"
    return None


def kpi_report(
    ws,
    names: list[str] | None = None,
    family: str | None = None,
    *,
    days: int = 365,
    end: dt.date | None = None,
    compare_pair: tuple[str, str] | None = None,
    cohorts: bool = False,
    with_insights: bool = False,
    lang: str | None = None,
) -> dict:
    """The whole KPI document (see docs/metrics.md)."""
    from segmint.history.queries import spelled_target
    from segmint.playbook import language, load_playbook

    # a group as the family spells it (as campaigns and triggers take it), so its label, its campaigns' ROI
    # and --compare all name it one way
    names = [spelled_target(ws, name) for name in names or []]
    if family:  # as the workspace spells it (--family RFM is rfm), or refused as no family
        family = named_family(ws, family)
    if compare_pair:
        listed = _groups_of(ws, family) if family else set()
        compare_pair = (_compared(ws, compare_pair[0], listed), _compared(ws, compare_pair[1], listed))
        names += [n for n in compare_pair if n not in names and n not in listed]
    if not names and not family:
        family = named_family(ws, DEFAULT_FAMILY)
    period = default_period(ws, days, end)
    members, order = _members(ws, names, family, period.end)
    # the day the groups are of (the last refresh on or before the end); the base is counted on it too
    computed = [computed_on(ws, name, period.end) for name in [*([family] if family else []), *names]]
    members_on = max((day for day in computed if day is not None), default=period.end)
    rows = segment_kpis(ws, members, period, family, members_on)
    book, chosen = load_playbook(ws), language(ws, lang)
    segments = []
    for label, fam, group in order:
        row = rows.get(label) or _empty(rows[ALL])
        play = book.get(fam, group) if fam else None
        segments.append(
            {
                "name": label,
                "family": fam,
                "group": group,
                **row,
                "playbook": play.as_dict(chosen) if play else None,
            }
        )
    document = {
        "as_of": period.end.isoformat(),
        "period": period.as_dict(),
        "members_as_of": members_on.isoformat(),
        "predictions_as_of": rows[ALL]["predictions_as_of"],
        "language": chosen,
        "segments": segments,
        "base": {"name": ALL, **rows[ALL]},
    }
    by_name = {s["name"]: s for s in segments}
    if compare_pair:
        document["compare"] = compare(by_name, *compare_pair)
    if cohorts:
        document["cohorts"] = cohort_retention(ws, period.end)
    if with_insights:
        changes = size_changes(ws, names, family, period.start, period.end)
        document["size_changes"] = changes
        document["insights"] = find_insights({s["name"]: s for s in segments}, changes)
    return document


def _compared(ws, name: str, listed: set[str]) -> str:
    """A --compare name as its row is named: a family:group as the family spells it (spelled_target), and a
    bare group of the --family listed as well (`--family rfm --compare champions "at risk"` compares
    Champions and At Risk; a segment of that name stays the segment)."""
    from segmint.history.queries import spelled_target
    from segmint.rules.standard import of_groups
    from segmint.segments.model import find

    if ":" in name or not listed or name in listed or find(ws, name) is not None:
        return spelled_target(ws, name)
    return of_groups(tuple(sorted(listed)))(name) or name


def _groups_of(ws, family: str) -> set[str]:
    from segmint.history.queries import lookup

    return set(lookup(ws, family).groups or ())


def _empty(base: dict) -> dict:
    """The KPIs of a member set nobody is in (a family group empty on this date)."""
    from segmint.kpis.metrics import kpis_from

    return {**kpis_from({}, base), "predictions_as_of": base["predictions_as_of"]}
