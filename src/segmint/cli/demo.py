"""`segmint demo [DIR]`: build a ready workspace from the synthetic shop, refresh it and say what is in it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from segmint.cli.common import JsonOption, console, print_json
from segmint.cli.main import app

if TYPE_CHECKING:
    from segmint.demo.build import DemoSummary
    from segmint.history import RefreshSummary


@app.command()
def demo(
    directory: Annotated[Path, typer.Argument(help="New or empty folder for the demo workspace.")] = Path(
        "demo-workspace"
    ),
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

    if json_output:
        summary = build_demo(directory, n_customers=customers, seed=seed)
        refreshed = _refresh(directory) if refresh else None
        print_json({**summary.as_dict(), "refresh": refreshed.to_dict() if refreshed else None})
        return
    with console.status(f"Generating {customers:,} customers and loading them into {directory} ..."):
        summary = build_demo(directory, n_customers=customers, seed=seed)
    _print_summary(summary)
    if refresh:
        from segmint.cli.refresh import print_refresh

        with console.status("Refreshing segments…"):
            refreshed = _refresh(directory)
        print_refresh(refreshed)
    console.print(f"Next: [bold]segmint audit -w {summary.path}[/]")


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

    overview = Table(title=f"Demo workspace {s.path}", show_header=False, title_justify="left")
    overview.add_column(style="bold")
    overview.add_column(justify="right")
    overview.add_row("customers", f"{s.customers:,}")
    overview.add_row("  near-duplicate records", f"{s.duplicate_records:,}")
    overview.add_row("orders", f"{s.orders:,}")
    for status, n in sorted(s.orders_by_status.items()):
        overview.add_row(f"  {status}", f"{n:,}")
    overview.add_row("  guest orders", f"{s.guest_orders:,}")
    overview.add_row("order items", f"{s.order_items:,}")
    overview.add_row(f"revenue (completed, {s.currency})", f"{s.revenue:,.2f}")
    overview.add_row("orders from", s.first_order)
    overview.add_row("orders to", s.last_order)
    overview.add_row("products", f"{s.products:,} in {len(s.categories)} categories")
    console.print(overview)
    console.print("categories: " + ", ".join(s.categories))

    events = Table(title="Events", title_justify="left")
    events.add_column("type")
    events.add_column("count", justify="right")
    for kind, n in s.events_by_type.items():
        events.add_row(kind, f"{n:,}")
    console.print(events)

    t = s.truth
    truth = Table(title=f"True parameters (time unit: {t['time_unit']})", title_justify="left")
    truth.add_column("model")
    truth.add_column("parameters")
    truth.add_row("BG/NBD", ", ".join(f"{k} = {v:g}" for k, v in t["bg_nbd"].items()))
    truth.add_row("Gamma-Gamma", ", ".join(f"{k} = {v:g}" for k, v in t["gamma_gamma"].items()))
    truth.add_row("window", f"{t['observation_start']} .. {t['observation_end']}")
    console.print(truth)
    console.print(
        f"Truth recorded in {Path(s.path) / TRUTH_FILE} and tables demo_customer_truth, demo_duplicates.\n"
        f"Built in {s.seconds:.1f} s."
    )
