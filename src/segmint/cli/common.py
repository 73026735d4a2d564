"""Options and output helpers every command shares."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from segmint.cli import wording
from segmint.errors import CodedError
from segmint.segments.model import SegmentError
from segmint.store.files import UNWRITABLE, unwritable
from segmint.store.workspace import WORKSPACE_ENV, Workspace

# Everything a person reads goes to stderr, so that stdout carries only the --json document.
console = Console(stderr=True)


def fits(table: Table) -> bool:
    """Whether `table` shows whole in the terminal: measured by what it needs, not by what is left, as
    Rich would otherwise cut its cells to a few letters to make it fit."""
    unbounded = console.options.update_width(10_000)
    return console.measure(table, options=unbounded).maximum <= console.width


def titled(*headers: str, title: str, **options) -> Table:
    """A Table with `title` over it, at least as wide as the title (up to the terminal's width): Rich wraps
    a title at its table's width, and at any space, the no-break space inside a Ukrainian or Russian
    number too, so a narrow table's title read "входів 2 795, виходів 2" over "327" and "rfm_simple
    (станом на" over "2010-12-09)"."""
    return Table(
        *headers, title=title, title_justify="left", min_width=min(cell_len(title), console.width), **options
    )


def packed(parts: list[str], separator: str, width: int) -> list[str]:
    """`parts` joined by `separator` into lines of at most `width` cells, a line broken only between
    parts (a part wider than `width` gets a line of its own). Rich wraps at any space, which splits a
    label from its figure ("днів у / середньому 52")."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1] + separator + part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return lines


def print_narrow(title: str | None, headers: list[str], rows: list[tuple[str, ...]]) -> None:
    """A table too wide for the terminal (fits() is False) as lines: each row's first cell bold on a line of
    its own, its other cells below it after their headers, a line broken only between two of them. Rich
    would cut the names to a few letters ("Champio…") and break a number at the space between its digit
    groups, a Ukrainian revenue of 13 017 536 read "13 017" over "536"."""
    from rich.markup import escape

    if title:
        console.print(title, highlight=False)
    for first, *cells in rows:
        console.print(f"  [bold]{escape(first)}[/]", highlight=False)
        said = [f"{_lowered(header)} {cell}" for header, cell in zip(headers, cells, strict=True)]
        for line in packed(said, " · ", console.width - 4):
            console.print("    " + escape(line), highlight=False, soft_wrap=True)


def _lowered(header: str) -> str:
    """A header inside a line: its first letter small unless it begins an abbreviation (CLV, NPS, AOV)."""
    return header if header[:2].isupper() else header[:1].lower() + header[1:]


def _named_workspace(path: Path | None) -> Path | None:
    """Callback of --workspace, read before the other options (eager): the workspace whose language words
    an error in an option's value (a bad date, a value not among the allowed), which is raised before the
    command opens its workspace (cli/main.py)."""
    wording.named_workspace(path)
    return path


WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help=f"Workspace folder (default: ${WORKSPACE_ENV}, then the current folder).",
        show_default=False,
        callback=_named_workspace,
        is_eager=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def new_folder(context: typer.Context, directory: Path | None, default: Path | None = None) -> Path:
    """The folder `init` or `demo` creates: their argument, else the root `segmint -w DIR` (the README says
    -w goes before the command), else `default`. Only the root option counts, not $SEGMINT_WORKSPACE: a
    user's everyday workspace is no place for a new one. Given twice as different folders is a usage error."""
    from segmint.cli import usage  # it imports this module

    root = context.find_root().params.get("workspace")
    if directory is None:
        if root is None and default is None:
            param = next(p for p in context.command.params if p.name == "directory")
            raise usage.click.MissingParameter(ctx=context, param=param)
        return Path(root) if root is not None else default
    if root is not None and Path(root).resolve() != directory.resolve():
        raise usage.Worded("cli.folder_twice", context, directory=directory, workspace=root)
    return directory


def check_output(path: Path | None) -> Path | None:
    """Callback of every -o/--output option: a file that cannot be written (a folder, or a file in a
    folder that does not exist) is refused with `Error: cannot write …` before any work is done, so
    nothing is half-written and no traceback is shown."""
    if path is None or str(path) == "-":
        return path
    found = unwritable(path)
    if found:  # coded as the library's refusal of the same file (segments.membership.check_writable)
        reason, params = found
        raise SegmentError(
            f"cannot write {path}: {UNWRITABLE[reason].format(**params)}",
            code=f"file.unwritable.{reason}",
            params=params,
        )
    return path


def output_option(help: str) -> Any:
    """The -o/--output option of a command that writes a file, checked by `check_output`:
    `output: Annotated[Path | None, output_option("File (default: stdout).")] = None`."""
    return typer.Option("--output", "-o", help=help, callback=check_output)


def to_stdout(path: Path | None) -> Path | None:
    """Callback of the -o of a command whose output goes to stdout by default (`stdout_option`): `-o -` is
    stdout, as Unix tools take it (segments members wrote a file named "-" in the current folder); any
    other file is checked by `check_output`."""
    if path is not None and str(path) == "-":
        return None
    return check_output(path)


def stdout_option(help: str) -> Any:
    """The -o/--output option of a command that writes to stdout without it (`-o -` too)."""
    return typer.Option("--output", "-o", help=help, callback=to_stdout)


def one_of(values: Iterable[str] | type[Enum], *, case_sensitive: bool = True) -> Callable[..., Any]:
    """Callback of every option (or argument) taking one of a fixed set of values (`choice_option`): a bad
    value is refused as `Error: --backfill is 'monthly' or 'weekly', not 'wekly' (did you mean 'weekly'?)`
    with status 1 before any work is done, the same for every such option (Typer's own check of an Enum
    answered with a usage box and status 2, others were checked in each command, one not at all). The
    value comes back as the Enum's member when `values` is an Enum."""
    kind = values if isinstance(values, type) and issubclass(values, Enum) else None
    allowed = [str(member.value) for member in kind] if kind else [str(value) for value in values]
    folded = {(v if case_sensitive else v.lower()): v for v in allowed}

    def check(ctx, param, value):
        if value is None:
            return None
        given = str(value.value if isinstance(value, Enum) else value)
        found = folded.get(given if case_sensitive else given.lower())
        if found is None:
            name = next((o for o in param.opts if o.startswith("--")), param.name.upper())
            quoted = [repr(v) for v in allowed]
            listed = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
            near = difflib.get_close_matches(given.lower(), [v.lower() for v in allowed], n=1)
            near_value = allowed[[v.lower() for v in allowed].index(near[0])] if near else None
            hint = f" (did you mean {near_value!r}?)" if near else ""
            raise CodedError(
                f"{name} is {listed}, not {given!r}{hint}",
                code="cli.choice.hint" if near else "cli.choice",
                params={"option": name, "allowed": allowed, "value": given, "hint": near_value},
            )
        return kind(found) if kind else found

    check.allowed = allowed  # read by the test that walks every command (tests/test_cli_choices.py)
    return check


def choice_option(
    *decls: str, values: Iterable[str] | type[Enum], case_sensitive: bool = True, **options
) -> Any:
    """typer.Option of a fixed set of values, checked by `one_of`; annotate the parameter `str` (Typer
    turns an Enum annotation into its own check, which answers differently)."""
    allowed = one_of(values, case_sensitive=case_sensitive)
    return typer.Option(*decls, callback=allowed, metavar="[" + "|".join(allowed.allowed) + "]", **options)


def choice_argument(*, values: Iterable[str] | type[Enum], **options) -> Any:
    """typer.Argument of a fixed set of values, checked by `one_of` as `choice_option` is."""
    allowed = one_of(values)
    return typer.Argument(callback=allowed, metavar="[" + "|".join(allowed.allowed) + "]", **options)


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A date as YYYY-MM-DD or dd.mm.yyyy; anything else is an `Error: …` with status 1, as every other
    bad input (a Typer usage error printed a usage box and exited with 2)."""
    from segmint.rules.dates import text_date  # as the rules and the web read a date (loads the rules)

    if value is None:
        return None
    day = text_date(value)
    if day is not None:
        return day
    raise CodedError(
        f"{option}: {value!r} is not a date; write YYYY-MM-DD or dd.mm.yyyy",
        code="cli.date",
        params={"option": option, "value": value},
    )


def date_span(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The --from and --to of `segments transitions` and `movements`, read by `parse_date`; --from after
    --to is refused naming both (transitions answered it with a matrix of B against an earlier A, as if
    time ran backwards; movements with the library's "the end … is before the start …")."""
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    if first is not None and last is not None and first > last:
        raise CodedError(
            f"--from {first} is after --to {last}: give the earlier date to --from",
            code="cli.from_after_to",
            params={"start": str(first), "end": str(last)},
        )
    return first, last


def date_option(*decls: str, **options) -> Any:
    """typer.Option of a date, read by `parse_date` (annotate the parameter `str | None`; the command gets
    a datetime.date): Typer's own date check answered a bad date with a usage box and status 2."""
    return typer.Option(*decls, callback=_date_of(decls), metavar="DATE", **options)


def _date_of(decls: tuple[str, ...]) -> Callable[..., Any]:
    name = next((d for d in decls if d.startswith("--")), None)

    def check(ctx, param, value):
        return parse_date(value, name or next(o for o in param.opts if o.startswith("--")))

    check.date = True  # read by the test that walks every command (tests/test_cli_dates.py)
    return check


def open_workspace(path: Path | None) -> Workspace:
    """The command's workspace; what the command prints from here on is in its language (cli/wording.py)."""
    ws = Workspace.open(path)
    wording.use(ws.settings.language, ws.settings.families)
    return ws


def print_json(document: Any) -> None:
    """Write exactly one JSON document to stdout. A number that is not one (NaN, an infinity) is written
    null: Python's json wrote NaN, which is no JSON (RFC 8259) and which JSON.parse and jq refuse
    (`clv validate --json` printed `"correlation": NaN`)."""
    global _printed
    text = json.dumps(json_safe(document), ensure_ascii=False, indent=2, default=str, allow_nan=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    _printed = True


_printed = False  # whether this process printed its JSON document (print_json_refusal)


def print_json_refusal(args: list[str], code: str, message: str, details: dict | None = None) -> None:
    """When the command line `args` asks for JSON (--json, before any --), its refusal as one JSON document
    on stdout in the REST API's error shape (docs/api.md): `code` the error's stable code, `message` what
    stderr says, `details` the code and params (a rule error's line and column) a program words it
    from, as the API gives them; a script read nothing on stdout where a command was refused. Read from
    the command line, not the parsed option: an option's value can be refused before --json is parsed.
    Nothing when the command printed its own document before it failed: stdout carries exactly one."""
    options = args[: args.index("--")] if "--" in args else args
    if "--json" in options and not _printed:
        print_json({"error": {"code": code, "message": message, "details": details}})


def json_safe(value: Any) -> Any:
    """`value` with every float that is NaN or infinite, at any depth of its dicts, lists and tuples,
    replaced by None (what JSON can say of it: no value)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value
