"""Imports over the API: upload a file (multipart) and import it, list imports, see one, its quarantine
and its rejected values.

Uploading needs the editor role, reading the viewer role. The import runs synchronously (the answer is
its summary), through the same import pipeline and `segmint.ingest.after_import` (refresh, triggers) as
`segmint import`: one transaction, so a file that fails leaves the store exactly as it was and the answer
says why (file, row and column when known). It runs on a connection of its own, off the request lock, one
import at a time (api/importing.py): other requests are answered meanwhile, and a second upload waits for
its turn without holding a worker thread (the route is async; only the import runs in a thread). The
uploaded file is kept in the workspace (`uploads/<time>-<id>/<name>`, api/uploads.py) beside the `imports` row
that records its SHA-256, so a quarantined row can be looked up in the file it came from; a failed
upload's file is deleted.

The refresh asked for with refresh=true runs after the committed import, in the server on a connection of
its own and one at a time (api/refreshing.py), so other requests are answered meanwhile: with wait=true
(the default) the answer comes when it is done, as before; with wait=false at once (202), `refresh_status`
saying which refresh to follow. A failed refresh is no failed upload: it is in `refresh_status`.

Every row of the `imports` table is a finished import: a failed one writes nothing, so its status is only
in the answer to the upload.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

import ibis
from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from segmint.api.auth import AuthFirst, editor, viewer
from segmint.api.errors import CONFLICT, ERROR_RESPONSES, ApiError
from segmint.api.routes.common import LocalTime, WorkspaceDep, plain
from segmint.api.uploads import kept_upload
from segmint.error_details import coded_details, data_details
from segmint.errors import CodedError, DataError, MappingError, SegmintError
from segmint.ingest import after_import, needs_refresh
from segmint.ingest.dateformats import strftime_format
from segmint.ingest.presets import PRESETS
from segmint.ingest.recorded import recorded_import

router = APIRouter(
    prefix="/imports",
    tags=["imports"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)

Entity = Literal["customers", "orders", "order-items", "events", "products"]


class ImportOut(BaseModel):
    import_id: str
    entity: str
    file: str = Field(description="The uploaded file's name")
    file_sha256: str | None
    status: Literal["completed"] = Field(description="Failed imports write nothing, so every listed one")
    started_at: LocalTime
    finished_at: LocalTime | None
    rows_read: int | None
    inserted: int | None
    updated: int | None
    unchanged: int | None
    quarantined: int | None
    mapping: dict[str, str] | None = Field(description="Source column -> field")


class RunningImport(BaseModel):
    entity: str
    file: str = Field(description="The uploaded file's name")
    state: Literal["running", "queued"] = Field(description="queued: waiting for the imports before it")
    requested_at: LocalTime
    started_at: LocalTime | None
    step: str | None = Field(description="read, check, quarantine, store or commit")


class ImportList(BaseModel):
    total: int
    limit: int
    offset: int
    imports: list[ImportOut]
    running: list[RunningImport] = Field(
        description="Uploads being imported in this server now, the running one first, then those waiting "
        "for it (not in `imports` until they have committed)"
    )


class ImportDetail(ImportOut):
    rejected_values: int = Field(description="Values refused while their row landed")
    quarantine_reasons: dict[str, int] = Field(description="Quarantined rows by reason")


class Uploaded(BaseModel):
    import_id: str
    entity: str
    file: str
    status: Literal["completed"]
    rows_read: int
    landed: int
    inserted: int
    updated: int
    unchanged: int
    quarantined: int
    rejected_values: int
    seconds: float
    tables: dict[str, dict[str, int]]
    mapping: dict[str, str]
    ignored_columns: list[str]
    kept_columns: list[str] = Field(
        [], description="Columns that match no field, kept as JSON (customers.custom, events.properties)"
    )
    float_ids: list[str] = Field(
        [], description="Id columns written as whole floats ('13085.0'), stored without '.0'"
    )
    date_orders: dict[str, str] = Field(
        {},
        description="How each column of slash dates was read: month-first, day-first, mixed or "
        "'day-first, assumed' (docs/import.md)",
    )
    preset_hint: str | None = Field(
        None, description="A preset (--preset) whose columns the file has, when imported without one"
    )
    refresh: dict[str, Any] | None = Field(description="The refresh that followed, when asked for")
    triggers_skipped: list[dict[str, Any]] = Field(
        [],
        description="The triggers the trigger run after the import skipped, and why (as POST /triggers/run's "
        "skipped): that of an events import without a refresh; a refresh in the server says its own in "
        "refresh_status",
    )
    refresh_status: dict[str, Any] | None = Field(
        None,
        description="That refresh in the server (GET /refresh/{refresh_id}): state queued, running, "
        "finished or failed (with error)",
    )


class QuarantineRow(BaseModel):
    row: int | None = Field(description="The row in the file as a spreadsheet shows it (header = 1)")
    column: str | None
    value: str | None
    reason: str
    record: Any = Field(description="The whole input row as read")
    reason_code: str | None = Field(
        None,
        description="The reason's stable code (docs/import.md); null for rows stored before codes were kept",
    )
    reason_params: dict | None = Field(None, description="The names and values the reason quotes")


class QuarantinePage(BaseModel):
    import_id: str
    total: int
    page: int
    page_size: int
    rows: list[QuarantineRow]


class RejectedRow(BaseModel):
    row: int | None = Field(description="The row in the file as a spreadsheet shows it (header = 1)")
    record_key: str = Field(description="The key of the row that landed (customer_id, order_id, ...)")
    column: str
    value: str | None
    reason: str
    reason_code: str | None = Field(
        None,
        description="The reason's stable code (docs/import.md); null for values stored before codes were "
        "kept",
    )
    reason_params: dict | None = Field(None, description="The names and values the reason quotes")


class RejectedPage(BaseModel):
    import_id: str
    total: int
    page: int
    page_size: int
    rows: list[RejectedRow]


def _mapping(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    try:
        pairs = json.loads(text)
    except json.JSONDecodeError as exc:
        pairs = exc
    if not isinstance(pairs, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()
    ):
        message = 'mapping must be a JSON object of source column -> field, e.g. {"Телефон": "phone"}'
        details = [{"location": ["body", "mapping"], "message": message, "type": "mapping"}]
        raise ApiError(422, f"invalid request: body.mapping: {message}", details)
    return pairs


@router.post(
    "",
    response_model=Uploaded,
    status_code=201,
    dependencies=[editor],
    summary="Upload a file and import it (synchronously); the refresh after it in the server",
    responses={202: {"description": "wait=false: imported; the refresh goes on in the server"}, **CONFLICT},
)
async def upload(
    request: Request,
    ws: WorkspaceDep,
    file: Annotated[UploadFile, File(description="CSV (UTF-8 or cp1251), .xlsx, Parquet or JSON lines")],
    entity: Annotated[Entity, Form(description="What the file holds")],
    preset: Annotated[str | None, Form(description=f"A known layout: {', '.join(PRESETS)}")] = None,
    mapping: Annotated[
        str | None, Form(description='JSON object, source column -> field: {"Телефон": "phone"}')
    ] = None,
    encoding: Annotated[str | None, Form(max_length=40, description="Default: detected")] = None,
    delimiter: Annotated[str | None, Form(max_length=1, description="Default: detected")] = None,
    date_format: Annotated[
        str | None, Form(max_length=100, description="strftime, e.g. %d.%m.%Y, or DD.MM.YYYY")
    ] = None,
    create_missing_customers: Annotated[bool, Form()] = False,
    refresh_after: Annotated[
        bool, Form(alias="refresh", description="Refresh families and segments afterwards")
    ] = False,
    wait: bool = Query(
        True, description="With refresh: answer when the refresh is done, or at once (202) while it runs"
    ),
) -> Any:
    pairs = _mapping(mapping)
    kept = kept_upload(ws, file.filename)  # uploads/<time>-<id>/<name> (api/uploads.py)
    name, path = kept.name, kept.path
    try:
        # read and checked before the upload is saved or waits its turn (ingest/dateformats.py)
        date_format = strftime_format(date_format)
        await run_in_threadpool(kept.save, file.file)
        # on a connection of its own, one import at a time (api/importing.py), while other requests are
        # answered; the refresh and triggers after the try, back under the lock: they fail no upload.
        # Async, so that an upload waiting for its turn holds no worker thread (the import takes one)
        async with request.app.state.workspace.released_awaiting():
            summary = await request.app.state.imports.run(
                entity,
                path,
                file=name,
                mapping=pairs,
                preset=preset,
                encoding=encoding,
                delimiter=delimiter,
                date_format=date_format,
                create_missing_customers=create_missing_customers,
            )
    except DataError as exc:
        kept.discard()
        # where, and the reason's code and params (docs/import.md, "Reason codes")
        where = data_details(exc, file=name)
        row = f"row {exc.row}" if exc.row is not None else None
        said = ", ".join(part for part in (name, row, exc.column and f"column {exc.column!r}") if part)
        raise ApiError(400, f"{said}: {exc.reason}", where, code="invalid_file") from exc
    except (SegmintError, LookupError) as exc:
        # a mapping naming a missing column, an unknown preset or encoding: the stored path is the
        # server's business, the client knows the file by its name
        kept.discard()
        message = str(exc).replace(str(path), name)
        where = {"file": name, "row": None, "column": None}
        if isinstance(exc, MappingError):
            params = {key: name if value == str(path) else value for key, value in exc.params.items()}
            where |= {"code": exc.code, "params": params}
        raise ApiError(400, message, where) from exc
    except BaseException:
        kept.discard()
        raise
    if not (refresh_after and needs_refresh(summary)):
        # the triggers an events import fires
        await run_in_threadpool(after_import, ws, summary, refresh=False)
        return Uploaded(**plain({**summary.to_dict(), "file": name, "status": "completed"}))
    # the refresh runs in the server on a connection of its own, one at a time (api/refreshing.py): other
    # requests are answered meanwhile; it runs the triggers when it has committed
    refreshes = request.app.state.refreshes
    run = refreshes.after_import(summary.import_id)
    if wait:
        async with request.app.state.workspace.released_awaiting():
            await refreshes.finished(run)  # holding no worker thread either
        summary.refresh = run.result  # None when it failed: refresh_status says why
    document = {**summary.to_dict(), "file": name, "status": "completed", "refresh_status": run.to_dict()}
    uploaded = Uploaded(**plain(document))
    if wait:
        return uploaded
    return JSONResponse(status_code=202, content=uploaded.model_dump(mode="json"))


def _listing(ws) -> ibis.Table:
    imports = ws.table("imports")
    return imports.select(
        "import_id",
        "entity",
        "file",
        "file_sha256",
        "started_at",
        "finished_at",
        "rows_read",
        "inserted",
        "updated",
        "unchanged",
        "quarantined",
        "mapping",
    )


def _out(row: dict) -> dict:
    mapping = row["mapping"]
    return {
        **row,
        "file": Path(row["file"]).name,
        "status": "completed",
        "mapping": json.loads(mapping) if isinstance(mapping, str) else mapping,
    }


@router.get("", response_model=ImportList, summary="Every import, the latest first; those running now")
def list_imports(
    request: Request,
    ws: WorkspaceDep,
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000_000),
) -> ImportList:
    table = _listing(ws)
    total = int(table.count().execute())
    rows = (
        table.order_by([ibis.desc("started_at"), "import_id"])
        .limit(limit, offset=offset)
        .to_pyarrow()
        .to_pylist()
    )
    return ImportList(
        total=total,
        limit=limit,
        offset=offset,
        imports=[_out(row) for row in plain(rows)],
        running=request.app.state.imports.state(),
    )


def _import_or_404(ws, import_id: str) -> dict:
    """The import's listing, else a 404 with the library's code (import.unknown), the check `segmint
    quarantine --import` makes too (ingest/recorded.py)."""
    try:
        row = recorded_import(ws, import_id)
    except CodedError as exc:
        raise ApiError(404, str(exc), coded_details(exc), error=exc) from None
    return _out(plain({column: row[column] for column in _listing(ws).columns}))


@router.get("/{import_id}", response_model=ImportDetail, summary="One import: counts and quarantine reasons")
def get_import(import_id: str, ws: WorkspaceDep) -> ImportDetail:
    found = _import_or_404(ws, import_id)
    rejected = ws.table("rejected_values")
    quarantine = ws.table("quarantine")
    mine = quarantine.filter(quarantine.import_id == import_id)
    reasons = mine.group_by("reason").aggregate(rows=mine.count()).order_by([ibis.desc("rows"), "reason"])
    return ImportDetail(
        **found,
        rejected_values=int(rejected.filter(rejected.import_id == import_id).count().execute()),
        quarantine_reasons={row["reason"]: row["rows"] for row in reasons.to_pyarrow().to_pylist()},
    )


@router.get(
    "/{import_id}/quarantine", response_model=QuarantinePage, summary="The rows that did not land, and why"
)
def import_quarantine(
    import_id: str,
    ws: WorkspaceDep,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(50, ge=1, le=1000),
) -> QuarantinePage:
    columns = ("row", "column", "value", "reason", "record", "reason_code", "reason_params")
    total, rows = _rows_of(ws, "quarantine", import_id, columns, ["column", "reason"], page, page_size)
    return QuarantinePage(import_id=import_id, total=total, page=page, page_size=page_size, rows=rows)


@router.get(
    "/{import_id}/rejected",
    response_model=RejectedPage,
    summary="Values refused while their row landed (an invalid e-mail: the customer in, the e-mail not)",
)
def import_rejected(
    import_id: str,
    ws: WorkspaceDep,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(50, ge=1, le=1000),
) -> RejectedPage:
    """What the web UI's import page lists under the quarantine; GET /imports/{id} gives only their
    count (rejected_values)."""
    columns = ("row", "record_key", "column", "value", "reason", "reason_code", "reason_params")
    total, rows = _rows_of(ws, "rejected_values", import_id, columns, ["column"], page, page_size)
    return RejectedPage(import_id=import_id, total=total, page=page, page_size=page_size, rows=rows)


def _rows_of(
    ws, table: str, import_id: str, columns: tuple, then: list[str], page: int, page_size: int
) -> tuple[int, list[dict]]:
    """(total, one page of rows) of an import in the quarantine or rejected_values table, by row (a row
    the file did not number first), then by `then`; its JSON columns (record, reason_params) parsed."""
    _import_or_404(ws, import_id)
    stored = ws.table(table)
    mine = stored.filter(stored.import_id == import_id)
    total = int(mine.count().execute())
    rows = (
        mine.select(*columns)
        .order_by([ibis.asc("row", nulls_first=True), *then])
        .limit(page_size, offset=(page - 1) * page_size)
        .to_pyarrow()
        .to_pylist()
    )
    for row in rows:
        for name in ("record", "reason_params"):
            if isinstance(row.get(name), str):
                row[name] = json.loads(row[name])
    return total, plain(rows)
