"""What is in a segment: members (paged JSON or a CSV download), KPIs and history. Viewer role."""

from __future__ import annotations

import codecs
import datetime as dt
import itertools
import unicodedata
import urllib.parse
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import ibis
import pyarrow as pa
import pyarrow.csv as pacsv
from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from segmint import history
from segmint import segments as library
from segmint.api.auth import AuthFirst, viewer
from segmint.api.errors import ERROR_RESPONSES, ApiError
from segmint.api.routes.common import WorkspaceDep, plain, segment_or_404
from segmint.history import queries
from segmint.kpis import kpi_report
from segmint.kpis.inputs import MAX_DAYS
from segmint.segments.membership import (  # _flat: the CSV flattening `segments members` uses
    DEFAULT_COLUMNS,
    _flat,
    named_columns,
)

router = APIRouter(
    prefix="/segments",
    tags=["segments"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)

AS_OF = (
    "The members on this date, as the history recorded them (segmint segments members --as-of), with the "
    "features and rule fields of that date; the customers' own columns (name, email) are as they are now"
)
CSV_BATCH = 10_000  # rows per chunk of a CSV download

# The query of a members listing, a segment's (below) and a family group's (routes/families.py): declared
# once, so the two routes document and bound them alike. Annotated, not a dependency object: the web UI
# calls segment_members with them as plain arguments (web/pages/segments.py).
Page = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=1000)]
Sort = Annotated[str, Query(description="A column of the listing")]
Order = Literal["asc", "desc"]
Columns = Annotated[
    str | None,
    Query(
        description="Comma-separated customer or feature columns, or rule fields by their rule names "
        "(total_spent, rfm.group)"
    ),
]
Format = Literal["json", "csv"]
Bom = Annotated[
    bool,
    Query(
        description="With format=csv: start the file with a UTF-8 byte order mark, so that Excel on a "
        "Ukrainian or Russian Windows reads it as UTF-8 (not cp1251)"
    ),
]
AsOf = Annotated[dt.date | None, Query(description=AS_OF)]


class MemberPage(BaseModel):
    name: str
    total: int
    page: int
    page_size: int
    sort: str
    order: Literal["asc", "desc"]
    columns: list[str]
    as_of: dt.date | None = Field(None, description="The date asked for (as_of), else null: as now")
    computed_on: dt.date | None = Field(
        None,
        description="With as_of: the date of the refresh (or of a static list's change) whose membership "
        "stands for it; null before the history starts, where no one is recorded (which is not: no one was "
        "a member), and without as_of",
    )
    members: list[dict[str, Any]]


class Stay(BaseModel):
    group_name: str
    stays: int
    ongoing: int = Field(description="Stays going on at the last computed date")
    mean_days: float | None
    median_days: float | None
    max_days: int | None


class Movement(BaseModel):
    customer_id: str
    group_name: str
    movement: Literal["entered", "left"]
    date: dt.date


class Movements(BaseModel):
    """Who entered and left between `from` and `to` (both included; `to` null: up to the latest)."""

    model_config = ConfigDict(populate_by_name=True)

    start: dt.date = Field(alias="from", serialization_alias="from")
    end: dt.date | None = Field(alias="to", serialization_alias="to")
    entered: int
    left: int
    rows: list[Movement]


class Size(BaseModel):
    date: dt.date
    size: int


class SegmentHistoryOut(BaseModel):
    """The answer of GET /segments/{name}/history, as /openapi.json describes it."""

    name: str
    sizes: list[Size] = Field(description="Members on every date the segment was computed for")
    stays: list[Stay]
    movements: Movements | None = None


class SegmentHistory(BaseModel):
    """What segment_history returns, its rows as dicts (the web UI's segment page reads `sizes` so); the
    route answers it as SegmentHistoryOut."""

    name: str
    sizes: list[dict[str, Any]]
    stays: list[dict[str, Any]]
    movements: dict[str, Any] | None = None


def _columns(text: str | None) -> list[str]:
    """The columns asked for, each once (the members carry a column once; `columns` must say the same).
    `columns=` empty gives the defaults; one naming no column (`,,`) is refused as the CLI refuses it."""
    named = named_columns(text or None, "columns") or DEFAULT_COLUMNS
    chosen = list(dict.fromkeys(named))
    return chosen if "customer_id" in chosen else ["customer_id", *chosen]


@router.get(
    "/{name}/members",
    response_model=MemberPage,
    summary="Members, paged and sorted; ?format=csv downloads them all as CSV",
    responses={200: {"content": {"text/csv": {}}}},
)
def segment_members(
    name: str,
    ws: WorkspaceDep,
    page: Page = 1,
    page_size: PageSize = 50,
    sort: Sort = "customer_id",
    order: Order = "asc",
    columns: Columns = None,
    format: Format = "json",
    bom: Bom = False,
    as_of: AsOf = None,
):
    segment = segment_or_404(ws, name)
    return member_answer(
        ws, segment.name, segment.name, page, page_size, sort, order, columns, format, bom, as_of=as_of
    )


def member_answer(
    ws,
    name: str,
    label: str,
    page,
    page_size,
    sort,
    order,
    columns,
    format,
    bom,
    group=None,
    filename=None,
    as_of: dt.date | None = None,
):
    """A page of members (or every one as CSV, the file named `filename`, else after `label`) of a
    segment, or of a family's `group`: the columns asked for, sorted by `sort` then by customer id."""
    chosen = _columns(columns)
    # the columns first (the library's column.unknown, with the name meant), then the sort among them: a
    # sort checked first named an unknown column as one to sort by (columns=Total_Spent&sort=total_spent)
    table = library.member_table(ws, name, chosen, as_of, group)
    check_sort(sort, chosen)
    key = ibis.desc(sort) if order == "desc" else ibis.asc(sort)
    table = table.order_by([key, "customer_id"] if sort != "customer_id" else [key])
    if format == "csv":
        return _csv_download(filename or label, table.to_pyarrow(), bom)
    total = int(table.count().execute())
    rows = table.limit(page_size, offset=(page - 1) * page_size).to_pyarrow().to_pylist()
    return MemberPage(
        name=label,
        total=total,
        page=page,
        page_size=page_size,
        sort=sort,
        order=order,
        columns=chosen,
        as_of=as_of,
        computed_on=_computed_on(ws, name, as_of),
        members=plain(rows),
    )


def _computed_on(ws, name: str, as_of: dt.date | None) -> dt.date | None:
    """The latest date the history recorded `name` (a segment, or a group's family) on or before `as_of`,
    as transitions' computed_on says it: a date no refresh computed reads the one before it, and one before
    them all has no one recorded. The CLI says both in words (segments members --as-of)."""
    if as_of is None:
        return None
    return max(
        (day for day in queries.snapshot_dates(ws, queries.lookup(ws, name)) if day <= as_of), default=None
    )


def check_sort(sort: str, chosen: list[str]) -> None:
    """400 sort.not_a_column unless `sort` is one of the listing's columns, matched as `columns` are (as
    the CLI's --columns takes them: exactly, a column in another case is refused with the one meant), with
    that column as `hint` when there is one."""
    if sort in chosen:
        return
    folded = sort.strip().lower()
    hint = next(
        (c for c in chosen if c.lower() in (folded, folded.replace("_", "."), folded.replace(".", "_"))), None
    )
    meant = f" (did you mean {hint!r}?)" if hint else ""
    message = f"cannot sort by {sort!r}{meant}: sort by one of the columns {', '.join(chosen)}"
    params = {"sort": sort, "columns": chosen, **({"hint": hint} if hint else {})}
    raise ApiError(400, message, {"code": "sort.not_a_column", "params": params})


def _csv_download(name: str, data: pa.Table, bom: bool = False) -> StreamingResponse:
    """The rows as CSV, written batch by batch (the query ran under the workspace lock; writing does not
    touch the store). List columns become JSON text, as in `segmint segments members`. The header is
    written before the response starts, so an empty segment gives a CSV of the header alone and a failure
    is an error answer, not a 200 cut short. `bom`: a UTF-8 byte order mark first, which Excel needs to
    read a double-clicked file as UTF-8; off by default, as a script's CSV reader would take it for part
    of the first column's name."""
    chunks = _csv_chunks(_flat(data))
    first = (codecs.BOM_UTF8 if bom else b"") + next(chunks)
    headers = {"Content-Disposition": content_disposition(f"{name}.csv")}
    return StreamingResponse(
        itertools.chain([first], chunks), media_type="text/csv; charset=utf-8", headers=headers
    )


def _csv_chunks(data: pa.Table) -> Iterator[bytes]:
    """The header with the first CSV_BATCH rows, then the next rows CSV_BATCH at a time (the header
    alone for a table without rows)."""
    for offset in range(0, max(data.num_rows, 1), CSV_BATCH):
        sink = pa.BufferOutputStream()
        options = pacsv.WriteOptions(include_header=offset == 0)
        pacsv.write_csv(data.slice(offset, CSV_BATCH), sink, options)
        yield sink.getvalue().to_pybytes()


def content_disposition(filename: str) -> str:
    """`attachment` with the file name twice (RFC 6266): `filename*` as UTF-8, percent-encoded (RFC 5987),
    which browsers use; `filename` as a plain-ASCII fallback for older clients (non-ASCII letters dropped
    to `_`, quotes, backslashes and control characters replaced)."""
    fallback = "".join(
        c if " " <= c <= "~" and c not in '"\\' else "_"
        for c in unicodedata.normalize("NFKD", filename)
        if not unicodedata.combining(c)
    )
    encoded = urllib.parse.quote(filename, safe="")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


@router.get("/{name}/kpis", summary="The segment's KPIs against the whole base (docs/metrics.md)")
def segment_kpis(
    name: str,
    ws: WorkspaceDep,
    days: int = Query(
        365, description=f"Period length in days, 1 to {MAX_DAYS}; refused as the CLI refuses it (kpi.period)"
    ),
) -> dict[str, Any]:
    segment = segment_or_404(ws, name)
    return plain(kpi_report(ws, [segment.name], days=days))


@router.get("/{name}/history", response_model=SegmentHistoryOut, summary="Size over time, stays, movements")
def segment_history(
    name: str,
    ws: WorkspaceDep,
    start: dt.date | None = Query(
        None, alias="from", description="Movements from this date (included; default: the first movement)"
    ),
    end: dt.date | None = Query(
        None, alias="to", description="… to this date (included; default: the latest movement)"
    ),
) -> SegmentHistory:
    segment = segment_or_404(ws, name)
    check_dates(start, end)
    ref = queries.lookup(ws, segment.name)
    if start is None and end is not None:
        # `to` alone: every movement up to it, from the start of the segment's history
        start = min(_first_movement(ws, ref) or end, end)
    document: dict[str, Any] = {
        "name": segment.name,
        "sizes": queries.sizes(ws, ref),
        "stays": history.stay_summary(ws, segment.name).to_pyarrow().to_pylist(),
    }
    if start is not None:
        rows = history.movements(ws, segment.name, start, end).to_pyarrow().to_pylist()
        entered = sum(row["movement"] == "entered" for row in rows)
        document["movements"] = {
            "from": start,
            "to": end,
            "entered": entered,
            "left": len(rows) - entered,
            "rows": rows,
        }
    return SegmentHistory(**plain(document))


def check_dates(start: dt.date | None, end: dt.date | None, what: str = "movements") -> None:
    """400 for `from` after `to`, in the words of the query (the library's code for it)."""
    if start is not None and end is not None and start > end:
        params = {"start": str(start), "end": str(end)}  # the library's code for it (history.movements)
        message = f"'from' ({start}) is after 'to' ({end}): {what} need from <= to"
        raise ApiError(400, message, {"code": "dates.end_before_start", "params": params})


def _first_movement(ws, ref) -> dt.date | None:
    """The day of the segment's first recorded membership (None without history)."""
    rows = queries.intervals(ws, ref)
    return rows.aggregate(first=rows.valid_from.cast("date").min()).to_pyarrow()["first"][0].as_py()
