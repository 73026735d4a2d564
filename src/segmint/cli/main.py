"""The `segmint` command. Sub-commands live in sibling modules and are registered here."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from segmint.cli import usage, wording
from segmint.cli.common import JsonOption, WorkspaceOption, choice_option, console, new_folder, print_json
from segmint.config import make_settings
from segmint.errors import ConfigError, SegmintError
from segmint.store.workspace import WORKSPACE_ENV, Workspace

app = typer.Typer(
    name="segmint",
    help="Customer segmentation for CRM and loyalty data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def root(workspace: WorkspaceOption = None) -> None:
    """Customer segmentation for CRM and loyalty data: clean, segment, predict, act."""
    # `segmint -w DIR import …` and `segmint import … -w DIR` mean the same: the root option becomes the
    # default every sub-command resolves its workspace from.
    if workspace is not None:
        os.environ[WORKSPACE_ENV] = str(workspace)


@app.command()
def init(
    context: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Folder to create the workspace in (or give it as segmint -w DIR init).", show_default=False
        ),
    ] = None,
    currency: Annotated[str, typer.Option(help="ISO 4217 currency of amounts.")] = "UAH",
    timezone: Annotated[str, typer.Option(help="IANA time zone of naive timestamps.")] = "Europe/Kyiv",
    country: Annotated[str, typer.Option(help="Default country for phone numbers.")] = "UA",
    language: Annotated[
        str,
        choice_option(
            "--language", values=wording.LANGUAGES, help="Language of names and messages: uk, ru or en."
        ),
    ] = "uk",
    json_output: JsonOption = False,
) -> None:
    """Create a new workspace folder with its settings file and an empty store."""
    wording.use(language)  # a refusal is worded in the language the new workspace's users chose
    directory = new_folder(context, directory)
    values = {"currency": currency, "timezone": timezone, "default_country": country, "language": language}
    try:
        settings = make_settings(values)
    except ConfigError as exc:
        raise as_options(exc) from exc
    with Workspace.init(directory, settings) as ws:
        summary = {"workspace": str(ws.path), "settings": ws.settings.model_dump(mode="json")}
    if json_output:
        print_json(summary)
    else:
        wording.use(settings.language)  # the new workspace's
        created = wording.say(
            "init_created", directory=directory, currency=settings.currency, timezone=settings.timezone
        )
        console.print(created)


# the settings `init` takes as options, by the name a refusal of them gives (segmint.config_problems)
INIT_OPTIONS = {
    "[workspace] currency": "--currency",
    "[workspace] timezone": "--timezone",
    "[workspace] default_country": "--country",
    "[workspace] language": "--language",
}


def as_options(exc: ConfigError) -> ConfigError:
    """A refusal of init's settings naming the options the user typed (`--timezone`), not the settings file's
    keys (`[workspace] timezone`): there is no settings file yet."""

    def renamed(params: dict) -> dict:
        return {**params, "setting": INIT_OPTIONS.get(params.get("setting"), params.get("setting"))}

    message = str(exc)
    for setting, option in INIT_OPTIONS.items():
        message = message.replace(setting, option)
    params = renamed(exc.params)
    if exc.code == "config.problems":
        problems = [{**one, "params": renamed(one["params"])} for one in exc.params["problems"]]
        params = {**exc.params, "problems": problems}
    return ConfigError(message, None, code=exc.code, params=params)


def _register_command_groups() -> None:
    """Import the command modules; each adds its commands to `app`."""
    from segmint.cli import (  # noqa: F401
        audit,
        campaigns,
        clusters,
        clv,
        dedupe,
        demo,
        experiments,
        imports,
        kpis,
        playbook,
        refresh,
        report,
        segments,
        serve,
        tokens,
        triggers,
    )

    _summaries_on_one_line(app)


def _summaries_on_one_line(commands: typer.Typer) -> None:
    """Each command's summary in a commands list (its docstring's first paragraph) as one line, reflowed
    to the terminal: Typer's rich help keeps that paragraph's line ends there, so a summary written over
    two source lines showed broken mid-sentence ("… and" / "refresh it, so …"), though the command's own
    help reflows the same text."""
    for command in commands.registered_commands:
        doc = command.help or inspect.getdoc(command.callback) or ""
        summary = doc.split("\n\n")[0]
        if command.short_help is None and "\n" in summary:
            command.short_help = " ".join(summary.split())
    for group in commands.registered_groups:
        _summaries_on_one_line(group.typer_instance)


def main() -> None:
    """Entry point: one place turns errors into `Error: …` on stderr and a non-zero exit."""
    _register_command_groups()
    debug = bool(os.environ.get("SEGMINT_DEBUG"))
    try:
        # not standalone: a usage error comes here to be worded in the workspace's language (cli/usage.py);
        # --help, typer.Exit and Ctrl-C come back as the exit code (no command returns a value)
        code = app(standalone_mode=False)
        if code:
            sys.exit(code)
    except usage.click.ClickException as exc:
        sys.exit(usage.report(exc))
    except typer.Abort:  # end of input at a prompt: as Typer says it
        console.print("Aborted!", highlight=False)
        sys.exit(1)
    except SegmintError as exc:
        if debug:
            raise
        # not wrapped at the console width: a rule error's caret line must stay under its rule line
        # in the language of the workspace the command opened, from the error's code (cli/wording.py);
        # an error raised before it opened one, in the language of the workspace it names
        wording.settle()
        console.print(f"{wording.say('error')} {escape(wording.error(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except OSError as exc:
        # a file named on the command line that cannot be read or written (a folder, a missing folder,
        # no permission) is the user's to fix: say which file and why, not a traceback
        if debug or exc.filename is None:
            raise
        from segmint.segments.model import unreadable_file

        wording.settle()
        coded = unreadable_file(exc.filename, exc)  # in the workspace's language (the OS's is English)
        said = wording.error(coded) if coded is not exc else f"{exc.filename}: {exc.strerror}"
        console.print(f"{wording.say('error')} {escape(said)}", highlight=False)
        sys.exit(1)
