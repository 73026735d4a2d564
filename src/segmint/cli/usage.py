"""A mistyped command line in the workspace's language: Typer (Click) says "Missing argument 'name'",
"No such option: --jsn" or "No such command 'lst'" in English whatever the language of the workspace's
users; the ones people make most are worded here from the exception's own fields (its option, its
parameter, the command's known names), never by translating Click's text. English keeps Typer's box."""

from __future__ import annotations

import difflib
import importlib
import re

import typer
from rich.markup import escape

from segmint.cli import wording
from segmint.cli.common import console

# Click's exceptions as the installed Typer raises them: Click's own, or (Typer 0.29 on) its vendored copy
click = importlib.import_module(typer.BadParameter.__module__)
NO_SUCH_COMMAND = re.compile(r"No such command '(?P<name>.*?)'\.")
NEEDS_VALUES = re.compile(r"requires (?P<n>\d+) arguments\.$")  # Click says the number in its text only
EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$")


class Worded(click.UsageError):
    """A usage error Click cannot tell (a folder given twice, an option taken as another's value): `key` in
    cli/wording.py with `params` words it in every language; English shows it in Typer's box, as Click's."""

    def __init__(self, key: str, ctx=None, **params):
        super().__init__(wording.text(key, "en").format(**params), ctx)
        self.key, self.params = key, params


def report(exc: click.ClickException) -> int:
    """Print `exc` for people (stderr) and return the exit code Click gives it (2 for a usage error)."""
    wording.settle()
    said = _said_here(exc)
    if said is None:  # English, or an error not worded here: as Typer prints it
        from typer import rich_utils

        rich_utils.rich_format_error(exc)
        return exc.exit_code
    context = exc.ctx
    if context is not None:
        usage = context.command.get_usage(context).removeprefix("Usage: ")
        console.print(f"{wording.say('cli.usage')} {escape(usage)}", highlight=False, soft_wrap=True)
        console.print(wording.say("cli.usage.help", command=context.command_path), highlight=False)
    console.print(f"{wording.say('error')} {escape(said)}", highlight=False, soft_wrap=True)
    return exc.exit_code


def message(exc: click.ClickException) -> str:
    """What report() says is wrong, without the usage lines (the message of a --json refusal)."""
    said = _said_here(exc)
    return exc.format_message() if said is None else said


def _said_here(exc: click.ClickException) -> str | None:
    """The error in the workspace's language when that is not English and it is worded here, else None."""
    return worded(exc) if isinstance(exc, click.UsageError) and wording.language() != "en" else None


def worded(exc: click.UsageError) -> str | None:
    """The usage error in the chosen language, or None when it is not one of those worded here."""
    if isinstance(exc, Worded):
        return wording.say(exc.key, **exc.params)
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        param = exc.param
        if param.param_type_name == "option":
            return wording.say("cli.missing.option", name=param.opts[0])
        return wording.say("cli.missing.argument", name=param.name)
    if isinstance(exc, click.NoSuchOption):
        hint = (exc.possibilities or [None])[0]
        if hint:
            return wording.say("cli.no_option.hint", name=exc.option_name, hint=hint)
        return wording.say("cli.no_option", name=exc.option_name)
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        said = bad_value(exc)
        if said is not None:
            return said
    if isinstance(exc, click.BadOptionUsage) and exc.message.endswith("requires an argument."):
        return wording.say("cli.option_needs_value", name=exc.option_name)
    found = NEEDS_VALUES.search(exc.message) if isinstance(exc, click.BadOptionUsage) else None
    if found:  # an option of two values given fewer (`kpis --compare Big`): it stayed English
        return wording.say("cli.option_needs_values", name=exc.option_name, n=int(found["n"]))
    found = NO_SUCH_COMMAND.match(exc.message)
    if found and exc.ctx is not None and hasattr(exc.ctx.command, "commands"):
        name = found["name"]
        hint = difflib.get_close_matches(name, list(exc.ctx.command.commands), n=1)
        if hint:
            return wording.say("cli.no_command.hint", name=name, hint=hint[0])
        return wording.say("cli.no_command", name=name, known=", ".join(exc.ctx.command.commands))
    found = EXTRA_ARGUMENTS.match(exc.message)
    if found:
        return wording.say("cli.extra_arguments", args=found["args"])
    return None


# Typer (0.29 on) checks an option's type and its min/max with Pydantic: the BadParameter's cause holds
# what was wrong as data (the error's type, the input, the limit), worded here from those
LIMITS = {
    "less_than_equal": ("cli.bad.at_most", "le"),
    "greater_than_equal": ("cli.bad.at_least", "ge"),
    "less_than": ("cli.bad.below", "lt"),
    "greater_than": ("cli.bad.above", "gt"),
}
NOT_NUMBERS = {
    "int_parsing": "cli.bad.integer",
    "int_from_float": "cli.bad.integer",
    "float_parsing": "cli.bad.number",
}


def bad_value(exc: click.BadParameter) -> str | None:
    """`--port 99999`, `--port abc`, `--limit -1` in the chosen language, naming the option (or argument)
    and the value as typed; None for a refusal whose cause is not Pydantic's (a path Typer checks)."""
    from pydantic import ValidationError

    cause = exc.__cause__
    if not isinstance(cause, ValidationError) or not cause.errors():
        return None
    error = cause.errors()[0]
    param = exc.param
    name = next((o for o in param.opts if o.startswith("--")), param.opts[0]) if param.opts else param.name
    if param.param_type_name == "argument":
        name = (param.metavar or param.name or "").upper()
    value = error.get("input")
    if error["type"] in LIMITS:
        code, key = LIMITS[error["type"]]
        return wording.say(code, name=name, limit=(error.get("ctx") or {}).get(key), value=value)
    if error["type"] in NOT_NUMBERS:
        return wording.say(NOT_NUMBERS[error["type"]], name=name, value=str(value))
    return None
