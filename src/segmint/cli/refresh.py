"""`segmint refresh`: recompute the families and dynamic segments and record who moved where."""

from __future__ import annotations

import datetime as dt
import time
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    open_workspace,
    parse_date,
    print_json,
)
from segmint.cli.main import app
from segmint.history import RefreshSummary, refresh


class Every(StrEnum):
    monthly = "monthly"
    weekly = "weekly"


@app.command("refresh")
def refresh_command(
    workspace: WorkspaceOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Compute membership as the data stood on this date (YYYY-MM-DD)."),
    ] = None,
    backfill: Annotated[
        str | None,
        choice_option(
            "--backfill",
            values=Every,
            help="Also compute every month (or week) end from the first order on, filling history.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Recompute every family and dynamic segment and record entries and exits (one transaction)."""
    day = parse_date(as_of, "--as-of")
    started = time.perf_counter()
    with open_workspace(workspace) as ws, console.status("Refreshing segments…") as spinner:

        def progress(done: int, total: int, date: dt.date) -> None:
            if total == 1:
                return
            left = ""
            if done:  # at the pace so far (a low guess: later dates have more orders to read)
                seconds = (time.perf_counter() - started) / done * (total - done)
                left = f", about {_duration(seconds)} left"
            spinner.update(f"Refreshing segments… date {done + 1} of {total}: {date}{left}")

        summary = refresh(ws, day, backfill=backfill.value if backfill else None, progress=progress)
    if json_output:
        print_json(summary.to_dict())
    else:
        print_refresh(summary)


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{round(seconds)} s" if seconds < 90 else f"{minutes} min"


def print_refresh(summary: RefreshSummary) -> None:
    dates = (
        f"{len(summary.dates)} dates, {summary.dates[0]} … {summary.dates[-1]}"
        if len(summary.dates) > 1
        else str(summary.as_of)
    )
    console.print(
        f"Refreshed as of [bold]{dates}[/]: {summary.customers:,} customers, "
        f"{summary.entered:,} entries and {summary.exited:,} exits recorded ({summary.seconds:.1f} s)"
    )
    if summary.removed_after:
        dates = ", ".join(str(day) for day in summary.removed_after)
        console.print(
            f"  removed the snapshots of {dates}: they are after the reference date {summary.as_of} and were "
            "computed when it was later (e.g. customers imported before their orders)",
            highlight=False,
        )
    for family, groups in summary.families.items():
        listed = ", ".join(f"{g} {n:,}" for g, n in groups.items()) or "nobody (nothing to compute from yet)"
        console.print(f"  {family}: {listed}", highlight=False)
    if summary.segments:
        table = Table("segment", "members", title_justify="left")
        for name, size in summary.segments.items():
            table.add_row(name, f"{size:,}")
        console.print(table)
