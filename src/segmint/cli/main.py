"""The `segmint` command. Sub-commands live in sibling modules and are registered here."""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from segmint.cli import usage, wording
from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    new_folder,
    print_json,
    print_json_refusal,
)
from segmint.config import make_settings
from segmint.error_details import error_details, file_details
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


# Each command module and the top-level names it adds to `app`. A command line that names one of them imports
# that module alone (and what it imports): importing all sixteen cost ~0.4 s of each start of `segments` or
# `refresh`; the help still lists every command.
COMMAND_MODULES = {
    "audit": ("audit",),
    "campaigns": ("campaigns",),
    "clusters": ("clusters",),
    "clv": ("clv",),
    "dedupe": ("dedupe",),
    "demo": ("demo",),
    "experiments": ("experiments",),
    "imports": ("import", "quarantine"),
    "kpis": ("kpis",),
    "playbook": ("playbook",),
    "refresh": ("refresh",),
    "report": ("report",),
    "segments": ("segments",),
    "serve": ("serve",),
    "tokens": ("tokens",),
    "triggers": ("triggers",),
}


def _register_command_groups(args: list[str] | None = None) -> None:
    """Import the command modules; each adds its commands to `app`. Given the command line's arguments, only
    the module of the command they name (none for `init`); all of them when they name none or one no module
    has, so the help, the list of commands and the nearest-name hint of a mistyped one stay whole."""
    named = _command_named(args or [])
    modules = [module for module, names in COMMAND_MODULES.items() if named in names]
    if named != "init" and not modules:
        modules = list(COMMAND_MODULES)
    for module in modules:
        importlib.import_module(f"segmint.cli.{module}")
    _summaries_on_one_line(app)


def _command_named(args: list[str]) -> str | None:
    """The first argument after the root's options (-w DIR, --workspace DIR, -wDIR, --workspace=DIR); None
    when another option comes first (--help), or there is none."""
    rest = iter(args)
    for arg in rest:
        if arg in ("-w", "--workspace"):
            next(rest, None)
        elif arg.startswith("--workspace=") or (arg.startswith("-w") and not arg.startswith("--")):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


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
    args = sys.argv[1:]
    _register_command_groups(args)
    debug = bool(os.environ.get("SEGMINT_DEBUG"))
    try:
        # not standalone: a usage error comes here to be worded in the workspace's language (cli/usage.py);
        # --help, typer.Exit and Ctrl-C come back as the exit code (no command returns a value)
        code = app(standalone_mode=False)
        if code:
            sys.exit(code)
    except usage.click.ClickException as exc:
        code = usage.report(exc)
        print_json_refusal(args, "usage_error", usage.message(exc))
        sys.exit(code)
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
        said = wording.error(exc)
        console.print(f"{wording.say('error')} {escape(said)}", highlight=False, soft_wrap=True)
        print_json_refusal(args, getattr(exc, "code", None) or "error", said, error_details(exc))
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
        details = error_details(coded) or file_details(exc)
        print_json_refusal(args, getattr(coded, "code", None) or "file_error", said, details)
        sys.exit(1)
