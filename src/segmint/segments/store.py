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
from collections.abc import Iterable, Mapping

import duckdb
import pyarrow as pa

from segmint.errors import RuleError
from segmint.history import groups, state
from segmint.history.evaluate import (
    FEATURES_TEMP,
    RESULTS_TEMP,
    compute_features,
    evaluate,
    family_definitions,
    family_groups,
    materialise,
    snapshot,
)
from segmint.history.evaluate import context as compile_context
from segmint.history.incremental import MARKS, settings_mark
from segmint.history.refresh import features_date
from segmint.history.splice import drop_inputs, splice, static_lists
from segmint.models.clusters.store import FAMILY as CLUSTER_FAMILY
from segmint.models.clv.features import CHURN_FAMILY
from segmint.rules import CATALOGUE, ast, compile_rule, parse_rule
from segmint.rules import attribute as attributes
from segmint.rules.check import Groups, check_groups, group_problems
from segmint.rules.context import reference_date
from segmint.rules.fields import Feature
from segmint.rules.json_form import json_errors
from segmint.rules.render import render
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
from segmint.segments.resolve import (
    Resolver,
    check_cycles,
    needs_features,
    readers,
    reads_itself,
    referenced,
)
from segmint.store.survivors import survivors_sql


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
    with json_errors(rule, name):  # a rule read from its JSON form: its errors name the JSON path
        tree, rule = rule, rule_source(rule)
        ids = _check_source(kind, rule, members)
        if rule is not None:
            check_rule_groups(ws, tree if isinstance(tree, ast.Rule) else rule)
        now = ws.now(whole_seconds=False)
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
    refreeze: bool = False,
) -> Segment:
    """Change a segment's rule, description or name. A new rule of a static segment re-freezes its
    members; the rule it has (in any spelling: the builder and a script send it back with a new name or
    description) keeps them, hand-made changes included, unless `refreeze` asks to freeze them again
    from its rule as of now. A renamed segment keeps its history. Names other rules read with
    in_segment() stay fixed."""
    segment = get(ws, name)
    changes: dict = {}
    if refreeze and not (rule is not None or segment.rule):
        raise SegmentError(
            f"{segment.name!r} was made from customer ids and has no rule to be frozen again from; "
            "give a rule",
            code="refreeze.no_rule",
            params={"name": segment.name},
        )
    if new_name is not None and check_name(new_name) != segment.name:
        new_name = check_name(new_name)
        check_free(ws, new_name, renaming=segment)
        readers = reading(ws, segment.name)
        if readers:
            raise SegmentError(
                f"cannot rename {segment.name!r}: in_segment({segment.name!r}) is read by "
                + ", ".join(repr(r) for r in readers),
                code="rename.read_by",
                params={"name": segment.name, "readers": readers},
            )
        adding = _triggers_using(ws, segment, watching=False)  # a watching trigger keeps the segment's id
        if adding:
            raise SegmentError(
                f"cannot rename {segment.name!r}: the trigger(s) {adding} add customers to it",
                code="rename.triggers",
                params={"name": segment.name, "triggers": adding},
            )
        changes["name"] = new_name
    if description is not None:
        changes["description"] = description or None
    with json_errors(rule, segment.name, changes.get("name")):  # a JSON rule's: at its JSON path
        new_rule = refreeze
        if rule is not None:
            text = rule_text(rule)
            if not same_rule(text, segment.rule):  # the stored rule as it was may name a group since removed
                check_rule_groups(ws, rule if isinstance(rule, ast.Rule) else text)
                new_rule = True
            if text != segment.rule:  # the same rule spelt otherwise is stored as written, not evaluated
                changes["rule"] = text
        if not changes and not new_rule:
            return segment
        return _store_changes(ws, segment, changes, new_rule)


def same_rule(text: str | None, stored: str | None) -> bool:
    """Whether two rule texts are one rule: the same canonical form (spacing, quotes, keywords' capitals
    and redundant parentheses aside). The web builder writes a stored rule back in the shape it read
    (web/builder: a double negation and 5000.0 stay as they were), so its Save of a static segment's own
    rule, with a new name or description, keeps the members."""
    if text is None or stored is None:
        return text == stored
    try:
        return render(parse_rule(text)) == render(parse_rule(stored))
    except RuleError:  # a stored rule the language no longer reads: any text is a change
        return False


def _store_changes(ws, segment: Segment, changes: dict, new_rule: bool) -> Segment:
    """edit's changes written, and the members evaluated again (re-frozen, static) after a new rule or
    when re-freezing is asked."""
    changes["updated_at"] = ws.now(whole_seconds=False)
    updated = Segment(**{**segment.__dict__, **changes})
    with ws.transaction() as raw:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        raw.execute(
            f"UPDATE segments SET {assignments} WHERE segment_id = ?",
            [*changes.values(), segment.segment_id],
        )
        if "name" in changes:  # a trigger watching it keeps its id; its target shows the name it has now
            raw.execute(
                "UPDATE triggers SET target = ? WHERE ref_kind = 'segment' AND ref = ?",
                [changes["name"], segment.segment_id],
            )
        if new_rule:
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
            + ", ".join(repr(r) for r in readers),
            code="delete.read_by",
            params={"name": segment.name, "readers": readers},
        )
    watchers = _triggers_using(ws, segment, watching=True)
    if watchers:  # they would go on pointing at nothing
        raise SegmentError(
            f"cannot delete {segment.name!r}: the trigger(s) {watchers} use it; delete them first "
            "(segmint triggers delete NAME)",
            code="delete.triggers",
            params={"name": segment.name, "triggers": watchers},
        )
    with ws.transaction() as raw:
        for table in ("segment_members", "segments"):
            raw.execute(f"DELETE FROM {table} WHERE segment_id = ?", [segment.segment_id])
        groups.forget(raw, "segment", segment.segment_id)
        raw.execute(
            "DELETE FROM membership_snapshots WHERE kind = 'segment' AND ref = ?", [segment.segment_id]
        )
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


def add_members(ws, name: str, ids: Iterable[str] | str) -> int:
    """Add customers to a static segment by id; returns how many were not members yet. An id merged
    away by dedupe adds the record it was merged into."""
    return change_members(ws, name, add=ids)[0]


def remove_members(ws, name: str, ids: Iterable[str] | str) -> int:
    """Remove customers from a static segment; returns how many were removed. An id of no customer, or
    of a customer not in the list, is refused and nothing is removed."""
    return change_members(ws, name, remove=ids)[1]


def change_members(
    ws, name: str, *, add: Iterable[str] | str | None = None, remove: Iterable[str] | str | None = None
) -> tuple[int, int]:
    """Add, then remove, customers of a static segment in one transaction: both or neither (the API's
    PATCH takes both). Returns (added, removed)."""
    segment = get(ws, name)
    if segment.kind != "static":
        raise SegmentError(
            f"{segment.name!r} is dynamic: its rule decides its members; edit the rule instead",
            code="members.dynamic",
            params={"name": segment.name},
        )
    adding = None if add is None else clean_ids(add)
    removing = None if remove is None else clean_ids(remove)
    with ws.transaction() as raw:
        size = _size(raw, segment)
        added = removed = 0
        if adding:
            _load_ids(ws, adding)
            raw.execute(
                "INSERT INTO segment_members SELECT ?, customer_id, ? FROM temp.seg_ids "
                "ON CONFLICT DO NOTHING",
                [segment.segment_id, ws.now(whole_seconds=False)],
            )
            added, size = _size(raw, segment) - size, _size(raw, segment)
        if removing:
            _remove(raw, segment, removing)
            removed = size - _size(raw, segment)
        if added or removed:
            raw.execute(
                "UPDATE segments SET updated_at = ? WHERE segment_id = ?",
                [ws.now(whole_seconds=False), segment.segment_id],
            )
        segments = {s.name: s for s in all_segments(ws)}
        _record_static(ws, reference_date(ws), segments, segment)
    return added, removed


# -- internals --------------------------------------------------------------------------------------
def check_free(ws, name: str, renaming: Segment | None = None) -> None:
    """Refuse a name that is taken, also in other capitals ("vip" beside "VIP": in_segment(...),
    campaigns and the web's lists would name two segments the same way to a reader); `renaming` may
    change the capitals of its own name."""
    if find(ws, name) is not None:
        raise SegmentError(
            f"a segment named {name!r} already exists; edit it or choose another name",
            code="name.taken",
            params={"name": name},
        )
    folded = name.casefold()
    for (taken,) in ws.raw.execute("SELECT name FROM segments ORDER BY name").fetchall():
        if taken.casefold() == folded and (renaming is None or taken != renaming.name):
            raise SegmentError(
                f"a segment named {taken!r} already exists; {name!r} differs from it only in capitals, "
                "so the two would be confused: edit it or choose another name",
                code="name.taken.case",
                params={"name": name, "taken": taken},
            )
    # campaigns and triggers take a segment name or family:group: "rfm:At Risk" as a segment's name
    # would hide the family's group (and "cluster" would clash with the family a clustering adds)
    families = {*family_definitions(ws), CLUSTER_FAMILY, CHURN_FAMILY}
    folded = name.casefold()
    for family in families:
        if folded == family.casefold() or folded.startswith(family.casefold() + ":"):
            raise SegmentError(
                f"{name!r} reads as the built-in family {family!r} (campaigns and triggers name its "
                "groups family:group); choose another name",
                code="name.family",
                params={"name": name, "family": family},
            )


def rule_text(rule: str | ast.Rule | None) -> str | None:
    rule = rule_source(rule)
    if rule is None:
        return None
    parse_rule(rule)  # RuleError with line, column and caret
    return rule.strip()


def check_rule_groups(ws, rule: str | ast.Rule, groups: Mapping[str, Groups] | None = None) -> None:
    """RuleError (with line, column and caret) for a value that names no group of its family, e.g.
    `rfm.group = "Champs"`, which would match nobody. Asked when a rule is defined, changed or
    previewed, never by a refresh: a stored rule whose group a new RFM map dropped keeps refreshing
    (and matches nobody; `segments show` warns). The groups are today's (family_groups, or `groups`
    when the caller has them), as the features a rule is evaluated on are (stored_features_hold), on any
    date. So is an attribute("Education") that the import stores in a field of its own, or an
    attribute("kidhome") where the customers hold "Kidhome", while no customer holds it
    (rules/attribute.py matching_nobody)."""
    tree = parse_rule(rule) if isinstance(rule, str) else rule
    if _compares_families(tree):
        check_groups(tree, family_groups(ws) if groups is None else groups)
    for error in attributes.matching_nobody(ws.raw, tree):  # attribute("Education"): use education
        raise error


def group_errors(ws, rules: Iterable[str | None]) -> list[list[RuleError]]:
    """For each rule, the RuleErrors of its values that name no group of their family (a stored rule
    whose group is gone since: the workspace's RFM map changed, or a new clustering ran), with their
    codes so the CLI and the web UI word them in their language."""
    trees = [_parsed(rule) for rule in rules]
    if not any(tree is not None and _compares_families(tree) for tree in trees):
        return [[] for _ in trees]
    groups = family_groups(ws)
    return [group_problems(tree, groups) if tree else [] for tree in trees]


def _parsed(rule: str | None) -> ast.Rule | None:
    try:
        return parse_rule(rule) if rule else None
    except RuleError:  # pragma: no cover - a stored rule was checked when it was saved
        return None


def _compares_families(tree: ast.Rule) -> bool:
    """Whether the rule reads a family's field at all (else the families need not be looked up)."""
    return any(
        subject.name in CATALOGUE and isinstance(CATALOGUE[subject.name].how, Feature)
        for subject in ast.subjects(tree)
    )


def rule_source(rule: str | ast.Rule | None) -> str | None:
    """A rule as the text a segment stores: a parsed Rule (what select_members takes) gives the text it
    was parsed from, or its rendering; anything else but text is refused."""
    if rule is None or isinstance(rule, str):
        return rule
    if isinstance(rule, ast.Rule):
        return rule.source if rule.source is not None else render(rule)
    raise SegmentError(
        f"a rule is text (or a parsed Rule), not {type(rule).__name__}: {rule!r:.60}",
        code="rule.not_text",
        params={"type": type(rule).__name__, "value": f"{rule!r:.60}"},
    )


def _check_source(kind: str, rule: str | None, members: Iterable[str] | None) -> list[str] | None:
    if kind == "dynamic":
        if members is not None:
            raise SegmentError(
                "a dynamic segment is defined by its rule; only a static one takes member ids",
                code="source.dynamic_members",
            )
        if not rule or not rule.strip():
            raise SegmentError("a dynamic segment needs a rule", code="source.no_rule")
        return None
    if (rule is None) == (members is None):
        raise SegmentError(
            "a static segment is made from a rule or from a list of customer ids (one of them)",
            code="source.rule_or_members",
        )
    return None if members is None else clean_ids(members)


def clean_ids(ids: Iterable[str] | str) -> list[str]:
    """The customer ids given, stripped, each once. One str is one id (iterating it would give its
    characters); an empty id is refused rather than dropped, so a blank cell or a stray comma is seen."""
    if isinstance(ids, str):
        ids = [ids]
    elif isinstance(ids, bytes) or not isinstance(ids, Iterable):
        raise SegmentError(
            f"customer ids are given as a list of texts, not {type(ids).__name__}",
            code="ids.not_list",
            params={"type": type(ids).__name__},
        )
    cleaned = []
    for position, value in enumerate(ids, start=1):
        text = "" if value is None else str(value).strip()
        if not text:
            raise SegmentError(
                f"customer id number {position} of the list is empty",
                code="ids.empty",
                params={"position": position},
            )
        cleaned.append(text)
    return list(dict.fromkeys(cleaned))


def reading(ws, name: str) -> list[str]:
    """The segments whose rules read `name` through in_segment(...), in any spelling of it."""
    segments = all_segments(ws)
    return [s.name for s in segments if s.rule and s.name != name and name in referenced(s.rule)]


def store_members(ws, segment: Segment, ids: list[str] | None) -> None:
    """Evaluate (dynamic) or freeze (static, from `ids` or else its rule) the segment's members and record
    them in the history on the reference date, with those of the dynamic segments that read it through
    in_segment(...); inside the caller's transaction, after its row is stored."""
    raw = ws.raw
    segments = {s.name: s for s in all_segments(ws)}  # includes `segment`: it is stored by now
    segments[segment.name] = segment
    check_cycles(segments, start=segment.name)
    day = reference_date(ws)
    if segment.kind == "dynamic":
        _record_dynamic(ws, day, segments, [segment, *readers(segments, segment.name)])
        return
    if ids is None:
        reads_itself(segment.name, segment.rule, segments)
        features = _features_on(ws, day) if needs_features(segment.rule, segments) else None
        resolver = Resolver(ws, {k: v for k, v in segments.items() if k != segment.name})
        ctx = resolver.bind(compile_context(ws, day, features))
        materialise(ws, "seg_ids", compile_rule(segment.rule, ctx).members())
    else:
        _load_ids(ws, ids)
    raw.execute(
        "INSERT INTO segment_members SELECT DISTINCT ?, customer_id, ? FROM temp.seg_ids "
        "ON CONFLICT DO NOTHING",
        [segment.segment_id, ws.now(whole_seconds=False)],
    )
    _record_static(ws, day, segments, segment)


def _record_static(ws, day: dt.date, segments: dict[str, Segment], *changed: Segment) -> None:
    """Record static segments' members as they now are, and re-evaluate the segments reading them."""
    raw = ws.raw
    static_lists(raw, [segment.segment_id for segment in changed], MEMBER_GROUP)
    splice(raw, day)
    drop_inputs(raw)
    for name in ("seg_ids", FEATURES_TEMP):
        raw.execute(f"DROP TABLE IF EXISTS temp.{name}")
    reading = {r.name: r for segment in changed for r in readers(segments, segment.name)}
    _record_dynamic(ws, day, segments, list(reading.values()))


def static_lists_changed(ws, segment_ids: Iterable[str]) -> None:
    """After another operation changed static segments' member lists (a dedupe merge or its undo), record
    them in the history on the reference date and re-evaluate the dynamic segments reading them; inside
    the caller's transaction."""
    wanted = set(segment_ids)
    segments = {s.name: s for s in all_segments(ws)}
    changed = [s for s in segments.values() if s.segment_id in wanted and s.kind == "static"]
    if changed:
        _record_static(ws, reference_date(ws), segments, *changed)


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


def _features_on(ws, day: dt.date, temp: str = FEATURES_TEMP, families: dict | None = None) -> str:
    """The features table for `day`: the stored one when it holds what a refresh on `day` computes now
    (stored_features_hold), else computed now into the temp table `temp` (so a rule on rfm.group works
    before the first refresh, on a past date, and with the groups it is checked against).
    `families`: family_definitions(ws) when the caller has them."""
    if stored_features_hold(ws, day):
        return "features"
    materialise(ws, temp, compute_features(ws, day, definitions=families).table)
    return temp


def stored_features_hold(ws, day: dt.date) -> bool:
    """Whether the stored `features` are those of `day` as a refresh computes them now: of that date,
    under the family settings of now and after the current clustering was fitted. After segmint.toml's
    families changed, or `clusters fit --no-refresh`, they hold the groups of before (a renamed RFM group
    under its old name, the clusters of the earlier clustering) while a rule's values are checked against
    today's, so `rfm.group = "<its new name>"` selected nobody until the next refresh."""
    if "features" not in ws.con.list_tables() or features_date(ws) != day:
        return False
    raw = ws.raw
    try:
        row = raw.execute(f"SELECT mark FROM {MARKS} WHERE name = 'settings'").fetchone()
        refreshed, fitted = raw.execute(
            "SELECT (SELECT max(started_at) FROM refreshes WHERE as_of = ?), "
            "(SELECT max(fitted_at) FROM cluster_runs)",
            [day],
        ).fetchone()
    except duckdb.CatalogException:  # stored by a version without watermarks or clusterings
        return True
    if row is not None and list(row[0]) != [settings_mark(ws)]:
        return False
    return fitted is None or refreshed is None or fitted <= refreshed


def rule_context(ws, rule, as_of: dt.date | None = None, *, features=None, segments=None, families=None):
    """The CompileContext a rule is evaluated in on `as_of` (default: the reference date): the
    workspace's segments for in_segment(...), and the features of that date when the rule reads them
    (rules.select_members; the stored features belong to the last refresh's date only). `families`:
    family_definitions(ws) when the caller has them."""
    day = as_of or reference_date(ws)
    stored = {s.name: s for s in all_segments(ws)}
    families = family_definitions(ws) if families is None else families
    if features is None and needs_features(rule, stored):
        # a table of its own: a segment operation replaces FEATURES_TEMP while the caller holds this
        features = ws.table(_features_on(ws, day, f"seg_rule_features_{day:%Y%m%d}", families))
    ctx = dataclasses.replace(compile_context(ws, day, None, families), features=features)
    if segments is not None:
        return dataclasses.replace(ctx, segments=segments)
    return Resolver(ws, stored).bind(ctx)


def _load_ids(ws, ids: list[str]) -> None:
    """Put the customers the given ids name in temp.seg_ids, after checking every id names a customer.
    An id merged away by dedupe names its survivor (the record that is a customer now)."""
    raw = ws.raw
    raw.register("seg_given", pa.table({"customer_id": pa.array(ids, pa.string())}))
    try:
        _survivors(raw)
        raw.execute("CREATE OR REPLACE TEMP TABLE seg_ids AS SELECT DISTINCT customer_id FROM temp.seg_named")
    finally:
        raw.unregister("seg_given")
        raw.execute("DROP TABLE IF EXISTS temp.seg_named")


def check_ids(ws, ids: list[str]) -> None:
    """Refuse ids that name no customer (ids.unknown), as adding them would, without storing anything: a
    YAML load checks every static entry's ids before it writes any (yamlio)."""
    raw = ws.raw
    raw.register("seg_given", pa.table({"customer_id": pa.array(ids, pa.string())}))
    try:
        _refuse_unknown(raw)
    finally:
        raw.unregister("seg_given")


def _survivors(raw) -> None:
    """temp.seg_named (given, customer_id): each id of the registered seg_given with the live customer it
    names, following merged_into (a survivor can be merged again later). Refuses ids of no customer."""
    _refuse_unknown(raw)
    named = survivors_sql("SELECT customer_id FROM seg_given")
    raw.execute(f"CREATE OR REPLACE TEMP TABLE seg_named AS {named}")


def _refuse_unknown(raw) -> None:
    """ids.unknown for the ids of the registered seg_given that name no customer."""
    found = raw.execute(
        "SELECT customer_id, count(*) OVER () FROM (SELECT DISTINCT customer_id FROM seg_given "
        "ANTI JOIN customers USING (customer_id)) "
        "ORDER BY customer_id LIMIT 5"  # sorted, as ids.not_members names them: the same every time
    ).fetchall()
    if found:
        unknown, more = [row[0] for row in found], found[0][1] - len(found)
        # params: the ids themselves (a client must not parse the quoted text), and how many more there are
        params: dict = {"ids": unknown, **({"more": more} if more else {})}
        shown = ", ".join(repr(i) for i in unknown) + (f" and {more} more" if more else "")
        raise SegmentError(f"no customer has the id {shown}", code="ids.unknown", params=params)


def _remove(raw, segment: Segment, ids: list[str]) -> None:
    """Take the customers `ids` name out of a static segment; refused (nothing removed) when one of them
    is no customer or not a member, as adding an unknown id is: a typo must not pass as done. A merged-away
    id removes its survivor, and itself where a list made before merges moved lists still holds it."""
    raw.register("seg_given", pa.table({"customer_id": pa.array(ids, pa.string())}))
    try:
        _survivors(raw)
        outside = raw.execute(
            "SELECT n.given, n.customer_id, count(*) OVER () FROM seg_named n WHERE NOT EXISTS (SELECT 1 "
            "FROM segment_members m WHERE m.segment_id = ? AND m.customer_id IN (n.customer_id, n.given)) "
            "ORDER BY n.given LIMIT 5",
            [segment.segment_id],
        ).fetchall()
        if outside:
            more = outside[0][2] - len(outside)
            merged = {given: customer for given, customer, _ in outside if given != customer}
            shown = ", ".join(
                repr(given) + (f" (merged into {merged[given]!r})" if given in merged else "")
                for given, _, _ in outside
            ) + (f" and {more} more" if more else "")
            # params: the ids as a list, the survivor of each merged-away one, and how many more there are
            params: dict = {"name": segment.name, "ids": [given for given, _, _ in outside]}
            params |= ({"merged": merged} if merged else {}) | ({"more": more} if more else {})
            raise SegmentError(
                f"not a member of {segment.name!r}: {shown}; nothing was removed",
                code="ids.not_members",
                params=params,
            )
        raw.execute(
            "DELETE FROM segment_members WHERE segment_id = ? AND (customer_id IN "
            "(SELECT customer_id FROM seg_named) OR customer_id IN (SELECT given FROM seg_named))",
            [segment.segment_id],
        )
    finally:
        raw.unregister("seg_given")
        raw.execute("DROP TABLE IF EXISTS temp.seg_named")


def _size(raw, segment: Segment) -> int:
    return int(
        raw.execute(
            "SELECT count(*) FROM segment_members WHERE segment_id = ?", [segment.segment_id]
        ).fetchone()[0]
    )
