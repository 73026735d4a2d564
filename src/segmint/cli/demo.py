"""`segmint demo [DIR]`: build a ready workspace from the synthetic shop, refresh it and say what is in it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from segmint.cli import wording
from segmint.cli.common import JsonOption, console, new_folder, print_json
from segmint.cli.main import app
from segmint.cli.wording import form, num, say
from segmint.localize import duration

if TYPE_CHECKING:
    from segmint.demo.build import DemoSummary
    from segmint.history import RefreshSummary


@app.command()
def demo(
    context: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="New or empty folder for the demo workspace, demo-workspace when none is given (or give it "
            "as segmint -w DIR demo).",
            show_default=False,
        ),
    ] = None,
    customers: Annotated[
        int, typer.Option("--customers", min=100, help="Customer records to generate.")
    ] = 20_000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same shop.")] = 42,
    refresh: Annotated[
        bool,
        typer.Option(
            "--refresh/--no-refresh",
            help="Refresh the new workspace (families and segments as of its reference date), as "
            "`segmint refresh` does; --no-refresh leaves it with no history.",
        ),
    ] = True,
    json_output: JsonOption = False,
) -> None:
    """Build a demo workspace (a synthetic Ukrainian/international shop with known true parameters) and
    refresh it, so its families and report are filled."""
    from segmint.demo.build import build_demo  # NumPy and SciPy: loaded on use, not at every start

    directory = new_folder(context, directory, Path("demo-workspace"))

    if json_output:
        summary = build_demo(directory, n_customers=customers, seed=seed)
        refreshed = _refresh(directory) if refresh else None
        print_json({**summary.as_dict(), "refresh": refreshed.to_dict() if refreshed else None})
        return
    from segmint.config import Settings

    wording.use(Settings().language)  # the demo workspace's: build_demo writes the default settings
    with console.status(say("demo_generating", customers=num(customers), directory=directory)):
        summary = build_demo(directory, n_customers=customers, seed=seed)
    _print_summary(summary)
    if refresh:
        from segmint.cli.refresh import print_refresh

        with console.status(say("refreshing")):
            refreshed = _refresh(directory)
        print_refresh(refreshed)
    console.print(say("demo_next", path=summary.path))


def _refresh(directory: Path) -> RefreshSummary:
    """The first refresh of the new workspace: without one every family is empty ('as of no refresh yet')
    and kpis and the report show nothing per group. The library's build_demo does not refresh (fixtures
    count the history rows they write themselves); the command does, as `segmint serve` does."""
    from segmint.history import refresh
    from segmint.store.workspace import Workspace

    with Workspace.open(directory) as ws:
        return refresh(ws)


def _print_summary(s: DemoSummary) -> None:
    from segmint.demo.build import TRUTH_FILE

    overview = Table(title=say("demo_title", path=s.path), show_header=False, title_justify="left")
    overview.add_column(style="bold")
    overview.add_column(justify="right")
    overview.add_row(say("demo_customers"), num(s.customers))
    overview.add_row(say("demo_duplicates"), num(s.duplicate_records))
    overview.add_row(say("demo_orders"), num(s.orders))
    for status, n in sorted(s.orders_by_status.items()):
        label = f"order_{status}"  # the web UI's word for an order's status, when it has one
        overview.add_row(f"  {say(label) if label in wording.TEXTS else status}", num(n))
    overview.add_row(say("demo_guest_orders"), num(s.guest_orders))
    overview.add_row(say("demo_order_items"), num(s.order_items))
    overview.add_row(say("demo_revenue", currency=s.currency), num(s.revenue, 2))
    overview.add_row(say("demo_orders_from"), s.first_order)
    overview.add_row(say("demo_orders_to"), s.last_order)
    count = len(s.categories)
    categories = form("n_categories", count)
    overview.add_row(
        say("demo_products"),
        say("demo_in_categories", products=num(s.products), count=count, categories=categories),
    )
    console.print(overview)
    console.print(say("demo_categories", names=", ".join(s.categories)))

    events = Table(title=say("demo_events"), title_justify="left")
    events.add_column(say("demo_event_type"))
    events.add_column(say("col_count"), justify="right")
    for kind, n in s.events_by_type.items():
        events.add_row(kind, num(n))
    console.print(events)

    t = s.truth
    unit, days = t["time_unit"], t["time_unit"].split()[0]  # "7 days"
    if wording.language() != "en" and days.isdigit():  # in the language's words, as CLDR has them
        unit = duration(int(days) * 86_400, wording.language())
    truth = Table(title=say("demo_truth", unit=unit), title_justify="left")
    truth.add_column(say("demo_model"))
    truth.add_column(say("demo_parameters"))
    truth.add_row("BG/NBD", ", ".join(f"{k} = {v:g}" for k, v in t["bg_nbd"].items()))
    truth.add_row("Gamma-Gamma", ", ".join(f"{k} = {v:g}" for k, v in t["gamma_gamma"].items()))
    truth.add_row(say("demo_window"), f"{t['observation_start']} .. {t['observation_end']}")
    console.print(truth)
    console.print(
        say("demo_truth_file", file=Path(s.path) / TRUTH_FILE)
        + "\n"
        + say("demo_built", seconds=num(s.seconds, 1))
    )
