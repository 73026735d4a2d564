"""`segmint report -o report.html`: one self-contained HTML page of the whole base, and a summary table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    open_workspace,
    output_option,
    print_json,
)
from segmint.cli.main import app
from segmint.playbook.defaults import LANGUAGES

if TYPE_CHECKING:
    from segmint.report import ReportSummary


@app.command("report")
def report_command(
    output: Annotated[Path, output_option("Where to write the HTML file.")] = Path("report.html"),
    lang: Annotated[
        str | None,
        choice_option(
            "--lang",
            values=LANGUAGES,
            help="Language of the playbook: en, uk or ru (default: the workspace's).",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Write one HTML file (charts, personas, insights, playbook) that opens offline in any browser."""
    from segmint.report import write_report  # loaded on use, not at every start

    with open_workspace(workspace) as ws, console.status("Writing the report…"):
        summary = write_report(ws, output, lang)
    if json_output:
        print_json(summary.to_dict())
    else:
        print_summary(summary, summary.headline, ws.settings.currency)


def print_summary(summary: ReportSummary, head, currency: str) -> None:
    table = Table(title=f"segmint report, as of {head.as_of}", title_justify="left")
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row("customers", f"{head.customers:,}")
    table.add_row("customers who bought", f"{head.buyers:,}")
    table.add_row("purchases to date", f"{head.orders:,}")
    table.add_row("revenue to date", f"{head.revenue:,.0f} {currency}")
    aov = "—" if head.aov is None else f"{head.aov:,.2f} {currency}"
    table.add_row("average order value to date", aov)
    if head.guest_orders:
        table.add_row("guest purchases (not in the KPIs)", f"{head.guest_revenue:,.0f} {currency}")
    table.add_row("sections with content", str(len(summary.sections)))
    console.print(table)
    for key, note in summary.empty.items():
        console.print(f"[yellow]{key}[/]: {note}")
    console.print(f"Written [bold]{summary.path}[/] ({summary.bytes / 1e6:.1f} MB); open it in a browser.")
