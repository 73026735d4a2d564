"""Questions about membership over time, as Ibis expressions over membership_history.

A name is a family (rfm, lifecycle, ...) or a user segment. Membership on a date is the state the latest
snapshot on or before it recorded: an interval covers `day` when valid_from <= day < valid_to (or open).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import ibis

from segmint.families.labels import labelled_as
from segmint.history.evaluate import family_definitions
from segmint.rules.standard import of_groups
from segmint.segments.model import MEMBER_GROUP, SegmentError, all_segments, find, get
from segmint.store.names import nearest_name


@dataclass(frozen=True)
class Ref:
    """What a name points at in the history tables."""

    kind: str  # 'family' or 'segment'
    ref: str  # family name or segment id
    name: str
    groups: tuple[str, ...] | None = None  # a family's groups in display order, when fixed


def lookup(ws, name: str) -> Ref:
    """A family or a segment by name, its `name` as stored: the one lookup of the history questions
    (`segments show/members/movements/transitions`, /ui/family, the reports). A family's exact name,
    then a segment's (its one spelling), then a family in any case, apostrophe or spacing, as
    spelled_family takes it ("RFM" is rfm, as `kpis --family RFM` and "RFM:champions" take it: these
    refused it); anything else is refused as no segment, naming the nearest name and the families."""
    families = family_definitions(ws)
    if name in families:
        return Ref("family", name, name, families[name].groups)
    segment = find(ws, name)
    if segment is None:
        spelled = _family_spelling(name, families)
        if spelled is not None:
            return Ref("family", spelled, spelled, families[spelled].groups)
        _refuse_group_in_name(name, families)
        segment = get(ws, name, families=list(families))  # refused, naming the nearest
    return Ref("segment", segment.segment_id, segment.name)


def family_group(ws, name: str, group: str | None = None) -> tuple[str, str | None]:
    """A name and group as `NAME --group G` gives them, from a `family:group` name as campaigns, triggers
    and KPIs take it (spelled_target): "rfm:Champions" is the family rfm, group Champions, spelled as
    `--group` spells it (check_group). A segment's name (even with a colon in it), a family's, a name with
    no family before its colon, or a group given besides, pass as they are: lookup refuses what is wrong.
    `segments members/movements` (and segments.members) refused "rfm:Champions" as no segment at all."""
    if group is not None or not isinstance(name, str) or ":" not in name:
        return name, group
    families = family_definitions(ws)
    if name in families or _family_spelling(name, families) is not None or find(ws, name) is not None:
        return name, group
    family, _, named = name.partition(":")
    spelled = _family_spelling(family, families)
    if spelled is None or not named.strip():
        return name, group
    return spelled, named


def _refuse_group_in_name(name: str, families: Collection[str]) -> None:
    """Refuse a `family:group` name where a family or a segment is asked alone (`segments show`,
    `transitions`, or a group given besides with --group), saying how to name a group: it was refused
    as no segment, pointing nowhere."""
    if not isinstance(name, str) or ":" not in name:
        return
    family, _, group = name.partition(":")
    spelled = _family_spelling(family, families)
    if spelled is None or not group.strip():
        return
    raise SegmentError(
        f"{name!r} names a group of the family {spelled!r}: name the family alone here, and a group as "
        f"`{spelled} --group {group!r}` where the command takes --group (as `segments members` and "
        "`movements` do)",
        code="group.in_name",
        params={"name": name, "family": spelled, "group": group},
    )


def spelled_target(ws, target: str) -> str:
    """A `family:group` target (a campaign's, a trigger's, a KPI's) with its family and its group as the
    workspace spells them, from any case, apostrophe or spacing, as a rule takes a group ("RFM:at risk" ->
    "rfm:At Risk"). A segment's name is its name as stored (its one spelling: campaigns, triggers and KPIs
    match it by that text), and a group the family does not have stays as typed (its family spelled) for
    the caller to refuse with its own code. The one matcher for the three: KPIs refused "rfm:At risk" that
    campaigns and triggers took, and all three refused "RFM:Champions"."""
    from segmint.segments.model import find

    segment = find(ws, target)
    if segment is not None:
        return segment.name
    family, sep, group = target.partition(":")
    if not sep:
        return target
    families = family_definitions(ws)
    spelled = _family_spelling(family, families)
    groups = families[spelled].groups if spelled else None
    found = (of_groups(groups)(group) if groups and group not in groups else None) or group
    if spelled is None or (spelled, found) == (family, group):
        return target
    return f"{spelled}:{found}"


def nearest_target(ws, target: str) -> str | None:
    """The segment name or `family:group` a mistyped target probably meant ("Bgi" -> "Big", "rfmm:At Risk"
    -> "rfm:At Risk"), as `segments show` suggests a name: for the refusals of a campaign's target and a
    trigger's segment, which named neither and listed none."""
    if not isinstance(target, str):
        return None
    families = family_definitions(ws)
    names = [s.name for s in all_segments(ws)] + [
        f"{family}:{group}" for family, spec in families.items() for group in spec.groups or ()
    ]
    return nearest_name(names, target)


def unknown_target(ws, target: str, what: str, examples: str, *, error, code: str) -> Exception:
    """The refusal of a target that is no segment nor family:group, naming the one nearest_target meant:
    `code` (e.g. campaign.unknown_target), `code`.hint with the hint; `what` is the thing asked for
    ("target", "segment"), `examples` a few family:group names. A campaign's and a trigger's copies."""
    hint = nearest_target(ws, target)  # "Bgi" named no segment and suggested none, as `segments show` does
    if hint:
        return error(
            f"unknown {what} {target!r}; did you mean {hint!r}? Give a segment name or family:group",
            code=f"{code}.hint",
            params={"target": target, "hint": hint},
        )
    return error(
        f"unknown {what} {target!r}: give a segment name or family:group (e.g. {examples})",
        code=code,
        params={"target": target},
    )


def unknown_group(
    family: str, group: str, groups: Collection[str], *, error, code: str, history: list[str] | None = None
) -> Exception:
    """The refusal of a group its family does not have, naming the nearest of its groups (and of the
    groups only its `history` holds, given by a history query): `code` (e.g. trigger.unknown_group),
    `code`.hint with the hint. A trigger's, a KPI's and a history query's copies."""
    groups = list(groups)
    params: dict = {"family": family, "group": group, "groups": groups}
    if history is not None:
        params["history"] = history
    also = f"; and in its history: {', '.join(history)}" if history else ""
    every = (*groups, *(history or ()))
    hint = labelled_as(family, group, every) or nearest_name(every, group)
    if hint:
        return error(
            f"family {family!r} has no group {group!r}; did you mean {hint!r}? "
            f"(its groups: {', '.join(groups)}{also})",
            code=f"{code}.hint",
            params={**params, "hint": hint},
        )
    return error(
        f"family {family!r} has no group {group!r}; its groups: {', '.join(groups)}{also}",
        code=code,
        params=params,
    )


def spelled_family(ws, name: str, families: Collection[str] | None = None) -> str:
    """A family's name as the workspace spells it, from any case, apostrophe or spacing ("RFM" -> "rfm"),
    as spelled_target takes the family of "RFM:champions": the one matcher of a family named alone
    (`kpis --family`, `playbook --family`, the API's /families/{name}). `families`: the names the caller
    takes (default: the workspace's, family_definitions). A name that is no family is refused, naming the
    nearest and the families: `playbook --family RFM` printed an empty table without a word."""
    families = list(family_definitions(ws) if families is None else families)
    spelled = _family_spelling(name, families)
    if spelled is not None:
        return spelled
    params: dict = {"name": name, "known": families}
    hint = nearest_name(families, name) if isinstance(name, str) else None
    if hint:
        params["hint"] = hint
    said = f" (did you mean {hint!r}?)" if hint else ""
    raise SegmentError(
        f"no family named {name!r}{said}; families: {', '.join(families)}",
        code="family.unknown",
        params=params,
    )


def _family_spelling(name: str, families: Collection[str]) -> str | None:
    """The one of `families` that `name` names, matched as a rule matches groups; None when none does."""
    if name in families:
        return name
    return of_groups(tuple(families))(name) if isinstance(name, str) else None  # family names as groups


def intervals(ws, ref: Ref, group: str | None = None) -> ibis.Table:
    rows = ws.table("membership_history")
    rows = rows.filter(rows.kind == ref.kind, rows.ref == ref.ref)
    if group is not None:
        rows = rows.filter(rows.group_name == check_group(ws, ref, group))
    return rows


def check_group(ws, ref: Ref, group: str) -> str:
    """The group as the family spells it, from any case, apostrophe or spacing, as a rule takes it
    (`--group "at risk"` is "At Risk"). Refuse a group the name does not have: it would select nobody,
    silently. A segment's one group is its members ('member')."""
    if ref.kind == "segment" and group != MEMBER_GROUP:
        raise SegmentError(
            f"{ref.name!r} is a segment, not a family: it has no group {group!r}; leave the group out "
            "(groups are for families such as rfm)",
            code="group.of_segment",
            params={"name": ref.name, "group": group},
        )
    if ref.kind == "family" and ref.groups is not None and group not in ref.groups:
        # the history holds the groups of its dates: one the map has renamed since, or a cluster of an
        # earlier clustering, is still asked for about those dates
        earlier = [name for name in recorded_groups(ws, ref) if name not in ref.groups]
        if group in earlier:
            return group
        spelled = of_groups((*ref.groups, *earlier))(group)
        if spelled is not None:
            return spelled
        raise unknown_group(
            ref.name, group, ref.groups, error=SegmentError, code="group.unknown", history=earlier
        )
    return group


def recorded_groups(ws, ref: Ref) -> list[str]:
    """The groups the history of a family or segment holds on any date, sorted."""
    rows = ws.raw.execute(
        "SELECT DISTINCT group_name FROM membership_history WHERE kind = ? AND ref = ? ORDER BY 1",
        [ref.kind, ref.ref],
    ).fetchall()
    return [name for (name,) in rows]


def snapshot_dates(ws, ref: Ref) -> list[dt.date]:
    rows = ws.table("membership_snapshots")
    rows = rows.filter(rows.kind == ref.kind, rows.ref == ref.ref).order_by("as_of")
    return list(rows.as_of.to_pyarrow().to_pylist())


def sizes(ws, ref: Ref) -> list[dict]:
    """Members on every date `ref` was computed for ({"date", "size"}, oldest first): the memberships
    whose interval covers each snapshot date, counted in one query (GET /segments/{name}/history and the
    segment page's size chart)."""
    dates = snapshot_dates(ws, ref)
    if not dates:
        return []
    spans = intervals(ws, ref)
    days = ibis.memtable({"date": dates})
    covering = days.join(
        spans,
        (spans.valid_from <= days.date) & (spans.valid_to.isnull() | (spans.valid_to > days.date)),
        how="left",
    )
    counted = covering.group_by("date").aggregate(size=covering.customer_id.count()).order_by("date")
    return counted.to_pyarrow().to_pylist()


def dates_before(ws, ref: Ref) -> list[dt.date]:
    """The dates the families were computed on before `ref`'s history starts (all of them when it has
    none): a segment made after a backfill has no members recorded on those dates until a refresh on
    them computes it."""
    rows = ws.raw.execute(
        """SELECT DISTINCT as_of FROM membership_snapshots WHERE kind = 'family' AND as_of < coalesce(
            (SELECT min(as_of) FROM membership_snapshots WHERE kind = ? AND ref = ?), DATE '9999-12-31')
        ORDER BY 1""",
        [ref.kind, ref.ref],
    ).fetchall()
    return [day for (day,) in rows]


def last_snapshot(ws, ref: Ref) -> dt.date | None:
    rows = ws.table("membership_snapshots")
    return rows.filter(rows.kind == ref.kind, rows.ref == ref.ref).as_of.max().execute()


def membership_on(ws, ref: Ref, day: dt.date | None = None, group: str | None = None) -> ibis.Table:
    """customer_id, group_name of the members on `day` (default: the last snapshot)."""
    day = day or last_snapshot(ws, ref)
    rows = intervals(ws, ref, group)
    if day is None:
        return rows.filter(ibis.literal(False)).select("customer_id", "group_name")
    on = ibis.literal(day, type="date")
    rows = rows.filter(rows.valid_from <= on, rows.valid_to.isnull() | (rows.valid_to > on))
    return rows.select("customer_id", "group_name")


def movements(
    ws, ref: Ref, start: dt.date, end: dt.date | None = None, group: str | None = None
) -> ibis.Table:
    """Who entered and who left between `start` and `end` (both included; default end: open):
    customer_id, group_name, movement ('entered' or 'left') and date."""
    rows = intervals(ws, ref, group)
    low = ibis.literal(start, type="date")
    high = ibis.literal(end, type="date") if end else None

    def within(column):
        test = column >= low
        return test & (column <= high) if high is not None else test

    entered = rows.filter(within(rows.valid_from)).select(
        "customer_id", "group_name", movement=ibis.literal("entered"), date=rows.valid_from.cast("date")
    )
    left = rows.filter(rows.valid_to.notnull() & within(rows.valid_to)).select(
        "customer_id", "group_name", movement=ibis.literal("left"), date=rows.valid_to.cast("date")
    )
    both = entered.union(left)
    return both.order_by(["date", "movement", "group_name", "customer_id"])


def stays(ws, ref: Ref, group: str | None = None) -> ibis.Table:
    """Every stay with its length in days: customer_id, group_name, valid_from, valid_to, days, ongoing.
    An ongoing stay is measured up to the last snapshot (so it is a lower bound)."""
    last = last_snapshot(ws, ref)
    rows = intervals(ws, ref, group)
    until = rows.valid_to.fill_null(ibis.literal(last or dt.date.today(), type="date"))
    return rows.select(
        "customer_id",
        "group_name",
        "valid_from",
        "valid_to",
        days=until.delta(rows.valid_from, unit="day"),
        ongoing=rows.valid_to.isnull(),
    )


def stay_summary(ws, ref: Ref, group: str | None = None) -> ibis.Table:
    """Per group: stays, ongoing stays, mean / median / longest days (ongoing stays counted so far). The
    median is exact (DuckDB quantile_cont, Spark percentile): approx_median was days off (30 for stays of
    28, 28, 31 and 31 days; 98 for 93 on the demo shop)."""
    rows = stays(ws, ref, group)
    return (
        rows.group_by("group_name")
        .aggregate(
            stays=rows.count(),
            ongoing=rows.ongoing.sum(),
            mean_days=rows.days.mean(),
            median_days=rows.days.median(),
            max_days=rows.days.max(),
        )
        .order_by("group_name")
    )


def transitions(ws, ref: Ref, start: dt.date, end: dt.date) -> ibis.Table:
    """Each customer's group on `start` against `end`: from_group, to_group, customers. A NULL group means
    not in the family (or segment) on that date, e.g. not a customer yet. Counted: everyone in it on
    either date, and the customers of the later date in it on neither (NULL -> NULL): without them a
    segment's matrix would leave out everyone outside it, as if nobody stayed out."""
    before = membership_on(ws, ref, start).rename(from_group="group_name")
    after = membership_on(ws, ref, end).rename(to_group="group_name")
    joined = before.outer_join(after, before.customer_id == after.customer_id)
    counted = joined.group_by(["from_group", "to_group"]).aggregate(customers=joined.count())
    inside = before.select("customer_id").union(after.select("customer_id"))
    outside = customers_on(ws, max(start, end)).anti_join(inside, "customer_id")
    neither = outside.aggregate(customers=outside.count()).select(
        from_group=ibis.null("string"), to_group=ibis.null("string"), customers="customers"
    )
    both = counted.union(neither)
    return both.filter(both.customers > 0).order_by(["from_group", "to_group"])


def customers_on(ws, day: dt.date) -> ibis.Table:
    """customer_id of the customers on `day`, as a rule evaluated on that day counts them: not merged away,
    signed up by then (or with no sign-up date)."""
    customers = ws.table("customers")
    on = ibis.literal(day, type="date")
    return customers.filter(
        customers.merged_into.isnull(), customers.signup_date.isnull() | (customers.signup_date <= on)
    ).select("customer_id")


def transition_matrix(ws, ref: Ref, start: dt.date, end: dt.date) -> dict:
    """The transition counts as a matrix document: `groups` (rows and columns, in the family's order, with
    None last for "not in it" when anyone was) and `matrix[i][j]` = customers in groups[i] on `start` and in
    groups[j] on `end`. `computed_on` names, for each date, the refresh whose membership stands for it
    (None: before the first one, where everyone is "not in it"), so a date no refresh computed is not
    read as a real state."""
    cells = transitions(ws, ref, start, end).to_pyarrow().to_pylist()
    seen = {cell["from_group"] for cell in cells} | {cell["to_group"] for cell in cells}
    order = list(ref.groups or sorted(g for g in seen if g is not None))
    order += sorted(g for g in seen if g is not None and g not in order)
    if None in seen:
        order.append(None)
    index = {group: i for i, group in enumerate(order)}
    matrix = [[0] * len(order) for _ in order]
    for cell in cells:
        matrix[index[cell["from_group"]]][index[cell["to_group"]]] = int(cell["customers"])
    dates = snapshot_dates(ws, ref)
    computed = {
        key: max((d for d in dates if d <= day), default=None) for key, day in (("from", start), ("to", end))
    }
    return {
        "name": ref.name,
        "from": start,
        "to": end,
        "groups": order,
        "matrix": matrix,
        "computed_on": computed,
    }
