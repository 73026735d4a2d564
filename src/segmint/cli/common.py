"""Options and output helpers every command shares."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from segmint.errors import SegmintError
from segmint.store.files import why_unwritable
from segmint.store.workspace import WORKSPACE_ENV, Workspace

# Everything a person reads goes to stderr, so that stdout carries only the --json document.
console = Console(stderr=True)

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help=f"Workspace folder (default: ${WORKSPACE_ENV}, then the current folder).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def check_output(path: Path | None) -> Path | None:
    """Callback of every -o/--output option: a file that cannot be written (a folder, or a file in a
    folder that does not exist) is refused with `Error: cannot write …` before any work is done, so
    nothing is half-written and no traceback is shown."""
    if path is None or str(path) == "-":
        return path
    reason = why_unwritable(path)
    if reason:
        raise SegmintError(f"cannot write {path}: {reason}")
    return path


def output_option(help: str) -> Any:
    """The -o/--output option of a command that writes a file, checked by `check_output`:
    `output: Annotated[Path | None, output_option("File (default: stdout).")] = None`."""
    return typer.Option("--output", "-o", help=help, callback=check_output)


def open_workspace(path: Path | None) -> Workspace:
    return Workspace.open(path)


def print_json(document: Any) -> None:
    """Write exactly one JSON document to stdout."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()
