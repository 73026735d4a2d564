"""`segmint kpis`: KPIs of segments or family groups, with the playbook, comparisons, cohorts, insights."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    date_option,
    open_workspace,
    print_json,
)
from segmint.cli.main import app
from segmint.kpis import kpi_report
from segmint.playbook.defaults import LANGUAGES

# Two tables of seven columns each: they stay readable in an 80-column terminal.
SHOWN = (
    (
        ("size", "Size", "{:,}"),
        ("share", "Share", "{:.1%}"),
        ("revenue", "Revenue", "{:,.0f}"),
        ("revenue_share", "Rev. share", "{:.1%}"),
        ("aov", "AOV", "{:,.0f}"),
        ("purchase_frequency", "Orders/buyer", "{:.2f}"),
    ),
    (
        ("days_between_orders", "Days between", "{:.0f}"),
        ("conversion_rate", "Conversion", "{:.1%}"),
        ("churn_rate", "Churn", "{:.1%}"),
        ("historical_clv", "CLV to date", "{:,.0f}"),
        ("predicted_clv", "CLV 12m", "{:,.0f}"),
        ("nps", "NPS", "{:+.0f}"),
    ),
)


def _cell(value, form: str) -> str:
    return "–" if value is None else form.format(value)


@app.command("kpis")
def kpis_command(
    segments: Annotated[
        list[str] | None,
        typer.Argument(
            help="Segment names, or family groups as family:group (rfm:Champions).", show_default=False
        ),
    ] = None,
    family: Annotated[
        str | None,
        typer.Option("--family", help="Every group of a family (default rfm when nothing is named)."),
    ] = None,
    compare: Annotated[
        tuple[str, str] | None,
        typer.Option("--compare", help="Two segments or groups side by side.", show_default=False),
    ] = None,
    cohorts: Annotated[bool, typer.Option("--cohorts", help="Monthly acquisition-cohort retention.")] = False,
    insights: Annotated[bool, typer.Option("--insights", help="Flag notable facts.")] = False,
    days: Annotated[
        int, typer.Option("--days", help="Length of the period, ending on the reference date.")
    ] = 365,
    as_of: Annotated[
        str | None, date_option("--as-of", help="Last day of the period.", show_default=False)
    ] = None,
    lang: Annotated[
        str | None, choice_option("--lang", values=LANGUAGES, help="Playbook language: en, uk or ru.")
    ] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """KPIs of segments or of a family's groups over a period (docs/metrics.md), with the playbook."""
    with open_workspace(workspace) as ws:
        document = kpi_report(
            ws,
            list(segments or []),
            family,
            days=days,
            end=as_of,
            compare_pair=tuple(compare) if compare else None,
            cohorts=cohorts,
            with_insights=insights,
            lang=lang,
        )
    if json_output:
        print_json(document)
        return
    _show(document)


def _show(document: dict) -> None:
    period = document["period"]
    for number, shown in enumerate(SHOWN):
        title = f"KPIs {period['start']} – {period['end']} ({period['days']} days)" if number == 0 else None
        table = Table(title=title)
        table.add_column("Segment")
        for _, heading, _ in shown:
            table.add_column(heading, justify="right")
        for row in [*document["segments"], document["base"]]:
            table.add_row(row["name"], *(_cell(row.get(key), form) for key, _, form in shown))
        console.print(table)
    with_roi = [r for r in [*document["segments"], document["base"]] if r.get("roi") is not None]
    shown_roi = "; ".join(f"{r['name']} {r['roi']:.2f}" for r in with_roi)
    console.print(f"ROI: {shown_roi or 'no campaign aimed at these segments was launched in the period'}.")
    plays = [s for s in document["segments"] if s.get("playbook")]
    if plays:
        book = Table(title="Playbook")
        for column in ("Group", "Strategy", "Channel"):
            book.add_column(column)
        for s in plays:
            book.add_row(s["name"], s["playbook"]["strategy"], s["playbook"]["channel"])
        console.print(book)
    if "compare" in document:
        a, b = document["compare"]["segments"]
        side = Table(title=f"{a} vs {b}")
        for column in ("KPI", a, b, "Difference"):
            side.add_column(column, justify="right")
        for row in document["compare"]["kpis"]:
            side.add_row(row["kpi"], *(_cell(row[k], "{:,.3g}") for k in (a, b, "difference")))
        console.print(side)
    if "cohorts" in document:
        width = min(12, max((len(c["retention"]) for c in document["cohorts"]), default=0))
        grid = Table(title="Cohort retention (share buying in month k after the first purchase)")
        grid.add_column("Cohort")
        grid.add_column("Customers", justify="right")
        for k in range(width):
            grid.add_column(f"M{k}", justify="right")
        for c in document["cohorts"]:
            grid.add_row(c["cohort"], str(c["customers"]), *(f"{v:.0%}" for v in c["retention"][:width]))
        console.print(grid)
    if "insights" in document:
        console.print("[bold]Insights[/]")
        for item in document["insights"] or [{"message": "nothing notable"}]:
            console.print(f"• {item['message']}")
