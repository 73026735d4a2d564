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
from segmint.cli.wording import language, num, say
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

    with open_workspace(workspace) as ws, console.status(say("writing_report")):
        summary = write_report(ws, output, lang)
    if json_output:
        print_json(summary.to_dict())
    else:
        print_summary(summary, summary.headline, ws.settings.currency)


def print_summary(summary: ReportSummary, head, currency: str) -> None:
    """The summary in the CLI's language, its labels the report's own (segmint.report.texts), so the
    terminal and the page name the figures alike; a section with nothing to show by its title."""
    from segmint.report.texts import text

    lang = language()
    table = Table(title=say("report_title", date=head.as_of), title_justify="left")
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row(text("tile_customers", lang), num(head.customers))
    table.add_row(text("tile_buyers", lang), num(head.buyers))
    table.add_row(text("tile_orders", lang), num(head.orders))
    table.add_row(text("tile_revenue", lang), f"{num(head.revenue)} {currency}")
    aov = "—" if head.aov is None else f"{num(head.aov, 2)} {currency}"
    table.add_row(text("tile_aov", lang), aov)
    if head.guest_orders:
        table.add_row(text("tile_guests", lang), f"{num(head.guest_revenue)} {currency}")
    table.add_row(say("report_sections"), num(len(summary.sections)))
    console.print(table)
    for key, note in summary.empty.items():
        # the title and the note in the CLI's language, as the rest of the summary: the note was the page's
        # (--lang ru in a uk terminal gave a Ukrainian title and a Russian note), and an English title the key
        title = text("rfm_title_empty" if key == "rfm" else f"{key}_title", lang)
        said = summary.said.get(key)
        console.print(f"[yellow]{title}[/]: {text(said[0], lang, **said[1]) if said else note}")
    console.print(say("report_written", path=summary.path, mb=num(summary.bytes / 1e6, 1)))
