"""Compute membership on one date into the splice's input tables: family groups from the features table,
dynamic segments by their rules on one shared frame (one per in_segment layer)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import ibis

from segmint.families import compute_features as family_features
from segmint.families import families as defined_families
from segmint.history.splice import create_inputs
from segmint.rules import CompileContext, compile_rules
from segmint.segments.model import MEMBER_GROUP, Segment
from segmint.segments.resolve import Resolver, layers

FEATURES_TEMP = "seg_features"


def materialise(ws, name: str, expr: ibis.Table, *, temp: bool = True) -> None:
    """CREATE OR REPLACE [TEMP] TABLE name AS <the Ibis expression> on the workspace connection (inside
    the caller's transaction; the SQL is Ibis's rendering of the expression tree)."""
    sql = ws.con.compile(expr)
    where = "TEMP TABLE" if temp else "TABLE"
    ws.raw.execute(f"CREATE OR REPLACE {where} {_quote(name)} AS {sql}")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def family_definitions(ws) -> dict:
    """family name -> Family(column, groups) under the workspace's [families] settings."""
    return defined_families(ws.settings.families)


def compute_features(ws, day: dt.date) -> ibis.Table:
    """The features expression (every family's columns) as the data stood on `day`."""
    return family_features(context(ws, day, None), ws.settings.families)


def context(ws, day: dt.date, features: str | None) -> CompileContext:
    """A context on `day` reading exactly the given features table (from_backend alone would pick up the
    stored `features` table, which may be another date's)."""
    ctx = CompileContext.from_backend(ws.con, today=day)
    return dataclasses.replace(ctx, features=ws.table(features) if features else None)


def snapshot(
    ws,
    day: dt.date,
    segments: dict[str, Segment],
    dynamic: list[Segment],
    *,
    features: str | None,
    families: dict | None = None,
) -> None:
    """Fill seg_refs and make seg_snapshot the membership on `day`: every family in `families` (read from
    the table `features`) and every segment of `dynamic`, evaluated with `segments` known to in_segment.

    seg_snapshot is a view over the features table and one table of rule results per in_segment layer
    (customer_id and a boolean per segment), so the millions of (group, customer) rows of a large
    workspace are never copied: the splice reads them once."""
    raw = ws.raw
    create_inputs(raw, snapshot=False)
    parts = []
    for name, family in (families or {}).items():
        raw.execute("INSERT INTO seg_refs VALUES ('family', ?)", [name])
        column = _quote(family.column)
        parts.append(
            f"SELECT 'family' AS kind, {_text(name)} AS ref, CAST({column} AS VARCHAR) AS group_name, "
            f"customer_id FROM {_quote(features)} WHERE {column} IS NOT NULL"
        )
    wanted = {segment.name for segment in dynamic}
    computed = {
        name: segment for name, segment in segments.items() if segment.kind == "static" or name in wanted
    }
    where: dict[str, str] = {}  # segment name -> the table holding its results in this run

    def members_of(segment: Segment) -> ibis.Table | None:
        if segment.name not in where:
            return None  # not computed in this run: compile its rule at the same date
        rows = ws.table(where[segment.name])
        return rows.filter(rows[segment.column]).select("customer_id")

    resolver = Resolver(ws, segments, members_of)
    ctx = resolver.bind(context(ws, day, features))
    for number, layer in enumerate(layers(computed) if dynamic else []):
        layer = [segment for segment in layer if segment.name in wanted]
        if not layer:
            continue
        table = f"seg_evaluated_{number}"
        materialise(ws, table, compile_rules({segment.column: segment.rule for segment in layer}, ctx))
        for segment in layer:
            raw.execute("INSERT INTO seg_refs VALUES ('segment', ?)", [segment.segment_id])
            parts.append(
                f"SELECT 'segment' AS kind, {_text(segment.segment_id)} AS ref, "
                f"'{MEMBER_GROUP}' AS group_name, customer_id "
                f"FROM {table} WHERE {_quote(segment.column)}"
            )
            where[segment.name] = table
    if not parts:  # an empty snapshot with the right columns
        parts.append(
            "SELECT NULL::VARCHAR AS kind, NULL::VARCHAR AS ref, NULL::VARCHAR AS group_name, "
            "NULL::VARCHAR AS customer_id WHERE false"
        )
    raw.execute("CREATE OR REPLACE TEMP VIEW seg_snapshot AS " + "\nUNION ALL ".join(parts))


def _text(value: str) -> str:
    """A SQL string literal of a name segmint itself made (a family name from code, a hex segment id)."""
    return "'" + value.replace("'", "''") + "'"
