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
    packed,
    parse_date,
    print_json,
)
from segmint.cli.main import app
from segmint.cli.triggers import print_skipped
from segmint.cli.wording import form, group_label, num, say, whole
from segmint.errors import CodedError
from segmint.history import RefreshSummary, refresh
from segmint.segments.model import SegmentError


class Every(StrEnum):
    monthly = "monthly"
    weekly = "weekly"


@app.command("refresh")
def refresh_command(
    workspace: WorkspaceOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", help="Compute membership as the data stood on this date (YYYY-MM-DD)."
        ),
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
    with open_workspace(workspace) as ws, console.status(say("refreshing")) as spinner:

        def progress(done: int, total: int, date: dt.date) -> None:
            if total == 1:
                return
            left = ""
            if done:  # at the pace so far (a low guess: later dates have more orders to read)
                seconds = (time.perf_counter() - started) / done * (total - done)
                left = say("time_left", duration=_duration(seconds))
            spinner.update(say("refreshing_date", done=done + 1, total=total, date=date, left=left))

        try:
            summary = refresh(ws, day, backfill=backfill.value if backfill else None, progress=progress)
        except SegmentError as exc:
            if exc.code in AS_OF_REFUSALS and day is not None:
                raise as_option(exc) from exc
            raise
    if json_output:
        print_json(summary.to_dict())
    else:
        print_refresh(summary)


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return say("seconds", n=round(seconds)) if seconds < 90 else say("minutes", n=minutes)


# the library's refusals of a date, which name its parameter (as_of, as the API's query does): the CLI's
# user typed --as-of
AS_OF_REFUSALS = ("refresh.before_customers", "refresh.after_reference")


def as_option(exc: SegmentError) -> CodedError:
    """The refusal of --as-of naming the option typed (cli/wording.py: cli.refresh.*)."""
    message = str(exc).replace("as_of ", "--as-of ", 1)
    return CodedError(message, code=f"cli.{exc.code}", params=exc.params)


def print_refresh(summary: RefreshSummary) -> None:
    dates = (
        say(
            "dates_span",
            count=whole(len(summary.dates)),
            dates=form("n_dates", len(summary.dates)),
            first=summary.dates[0],
            last=summary.dates[-1],
        )
        if len(summary.dates) > 1
        else str(summary.as_of)
    )
    console.print(
        say(
            "refreshed",
            dates=dates,
            customers=num(summary.customers),
            entered=num(summary.entered),
            exited=num(summary.exited),
            seconds=num(summary.seconds, 1),
        )
    )
    if summary.removed_after:
        dates = ", ".join(str(day) for day in summary.removed_after)
        console.print("  " + say("removed_after", dates=dates, as_of=summary.as_of), highlight=False)
    for family, groups in summary.families.items():
        # a group as its reader reads it: "Чемпіони (Champions) 653,"; --json keeps the key
        parts = [f"{group_label(family, g)} {num(n)}," for g, n in groups.items()]
        parts = parts or say("nobody_yet").split(" ")
        if family == "churn_risk" and summary.churn_not_estimated:
            parts = say(f"churn_{summary.churn_not_estimated}").split(" ")
        parts[-1] = parts[-1].removesuffix(",")
        # broken only between groups: Rich wrapped at any space, "No" at a line's end and "Purchases 69"
        # on the next (and inside "1 743", its space a no-break one)
        lines = packed([f"{family}:", *parts], " ", console.width - 4)
        for at, line in enumerate(lines):
            console.print(("    " if at else "  ") + line, highlight=False, soft_wrap=True)
    if summary.segments:
        table = Table(say("col_segment"), say("col_members"), title_justify="left")
        for name, size in summary.segments.items():
            table.add_row(name, num(size))
        console.print(table)
    print_skipped(summary.triggers_skipped)  # a broken trigger: named, as `triggers run` names it
