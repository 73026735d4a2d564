"""`segmint triggers create|list|delete|run|firings`: automations on segment entries, exits and events."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from segmint.cli.common import JsonOption, WorkspaceOption, choice_option, console, open_workspace, print_json
from segmint.cli.main import app
from segmint.cli.wording import error, language, num, say, whole, worded
from segmint.localize import delay_text
from segmint.triggers import (
    TriggerError,
    all_triggers,
    create_trigger,
    delete_trigger,
    list_firings,
    run,
)
from segmint.triggers.firings import STATES as FIRING_STATES
from segmint.web import firing_details

triggers_app = typer.Typer(
    name="triggers",
    help="Automations: when a customer enters / exits a segment or an event arrives, act.",
    no_args_is_help=True,
)
app.add_typer(triggers_app)


class On(StrEnum):
    enter = "enter"
    exit = "exit"
    event = "event"


class Action(StrEnum):
    message = "message"
    webhook = "webhook"
    tag = "tag"
    static_segment = "static-segment"


# an action's parameter (triggers.model.ACTIONS) -> the option that gives it
PARAMETER_OPTIONS = {"campaign": "--campaign", "url": "--url", "tag": "--tag", "segment": "--static-segment"}


def _when(text: str | None, what: str) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise TriggerError(
            f"{what} must be a date or time like 2026-01-31 or 2026-01-31T09:00, not {text!r}",
            code="options.when",
            params={"option": what, "value": text},
        ) from exc


@triggers_app.command("create")
def create_command(
    name: Annotated[str, typer.Argument(help="A name for the trigger.")],
    on: Annotated[
        str, choice_option("--on", values=On, help="enter or exit a segment, or an imported event.")
    ],
    action: Annotated[str, choice_option("--action", values=Action, help="What to do for each customer.")],
    segment: Annotated[
        str | None, typer.Option("--segment", help="Segment name or family:group (rfm:At Risk).")
    ] = None,
    event: Annotated[str | None, typer.Option("--event", help="Event type, e.g. cart_abandon.")] = None,
    delay: Annotated[str, typer.Option("--delay", help="Wait before acting: 0, 30m, 2h, 3d, 1w.")] = "0",
    campaign: Annotated[str | None, typer.Option("--campaign", help="message: the campaign to send.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="webhook: the URL to POST to.")] = None,
    secret: Annotated[str | None, typer.Option("--secret", help="webhook: HMAC-SHA256 signing key.")] = None,
    secret_env: Annotated[
        str | None,
        typer.Option(
            "--secret-env", help="webhook: the environment variable holding the signing key (not stored)."
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="tag: the tag to add.")] = None,
    static_segment: Annotated[
        str | None, typer.Option("--static-segment", help="static-segment: the segment to add to.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Count entries after this day / events imported after this time."),
    ] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Create a trigger. By default it fires only for what happens after it is created."""
    target = event if on is On.event else segment
    params = {"campaign": campaign, "url": url, "secret": secret, "secret_env": secret_env}
    params |= {"tag": tag, "segment": static_segment}
    with open_workspace(workspace) as ws:  # first: a missing --event or --segment is said in its language
        if not target:
            raise TriggerError(
                "give --event TYPE for --on event, or --segment NAME for --on enter / exit",
                code="options.target",
            )
        kind, start = action.value.replace("-", "_"), _when(since, "--since")
        try:
            trigger = create_trigger(ws, name, on.value, target, kind, params, delay, start)
        except TriggerError as exc:
            if exc.code != "trigger.action_needs":
                raise
            # the library's uk and ru name the web form's field («Параметр дії»): here it is an option
            option = PARAMETER_OPTIONS[exc.params["parameter"]]
            raise TriggerError(
                f"the {action.value} action needs {option}",
                code="options.action_needs",
                params={"action": action.value, "option": option},
            ) from exc
    if json_output:
        print_json(trigger.to_dict())
    else:
        console.print(say("trigger_created", name=trigger.name, id=trigger.trigger_id), highlight=False)


@triggers_app.command("list")
def list_command(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Every trigger."""
    with open_workspace(workspace) as ws:
        found = all_triggers(ws)
    if json_output:
        print_json({"triggers": [t.to_dict() for t in found]})
        return
    columns = ("trigger_name", "on", "trigger_target", "delay", "action", "since")
    table = Table(*(say(f"col_{c}") for c in columns), title=say("triggers"), title_justify="left")
    for t in found:
        delay = delay_text(t.delay_seconds, language())  # as --delay takes it (2d, 1d12h), not 172800s
        table.add_row(
            t.name, worded("on_", t.on_what), t.target, delay, worded("action_", t.action), str(t.since or "")
        )
    console.print(table)


@triggers_app.command("delete")
def delete_command(
    name: Annotated[str, typer.Argument(help="Trigger name or id.")],
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Delete a trigger and its firings still waiting (executed firings stay on record)."""
    with open_workspace(workspace) as ws:
        dropped = delete_trigger(ws, name)
    if json_output:
        print_json({"deleted": name, "waiting_firings_dropped": dropped})
    else:
        console.print(say("trigger_deleted", name=name, dropped=whole(dropped)), highlight=False)


@triggers_app.command("run")
def run_command(
    now: Annotated[
        str | None, typer.Option("--now", help="Act as if it were this time (default: now).")
    ] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Record new firings and perform the due ones (refreshes and event imports do this too). A trigger
    that cannot run is skipped and said after the summary (--json: `skipped`, each with its trigger and
    reason); the others run."""
    with open_workspace(workspace) as ws:
        summary = run(ws, _when(now, "--now"))
    if json_output:
        print_json(summary.to_dict())
        return
    done = ", ".join(
        f"{n} {state}" if language() == "en" else f"{worded('firing_', state)} {num(n)}"
        for state, n in sorted(summary.executed.items())
    )
    console.print(
        say(
            "triggers_ran",
            recorded=whole(summary.recorded),
            done=done or say("nothing_due"),
            waiting=whole(summary.waiting),
        ),
        highlight=False,
    )
    print_skipped(summary.skipped)


def print_skipped(skipped: list) -> None:
    """The triggers a run skipped (triggers.run.Skipped: e.g. a delay an older segmint stored), each named
    with its reason in the workspace's language: after `triggers run`'s summary and a refresh's."""
    for one in skipped:
        console.print(f"[yellow]{escape(error(one.error))}[/]", highlight=False)


@triggers_app.command("firings")
def firings_command(
    trigger: Annotated[str | None, typer.Option("--trigger", help="Only this trigger's firings.")] = None,
    state: Annotated[
        str | None, choice_option("--state", values=FIRING_STATES, help="due, done, failed or pending.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many, newest first.")] = 100,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """The firing record: who each trigger fired for, when it was due, and what came of it."""
    with open_workspace(workspace) as ws:
        rows = list_firings(ws, trigger, state, limit)
    if json_output:
        print_json({"firings": rows})
        return
    columns = ("trigger", "customer_lower", "occurred", "due", "state", "detail")
    table = Table(*(say(f"col_{c}") for c in columns), title=say("firings"), title_justify="left")
    for r in rows:
        name = r["trigger"] or r["trigger_id"]
        detail = firing_details.word(r, language())
        if r["state"] == "due" and r["retry_at"]:
            detail += say("next_try", at=r["retry_at"])
        state = worded("firing_", r["state"])
        table.add_row(name, r["customer_id"], r["occurred_at"], r["due_at"], state, detail)
    console.print(table)
