"""`segmint audit`: what is wrong with the customer base, at a glance (stderr) or as JSON (stdout)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from segmint.cli.common import JsonOption, WorkspaceOption, console, open_workspace, print_json
from segmint.cli.main import app
from segmint.cli.wording import TEXTS, error, form, num, pct, say, whole

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

    with open_workspace(workspace) as ws, console.status(say("auditing")):
        report = audit(ws, stale_days=stale_days, duplicates=duplicates)
    if json_output:
        print_json(report.model_dump(mode="json"))
    else:
        show(report)


def show(report: AuditReport) -> None:
    merged = say("audit_merged", merged=num(report.merged_away)) if report.merged_away else ""
    console.print(
        say(
            "audit_base",
            customers=num(report.customers),
            customers_unit=form("n_customers", report.customers),
            merged=merged,
            orders=num(report.orders),
            orders_unit=form("n_orders", report.orders),
            guest=pct(report.guest_order_share),
            events=num(report.events),
            events_unit=form("n_events", report.events),
        )
    )

    table = Table(title=say("completeness"), title_justify="left")
    table.add_column(say("col_field"))
    table.add_column(say("col_filled"), justify="right")
    table.add_column(say("col_share"), justify="right")
    for row in sorted(report.completeness, key=lambda r: r.share):
        colour = "red" if row.share < 0.5 else "yellow" if row.share < 0.9 else "green"
        table.add_row(row.field, num(row.filled), f"[{colour}]{pct(row.share)}[/]")
    console.print(table)

    if report.invalid:
        from segmint.web.import_errors import stored_reason

        table = Table(title=say("invalid_values"), title_justify="left")
        for name in ("where", "column", "reason", "count", "examples"):
            table.add_column(say(f"col_{name}"), justify="right" if name == "count" else "left")
        for row in report.invalid:
            where = say("refused_at_import" if row.source == "import" else "stored", entity=row.entity)
            reason = error(stored_reason(row.reason, row.reason_code, row.reason_params))
            table.add_row(where, row.column, reason, num(row.count), ", ".join(row.examples))
        console.print(table)
    else:
        console.print(say("no_invalid"))

    stale = report.stale
    policy = stale.reference_policy
    console.print(
        say(
            "stale",
            stale=num(stale.stale),
            share=pct(stale.share),
            days=whole(stale.stale_after_days),
            unit=form("n_days", stale.stale_after_days),
            date=stale.reference_date,
            policy=say(f"policy_{policy}") if f"policy_{policy}" in TEXTS else say("policy_fixed"),
            never=num(stale.never_active),
        )
    )
    orphans = report.unknown_customers
    if orphans.orders or orphans.events:
        examples = ", ".join(orphans.order_examples + orphans.event_examples)
        console.print(
            say(
                "unknown_customers",
                orders=num(orphans.orders),
                orders_unit=form("n_orders", orphans.orders),
                events=num(orphans.events),
                events_unit=form("n_events", orphans.events),
                examples=examples,
            )
        )
    if report.future_dates:
        table = Table(title=say("future_dates"), title_justify="left")
        for name in ("table", "column", "count", "examples"):
            table.add_column(say(f"col_{name}"), justify="right" if name == "count" else "left")
        for row in report.future_dates:
            table.add_row(row.table, row.column, num(row.count), ", ".join(row.examples))
        console.print(table)
    if report.quarantine:
        from segmint.web.import_errors import stored_reason

        table = Table(title=say("quarantined_rows"), title_justify="left")
        for name in ("entity", "reason_first", "count", "examples"):
            table.add_column(say(f"col_{name}"), justify="right" if name == "count" else "left")
        for row in report.quarantine:
            reason = error(stored_reason(row.reason, row.reason_code, row.reason_params))
            table.add_row(row.entity, reason, num(row.count), ", ".join(v for v in row.examples if v))
        console.print(table)
    if report.duplicates is not None:
        from segmint.cli.dedupe import show_duplicates

        show_duplicates(report.duplicates)
