"""Who is in a segment (or a family group), the sizes of everything, and member exports to files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from segmint.history.evaluate import family_definitions
from segmint.history.queries import lookup, membership_on
from segmint.segments.model import SegmentError, all_segments

FORMATS = ("csv", "parquet", "json")
DEFAULT_COLUMNS = ("customer_id", "full_name", "email", "phone", "city")


def members(ws, name: str, as_of: dt.date | None = None, group: str | None = None) -> ibis.Table:
    """customer_id of the members of segment `name` (or of a family's group) on `as_of`; without a date,
    as the last refresh (or the last change of a static list) left them."""
    ref = lookup(ws, name)
    if ref.kind == "family" and group is None:
        raise SegmentError(
            f"{name!r} is a family: name one of its groups, e.g. group={ref.groups[0]!r}"
            if ref.groups
            else f"{name!r} is a family: name one of its groups"
        )
    return membership_on(ws, ref, as_of, group).select("customer_id")


def member_table(
    ws, name: str, columns: list[str] | None = None, as_of: dt.date | None = None, group: str | None = None
) -> ibis.Table:
    """The members with the chosen columns of `customers` and of the `features` table, by customer_id."""
    columns = list(columns or DEFAULT_COLUMNS)
    customers = ws.table("customers")
    features = ws.table("features") if "features" in ws.con.list_tables() else None
    available = list(customers.columns) + [
        c for c in (features.columns if features is not None else ()) if c not in customers.columns
    ]
    unknown = [c for c in columns if c not in available]
    if unknown:
        raise SegmentError(
            f"unknown column {', '.join(repr(c) for c in unknown)}; choose from: {', '.join(available)}"
        )
    table = members(ws, name, as_of, group).join(customers, "customer_id", how="left")
    wanted_features = [c for c in columns if c not in customers.columns]
    if wanted_features:
        table = table.join(features.select("customer_id", *wanted_features), "customer_id", how="left")
    return table.select(*columns).order_by("customer_id" if "customer_id" in columns else columns[0])


def export_members(
    ws,
    name: str,
    path: str | Path | None,
    format: str = "csv",
    columns: list[str] | None = None,
    as_of: dt.date | None = None,
    group: str | None = None,
) -> tuple[int, bytes | None]:
    """Write the members to `path` as csv, parquet or json (an array of objects); with no path, return
    the csv or json bytes instead. Returns (rows, bytes or None)."""
    if format not in FORMATS:
        raise SegmentError(f"export format is one of {', '.join(FORMATS)}, not {format!r}")
    if format == "parquet" and path is None:
        raise SegmentError("a parquet export needs a file: -o FILE")
    data = member_table(ws, name, columns, as_of, group).to_pyarrow()
    if format == "parquet":
        pq.write_table(data, str(path))
        return data.num_rows, None
    if format == "json":
        body = json.dumps(data.to_pylist(), ensure_ascii=False, indent=1, default=str).encode() + b"\n"
    else:
        sink = pa.BufferOutputStream()
        pacsv.write_csv(_flat(data), sink)
        body = sink.getvalue().to_pybytes()
    if path is None:
        return data.num_rows, body
    Path(path).write_bytes(body)
    return data.num_rows, None


def _flat(data: pa.Table) -> pa.Table:
    """CSV has no lists or JSON: list columns (tags, interests) become JSON text."""
    for index, column in enumerate(data.schema):
        if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            values = [
                None if v is None else json.dumps(v, ensure_ascii=False)
                for v in data.column(index).to_pylist()
            ]
            data = data.set_column(index, column.name, pa.array(values, pa.string()))
        elif pa.types.is_struct(column.type) or pa.types.is_map(column.type):
            data = data.set_column(index, column.name, pc.cast(data.column(index), pa.string()))
    return data


def overview(ws) -> dict:
    """Every family with its group sizes and every segment with its kind, rule and size, as the last
    refresh (or change) left them: the document `segmint segments list --json` prints."""
    history = ws.table("membership_history")
    current = history.filter(history.valid_to.isnull())
    sizes = current.group_by(["kind", "ref", "group_name"]).aggregate(customers=current.count())
    counts = {
        (r["kind"], r["ref"], r["group_name"]): int(r["customers"]) for r in sizes.to_pyarrow().to_pylist()
    }
    snapshots = ws.table("membership_snapshots")
    last = snapshots.group_by(["kind", "ref"]).aggregate(as_of=snapshots.as_of.max())
    dates = {(r["kind"], r["ref"]): r["as_of"] for r in last.to_pyarrow().to_pylist()}
    families = []
    for name, family in family_definitions(ws).items():
        groups = list(family.groups or sorted(g for (k, f, g) in counts if k == "family" and f == name))
        families.append(
            {
                "name": name,
                "column": family.column,
                "as_of": dates.get(("family", name)),
                "groups": [{"name": g, "customers": counts.get(("family", name, g), 0)} for g in groups],
            }
        )
    segments = [
        {
            "name": s.name,
            "kind": s.kind,
            "rule": s.rule,
            "description": s.description,
            "size": counts.get(("segment", s.segment_id, "member"), 0),
            "as_of": dates.get(("segment", s.segment_id)),
            "updated_at": s.updated_at,
        }
        for s in all_segments(ws)
    ]
    return {"families": families, "segments": segments}
