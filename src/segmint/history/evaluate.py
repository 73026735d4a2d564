"""Compute membership on one date: family groups come from the features table, dynamic segments are
evaluated by their rules on one shared frame (one per in_segment layer) into a results table; both are
wide (one row per customer). `snapshot` turns them into the long rows the splice reads."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import ibis

from segmint.errors import RuleError
from segmint.families import compute_features as family_features
from segmint.families import families as defined_families
from segmint.families.features import Family
from segmint.history import groups
from segmint.history.groups import GROUPS
from segmint.history.splice import create_inputs
from segmint.rules import CompileContext, compile_rules
from segmint.rules.check import Groups
from segmint.segments.model import MEMBER_GROUP, Segment
from segmint.segments.resolve import Resolver

if TYPE_CHECKING:
    from segmint.models.clv.features import Predicted

FEATURES_TEMP = "seg_features"
RESULTS_TEMP = "seg_results"


def materialise(ws, name: str, expr: ibis.Table, *, temp: bool = True) -> None:
    """CREATE OR REPLACE [TEMP] TABLE name AS <the Ibis expression> on the workspace connection (inside
    the caller's transaction; the SQL is Ibis's rendering of the expression tree)."""
    sql = ws.con.compile(expr)
    where = "TEMP TABLE" if temp else "TABLE"
    ws.raw.execute(f"CREATE OR REPLACE {where} {quote(name)} AS {sql}")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Known:
    """The families as they are defined now, assembled once for an operation that needs both views:
    `definitions` (family name -> Family(column, groups)), what is computed and recorded, and `groups`
    (features column -> Groups), what a rule's value is checked against (rules.check.check_groups)."""

    definitions: dict
    groups: dict[str, Groups]


def known_families(ws) -> Known:
    """The workspace's families under its [families] settings, the churn_risk family of the CLV
    predictions and, once a clustering has run, the `cluster` family (its numbers; its clusters' names for
    cluster.name). One read of the clustering's (number, name) rows: its model is not loaded."""
    from segmint.models.clusters.store import FAMILY, NAME_COLUMN, current_names  # loads pandas: on use
    from segmint.models.clv.features import prediction_families

    definitions = {**defined_families(ws.settings.families), **prediction_families()}
    groups = {
        family.column: Groups(name, family.groups) for name, family in definitions.items() if family.groups
    }
    clusters = current_names(ws)
    if clusters:
        numbers = tuple(str(number) for number, _ in clusters)
        definitions[FAMILY] = Family(FAMILY, numbers)
        groups[FAMILY] = Groups(FAMILY, numbers)
        names = tuple(dict.fromkeys(name for _, name in clusters if name))
        groups[NAME_COLUMN] = Groups(FAMILY, names, "cluster name")
    return Known(definitions, groups)


def family_definitions(ws) -> dict:
    """family name -> Family(column, groups): every family a refresh computes (known_families)."""
    return known_families(ws).definitions


def family_groups(ws) -> dict[str, Groups]:
    """features column -> the family and its group names, for every family whose groups are known now:
    what a rule's value is checked against when the rule is defined (rules.check.check_groups)."""
    return known_families(ws).groups


def compute_features(
    ws,
    day: dt.date,
    families: ibis.Table | None = None,
    *,
    changed: str | None = None,
    keep_fit: bool = False,
    fit=None,
    definitions: dict | None = None,
) -> Predicted:
    """The features expression (every family's columns and the CLV predictions) as the data stood on
    `day`, and the number and value of the purchases on `day` when the CLV scored everyone (its summary
    counted them: clv.features.with_predictions), else None: a Predicted. `families`: the family columns
    when already computed, and `changed`: the table of the customers with new rows since the stored
    features (the incremental refresh), with `fit` the CLV fit of `day` it found kept (or None).
    `keep_fit`: a CLV model fitted now is stored for later refreshes (models/clv/features.py; the refresh
    does).
    `definitions`: family_definitions(ws) when the caller has them already (assembling them reads the
    clustering)."""
    if families is None:
        families = family_features(context(ws, day, None, definitions), ws.settings.families)
    from segmint.models.clusters.store import with_clusters  # the models load pandas and SciPy: on use
    from segmint.models.clv.features import with_predictions

    predicted = with_predictions(ws, day, families, only=changed, keep_fit=keep_fit, fit=fit)
    return dataclasses.replace(predicted, table=with_clusters(ws, day, predicted.table))


def context(ws, day: dt.date, features: str | None, families: dict | None = None) -> CompileContext:
    """A context on `day` reading exactly the given features table (from_backend alone would pick up the
    stored `features` table, which may be another date's), with the group names of `families` (default:
    the workspace's; a refresh passes the ones it read once, as reading them loads the clustering run)."""
    ctx = CompileContext.from_workspace(ws, as_of=day, families=families)
    return dataclasses.replace(ctx, features=ws.table(features) if features else None)


@dataclass
class Computed:
    """Membership on one date, wide: `features` (a group column per family, one row per customer) and
    `results` (customer_id and a boolean column per dynamic segment, Segment.column), both table names."""

    day: dt.date
    features: str | None
    families: dict = field(default_factory=dict)  # family name -> Family(column, groups)
    results: str | None = None
    segments: list[Segment] = field(default_factory=list)  # the dynamic segments evaluated
    # the number and value of the purchases on `day` (clv.features.purchases) when the CLV scored
    # everyone: its summary counted them, and incremental.mark records them without a scan of its own
    purchases: tuple[int, Decimal] | None = None

    def refs(self) -> list[tuple[str, str]]:
        return [("family", name) for name in self.families] + [
            ("segment", segment.segment_id) for segment in self.segments
        ]


def evaluate(
    ws,
    day: dt.date,
    segments: dict[str, Segment],
    dynamic: list[Segment],
    *,
    features: str | None,
    families: dict | None = None,
    results: str = RESULTS_TEMP,
    temp: bool = True,
    only: ibis.Table | None = None,
    only_orders: ibis.Table | None = None,
    only_items: ibis.Table | None = None,
) -> Computed:
    """Evaluate the `dynamic` segments on `day` into the table `results` (one shared frame; `segments` are
    all the definitions in_segment may read). `features` is the features table of
    `day`, whose `families` columns are the family groups. `only` (a table with customer_id) limits the
    evaluation to those customers, and `only_orders` may hold their orders, `only_items` those orders' lines
    (CompileContext.restricted_to)."""
    computed = Computed(day, features, dict(families or {}), None, list(dynamic))
    if not dynamic:
        return computed
    # one statement for every segment: in_segment(...) of a dynamic segment compiles its rule on the
    # shared frame (rules/compile.py inline_segment), so no segment waits for another's result
    ctx = context(ws, day, features, families)
    if only is not None:
        ctx = ctx.restricted_to(only, only_orders, only_items)
    ctx = Resolver(ws, segments).bind(ctx)
    with naming_the_segment(dynamic):
        rules = compile_rules({segment.column: segment.rule for segment in dynamic}, ctx)
        materialise(ws, results, rules, temp=temp)
    computed.results = results
    return computed


@contextlib.contextmanager
def naming_the_segment(segments):
    """A rule error of a stored rule names its segment: a refresh evaluates every stored rule, and "line 1,
    column 14: the rule ends too early" alone did not say which one to fix. (The rules are compiled on one
    shared frame, so the segment is found by the rule text the error carries.)"""
    try:
        yield
    except RuleError as exc:
        named = [segment.name for segment in segments if segment.rule == exc.text]
        if exc.segment is not None or not named:
            raise
        if exc.code == "segment.unknown.hint" and exc.params.get("hint") == named[0]:
            # "unknown segment 'X'; did you mean <the segment being saved>?": a rule naming itself is
            # no fix, so the hint goes (the saved segment is among the known names inside its save)
            bare = f"unknown segment {exc.params['name']!r}"
            exc = RuleError(bare, exc.line, exc.column, exc.text, code="segment.unknown", params=exc.params)
            exc.params.pop("hint", None)
        raise exc.of_segment(named[0]) from exc


def snapshot(raw, computed: Computed, refs: set[tuple[str, str]] | None = None) -> dict[str, int]:
    """Fill seg_refs and make seg_snapshot the (group_key, customer_id) rows of `computed`, for the
    chosen refs (default: all); their groups get their keys first (groups.py). seg_snapshot is a view
    over the wide tables, so the millions of rows of a large workspace are never copied: the splice
    reads them once. Returns the segments' group keys, by segment id."""
    create_inputs(raw, snapshot=False)
    keys = register_groups(raw, computed, refs)
    parts, recorded = [], []
    for name, family in computed.families.items():
        if refs is not None and ("family", name) not in refs:
            continue
        recorded.append(("family", name))
        column = quote(family.column)
        parts.append(
            f"SELECT g.group_key, f.customer_id FROM {quote(computed.features)} f "
            f"JOIN {GROUPS} g ON g.kind = 'family' AND g.ref = {_text(name)} "
            f"AND g.group_name = CAST(f.{column} AS VARCHAR)"
        )
    for segment in computed.segments:
        if refs is not None and ("segment", segment.segment_id) not in refs:
            continue
        recorded.append(("segment", segment.segment_id))
        parts.append(
            f"SELECT {keys[segment.segment_id]} AS group_key, customer_id "
            f"FROM {quote(computed.results)} WHERE {quote(segment.column)}"
        )
    if recorded:  # one statement, not one a ref (57 at the benchmark's 50 segments)
        raw.execute(
            "INSERT INTO seg_refs SELECT unnest($kinds), unnest($refs)",
            {"kinds": [kind for kind, _ in recorded], "refs": [ref for _, ref in recorded]},
        )
    if not parts:  # an empty snapshot with the right columns
        parts.append("SELECT NULL::INTEGER AS group_key, NULL::VARCHAR AS customer_id WHERE false")
    raw.execute("CREATE OR REPLACE TEMP VIEW seg_snapshot AS " + "\nUNION ALL ".join(parts))
    return keys


def snapshot_in_order(computed: Computed, refs: set[tuple[str, str]], keys: dict[str, int]) -> str:
    """SQL: the rows of seg_snapshot for `refs`, in customer order, from the wide tables. `keys`: the
    segments' group keys, as `snapshot` returned them (it gave every group its key). A first refresh of
    1M customers writes ~16M history rows: sorting those by customer cost ~2 s of CPU (~40% of that
    write), where sorting the 1M wide rows and unnesting each customer's keys in place costs ~0.3 s (the
    unnest keeps its input's order). The tables are joined, so only the ORDER BY here orders the rows."""
    picked, joins = [], []
    for number, (name, family) in enumerate(computed.families.items()):
        if ("family", name) in refs:
            alias = f"g{number}"  # the group's key: its name looked up among the family's (few) groups
            picked.append(f"{alias}.group_key")
            joins.append(
                f"LEFT JOIN {GROUPS} {alias} ON {alias}.kind = 'family' AND {alias}.ref = {_text(name)} "
                f"AND {alias}.group_name = CAST(f.{quote(family.column)} AS VARCHAR)"
            )
    picked += [
        f"CASE WHEN r.{quote(segment.column)} THEN {keys[segment.segment_id]} END"
        for segment in computed.segments
        if ("segment", segment.segment_id) in refs
    ]
    if not picked:
        return "SELECT NULL::INTEGER AS group_key, NULL::VARCHAR AS customer_id WHERE false"
    of_families, of_segments = bool(joins), len(picked) > len(joins)
    features, results = quote(computed.features or ""), quote(computed.results or "")
    if of_families and of_segments:
        wide = f"{features} f FULL OUTER JOIN {results} r USING (customer_id)"
    else:
        wide = f"{features} f" if of_families else f"{results} r"
    listed = f"list_filter([{', '.join(picked)}], k -> k IS NOT NULL)"
    return (
        "SELECT unnest(keys) AS group_key, customer_id FROM ("
        f"SELECT customer_id, {listed} AS keys FROM {wide} {' '.join(joins)} ORDER BY customer_id)"
    )


def register_groups(raw, computed: Computed, refs: set[tuple[str, str]] | None = None) -> dict[str, int]:
    """Give a key to every group `computed` has members in (for the chosen refs; default: all) that has
    none yet: a family's groups are the values of its column. The keys of the segments' one group, by
    segment id."""
    groups.register_all(
        raw,
        "family",
        {
            name: f"SELECT CAST({quote(family.column)} AS VARCHAR) FROM {quote(computed.features)}"
            for name, family in computed.families.items()
            if refs is None or ("family", name) in refs
        },
    )
    segments = [
        segment.segment_id
        for segment in computed.segments
        if refs is None or ("segment", segment.segment_id) in refs
    ]
    return groups.keys(raw, "segment", segments, MEMBER_GROUP)


def sizes(raw, computed: Computed) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """Group sizes per family and member counts per segment id, from the wide tables."""
    families: dict[str, dict[str, int]] = {}
    for name, family in computed.families.items():
        column = quote(family.column)
        rows = raw.execute(
            f"SELECT CAST({column} AS VARCHAR), count(*) FROM {quote(computed.features)} "
            f"WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 1"
        ).fetchall()
        families[name] = {group: int(n) for group, n in rows}
    segments: dict[str, int] = {}
    if computed.segments:
        counts = ", ".join(f"count_if({quote(s.column)})" for s in computed.segments)
        row = raw.execute(f"SELECT {counts} FROM {quote(computed.results)}").fetchone()
        # count_if over no rows (a date before the first customer) is NULL, not 0
        segments = {s.segment_id: int(n or 0) for s, n in zip(computed.segments, row, strict=True)}
    return families, segments


def _text(value: str) -> str:
    """A SQL string literal of a name segmint itself made (a family name from code, a hex segment id)."""
    return "'" + value.replace("'", "''") + "'"
