"""Who is in a segment (or a family group), the sizes of everything, and member exports to files."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from segmint.errors import RuleError
from segmint.history.evaluate import family_definitions
from segmint.history.queries import family_group, lookup, membership_on, snapshot_dates
from segmint.rules.check import SYNONYMS
from segmint.rules.fields import CATALOGUE, FILTERS, Column, Feature, Filter
from segmint.segments.model import SegmentError, all_segments, get
from segmint.store.files import FORMULA_START, NUMBER_OR_PHONE, UNWRITABLE, unwritable

FORMATS = ("csv", "parquet", "json", "xlsx")
EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".json": "json", ".xlsx": "xlsx"}
BINARY = ("parquet", "xlsx")  # formats written to a file only
XLSX_ROWS = 1_048_576  # an Excel sheet's rows, the header's included
DEFAULT_COLUMNS = ("customer_id", "full_name", "email", "phone", "city")


def named_columns(text: str | None, option: str = "--columns") -> list[str] | None:
    """The columns a comma-separated `option` names, stripped (None: not given, the default columns). One
    that names none (",,", " , ") is refused, by the CLI's --columns and the API's columns alike: the
    API answered customer_id alone where the CLI refused."""
    if text is None:
        return None
    named = [column.strip() for column in text.split(",") if column.strip()]
    if not named:
        raise SegmentError(
            f"{option} names no column; leave it out for the default columns",
            code="options.no_columns",
            params={"option": option},
        )
    return named


def members(ws, name: str, as_of: dt.date | None = None, group: str | None = None) -> ibis.Table:
    """customer_id of the members of segment `name` (or of a family's group) on `as_of`; without a date,
    as the last refresh (or the last change of a static list) left them. A group a segment or family
    does not have is refused (history.queries). "rfm:Champions" is `name="rfm", group="Champions"`, as
    campaigns and KPIs take it (history.queries.family_group)."""
    name, group = family_group(ws, name, group)
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


@dataclass(frozen=True)
class _Wanted:
    """An export column: `name` as asked, its value the customers or features `column` of that name or of
    the rule field `name` (rfm.group: rfm_group), else the rule `field` computed as a rule computes it."""

    name: str
    column: str | None = None
    field: str | None = None


# the features columns, refreshed or not yet: those the rule fields read (rfm_group, tenure_days, cluster,
# …), the RFM summary's that rules call total_spent, orders_count and days_since_last_order (rules.check
# .SYNONYMS), and how the CLV was estimated (models/clv/features.py)
FEATURE_COLUMNS = frozenset(item.how.column for item in FILTERS if isinstance(item.how, Feature)) | {
    "monetary",
    "frequency",
    "recency_days",
    "clv_method",
}


def _value_fields() -> dict[str, Filter]:
    """The rule fields that are one value per customer (rules.fields.CATALOGUE): not the functions."""
    return {name: item for name, item in CATALOGUE.items() if not item.function}


def _stored_as(item: Filter, features: list[str]) -> str | None:
    """The column holding the rule field `item`'s value: its customers column, or the stored features
    column a rule calls by the field's name (rules.check.SYNONYMS: monetary is total_spent); None when
    it is computed."""
    if isinstance(item.how, Column):
        return item.how.column
    return next((c for c, field in SYNONYMS.items() if field == item.name and c in features), None)


def _wanted(
    columns: list[str], customers: list[str], features: list[str], as_of: dt.date | None
) -> list[_Wanted]:
    """What each asked column is: a column of customers or the stored features by its own name (first:
    that is what it always was), else a rule field (read where stored, else computed); refuses the rest.
    With `as_of` the features are computed for the date: a features field is read there."""
    available = customers + [c for c in features if c not in customers]
    fields = _value_fields()
    unknown = [c for c in columns if c not in available and c not in CATALOGUE and c not in FEATURE_COLUMNS]
    if unknown:
        hints = {c: _column_hint(c, available) for c in unknown}
        named = ", ".join(repr(c) + (f" (did you mean {h!r}?)" if h else "") for c, h in hints.items())
        raise SegmentError(
            f"unknown column {named}; choose from: {', '.join(available)}; or a field of the rule language "
            "(docs/filters.md) such as total_spent or rfm.group",
            code="column.unknown",
            params={
                "columns": unknown,
                "hints": {c: h for c, h in hints.items() if h},
                "available": available,
            },
        )
    wanted = []
    for name in columns:
        item = fields.get(name)
        if name in available:
            wanted.append(_Wanted(name, column=name))
        elif name in FEATURE_COLUMNS or (item is not None and isinstance(item.how, Feature)):
            # a features column by its own name first (tenure_days is lifecycle.tenure_days's column, with
            # or without a refresh), else the field's (rfm.group: rfm_group)
            column = name if name in FEATURE_COLUMNS else item.how.column
            if as_of is None and column not in features:
                raise SegmentError(
                    f"{name!r} has no value yet: run segmint refresh (cluster and cluster.name: segmint "
                    "clusters fit)",
                    code="column.not_refreshed",
                    params={"column": name},
                )
            wanted.append(_Wanted(name, column=column))
        elif item is None:
            raise _not_a_value(CATALOGUE[name])
        else:
            stored = _stored_as(item, features)
            wanted.append(_Wanted(name, column=stored) if stored else _Wanted(name, field=name))
    return wanted


def _not_a_value(item: Filter) -> SegmentError:
    """`item`, a function of the rule language, is no export column: why, and its field if it has one."""
    message = (
        f"{item.name!r} is not one value per customer: in a rule it is a function with arguments "
        f"({item.example}), and an export column takes none"
    )
    params = {"column": item.name, "example": item.example}
    field = next((f.name for f in FILTERS if not f.function and f.how == item.how), None)
    if field is None:
        return SegmentError(message, code="column.not_a_value", params=params)
    return SegmentError(
        message + f"; without arguments it is the column {field!r}",
        code="column.not_a_value.field",
        params={**params, "field": field},
    )


def _column_hint(asked: str, available: list[str]) -> str | None:
    """The column meant by `asked`: a column or rule field in another case (rules take any case), a rule's
    name from an RFM tool (revenue: total_spent); an import header names its customers column."""
    import difflib

    spelled = asked.strip().lower()
    fields = _value_fields()
    if spelled in available or spelled in fields:
        return spelled
    if spelled.replace(".", "_") in available:
        return spelled.replace(".", "_")
    if SYNONYMS.get(spelled) in fields:
        return SYNONYMS[spelled]
    from segmint.ingest.fields import header_key
    from segmint.ingest.mapping import recognised

    # a customers column named as its import header is read (місто -> city, стать -> gender)
    if recognised("customers").get(header_key(asked)) in available:
        return recognised("customers")[header_key(asked)]
    found = difflib.get_close_matches(spelled, [*available, *fields], n=1, cutoff=0.8)
    return next(iter(found), None)


def member_table(
    ws, name: str, columns: list[str] | None = None, as_of: dt.date | None = None, group: str | None = None
) -> ibis.Table:
    """The members with the chosen columns, by customer_id: columns of `customers` and of the features,
    and the rule language's fields that are one value per customer (total_spent, rfm.group, age), named
    as asked and valued as a rule on the same date reads them. A column named twice is given once, where
    it was first named. With `as_of`, the feature columns (monetary, rfm_group, …) and the fields are
    those of the date whose membership is shown (columns_date), so a row never contradicts the group it
    is listed in: the stored features belong to the last refresh's date only, so another date's are
    computed (segments.store, as a rule on that date reads them). The customers' columns (name, email,
    city) are as they are now: they have no history."""
    columns = list(dict.fromkeys(columns or DEFAULT_COLUMNS))
    customers = ws.table("customers")
    stored = ws.table("features") if "features" in ws.con.list_tables() else None
    features = [c for c in (stored.columns if stored is not None else ()) if c not in customers.columns]
    wanted = _wanted(columns, list(customers.columns), features, as_of)
    name, group = family_group(ws, name, group)  # the family's columns_date, not "rfm:Champions"'s
    ids = members(ws, name, as_of, group)
    as_of = columns_date(ws, name, as_of)
    table = ids.join(customers, "customer_id", how="left")
    read = [w.column for w in wanted if w.column is not None]
    wanted_features = list(dict.fromkeys(c for c in read if c not in customers.columns))
    if wanted_features:
        features = stored if as_of is None else _features_of(ws, as_of)
        missing = [w.name for w in wanted if w.column in wanted_features and w.column not in features.columns]
        if missing:
            raise SegmentError(
                f"{', '.join(repr(c) for c in missing)} has no value on {as_of}: only the last refresh "
                "computes it; leave it out of the columns, or leave out the date",
                code="column.no_value",
                params={"columns": missing, "date": str(as_of)},
            )
        table = table.join(features.select("customer_id", *wanted_features), "customer_id", how="left")
    computed = {f"value__{i}": w.field for i, w in enumerate(wanted) if w.field is not None}
    if computed:
        values = _values_of(ws, as_of, computed, ids)
        table = table.join(values, "customer_id", how="left")
    names = {w.name: w.column or f"value__{i}" for i, w in enumerate(wanted)}
    table = table.select(**{name: table[column] for name, column in names.items()})
    return table.order_by("customer_id" if "customer_id" in columns else columns[0])


def columns_date(ws, name: str, as_of: dt.date | None) -> dt.date | None:
    """The date the columns of the members of `name` on `as_of` are computed for: the date whose membership
    stands for `as_of`. A family's or a dynamic segment's members on a date no refresh computed are those
    of the refresh before it (history.queries), so their features and fields are that refresh's too:
    computed on `as_of` itself, an 'At Risk' row of 2025-05-31's members read rfm_group 'Champions' from
    the orders of 2025-06-15. A static list is the same on every day between its changes, and before the
    history starts no one is recorded: there the date asked."""
    if as_of is None:
        return None
    ref = lookup(ws, name)
    if ref.kind == "segment" and get(ws, name).kind != "dynamic":
        return as_of
    return max((day for day in snapshot_dates(ws, ref) if day <= as_of), default=as_of)


def _values_of(ws, as_of: dt.date | None, fields: dict[str, str], ids: ibis.Table) -> ibis.Table:
    """customer_id and, per alias, the value of its rule field for the customers in `ids`, computed as a
    rule reads it (rules.compile_values) on `as_of`; without a date, on the date of the stored features
    (the other columns'), else the reference date (what a rule reads now)."""
    from segmint.history.refresh import features_date  # they load the families: on use
    from segmint.rules.compile import compile_values
    from segmint.rules.context import CompileContext, reference_date

    day = as_of or features_date(ws) or reference_date(ws)
    ctx = CompileContext.from_workspace(ws, as_of=day).restricted_to(ids)
    return compile_values(fields, ctx)


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
    name, group = family_group(ws, name, group)  # "rfm:Champions": a sheet named rfm, as with --group
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
    title = "".join("_" if c in ":\\/?*[]" else c for c in name).strip("'")[:31]
    return title or "members"


def _spreadsheet_safe(cells: pa.ChunkedArray) -> pa.ChunkedArray:
    """store.files.spreadsheet_safe for a whole text column, in Arrow."""
    formula = pc.and_not(
        pc.match_substring_regex(cells, FORMULA_START), pc.match_substring_regex(cells, NUMBER_OR_PHONE)
    )
    return pc.if_else(formula, pc.binary_join_element_wise("'", cells, ""), cells)


def overview(ws, worded: Callable[[RuleError], object] | None = None) -> dict:
    """Every family with its group sizes and every segment with its kind, rule and size, as the last
    refresh (or change) left them, and the `warnings` of a rule naming a group its family no longer has
    (the RFM map changed): the document `segmint segments list --json` prints and GET /segments lists.
    The warnings were added by the CLI and the API alone, so a Python caller never saw them. `worded`:
    how a warning is given (default: its English message; the CLI words it in the workspace's
    language, the web list keeps the RuleError for its page to word), so no caller finds the warnings a
    second time."""
    counts, dates = _current(ws)
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
    return {"families": families, "segments": _listed(ws, all_segments(ws), counts, dates, worded)}


def summary(ws, name: str, worded: Callable[[RuleError], object] | None = None) -> dict:
    """Segment `name` as `segments show --json`, `create --json`, `edit --json` and the API's segment
    answers give it: its definition (Segment.to_dict) with `size`, `as_of` and `warnings` as overview
    lists them. Each command built its own: create's and edit's lacked as_of and warnings, show's size and
    as_of, so a script that created a segment had to call show (and list) for them. `worded`: as
    overview's."""
    segment = get(ws, name)
    counts, dates = _current(ws, segment.segment_id)
    (listed,) = _listed(ws, [segment], counts, dates, worded)
    return {**segment.to_dict(), **listed}


def _message(error: RuleError) -> str:
    return error.message


def _current(ws, segment_id: str | None = None) -> tuple[dict, dict]:
    """The members now of every group, {(kind, ref, group): customers}, and the date of each one's last
    snapshot, {(kind, ref): as_of}: of everything, or of the segment with `segment_id` alone."""
    history = ws.table("membership_history")
    snapshots = ws.table("membership_snapshots")
    if segment_id is not None:
        history = history.filter((history.kind == "segment") & (history.ref == segment_id))
        snapshots = snapshots.filter((snapshots.kind == "segment") & (snapshots.ref == segment_id))
    current = history.filter(history.valid_to.isnull())
    sizes = current.group_by(["kind", "ref", "group_name"]).aggregate(customers=current.count())
    counts = {
        (r["kind"], r["ref"], r["group_name"]): int(r["customers"]) for r in sizes.to_pyarrow().to_pylist()
    }
    last = snapshots.group_by(["kind", "ref"]).aggregate(as_of=snapshots.as_of.max())
    return counts, {(r["kind"], r["ref"]): r["as_of"] for r in last.to_pyarrow().to_pylist()}


def _listed(
    ws, stored: list, counts: dict, dates: dict, worded: Callable[[RuleError], object] | None = None
) -> list[dict]:
    """The segments `stored` as overview lists them, with the warnings of their rules (each as
    `worded` gives it, by default its message)."""
    from segmint.segments.store import group_errors  # the segment operations load the models: on use

    said = worded or _message
    warnings = [[said(error) for error in errors] for errors in group_errors(ws, [s.rule for s in stored])]
    return [
        {
            "name": s.name,
            "kind": s.kind,
            "rule": s.rule,
            "description": s.description,
            "size": counts.get(("segment", s.segment_id, "member"), 0),
            "as_of": dates.get(("segment", s.segment_id)),
            "updated_at": s.updated_at,
            "warnings": found,
        }
        for s, found in zip(stored, warnings, strict=True)
    ]
