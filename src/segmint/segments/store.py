"""Create, edit and delete segments, and add or remove a static segment's members by hand.

Every change is one transaction that also records the segment's membership in the history as of the
workspace's reference date, so sizes, member exports and entered/left queries work at once, before the
next refresh. A rule is parsed, checked and compiled before anything is stored: a bad rule is refused with
its RuleError and the workspace stays as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable

import pyarrow as pa

from segmint.history import state
from segmint.history.evaluate import (
    FEATURES_TEMP,
    RESULTS_TEMP,
    compute_features,
    evaluate,
    family_definitions,
    materialise,
    snapshot,
)
from segmint.history.evaluate import context as compile_context
from segmint.history.refresh import features_date
from segmint.history.splice import create_inputs, drop_inputs, splice
from segmint.models.clusters.store import FAMILY as CLUSTER_FAMILY
from segmint.models.clv.features import CHURN_FAMILY
from segmint.rules import compile_rule, parse_rule
from segmint.rules.context import reference_date
from segmint.segments.model import (
    MEMBER_GROUP,
    Segment,
    SegmentError,
    all_segments,
    check_kind,
    check_name,
    find,
    get,
)
from segmint.segments.resolve import Resolver, check_cycles, needs_features, readers, referenced


def create(
    ws,
    name: str,
    rule: str | None = None,
    kind: str = "dynamic",
    *,
    description: str | None = None,
    members: Iterable[str] | None = None,
) -> Segment:
    """A new segment. Dynamic: `rule` is required and re-evaluated on every refresh. Static: its members
    are frozen now, from `rule` or from the `members` ids given."""
    name, kind = check_name(name), check_kind(kind)
    check_free(ws, name)
    ids = _check_source(kind, rule, members)
    now = dt.datetime.now()
    segment = Segment(uuid.uuid4().hex[:12], name, kind, rule_text(rule), description, now, now)
    with ws.transaction() as raw:
        insert_row(raw, segment)
        store_members(ws, segment, ids)
    return segment


def insert_row(raw, segment: Segment) -> None:
    raw.execute(
        "INSERT INTO segments (segment_id, name, description, kind, rule, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            segment.segment_id,
            segment.name,
            segment.description,
            segment.kind,
            segment.rule,
            segment.created_at,
            segment.updated_at,
        ],
    )


def edit(
    ws,
    name: str,
    *,
    rule: str | None = None,
    description: str | None = None,
    new_name: str | None = None,
) -> Segment:
    """Change a segment's rule, description or name. A new rule of a static segment re-freezes its
    members; a renamed segment keeps its history. Names other rules read with in_segment() stay fixed."""
    segment = get(ws, name)
    changes: dict = {}
    if new_name is not None and check_name(new_name) != segment.name:
        new_name = check_name(new_name)
        check_free(ws, new_name)
        readers = reading(ws, segment.name)
        if readers:
            raise SegmentError(
                f"cannot rename {segment.name!r}: in_segment({segment.name!r}) is read by "
                + ", ".join(repr(r) for r in readers)
            )
        adding = _triggers_using(ws, segment, watching=False)  # a watching trigger keeps the segment's id
        if adding:
            raise SegmentError(f"cannot rename {segment.name!r}: the trigger(s) {adding} add customers to it")
        changes["name"] = new_name
    if description is not None:
        changes["description"] = description or None
    if rule is not None:
        changes["rule"] = rule_text(rule)
    if not changes:
        return segment
    changes["updated_at"] = dt.datetime.now()
    updated = Segment(**{**segment.__dict__, **changes})
    with ws.transaction() as raw:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        raw.execute(
            f"UPDATE segments SET {assignments} WHERE segment_id = ?",
            [*changes.values(), segment.segment_id],
        )
        if rule is not None:
            if updated.kind == "static":
                raw.execute("DELETE FROM segment_members WHERE segment_id = ?", [segment.segment_id])
            store_members(ws, updated, None)
    return updated


def delete(ws, name: str) -> None:
    """Remove a segment, its members and its history. Refused while another rule reads it."""
    segment = get(ws, name)
    readers = reading(ws, segment.name)
    if readers:
        raise SegmentError(
            f"cannot delete {segment.name!r}: in_segment({segment.name!r}) is read by "
            + ", ".join(repr(r) for r in readers)
        )
    watchers = _triggers_using(ws, segment, watching=True)
    if watchers:  # they would go on pointing at nothing
        raise SegmentError(
            f"cannot delete {segment.name!r}: the trigger(s) {watchers} use it; delete them first "
            "(segmint triggers delete NAME)"
        )
    with ws.transaction() as raw:
        for table in ("segment_members", "segments"):
            raw.execute(f"DELETE FROM {table} WHERE segment_id = ?", [segment.segment_id])
        for table in ("membership_history", "membership_snapshots"):
            raw.execute(f"DELETE FROM {table} WHERE kind = 'segment' AND ref = ?", [segment.segment_id])
        state.forget(raw, "segment", segment.segment_id)


def _triggers_using(ws, segment: Segment, *, watching: bool) -> str:
    """The triggers that add customers to `segment` by its name (and, `watching`, those that fire on
    entering or leaving it, by its id), quoted and joined; '' when none."""
    names = ws.raw.execute(
        "SELECT name FROM triggers WHERE (action = 'static_segment' "
        "AND json_extract_string(params, '$.segment') = ?) OR (? AND ref_kind = 'segment' AND ref = ?) "
        "ORDER BY name",
        [segment.name, watching, segment.segment_id],
    ).fetchall()
    return ", ".join(repr(row[0]) for row in names)


def add_members(ws, name: str, ids: Iterable[str]) -> int:
    """Add customers to a static segment by id; returns how many were not members yet."""
    return _change_members(ws, name, ids, add=True)


def remove_members(ws, name: str, ids: Iterable[str]) -> int:
    """Remove customers from a static segment; returns how many were members."""
    return _change_members(ws, name, ids, add=False)


# -- internals --------------------------------------------------------------------------------------
def check_free(ws, name: str) -> None:
    if find(ws, name) is not None:
        raise SegmentError(f"a segment named {name!r} already exists; edit it or choose another name")
    # campaigns and triggers take a segment name or family:group: "rfm:At Risk" as a segment's name
    # would hide the family's group (and "cluster" would clash with the family a clustering adds)
    families = {*family_definitions(ws), CLUSTER_FAMILY, CHURN_FAMILY}
    folded = name.casefold()
    for family in families:
        if folded == family.casefold() or folded.startswith(family.casefold() + ":"):
            raise SegmentError(
                f"{name!r} reads as the built-in family {family!r} (campaigns and triggers name its "
                "groups family:group); choose another name"
            )


def rule_text(rule: str | None) -> str | None:
    if rule is None:
        return None
    parse_rule(rule)  # RuleError with line, column and caret
    return rule.strip()


def _check_source(kind: str, rule: str | None, members: Iterable[str] | None) -> list[str] | None:
    if kind == "dynamic":
        if members is not None:
            raise SegmentError("a dynamic segment is defined by its rule; only a static one takes member ids")
        if not rule or not rule.strip():
            raise SegmentError("a dynamic segment needs a rule")
        return None
    if (rule is None) == (members is None):
        raise SegmentError(
            "a static segment is made from a rule or from a list of customer ids (one of them)"
        )
    return None if members is None else list(dict.fromkeys(str(i).strip() for i in members if str(i).strip()))


def reading(ws, name: str) -> list[str]:
    return [s.name for s in all_segments(ws) if s.rule and s.name != name and name in referenced(s.rule)]


def store_members(ws, segment: Segment, ids: list[str] | None) -> None:
    """Evaluate (dynamic) or freeze (static, from `ids` or else its rule) the segment's members and record
    them in the history on the reference date, with those of the dynamic segments that read it through
    in_segment(...); inside the caller's transaction, after its row is stored."""
    raw = ws.raw
    segments = {s.name: s for s in all_segments(ws)}  # includes `segment`: it is stored by now
    segments[segment.name] = segment
    check_cycles(segments)
    day = reference_date(ws)
    if segment.kind == "dynamic":
        _record_dynamic(ws, day, segments, [segment, *readers(segments, segment.name)])
        return
    if ids is None:
        features = _features_on(ws, day) if needs_features(segment.rule, segments) else None
        resolver = Resolver(ws, {k: v for k, v in segments.items() if k != segment.name})
        ctx = resolver.bind(compile_context(ws, day, features))
        materialise(ws, "seg_ids", compile_rule(segment.rule, ctx).members())
    else:
        _load_ids(ws, ids)
    raw.execute(
        "INSERT INTO segment_members SELECT DISTINCT ?, customer_id, ? FROM temp.seg_ids "
        "ON CONFLICT DO NOTHING",
        [segment.segment_id, dt.datetime.now()],
    )
    _record_static(ws, day, segments, segment)


def _record_static(ws, day: dt.date, segments: dict[str, Segment], segment: Segment) -> None:
    """Record a static segment's members as they now are, and re-evaluate the segments reading it."""
    raw = ws.raw
    _static_snapshot(raw, segment)
    splice(raw, day)
    drop_inputs(raw)
    for name in ("seg_ids", FEATURES_TEMP):
        raw.execute(f"DROP TABLE IF EXISTS temp.{name}")
    _record_dynamic(ws, day, segments, readers(segments, segment.name))


def _record_dynamic(ws, day: dt.date, segments: dict[str, Segment], dynamic: list[Segment]) -> None:
    """Evaluate the `dynamic` segments on `day` and record their members (a segment that reads another
    through in_segment(...) is evaluated after it, on the other's new members)."""
    if not dynamic:
        return
    raw = ws.raw
    wanted = any(needs_features(s.rule, segments) for s in dynamic)
    features = _features_on(ws, day) if wanted else None
    snapshot(raw, evaluate(ws, day, segments, dynamic, features=features))
    for segment in dynamic:  # their stored refresh results are out of date now
        state.forget(raw, "segment", segment.segment_id)
    splice(raw, day)
    drop_inputs(raw)
    for name in (FEATURES_TEMP, RESULTS_TEMP):
        raw.execute(f"DROP TABLE IF EXISTS temp.{name}")


def _static_snapshot(raw, segment: Segment) -> None:
    create_inputs(raw)
    raw.execute("INSERT INTO seg_refs VALUES ('segment', ?)", [segment.segment_id])
    raw.execute(
        f"INSERT INTO seg_snapshot SELECT 'segment', segment_id, '{MEMBER_GROUP}', customer_id "
        "FROM segment_members WHERE segment_id = ?",
        [segment.segment_id],
    )


def _features_on(ws, day: dt.date, temp: str = FEATURES_TEMP) -> str:
    """The features table for `day`: the stored one when the last refresh was on `day`, else computed
    now into the temp table `temp` (so a rule on rfm.group works before the first refresh, or on a
    past date)."""
    names = ws.con.list_tables()
    if "features" in names and features_date(ws) == day:
        return "features"
    materialise(ws, temp, compute_features(ws, day))
    return temp


def rule_context(ws, rule, as_of: dt.date | None = None, *, features=None, segments=None):
    """The CompileContext a rule is evaluated in on `as_of` (default: the reference date): the
    workspace's segments for in_segment(...), and the features of that date when the rule reads them
    (rules.select_members; the stored features belong to the last refresh's date only)."""
    day = as_of or reference_date(ws)
    stored = {s.name: s for s in all_segments(ws)}
    if features is None and needs_features(rule if isinstance(rule, str) else rule.source, stored):
        # a table of its own: a segment operation replaces FEATURES_TEMP while the caller holds this
        features = ws.table(_features_on(ws, day, temp=f"seg_rule_features_{day:%Y%m%d}"))
    ctx = dataclasses.replace(compile_context(ws, day, None), features=features)
    if segments is not None:
        return dataclasses.replace(ctx, segments=segments)
    return Resolver(ws, stored).bind(ctx)


def _load_ids(ws, ids: list[str]) -> None:
    """Put the given ids in temp.seg_ids after checking every one names a customer."""
    raw = ws.raw
    given = pa.table({"customer_id": pa.array(ids, pa.string())})
    raw.register("seg_given", given)
    try:
        unknown = [
            row[0]
            for row in raw.execute(
                "SELECT customer_id FROM seg_given ANTI JOIN customers USING (customer_id) LIMIT 6"
            ).fetchall()
        ]
        if unknown:
            shown = ", ".join(repr(i) for i in unknown[:5]) + (" …" if len(unknown) > 5 else "")
            raise SegmentError(f"no customer has the id {shown}")
        raw.execute("CREATE OR REPLACE TEMP TABLE seg_ids AS SELECT customer_id FROM seg_given")
    finally:
        raw.unregister("seg_given")


def _change_members(ws, name: str, ids: Iterable[str], *, add: bool) -> int:
    segment = get(ws, name)
    if segment.kind != "static":
        raise SegmentError(
            f"{segment.name!r} is dynamic: its rule decides its members; edit the rule instead"
        )
    ids = list(dict.fromkeys(str(i).strip() for i in ids if str(i).strip()))
    with ws.transaction() as raw:
        before = _size(raw, segment)
        if add:
            _load_ids(ws, ids)
            raw.execute(
                "INSERT INTO segment_members SELECT ?, customer_id, ? FROM temp.seg_ids "
                "ON CONFLICT DO NOTHING",
                [segment.segment_id, dt.datetime.now()],
            )
        else:
            raw.register("seg_given", pa.table({"customer_id": pa.array(ids, pa.string())}))
            raw.execute(
                "DELETE FROM segment_members WHERE segment_id = ? "
                "AND customer_id IN (SELECT customer_id FROM seg_given)",
                [segment.segment_id],
            )
            raw.unregister("seg_given")
        changed = abs(_size(raw, segment) - before)
        if changed:
            raw.execute(
                "UPDATE segments SET updated_at = ? WHERE segment_id = ?",
                [dt.datetime.now(), segment.segment_id],
            )
        segments = {s.name: s for s in all_segments(ws)}
        _record_static(ws, reference_date(ws), segments, segment)
    return changed


def _size(raw, segment: Segment) -> int:
    return int(
        raw.execute(
            "SELECT count(*) FROM segment_members WHERE segment_id = ?", [segment.segment_id]
        ).fetchone()[0]
    )
