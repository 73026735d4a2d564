"""Who is in a segment (or a family group), the sizes of everything, and member exports to files."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from segmint.history.evaluate import family_definitions
from segmint.history.queries import lookup, membership_on
from segmint.rules.check import SYNONYMS
from segmint.segments.model import SegmentError, all_segments
from segmint.store.files import FORMULA_START, NUMBER_OR_PHONE, UNWRITABLE, unwritable

FORMATS = ("csv", "parquet", "json", "xlsx")
EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".json": "json", ".xlsx": "xlsx"}
BINARY = ("parquet", "xlsx")  # formats written to a file only
XLSX_ROWS = 1_048_576  # an Excel sheet's rows, the header's included
DEFAULT_COLUMNS = ("customer_id", "full_name", "email", "phone", "city")


def members(ws, name: str, as_of: dt.date | None = None, group: str | None = None) -> ibis.Table:
    """customer_id of the members of segment `name` (or of a family's group) on `as_of`; without a date,
    as the last refresh (or the last change of a static list) left them. A group a segment or family
    does not have is refused (history.queries)."""
    ref = lookup(ws, name)
    if ref.kind == "family" and group is None:
        if ref.groups:
            raise SegmentError(
                f"{name!r} is a family: name one of its groups, e.g. {ref.groups[0]!r}",
                code="family.needs_group.example",
                params={"name": name, "example": ref.groups[0]},
            )
        raise SegmentError(
            f"{name!r} is a family: name one of its groups", code="family.needs_group", params={"name": name}
        )
    return membership_on(ws, ref, as_of, group).select("customer_id")


# a rule's name for an RFM feature column: total_spent is the column monetary (rules.check.SYNONYMS reversed)
COLUMN_OF_FIELD = {SYNONYMS[column]: column for column in ("monetary", "frequency", "recency_days")}


def _column_hint(asked: str, available: list[str]) -> str | None:
    """The column meant by `asked`: rules write rfm.group and any case, the columns rfm_group; an import
    header names its customers column."""
    import difflib

    spelled = asked.strip().lower().replace(".", "_")
    if spelled in available:
        return spelled
    if COLUMN_OF_FIELD.get(spelled) in available:
        return COLUMN_OF_FIELD[spelled]
    from segmint.ingest.fields import header_key
    from segmint.ingest.mapping import recognised

    # a customers column named as its import header is read (місто -> city, стать -> gender)
    if recognised("customers").get(header_key(asked)) in available:
        return recognised("customers")[header_key(asked)]
    return next(iter(difflib.get_close_matches(spelled, available, n=1, cutoff=0.8)), None)


def member_table(
    ws, name: str, columns: list[str] | None = None, as_of: dt.date | None = None, group: str | None = None
) -> ibis.Table:
    """The members with the chosen columns of `customers` and of the features, by customer_id. A column
    named twice is given once, where it was first named. With `as_of`, the feature columns (monetary,
    rfm_group, …) are those of that date, as the members are: the stored features belong to the last
    refresh's date only, so another date's are computed (segments.store, as a rule on that date reads
    them). The customers' columns (name, email, city) are as they are now: they have no history."""
    columns = list(dict.fromkeys(columns or DEFAULT_COLUMNS))
    customers = ws.table("customers")
    stored = ws.table("features") if "features" in ws.con.list_tables() else None
    available = list(customers.columns) + [
        c for c in (stored.columns if stored is not None else ()) if c not in customers.columns
    ]
    unknown = [c for c in columns if c not in available]
    if unknown:
        hints = {c: _column_hint(c, available) for c in unknown}
        named = ", ".join(repr(c) + (f" (did you mean {h!r}?)" if h else "") for c, h in hints.items())
        raise SegmentError(
            f"unknown column {named}; choose from: {', '.join(available)}",
            code="column.unknown",
            params={
                "columns": unknown,
                "hints": {c: h for c, h in hints.items() if h},
                "available": available,
            },
        )
    table = members(ws, name, as_of, group).join(customers, "customer_id", how="left")
    wanted_features = [c for c in columns if c not in customers.columns]
    if wanted_features:
        features = stored if as_of is None else _features_of(ws, as_of)
        missing = [c for c in wanted_features if c not in features.columns]
        if missing:
            raise SegmentError(
                f"{', '.join(repr(c) for c in missing)} has no value on {as_of}: only the last refresh "
                "computes it; leave it out of the columns, or leave out the date",
                code="column.no_value",
                params={"columns": missing, "date": str(as_of)},
            )
        table = table.join(features.select("customer_id", *wanted_features), "customer_id", how="left")
    return table.select(*columns).order_by("customer_id" if "customer_id" in columns else columns[0])


def _features_of(ws, day: dt.date) -> ibis.Table:
    """The features as they stood on `day`: the stored table when the last refresh was on that date, else
    computed into a temp table of the date (how a rule on that date reads them)."""
    from segmint.segments.store import _features_on  # store loads the models (pandas, SciPy): on use

    return ws.table(_features_on(ws, day, temp=f"seg_member_features_{day:%Y%m%d}"))


def export_members(
    ws,
    name: str,
    path: str | Path | None,
    format: str | None = None,
    columns: list[str] | None = None,
    as_of: dt.date | None = None,
    group: str | None = None,
) -> tuple[int, bytes | None]:
    """Write the members to `path` as csv, parquet, json (an array of objects) or xlsx (one Excel sheet);
    with no path, return the csv or json bytes instead. Returns (rows, bytes or None). Without a format,
    the file's extension (.csv, .parquet, .json, .xlsx) decides, and csv otherwise; a format that
    contradicts the extension is refused. The file is written whole or not at all."""
    format = export_format(path, format)
    if format in BINARY and path is None:
        raise SegmentError(
            f"an export as {format} needs a file: -o FILE",
            code="export.needs_file",
            params={"format": format},
        )
    if path is not None:
        check_writable(path)
    data = member_table(ws, name, columns, as_of, group).to_pyarrow()
    if format == "parquet":
        sink = io.BytesIO()
        pq.write_table(data, sink)
        body = sink.getvalue()
    elif format == "xlsx":
        body = _xlsx(data, name)
    elif format == "json":
        body = json.dumps(json_rows(data), ensure_ascii=False, indent=1, default=str).encode() + b"\n"
    else:
        sink = pa.BufferOutputStream()
        pacsv.write_csv(_flat(data), sink)
        body = sink.getvalue().to_pybytes()
    if path is None:
        return data.num_rows, body
    write_file(path, body)
    return data.num_rows, None


def export_format(path: str | Path | None, format: str | None) -> str:
    """The format of a members export: the one asked for, else the file's extension, else csv."""
    if format is not None and format not in FORMATS:
        raise SegmentError(
            f"export format is one of {', '.join(FORMATS)}, not {format!r}",
            code="export.format",
            params={"formats": list(FORMATS), "format": format},
        )
    named = EXTENSIONS.get(Path(path).suffix.lower()) if path is not None else None
    if format is not None and named is not None and format != named:
        raise SegmentError(
            f"{path} is named as a {named} file but the format asked for is {format}: "
            "leave the format out (the extension decides) or change the file name",
            code="export.format_mismatch",
            params={"file": str(path), "named": named, "format": format},
        )
    return format or named or "csv"


def json_rows(data: pa.Table) -> list[dict]:
    """The rows as dicts for JSON: DECIMAL columns (monetary, total_spent) become numbers, not text."""
    for index, column in enumerate(data.schema):
        if pa.types.is_decimal(column.type):
            # through Python's Decimal: arrow's own cast turns 5430.23 into 5430.2300000000005
            values = [None if v is None else float(v) for v in data.column(index).to_pylist()]
            data = data.set_column(index, column.name, pa.array(values, pa.float64()))
    return data.to_pylist()


def check_writable(path: str | Path) -> None:
    """Refuse, before any work, a file that cannot be written: a folder, or one in a missing folder."""
    found = unwritable(path)
    if found:
        reason, params = found
        raise SegmentError(
            f"cannot write {path}: {UNWRITABLE[reason].format(**params)}",
            code=f"file.unwritable.{reason}",
            params=params,
        )


def write_file(path: str | Path, body: bytes) -> None:
    """Write `body` to `path` whole or not at all: into a temporary file next to it, then renamed."""
    path = Path(path)
    check_writable(path)
    part = path.with_name(f".{path.name}.part")
    try:
        part.write_bytes(body)
        part.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise SegmentError(
            f"cannot write {path}: {exc.strerror or exc}",
            code="file.write_failed",
            params={"file": str(path), "reason": exc.strerror or str(exc)},
        ) from None


def _flat(data: pa.Table) -> pa.Table:
    """The rows as CSV cells: text a spreadsheet would run as a formula (a name `=HYPERLINK(...)`) gets a
    leading ' (store.files.spreadsheet_safe; numbers and phone numbers stay as they are)."""
    data = _cells(data)
    for index, column in enumerate(data.schema):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            data = data.set_column(index, column.name, _spreadsheet_safe(data.column(index)))
    return data


def _cells(data: pa.Table) -> pa.Table:
    """A spreadsheet's cells hold no lists or JSON: list columns (tags, interests) become JSON text,
    structs and maps their text."""
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


def _xlsx(data: pa.Table, name: str) -> bytes:
    """One sheet, written with openpyxl's streaming writer: numbers, dates and amounts as Excel values,
    text as text (never a formula, so no quote is added to a name that starts with '='); Excel knows no
    time zones, so a zoned timestamp is written as its wall-clock time in its own zone."""
    from openpyxl import Workbook  # loaded on use: only this export needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    check_sheet_rows(name, data.num_rows)
    data = _cells(data)
    for index, column in enumerate(data.schema):
        if pa.types.is_timestamp(column.type) and column.type.tz is not None:
            data = data.set_column(index, column.name, pc.local_timestamp(data.column(index)))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(name))
    sheet.append(data.column_names)
    for row in data.to_pylist():
        cells = []
        for value in row.values():
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # text stays text: '=1+1' is not run as a formula
            else:
                cell = WriteOnlyCell(sheet, value)
            cells.append(cell)
        sheet.append(cells)
    sink = io.BytesIO()
    book.save(sink)
    return sink.getvalue()


def check_sheet_rows(name: str, rows: int) -> None:
    """Refuse more members than one Excel sheet holds (before writing anything)."""
    if rows + 1 > XLSX_ROWS:
        raise SegmentError(
            f"{name} has {rows:,} members, more than an Excel sheet holds ({XLSX_ROWS - 1:,} rows under "
            "the header): export csv or parquet",
            code="export.xlsx_rows",
            params={"name": name, "rows": rows, "limit": XLSX_ROWS - 1},
        )


def _sheet_title(name: str) -> str:
    """A segment's name as an Excel sheet title: at most 31 characters, none of : \\ / ? * [ ]."""
    title = "".join("_" if c in ':\\/?*[]' else c for c in name).strip("'")[:31]
    return title or "members"


def _spreadsheet_safe(cells: pa.ChunkedArray) -> pa.ChunkedArray:
    """store.files.spreadsheet_safe for a whole text column, in Arrow."""
    formula = pc.and_not(
        pc.match_substring_regex(cells, FORMULA_START), pc.match_substring_regex(cells, NUMBER_OR_PHONE)
    )
    return pc.if_else(formula, pc.binary_join_element_wise("'", cells, ""), cells)


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
        # the map's groups, then any other the last refresh recorded (a group renamed since, before the
        # next refresh): else its customers were left out and the sizes did not add up
        known = list(family.groups or [])
        groups = known + sorted(g for (k, f, g) in counts if k == "family" and f == name and g not in known)
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
