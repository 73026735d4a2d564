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
    print_json,
    stdout_option,
)
from segmint.cli.main import app
from segmint.cli.wording import num, pct, say, sig, worded

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
    from segmint.store.files import read_text

    # the workspace first: a --spec file's error, or a missing option's, is worded in its language
    with open_workspace(workspace) as ws:
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
                try:  # UTF-8 or Windows-1251, as a --spec file: a cp1251 body crashed with a traceback
                    body = read_text(body_file)
                except UnicodeDecodeError as exc:
                    raise CampaignError(
                        f"{body_file}: not UTF-8 text ({exc.reason} at byte {exc.start})",
                        code="spec.unreadable.not_utf8",
                        params={"file": str(body_file), "reason": exc.reason, "byte": exc.start},
                    ) from None
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
        try:
            summary = create_campaign(ws, campaign)
        except CampaignError as exc:
            if exc.code in ("campaign.holdout_share", "campaign.variant_names"):
                raise _as_typed(exc, spec) from exc
            if exc.code != "campaign.no_subject":
                raise
            # the library's uk and ru name the web form's field («Тема (email)»): here it is an option, or
            # the subject key of the spec file's messages
            if spec is None:
                raise CampaignError(
                    "an email message needs a subject: give --subject", code="options.no_subject"
                ) from exc
            raise CampaignError(
                f"{spec}: an email message needs a subject: give every message a subject",
                code="spec.no_subject",
                params={"file": str(spec)},
            ) from exc
    if json_output:
        print_json(summary)
        return
    console.print(
        say(
            "campaign_created",
            name=escape(summary["campaign"]),
            channel=summary["channel"],
            recipients=num(summary["recipients"]),
        )
    )
    _print_arms(summary["by_target"])
    _print_left_out(summary["excluded"])


# the settings a campaign's split is checked on (campaigns/model.py), as `create` takes them
OPTIONS = {"holdout_share": "--holdout", "variants": "--variants"}


def _as_typed(exc, spec: Path | None):
    """A refused holdout share or variant names naming what the user typed: the option (--holdout), or
    the spec file and its key; the library names its own field (holdout_share), which no option is."""
    from segmint.campaigns import CampaignError

    key = exc.params["what"]
    what = f"{spec}: {key}" if spec is not None else OPTIONS[key]
    return CampaignError(
        what + exc.message.removeprefix(key), code=exc.code, params={**exc.params, "what": what}
    )


def _print_left_out(excluded: dict[str, int]) -> None:
    """Customers left out per reason, those with a count (create's summary and `status`, docs/campaigns.md
    "Who is left out")."""
    left_out = {k: v for k, v in excluded.items() if v}
    if left_out:
        console.print(f"  {say('left_out')}: " + _counts(left_out, "excluded_"))


def _counts(counts: dict[str, int], prefix: str) -> str:
    """`sent 10, failed 2`, each count's name worded (`prefix` + its key)."""
    return ", ".join(f"{worded(prefix, k)} {num(v)}" for k, v in counts.items())


def _print_arms(targets: dict[str, dict[str, int]]) -> None:
    """Recipients per target and arm (the holdout worded, the variants as named)."""
    for target_name, arms in targets.items():
        console.print(f"  {escape(target_name)}: " + _counts(arms, "arm_"))


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
        else say("preview_holdout" if shown["recipient"] else "preview_not_recipient")
    )
    console.print(
        say("preview_variant", target=escape(shown["target"]), variant=escape(shown["variant"]), note=note)
    )
    if shown["subject"] is not None:
        console.print(say("preview_subject", subject=escape(shown["subject"])), highlight=False)
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
    with open_workspace(workspace) as ws, console.status(say("sending")) as spinner:

        def progress(outcome: str, done: int) -> None:
            counts[outcome] = counts.get(outcome, 0) + 1
            if done % 25 == 0:
                spinner.update(say("sending_done", done=num(done), counts=_counts(counts, "state_")))

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
        say(
            "sent_summary",
            name=escape(summary["campaign"]),
            queued=num(summary["queued"]),
            run=_counts(run, "state_") or say("nothing_to_send"),
        )
    )
    if summary["requeued"]:
        console.print(say("resumed", count=num(summary["requeued"])))
    if summary["failed_retried"]:
        console.print(say("retried", count=num(summary["failed_retried"])))
    box = summary["outbox"]
    console.print(say("outbox_line", states=_counts(box, "state_")))
    if summary["channel"] == "email" and not summary["unsubscribe_links"] and summary["queued"]:
        console.print(say("no_unsubscribe"))
    if box["uncertain"]:
        console.print(say("uncertain_note", count=num(box["uncertain"])))


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
        columns = ("campaign", "channel_lower", "status", "queued", "sent", "failed", "uncertain")
        table = Table(*(say(f"col_{column}") for column in columns))
        for c in document:
            box = c["outbox"]
            table.add_row(
                escape(c["campaign"]),
                c["channel"],
                worded("campaign_status_", c["status"]),
                *(num(box[k]) for k in ("queued", "sent", "failed", "uncertain")),
            )
        console.print(table)
        return
    status = worded("campaign_status_", document["status"])
    console.print(f"[bold]{escape(document['campaign'])}[/] ({document['channel']}, {status})")
    _print_arms(document["recipients"])
    _print_left_out(document["excluded"])  # shown by --json only, though the docs promised them here
    if document["skipped_at_send"]:  # in an arm's count above, but given no message: why
        console.print(say("skipped_at_send", counts=_counts(document["skipped_at_send"], "excluded_")))
    console.print(say("outbox_line", states=_counts(document["outbox"], "state_")))
    if document["skipped_from_queue"]:  # the outbox's 'skipped' above: why
        console.print(say("skipped_from_queue", counts=_counts(document["skipped_from_queue"], "excluded_")))
    for error in document["errors"]:
        state = escape(worded("state_", error["state"]))
        console.print(f"  [red]{escape(error['customer_id'])}[/] {state}: {escape(error['error'])}")


@campaigns_app.command("results")
def results_command(
    name: NameArg, workspace: WorkspaceOption = None, json_output: JsonOption = False
) -> None:
    """Conversion, revenue per recipient and uplift against the holdout, per target and variant, with ROI."""
    from segmint.campaigns import CampaignError, get
    from segmint.experiments.results import OVERALL, TREATED, campaign_results

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
    columns = ("segment_lower", "arm", "recipients", "conversion", "uplift", "p_value", "p_beat", "roi",
               "unsubscribed")  # fmt: skip
    table = Table(*(say(f"col_{column}") for column in columns))
    for row in document["rows"]:
        uplift = (
            f"{pct(row['uplift'], 2, signed=True)} ({pct(row['uplift_ci_low'], 2, signed=True)} .. "
            f"{pct(row['uplift_ci_high'], 2, signed=True)})"
            if "uplift" in row
            else ""
        )
        table.add_row(
            escape(say("all_segments") if row["segment"] == OVERALL else row["segment"]),
            escape(say("all_variants") if row["arm"] == TREATED else worded("arm_", row["arm"])),
            num(row["recipients"]),
            pct(row["conversion_rate"], 2),
            uplift,
            sig(row.get("p_value")),
            sig(row.get("probability_to_beat_control")),
            sig(row.get("roi")),
            num(row["unsubscribes"]) if row["sent"] else "",
        )
    console.print(table)


@campaigns_app.command("export")
def export_command(
    name: NameArg,
    layout: Annotated[
        str, choice_option("--layout", values=Layout, help="Column layout of the mailing service.")
    ] = Layout.generic,
    format: Annotated[str, choice_option("--format", values=Format, help="File format.")] = Format.csv,
    output: Annotated[Path | None, stdout_option("File to write (default: stdout; also -o -).")] = None,
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
        console.print(
            say("wrote_audience", rows=num(rows), file=output, layout=layout.value, format=format.value)
        )
