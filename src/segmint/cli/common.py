"""Options and output helpers every command shares."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

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


def open_workspace(path: Path | None) -> Workspace:
    return Workspace.open(path)


def print_json(document: Any) -> None:
    """Write exactly one JSON document to stdout."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()
