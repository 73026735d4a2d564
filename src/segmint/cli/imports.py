"""`segmint import ENTITY FILE` and `segmint quarantine`: bring files in, and see what did not land."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import ibis
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_argument,
    choice_option,
    console,
    open_workspace,
    print_json,
)
from segmint.cli.main import app
from segmint.cli.refresh import print_refresh
from segmint.cli.triggers import print_skipped
from segmint.cli.wording import TEXTS, form, language, num, say
from segmint.ingest import ImportSummary, import_file
from segmint.ingest.presets import PRESETS
from segmint.ingest.recorded import recorded_import

LARGE_FILE_BYTES = 20 * 1024 * 1024  # a progress bar is worth showing from here on
# the import's steps (read, check, quarantine, store, commit, refresh) are worded as step_<step> (wording.py)


class EntityName(StrEnum):
    customers = "customers"
    orders = "orders"
    order_items = "order-items"
    events = "events"
    products = "products"


@app.command("import")
def import_command(
    entity: Annotated[str, choice_argument(values=EntityName, help="What the file holds.")],
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV (any delimiter, UTF-8 or cp1251), .xlsx, Parquet or JSON lines; - for standard input."
        ),
    ],
    workspace: WorkspaceOption = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="Map a column to a field: --map 'Телефон=phone' (repeatable)."),
    ] = None,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="YAML mapping file.")] = None,
    preset: Annotated[
        str | None,
        choice_option("--preset", values=PRESETS, help=f"A known export layout: {', '.join(PRESETS)}."),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="File encoding (default: detected; utf-8 or cp1251).")
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option(help="CSV delimiter (default: detected); 'tab' for tabs.")
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(
            "--date-format",
            help="Format of the file's dates: strftime, e.g. '%m/%d/%Y', or ДД.ММ.РРРР / dd.mm.yyyy.",
        ),
    ] = None,
    create_missing_customers: Annotated[
        bool,
        typer.Option(
            "--create-missing-customers",
            help="Create customers that orders or events name but "
            "the workspace does not know, instead of quarantining those rows.",
        ),
    ] = False,
    no_refresh: Annotated[
        bool, typer.Option("--no-refresh", help="Do not refresh families and segments afterwards.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Import a file; rows that cannot land go to quarantine with the reason (see `segmint quarantine`).
    Families and dynamic segments are refreshed afterwards when anything changed (see `segmint refresh`)."""
    with open_workspace(workspace) as ws:
        show_bar = console.is_terminal and file.exists() and file.stat().st_size >= LARGE_FILE_BYTES
        options = dict(
            mapping=map_ or None,
            mapping_file=mapping,
            preset=preset,
            encoding=encoding,
            delimiter=delimiter,  # a name (tab) read by the library: textfiles.delimiter_option
            date_format=date_format,
            create_missing_customers=create_missing_customers,
        )
        # the refresh afterwards is the library's (segmint.ingest.import_file), as from Python
        options.update(refresh=not no_refresh)
        if show_bar:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as bar:
                task = bar.add_task(say("step_import", file=file.name), total=5)

                def progress(step: str, done: int, total: int) -> None:
                    label = say(f"step_{step}", file=file.name)
                    bar.update(task, completed=done, total=total, description=label)

                summary = import_file(ws, entity.value, file, progress=progress, **options)
        else:
            with console.status(say("step_import", file=file.name)) as status:

                def progress(step: str, done: int, total: int) -> None:
                    status.update(say(f"step_{step}", file=file.name))

                summary = import_file(ws, entity.value, file, progress=progress, **options)
    if json_output:
        print_json(summary.to_dict())
    else:
        _print_summary(summary)
        if summary.refresh:
            print_refresh(summary.refresh)  # with the triggers its run skipped
        else:
            print_skipped(summary.triggers_skipped)


def _print_summary(summary: ImportSummary) -> None:
    table = Table(title=say("import_title", entity=summary.entity, file=summary.file), title_justify="left")
    # each count says what it counts: an orders file's rows are read and quarantined as rows (its lines),
    # its orders inserted, updated and unchanged as orders
    records = say(f"unit_{summary.entity.replace('-', '_')}")
    units = (say("unit_rows"), records, records, records, say("unit_rows"), "")
    columns = ("col_read", "col_inserted", "col_updated", "col_unchanged", "col_quarantined", "col_rejected")
    for key, unit in zip(columns, units, strict=True):
        table.add_column(f"{say(key)}\n{unit}" if unit else say(key), justify="right")
    table.add_row(
        *(
            num(n)
            for n in (
                summary.rows_read,
                summary.inserted,
                summary.updated,
                summary.unchanged,
                summary.quarantined,
                summary.rejected_values,
            )
        )
    )
    console.print(table)
    for name, counts in summary.tables.items():
        if name != summary.entity.replace("-", "_"):
            words = {k: say(f"col_{k}") if f"col_{k}" in TEXTS else k for k in counts}
            counted = ", ".join(f"{words[k]} {num(v)}" for k, v in counts.items())
            unit = f" ({say(f'unit_{name}')})" if f"unit_{name}" in TEXTS else ""  # what it counts
            console.print(f"  {name}: {counted}{unit}", highlight=False)
    if summary.ignored_columns:
        console.print("  " + say("not_imported", columns=", ".join(summary.ignored_columns)))
    if summary.kept_columns:
        console.print("  " + say("kept_columns", columns=", ".join(summary.kept_columns)))
    if summary.float_ids:
        console.print("  " + say("float_ids", columns=", ".join(summary.float_ids)))
    if summary.preset_hint:
        console.print("  " + say(f"preset_hint_{summary.preset_hint}"), highlight=False)
    if summary.quarantined:
        console.print("  " + say("see_quarantine", id=summary.import_id))
    console.print("  " + say("import_took", id=summary.import_id, seconds=num(summary.seconds, 1)))


@app.command("quarantine")
def quarantine_command(
    workspace: WorkspaceOption = None,
    import_id: Annotated[str | None, typer.Option("--import", help="Only this import's rows.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many rows (0 = all).", min=0)] = 100,
    json_output: JsonOption = False,
) -> None:
    """List input rows that did not land: file, row, column, value and reason."""
    with open_workspace(workspace) as ws:
        rows = ws.table("quarantine")
        if import_id:
            recorded_import(ws, import_id)  # a mistyped id is refused, as the API's 404, not "0 rows"
            rows = rows.filter(rows.import_id == import_id)
        total = int(rows.count().execute())
        rows = rows.order_by([rows.file, ibis.asc(rows.row)])
        if limit:
            rows = rows.limit(limit)
        records = rows.select(
            "import_id", "entity", "file", "row", "column", "value", "reason", "reason_code", "reason_params"
        ).to_pyarrow()
    records = records.to_pylist()
    if json_output:
        for r in records:  # stored as JSON text; NULL for rows quarantined before reasons had codes
            r["reason_params"] = json.loads(r["reason_params"]) if r["reason_params"] is not None else None
        print_json({"total": total, "rows": records})
        return
    first = say("first_shown", n=num(len(records))) if total > len(records) else ""
    table = Table(title=f"{num(total)} {form('n_quarantined_rows', total)}{first}", title_justify="left")
    for key in ("col_file", "col_row", "col_column", "col_value", "col_reason"):
        table.add_column(say(key), overflow="fold")
    for r in records:
        value = r["value"] if r["value"] is None or len(r["value"]) < 60 else r["value"][:57] + "…"
        table.add_row(r["file"], str(r["row"] or ""), r["column"] or "", value or "", _reason(r))
    console.print(table)


def _reason(row: dict) -> str:
    """A quarantined row's reason in the chosen language, from its code and params, as the web UI's
    quarantine table words it (web/import_errors.py); as stored in English, or when it has no code."""
    if language() == "en" or row["reason_code"] is None:
        return row["reason"]
    from segmint.web.import_errors import stored_reason
    from segmint.web.messages import translate

    params = json.loads(row["reason_params"]) if row["reason_params"] is not None else None
    return translate(stored_reason(row["reason"], row["reason_code"], params), language(), cli=True)
