"""Imports: upload a file (entity, preset or column mapping, encoding, delimiter, date format), the list
of past imports with their counts, and one import's quarantined rows (what did not land, and why)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from segmint.api.errors import ApiError
from segmint.api.routes.common import WorkspaceDep, plain
from segmint.api.routes.segment_data import content_disposition
from segmint.api.uploads import kept_upload
from segmint.errors import DataError, MappingError, SegmintError
from segmint.ingest import after_import, needs_refresh
from segmint.ingest.dateformats import strftime_format
from segmint.ingest.fields import ENTITIES
from segmint.ingest.pipeline import column_fields
from segmint.ingest.presets import PRESETS
from segmint.ingest.readers import file_format
from segmint.ingest.textfiles import layout
from segmint.store.files import spreadsheet_safe
from segmint.web.i18n import choose_language
from segmint.web.import_errors import stored_reason
from segmint.web.import_field_texts import describe as describe_field
from segmint.web.messages import translate
from segmint.web.render import link, page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(user)])

QUARANTINE_ROWS = 200
SKIPPED_KEPT = 100  # imports whose skipped triggers the server keeps to show (app.state.skipped_after_import)
# the records of an uploaded file whose values the column preview reads (a header such as Income is matched
# by its values too: numbers fill income, bands income_band, as the import decides)
PREVIEW_ROWS = 10_000
SUFFIXES = {".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq", ".json", ".jsonl", ".ndjson"}


def recent_imports(ws) -> list[dict]:
    imports = ws.table("imports")
    return plain(imports.order_by(imports.started_at.desc()).limit(50).to_pyarrow().to_pylist())


def entity_fields(lang: str) -> dict[str, list[dict]]:
    """Each kind of file (no aliases) -> its fields: name, required, description in `lang`."""
    return {
        name: [
            {"name": f.name, "required": f.required, "description": describe_field(f.description, lang)}
            for f in entity.fields
        ]
        for name, entity in ENTITIES.items()
        if entity.name == name
    }


def import_context(request: Request, ws, **extra) -> dict:
    return {
        "imports": recent_imports(ws),
        "running": plain(request.app.state.imports.state()),  # uploads being imported now (api/importing.py)
        "entities": [name for name, entity in ENTITIES.items() if entity.name == name],  # no aliases
        "fields": entity_fields(choose_language(request)[0]),
        "presets": list(PRESETS.values()),
        "error": None,
        "values": {},
        **extra,
    }


FORM_FIELDS = (
    "entity",
    "preset",
    "mapping",
    "encoding",
    "delimiter",
    "date_format",
    "create_missing_customers",
)


def form_values(form) -> dict:
    """What the user chose and typed in the upload form, shown again with a refusal (a browser cannot be
    given the file back: the page asks for it again)."""
    return {key: str(form.get(key) or "") for key in FORM_FIELDS}


def refused(exc: Exception, path: Path, shown_name: str):
    """The error an upload was refused with, naming the file the user chose, not the server's temporary
    copy of it: a DataError keeps its row and column, it and a MappingError their code and params (the
    page words them, web/import_errors.py)."""
    if isinstance(exc, DataError):
        return type(exc)(exc.reason, shown_name, exc.row, exc.column, code=exc.code, params=exc.params)
    if isinstance(exc, MappingError):
        params = {key: shown_name if value == str(path) else value for key, value in exc.params.items()}
        return MappingError(str(exc).replace(str(path), shown_name), code=exc.code, params=params)
    return str(exc).replace(str(path), shown_name)


@router.get("/imports")
def imports_page(request: Request, ws: WorkspaceDep) -> Response:
    return page(request, "imports/list.html", import_context(request, ws))


@router.post("/imports")
async def upload(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """Async, so that an upload waiting for its turn to import holds no worker thread (api/importing.py):
    the rest of the work is handed to threads, as a sync route's is."""
    require_role(request.state.user, "editor")
    upload = form.get("file")
    entity, preset = str(form.get("entity") or ""), str(form.get("preset") or "") or None
    mapping = chosen_mapping(form)

    def listing(status: int, **extra) -> Response:
        context = import_context(request, ws, values=form_values(form), **extra)
        return page(request, "imports/list.html", context, status)

    if upload is None or not getattr(upload, "filename", ""):
        return await run_in_threadpool(listing, 400, error_key="no_file")
    try:  # the library's reading of it (ingest/dateformats.py), refused before the upload is saved
        date_format = strftime_format(str(form.get("date_format") or ""))
    except MappingError as exc:
        return await run_in_threadpool(listing, 400, error=exc)
    suffix = Path(upload.filename).suffix.lower()
    # kept in the workspace as an API upload is (uploads/<time>-<id>/<name>, api/uploads.py), under a name
    # whose suffix the reader goes by (it picks the format by it): an export named .dat is read as CSV
    kept = kept_upload(ws, upload.filename, None if suffix in SUFFIXES else ".csv")
    path = kept.path
    shown_name = Path(upload.filename.replace("\\", "/")).name[:200] or kept.name
    refusal: dict | None = None  # the form again, with why; the kept file is then discarded
    try:
        await run_in_threadpool(kept.save, upload.file)
        if suffix not in SUFFIXES and not await run_in_threadpool(_text_like, path):
            # an .xls from 1C or an old Excel, an .ods, a PDF: read as CSV it was "a header row but no data
            # rows"; the reader's own refusal names the type and the ones it takes (as the API's upload)
            unsupported = DataError(
                f"unsupported file type {suffix!r}; use CSV, .xlsx, Parquet or JSON lines",
                shown_name,
                code="import.file_type",
                params={"suffix": suffix},
            )
            refusal = {"error": unsupported}
        else:
            try:
                # on a connection of its own, one import at a time (api/importing.py), while every other
                # page answers; the refresh follows in the server, below
                async with request.app.state.workspace.released_awaiting():
                    summary = await request.app.state.imports.run(
                        PRESETS[preset].entity if preset in PRESETS else entity,
                        path,
                        file=shown_name,
                        mapping=mapping or None,
                        preset=preset,
                        encoding=str(form.get("encoding") or "") or None,
                        delimiter=str(form.get("delimiter") or "") or None,
                        date_format=date_format,
                        create_missing_customers=bool(form.get("create_missing_customers")),
                    )
            except SegmintError as exc:
                refusal = {"error": refused(exc, path, shown_name)}
            except ApiError as exc:
                if exc.code != "import_conflict":
                    raise
                # refused after other writes conflicted with it every time: worded in the page's language
                refusal = {"status": exc.status, "error_key": exc.code, "error_values": exc.details}
    except BaseException:
        kept.discard()
        raise
    if refusal is not None:
        kept.discard()
        return await run_in_threadpool(listing, refusal.pop("status", 400), **refusal)
    await run_in_threadpool(_landed, request, ws, summary, shown_name)
    return RedirectResponse(link("/ui/import", id=summary.import_id), status_code=303)


# the first bytes of files that are not text whatever their name: OLE2 (.xls, .doc), zip (.ods, .numbers,
# .docx), PDF, images
BINARY_STARTS = (b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")


def _text_like(path: Path) -> bool:
    """Whether a file whose name says nothing the reader knows may be delimited text (an export named
    .dat, .prn or without a suffix is read as CSV): not a known binary format, and no NUL byte in its start
    unless it begins with a UTF-16 byte order mark."""
    with path.open("rb") as file:
        start = file.read(8192)
    if start.startswith(BINARY_STARTS):
        return False
    return start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in start


def _landed(request: Request, ws, summary, shown_name: str) -> None:
    """After the import: the name the user knows recorded, the refresh or the triggers that follow it."""
    with ws.transaction() as raw:  # record the name the user knows, not the kept copy's path
        for table in ("imports", "quarantine"):
            raw.execute(f"UPDATE {table} SET file = ? WHERE import_id = ?", [shown_name, summary.import_id])
    if needs_refresh(summary):
        # a refresh takes a minute at 1M customers: it runs in the server on a connection of its own (one at
        # a time, api/refreshing.py) while every page answers, and the import's page follows it
        request.app.state.refreshes.after_import(summary.import_id)
    else:
        after_import(ws, summary, refresh=False)  # the triggers an events import fires
        if summary.triggers_skipped:  # said on the import's page, where the redirect goes
            kept = request.app.state.skipped_after_import
            kept[summary.import_id] = summary.triggers_skipped
            while len(kept) > SKIPPED_KEPT:
                kept.pop(next(iter(kept)))  # the oldest: a dict keeps its order


@router.post("/imports/columns")
def columns(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """The chosen file's columns, each with the field segmint would fill from it and a choice of another:
    for delimited text files, whose first PREVIEW_ROWS records are read as the import reads them, and
    matched as it matches them (by name and alias, and Income by its values: pipeline.column_fields)."""
    require_role(request.state.user, "editor")
    upload, entity = form.get("file"), ENTITIES.get(str(form.get("entity") or ""))
    context: dict = {"columns": [], "entity": entity, "error": None}
    if upload is None or not getattr(upload, "filename", "") or entity is None:
        return page(request, "imports/_columns.html", context)
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in SUFFIXES or file_format(Path("x" + suffix)) != "csv":
        context["error_key"] = "columns_text_only"
        return page(request, "imports/_columns.html", context)
    with tempfile.TemporaryDirectory(prefix="segmint-upload-") as folder:
        path = Path(folder) / ("upload" + suffix)
        with path.open("wb") as out:
            shutil.copyfileobj(upload.file, out)
        encoding = str(form.get("encoding") or "") or None
        delimiter = str(form.get("delimiter") or "") or None
        try:
            found = layout(path, encoding, delimiter)
            sample = _first_rows(path, found.encoding, Path(folder) / "sample.csv")
            matched = column_fields(ws, entity.name, sample, encoding="utf-8", delimiter=found.delimiter)
        except SegmintError as exc:
            context["error"] = refused(exc, path, Path(upload.filename.replace("\\", "/")).name[:200])
            return page(request, "imports/_columns.html", context)
    context.update(
        columns=[(column, matched.get(column, "")) for column in found.header],
        encoding=found.encoding,
        delimiter=found.delimiter,
    )
    return page(request, "imports/_columns.html", context)


def _first_rows(path: Path, encoding: str, target: Path, rows: int = PREVIEW_ROWS) -> Path:
    """The header and the first `rows` lines of the text file at `path` (in `encoding`, as layout found
    it), as UTF-8 at `target`: the file's values the column preview reads, without reading all of a large
    file. A quoted value running over lines may be cut at the end: that record is then not read."""
    with (
        path.open(encoding=encoding, newline="") as source,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        for number, line in enumerate(source):
            if number > rows:
                break
            out.write(line.lstrip("\ufeff") if number == 0 else line)
    return target


def chosen_mapping(form) -> list[str]:
    """SOURCE=FIELD pairs from the column choices (map_source.N / map.N) and the mapping box."""
    pairs = []
    for key, source in form.items():
        if key.startswith("map_source."):
            target = str(form.get("map." + key.removeprefix("map_source.")) or "")
            if target:
                pairs.append(f"{source}={target}")
    pairs += [line.strip() for line in str(form.get("mapping") or "").splitlines() if line.strip()]
    return pairs


@router.get("/import")
def import_page(request: Request, ws: WorkspaceDep, id: str) -> Response:
    imports = ws.table("imports")
    rows = plain(imports.filter(imports.import_id == id).to_pyarrow().to_pylist())
    if not rows:
        return page(request, "error.html", {"title_key": "not_found_title", "message_key": "no_import"}, 404)
    quarantine = ws.table("quarantine")
    mine = quarantine.filter(quarantine.import_id == id)
    total = int(mine.count().execute())
    coded = ("reason_code", "reason_params")
    listed = mine.select("row", "column", "value", "reason", *coded).order_by("row").limit(QUARANTINE_ROWS)
    shown = _worded(plain(listed.to_pyarrow().to_pylist()))
    # values refused while their row landed (an invalid e-mail, an impossible date): the row is in, the
    # value is not, and the user should know which (docs/import.md, "Quarantine and rejected values")
    rejected = ws.table("rejected_values")
    dropped = rejected.filter(rejected.import_id == id)
    dropped_total = int(dropped.count().execute())
    shown_columns = ("row", "record_key", "column", "value", "reason", *coded)
    dropped_rows = dropped.select(*shown_columns).order_by(["row", "column"])
    context = {
        "item": rows[0],
        "tables": other_tables(rows[0]),
        "mapping": mapping_of(rows[0].get("mapping")),
        "quarantine": shown,
        "quarantined": total,
        "limit": QUARANTINE_ROWS,
        "rejected": _worded(plain(dropped_rows.limit(QUARANTINE_ROWS).to_pyarrow().to_pylist())),
        "rejected_total": dropped_total,
    }
    context["skipped"] = request.app.state.skipped_after_import.get(id, [])
    return page(request, "imports/detail.html", {**context, "refresh": refresh_of(request, id)})


# the columns of each download: quarantined rows (nothing of them landed) and values left out of rows that did
PROBLEM_COLUMNS = {
    "quarantine": ("row", "column", "value", "reason"),
    "rejected": ("row", "record_key", "column", "value", "reason"),
}


@router.get("/import/problems.csv")
def problems_csv(
    request: Request, ws: WorkspaceDep, id: str, which: str = Query(..., pattern="^(quarantine|rejected)$")
) -> Response:
    """Every quarantined row or every value left out (`which`) of one import, by row, as CSV with a byte
    order mark (Excel on a Ukrainian or Russian Windows reads a file without one as cp1251), the reasons
    worded in the page's language: the page lists the first QUARANTINE_ROWS only, and UCI Online Retail's
    customers alone have 1,265 values left out."""
    imports = ws.table("imports")
    if not int(imports.filter(imports.import_id == id).count().execute()):
        return page(request, "error.html", {"title_key": "not_found_title", "message_key": "no_import"}, 404)
    source = ws.table("quarantine" if which == "quarantine" else "rejected_values")
    columns = PROBLEM_COLUMNS[which]
    mine = source.filter(source.import_id == id).select(*columns, "reason_code", "reason_params")
    rows = _worded(plain(mine.order_by(["row", "column"]).to_pyarrow().to_pylist()))
    lang, _ = choose_language(request)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        row["reason"] = translate(row["reason"], lang, place=True)
        # a refused value is the file's own text: "=HYPERLINK(…)" must not run as a formula in Excel
        writer.writerow(["" if row[c] is None else spreadsheet_safe(row[c]) for c in columns])
    headers = {"Content-Disposition": content_disposition(f"{which} {id}.csv")}
    body = codecs.BOM_UTF8 + text.getvalue().encode("utf-8")
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


def _worded(rows: list[dict]) -> list[dict]:
    """Rows whose reason the page words from its stored code and params (web/import_errors.py)."""
    for row in rows:
        params = row.pop("reason_params")
        params = json.loads(params) if isinstance(params, str) else params
        row["reason"] = stored_reason(row["reason"], row.pop("reason_code"), params)
    return rows


def other_tables(item: dict) -> dict[str, dict]:
    """The counts of the tables an import wrote besides its entity's own (an orders file's order lines,
    the customers it created), from the imports row's `tables` (migration 0025; none before it): the
    page's cards of the entity count its records, these count theirs."""
    stored = item.get("tables")
    tables = json.loads(stored) if isinstance(stored, str) else (stored or {})
    own = str(item["entity"]).replace("-", "_")
    return {name: counts for name, counts in tables.items() if name != own}


def mapping_of(stored) -> dict | None:
    """The import's column -> field mapping as pairs to list (it is stored as JSON text): shown as JSON it
    ran off the page with long Cyrillic headers. None when it cannot be read (the text is shown then)."""
    if isinstance(stored, str):
        try:
            stored = json.loads(stored)
        except ValueError:
            return None
    return stored if isinstance(stored, dict) else None


@router.get("/import/refresh")
def import_refresh(request: Request, ws: WorkspaceDep, id: str) -> Response:
    """The refresh after this import (polled by the import's page while it waits or runs), then how it
    ended."""
    context = {"item": {"import_id": id}, "refresh": refresh_of(request, id)}
    return page(request, "imports/_refresh.html", context)


def refresh_of(request: Request, import_id: str) -> dict | None:
    """The refresh this server runs or ran after the import (None: none, or long forgotten). A failed
    one's error is the exception when it has one (a rule error is worded from its code and params)."""
    run = request.app.state.refreshes.for_import(import_id)
    return None if run is None else shown_refresh(run)


def shown_refresh(run) -> dict:
    """A refresh as imports/_refresh.html shows it: its error the exception when it has one (a rule error
    is worded from its code and params), and the triggers its trigger run skipped (the events an import
    brought fire them), each keeping its CodedError so the page words why in its language (as the
    triggers page's "Run now" does)."""
    found = plain(run.to_dict())
    found["error"] = run.exception or found["error"]
    found["skipped"] = list(run.result.triggers_skipped) if run.result is not None else []
    return found
