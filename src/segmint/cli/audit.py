"""`segmint audit`: what is wrong with the customer base, at a glance (stderr) or as JSON (stdout)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from segmint.cli.common import JsonOption, WorkspaceOption, console, open_workspace, print_json
from segmint.cli.main import app

if TYPE_CHECKING:
    from segmint.quality.auditing import AuditReport


@app.command("audit")
def audit_command(
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
    stale_days: Annotated[
        int | None,
        typer.Option(
            "--stale-days",
            min=1,
            help="Days without activity after which a contact is stale "
            "(default: stale_after_days in segmint.toml).",
        ),
    ] = None,
    duplicates: Annotated[
        bool, typer.Option("--duplicates/--no-duplicates", help="Look for suspected duplicates (splink).")
    ] = True,
) -> None:
    """Report completeness, invalid e-mails and phones, stale contacts, orphans and suspected duplicates."""
    from segmint.quality.auditing import audit  # loaded on use, not at every start

    with open_workspace(workspace) as ws, console.status("Auditing the customer base…"):
        report = audit(ws, stale_days=stale_days, duplicates=duplicates)
    if json_output:
        print_json(report.model_dump(mode="json"))
    else:
        show(report)


def show(report: AuditReport) -> None:
    console.print(
        f"[bold]{report.customers:,}[/] customers"
        + (f" (+{report.merged_away:,} merged away)" if report.merged_away else "")
        + f", [bold]{report.orders:,}[/] orders ({report.guest_order_share:.1%} guest), "
        f"[bold]{report.events:,}[/] events"
    )

    table = Table(title="Completeness of customer fields", title_justify="left")
    table.add_column("field")
    table.add_column("filled", justify="right")
    table.add_column("share", justify="right")
    for row in sorted(report.completeness, key=lambda r: r.share):
        colour = "red" if row.share < 0.5 else "yellow" if row.share < 0.9 else "green"
        table.add_row(row.field, f"{row.filled:,}", f"[{colour}]{row.share:.1%}[/]")
    console.print(table)

    if report.invalid:
        table = Table(title="Invalid values", title_justify="left")
        for name in ("where", "column", "reason", "count", "examples"):
            table.add_column(name, justify="right" if name == "count" else "left")
        for row in report.invalid:
            where = f"{row.entity} ({'refused at import' if row.source == 'import' else 'stored'})"
            table.add_row(where, row.column, row.reason, f"{row.count:,}", ", ".join(row.examples))
        console.print(table)
    else:
        console.print("[green]No invalid e-mails or phones.[/]")

    stale = report.stale
    console.print(
        f"Stale contacts: [bold]{stale.stale:,}[/] ({stale.share:.1%}) with no order, event or signup in "
        f"{stale.stale_after_days} days before {stale.reference_date} ({stale.reference_policy}); "
        f"{stale.never_active:,} never active."
    )
    orphans = report.unknown_customers
    if orphans.orders or orphans.events:
        examples = ", ".join(orphans.order_examples + orphans.event_examples)
        console.print(
            f"[red]Unknown customers:[/] {orphans.orders:,} orders and {orphans.events:,} events name a "
            f"customer id the store does not have (e.g. {examples})."
        )
    if report.future_dates:
        table = Table(title="Dates in the future (left out of every figure until then)", title_justify="left")
        for name in ("table", "column", "count", "examples"):
            table.add_column(name, justify="right" if name == "count" else "left")
        for row in report.future_dates:
            table.add_row(row.table, row.column, f"{row.count:,}", ", ".join(row.examples))
        console.print(table)
    if report.quarantine:
        table = Table(title="Quarantined rows", title_justify="left")
        for name in ("entity", "reason", "count"):
            table.add_column(name, justify="right" if name == "count" else "left")
        for row in report.quarantine:
            table.add_row(row.entity, row.reason, f"{row.count:,}")
        console.print(table)
    if report.duplicates is not None:
        from segmint.cli.dedupe import show_duplicates

        show_duplicates(report.duplicates)
