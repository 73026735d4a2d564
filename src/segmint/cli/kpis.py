"""`segmint kpis`: KPIs of segments or family groups, with the playbook, comparisons, cohorts, insights."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer
from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    date_option,
    fits,
    open_workspace,
    print_json,
    print_narrow,
)
from segmint.cli.main import app
from segmint.cli.usage import Worded
from segmint.cli.wording import form, group_label, language, namer, num, pct, say, whole
from segmint.kpis import kpi_report
from segmint.kpis.insights import segment_names, word
from segmint.kpis.report import SIGNED
from segmint.playbook.defaults import LANGUAGES

# Two tables of seven columns each: they stay readable in an 80-column terminal. (KPI, English format,
# decimals): the heading is wording's kpi_<KPI>; uk and ru write the figure as the language writes numbers.
SHOWN = (
    (
        ("size", "{:,}", 0),
        ("share", "{:.1%}", 1),
        ("revenue", "{:,.0f}", 0),
        ("revenue_share", "{:.1%}", 1),
        ("aov", "{:,.0f}", 0),
        ("purchase_frequency", "{:.2f}", 2),
    ),
    (
        ("days_between_orders", "{:.0f}", 0),
        ("conversion_rate", "{:.1%}", 1),
        ("churn_rate", "{:.1%}", 1),
        ("historical_clv", "{:,.0f}", 0),
        ("predicted_clv", "{:,.0f}", 0),
        ("nps", "{:+.0f}", 0),
    ),
)

# --compare's KPIs as the tables above write them, and those the tables do not show
FORMATS = {key: (form_, digits) for shown in SHOWN for key, form_, digits in shown} | {
    key: ("{:.1%}", 1)
    for key in ("campaign_conversion_rate", "retention_rate", "discount_share", "churn_probability")
}


def _points(value, digits: int) -> str:
    """The difference of two shares in percentage points (11.0% − 14.7% is −3.7 pp; п.п. in uk and ru):
    written with a % sign it read as a relative change, 3.7% of Loyal's share."""
    if value is None:
        return "–"
    shown = f"{value * 100:+.{digits}f}" if language() == "en" else num(value * 100, digits, signed=True)
    return f"{shown}\u00a0{say('percentage_points')}"


def _two_names(ctx, param, value: tuple[str, str] | None) -> tuple[str, str] | None:
    """Callback of --compare: an option given as one of its names is refused. Click takes the next word
    whatever it is, so `--compare big,St --days 90` compared 'big,St' with '--days' (and 90 became a
    segment to list)."""
    if not value:
        return value
    options = {opt for other in ctx.command.params for opt in other.opts + other.secondary_opts}
    for name in value:
        if name.startswith("--") or name.split("=", 1)[0] in options:
            option, n = param.opts[0], param.nargs
            commas = [part.strip() for other in value if "," in other for part in other.split(",")]
            if len(commas) == n and all(commas):  # `--compare A,B`: the two names with a comma
                hint = " ".join(shlex.quote(part) for part in commas)
                raise Worded("cli.option_as_value.comma", ctx, option=option, n=n, value=name, hint=hint)
            raise Worded("cli.option_as_value", ctx, option=option, n=n, value=name)
    return value


def _named(row: dict) -> str:
    """A row's name as people read it: a family group labelled (Чемпіони (Champions), or Чемпіони
    (rfm:Champions) as typed), a segment and the base as named."""
    return group_label(row["family"], row["group"], row["name"]) if row.get("family") else row["name"]


def _cell(value, form: str, digits: int) -> str:
    if value is None:
        return "–"
    if language() == "en":
        return form.format(value)
    signed = "+" in form
    return pct(value, digits, signed=signed) if "%" in form else num(value, digits, signed=signed)


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
        typer.Option(
            "--compare", help="Two segments or groups side by side.", show_default=False, callback=_two_names
        ),
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
            # people read the playbook in the CLI's language ($SEGMINT_LANGUAGE too); --json keeps the
            # workspace's, as it had it
            lang=lang or (None if json_output else language()),
        )
    if json_output:
        print_json(document)
        return
    _show(document)


def _cohort_grid(cohorts: list[dict], months: int) -> Table:
    """The cohorts' retention in their first `months` months (M0 ...)."""
    grid = Table(title=say("cohorts_title"))
    grid.add_column(say("col_cohort"), no_wrap=True)
    grid.add_column(say("col_customers_title"), justify="right")
    for k in range(months):
        grid.add_column(say("month_k", k=k), justify="right")
    for c in cohorts:
        grid.add_row(c["cohort"], whole(c["customers"]), *(pct(v, 0) for v in c["retention"][:months]))
    return grid


def _show(document: dict) -> None:
    period = document["period"]
    base = {**document["base"], "name": say("all_customers")}
    if document["members_as_of"] != period["end"]:  # a period ending between two refreshes
        console.print(say("kpis_members_on", day=document["members_as_of"], end=period["end"]))
    for number, shown in enumerate(SHOWN):
        title = None
        if number == 0:
            days = period["days"]
            title = say("kpis_title", start=period["start"], end=period["end"], days=whole(days),
                        unit=form("n_days", days))  # fmt: skip
        table = Table(title=title)
        table.add_column(say("kpi_segment"))
        headers = [say(f"kpi_{key}") for key, _, _ in shown]
        for header in headers:
            table.add_column(header, justify="right")
        rows = [
            (_named(row), *(_cell(row.get(key), form_, digits) for key, form_, digits in shown))
            for row in [*document["segments"], base]
        ]
        for row in rows:
            table.add_row(*row)
        if fits(table):
            console.print(table)
        else:  # Rich broke a uk or ru figure at its group spaces, "13 017" over "536", in 80 columns
            print_narrow(title, headers, rows)
    with_roi = [r for r in [*document["segments"], base] if r.get("roi") is not None]
    shown_roi = "; ".join(f"{_named(r)} {_cell(r['roi'], '{:.2f}', 2)}" for r in with_roi)
    console.print(say("roi_line", rois=shown_roi or say("no_roi")))
    plays = [s for s in document["segments"] if s.get("playbook")]
    if plays:
        book = Table(title=say("playbook"))
        for column in ("col_group_title", "col_strategy", "col_channel"):
            book.add_column(say(column))
        for s in plays:
            book.add_row(_named(s), s["playbook"]["strategy"], s["playbook"]["channel"])
        console.print(book)
    if "compare" in document:
        a, b = document["compare"]["segments"]
        # titled as the tables above name them (Чемпіони (Champions)); the document's keys stay the names
        rows = {row["name"]: row for row in document["segments"]}
        title_a, title_b = (_named(rows[name]) if name in rows else name for name in (a, b))
        side = Table(title=say("versus", a=title_a, b=title_b))
        for column in ("KPI", title_a, title_b, say("col_difference"), say("col_ratio")):
            side.add_column(column, justify="right")
        for row in document["compare"]["kpis"]:
            kpi = row["kpi"] if language() == "en" else say(f"kpi_{row['kpi']}")
            form_, digits = FORMATS[row["kpi"]]
            signed = form_ if "+" in form_ else form_.replace("{:", "{:+", 1)
            shares = "%" in form_  # their difference is in percentage points
            difference = _cell(row["difference"], signed, digits)
            if shares:
                difference = _points(row["difference"], digits)
            elif row["kpi"] in SIGNED and row["difference"] is not None:  # NPS: points, not a ratio
                difference += "\u00a0" + form("n_points", abs(round(row["difference"], digits)))
            side.add_row(kpi, _cell(row[a], form_, digits), _cell(row[b], form_, digits), difference,
                         _cell(row["ratio"], "{:.2f}", 2))  # fmt: skip
        console.print(side)
    if "cohorts" in document:
        months = min(12, max((len(c["retention"]) for c in document["cohorts"]), default=0))
        shown = months
        grid = _cohort_grid(document["cohorts"], shown)
        while shown > 1 and not fits(grid):  # Rich cut the cohorts to "20…" and broke "14 %" over 2 lines
            shown -= 1
            grid = _cohort_grid(document["cohorts"], shown)
        console.print(grid)
        if shown < months:
            console.print(say("months_cut", last=say("month_k", k=months - 1)), highlight=False)
    if "insights" in document:
        console.print(f"[bold]{say('insights')}[/]")
        names = segment_names(document, namer())
        for item in document["insights"] or [{"message": say("nothing_notable")}]:
            console.print(f"• {word(item, language(), names=names)}")
