"""`segmint campaigns …`: create, preview, send, status, results, export.

Thin commands over segmint.campaigns (docs/campaigns.md): options in, one call, output out (Rich on
stderr, or one JSON document on stdout with --json).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
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

campaigns_app = typer.Typer(
    name="campaigns",
    help="Personalised messages to segments: create, preview, send (resumable), status, results, export.",
    no_args_is_help=True,
)
app.add_typer(campaigns_app)

NameArg = Annotated[str, typer.Argument(help="Campaign name (or id).")]


class Channel(StrEnum):
    email = "email"
    sms = "sms"
    webhook = "webhook"


class Layout(StrEnum):
    mailchimp = "mailchimp"
    brevo = "brevo"
    unisender = "unisender"
    esputnik = "esputnik"
    generic = "generic"


class Format(StrEnum):
    csv = "csv"
    json = "json"


@campaigns_app.command("create")
def create_command(
    name: Annotated[str | None, typer.Argument(help="Campaign name (not needed with --spec).")] = None,
    spec: Annotated[
        Path | None, typer.Option("--spec", help="A campaign YAML file (docs/campaigns.md).")
    ] = None,
    channel: Annotated[
        str, choice_option("--channel", values=Channel, help="Delivery channel.")
    ] = Channel.email,
    target: Annotated[
        list[str] | None, typer.Option("--target", "-t", help="Segment name or family:group; repeatable.")
    ] = None,
    subject: Annotated[str | None, typer.Option(help="Subject template (email).")] = None,
    body: Annotated[str | None, typer.Option(help="Body template text.")] = None,
    body_file: Annotated[Path | None, typer.Option("--body-file", help="Body template from a file.")] = None,
    variants: Annotated[str, typer.Option(help="A/B variant names, comma-separated.")] = "A",
    holdout: Annotated[float, typer.Option(help="Share of each target kept as holdout.")] = 0.10,
    cost: Annotated[str, typer.Option(help="Cost per message, in the workspace currency.")] = "0",
    attribution_days: Annotated[int, typer.Option(help="Days a purchase counts as a conversion.")] = 14,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Create a draft campaign: pick its audience (consent, unsubscribes, frequency cap) and split it into
    holdout and variants. With flags, one message goes to every target and variant; --spec for more."""
    from segmint.campaigns import Campaign, CampaignError, Message, create_campaign
    from segmint.campaigns.spec import amount, load_spec

    if spec is not None:
        campaign = load_spec(spec)
        if name:
            campaign.name = name
    else:
        if not name or not target:
            raise CampaignError(
                "give a NAME and at least one --target (or a --spec file)", code="options.name_and_target"
            )
        if body_file is not None:
            body = body_file.read_text(encoding="utf-8-sig")
        if not body:
            raise CampaignError("give the message with --body or --body-file", code="options.body")
        names = [v.strip() for v in variants.split(",") if v.strip()]
        messages = [Message(t, v, body, subject) for t in target for v in names]
        campaign = Campaign(
            name=name,
            channel=channel.value,
            messages=messages,
            cost_per_message=amount(cost, "--cost"),
            holdout_share=holdout,
            variants=names,
            attribution_days=attribution_days,
        )
    with open_workspace(workspace) as ws:
        summary = create_campaign(ws, campaign)
    if json_output:
        print_json(summary)
        return
    console.print(
        f"Created campaign [bold]{escape(summary['campaign'])}[/] ({summary['channel']}), "
        f"{summary['recipients']:,} recipients"
    )
    for target_name, arms in summary["by_target"].items():
        console.print(f"  {escape(target_name)}: " + ", ".join(f"{a} {n:,}" for a, n in arms.items()))
    left_out = {k: v for k, v in summary["excluded"].items() if v}
    if left_out:
        console.print("  left out: " + ", ".join(f"{k} {v:,}" for k, v in left_out.items()))


@campaigns_app.command("preview")
def preview_command(
    name: NameArg,
    customer: Annotated[str, typer.Option("--customer", "-c", help="Customer id to render for.")],
    target: Annotated[str | None, typer.Option(help="Target to render (default: the customer's).")] = None,
    variant: Annotated[str | None, typer.Option(help="Variant to render (default: the customer's).")] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Render the message a customer gets (or would get)."""
    from segmint.campaigns import get
    from segmint.campaigns.preview import preview

    with open_workspace(workspace) as ws:
        shown = preview(ws, get(ws, name), customer, target, variant)
    if json_output:
        print_json(shown)
        return
    note = (
        ""
        if shown["gets_message"]
        else " (not sent to this customer: " + ("holdout)" if shown["recipient"] else "not a recipient)")
    )
    console.print(f"[bold]{escape(shown['target'])}[/], variant {escape(shown['variant'])}{note}")
    if shown["subject"] is not None:
        console.print(f"Subject: {escape(shown['subject'])}", highlight=False)
    console.print(escape(shown["body"]), highlight=False)


@campaigns_app.command("send")
def send_command(
    name: NameArg,
    resend_uncertain: Annotated[
        bool,
        typer.Option(
            "--resend-uncertain",
            help="Also resend messages handed over to the server with no answer (they may arrive twice).",
        ),
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Also send again the messages that failed (same message id and Idempotency-Key).",
        ),
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Send at most this many messages now.")] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Queue the campaign's messages (first time) and deliver them. Safe to rerun after a crash: it
    resumes where the last run stopped and never sends a message twice."""
    from segmint.campaigns import send_campaign

    counts: dict[str, int] = {}
    with open_workspace(workspace) as ws, console.status("sending…") as spinner:

        def progress(outcome: str, done: int) -> None:
            counts[outcome] = counts.get(outcome, 0) + 1
            if done % 25 == 0:
                spinner.update(
                    f"sending… {done:,} done (" + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + ")"
                )

        summary = send_campaign(
            ws,
            name,
            resend_uncertain=resend_uncertain,
            retry_failed=retry_failed,
            limit=limit,
            progress=progress,
        )
    if json_output:
        print_json(summary)
        return
    run = summary["this_run"]
    console.print(
        f"[bold]{escape(summary['campaign'])}[/]: queued {summary['queued']:,}, this run "
        + (", ".join(f"{k} {v:,}" for k, v in run.items()) or "nothing to send")
    )
    if summary["requeued"]:
        console.print(f"  resumed: {summary['requeued']:,} message(s) a stopped run had not handed over")
    if summary["failed_retried"]:
        console.print(f"  retried: {summary['failed_retried']:,} failed message(s) sent again")
    box = summary["outbox"]
    console.print("  outbox: " + ", ".join(f"{k} {v:,}" for k, v in box.items()))
    if summary["channel"] == "email" and not summary["unsubscribe_links"] and summary["queued"]:
        console.print(
            "  [yellow]note[/]: no unsubscribe links (set url in \\[campaigns.unsubscribe] of segmint.toml; "
            "Gmail and Yahoo expect one-click unsubscribe from bulk senders)"
        )
    if box["uncertain"]:
        console.print(
            f"  [yellow]{box['uncertain']:,} uncertain[/]: handed over with no answer; not resent "
            "(check the server, then --resend-uncertain if they did not arrive)"
        )


@campaigns_app.command("status")
def status_command(
    name: Annotated[str | None, typer.Argument(help="Campaign name (default: every campaign).")] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Recipients per target and arm, messages per state, the latest errors (or every campaign)."""
    from segmint.campaigns import get
    from segmint.campaigns.status import overview, status

    with open_workspace(workspace) as ws:
        document = status(ws, get(ws, name)) if name else overview(ws)
    if json_output:
        print_json(document)
        return
    if not name:
        table = Table("campaign", "channel", "status", "queued", "sent", "failed", "uncertain")
        for c in document:
            box = c["outbox"]
            table.add_row(
                escape(c["campaign"]),
                c["channel"],
                c["status"],
                *(f"{box[k]:,}" for k in ("queued", "sent", "failed", "uncertain")),
            )
        console.print(table)
        return
    console.print(f"[bold]{escape(document['campaign'])}[/] ({document['channel']}, {document['status']})")
    for target_name, arms in document["recipients"].items():
        console.print(f"  {escape(target_name)}: " + ", ".join(f"{a} {n:,}" for a, n in arms.items()))
    console.print("  outbox: " + ", ".join(f"{k} {v:,}" for k, v in document["outbox"].items()))
    for error in document["errors"]:
        console.print(
            f"  [red]{escape(error['customer_id'])}[/] {escape(error['state'])}: {escape(error['error'])}"
        )


@campaigns_app.command("results")
def results_command(
    name: NameArg, workspace: WorkspaceOption = None, json_output: JsonOption = False
) -> None:
    """Conversion, revenue per recipient and uplift against the holdout, per target and variant, with ROI."""
    from segmint.campaigns import CampaignError, get
    from segmint.experiments.results import campaign_results

    with open_workspace(workspace) as ws:
        campaign = get(ws, name)
        if campaign.launched_at is None:
            raise CampaignError(
                f"campaign {campaign.name!r} has not been sent yet: no results to measure",
                code="results.not_sent",
                params={"name": campaign.name},
            )
        document = campaign_results(ws, campaign.campaign_id).to_dict()
    if json_output:
        print_json(document)
        return
    table = Table(
        "segment", "arm", "recipients", "conversion", "uplift (95% CI)", "p-value", "P(beat)", "ROI",
        "unsubscribed",
    )  # fmt: skip
    for row in document["rows"]:
        uplift = (
            f"{row['uplift']:+.2%} ({row['uplift_ci_low']:+.2%} .. {row['uplift_ci_high']:+.2%})"
            if "uplift" in row
            else ""
        )
        table.add_row(
            escape(row["segment"]),
            escape(row["arm"]),
            f"{row['recipients']:,}",
            f"{row['conversion_rate']:.2%}",
            uplift,
            _fmt(row.get("p_value")),
            _fmt(row.get("probability_to_beat_control")),
            _fmt(row.get("roi")),
            f"{row['unsubscribes']:,}" if row["sent"] else "",
        )
    console.print(table)


def _fmt(value) -> str:
    return "" if value is None else f"{value:.3g}"


@campaigns_app.command("export")
def export_command(
    name: NameArg,
    layout: Annotated[
        str, choice_option("--layout", values=Layout, help="Column layout of the mailing service.")
    ] = Layout.generic,
    format: Annotated[str, choice_option("--format", values=Format, help="File format.")] = Format.csv,
    output: Annotated[Path | None, output_option("File to write (default: stdout).")] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """The audience (holdout left out) in a mailing service's import layout: mailchimp, brevo, unisender,
    esputnik or generic (every personalisation field)."""
    import sys

    from segmint.campaigns import get
    from segmint.campaigns.exports import export_audience

    with open_workspace(workspace) as ws:
        rows, text = export_audience(ws, get(ws, name), layout.value, format.value, output)
    if output is None and not json_output:
        sys.stdout.write(text)
        return
    document = {
        "campaign": name,
        "layout": layout.value,
        "format": format.value,
        "rows": rows,
        "file": str(output) if output else None,
    }
    if json_output:
        if output is None:
            document["content"] = text
        print_json(document)
    else:
        console.print(f"Wrote {rows:,} recipients to {output} ({layout.value}, {format.value})")
