"""`segmint tokens create|list|revoke`: the API tokens `segmint serve` accepts (stored hashed)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from segmint.api.tokens import create_token, list_tokens, revoke_token
from segmint.cli.common import JsonOption, WorkspaceOption, choice_option, console, open_workspace, print_json
from segmint.cli.main import app
from segmint.cli.wording import say, worded

tokens_app = typer.Typer(
    name="tokens", help="API tokens for the REST API (segmint serve).", no_args_is_help=True
)
app.add_typer(tokens_app)


class Role(StrEnum):
    viewer = "viewer"
    editor = "editor"
    admin = "admin"


@tokens_app.command("create")
def create_command(
    role: Annotated[
        str,
        choice_option(
            "--role", values=Role, help="viewer reads; editor also writes; admin also manages tokens."
        ),
    ],
    name: Annotated[str | None, typer.Option("--name", help="Who or what the token is for.")] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Make a token. It is printed once and only its hash is stored: keep it safe."""
    with open_workspace(workspace) as ws:
        token, secret = create_token(ws, role.value, name)
    if json_output:
        print_json({**token.to_dict(), "token": secret})
        return
    console.print(say("token_created", role=worded("role_", token.role), id=token.token_id), highlight=False)
    typer.echo(secret)  # stdout, alone on its line, so `TOKEN=$(segmint tokens create …)` works


@tokens_app.command("list")
def list_command(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Every token with its role and state (never the token text)."""
    with open_workspace(workspace) as ws:
        found = list_tokens(ws)
    if json_output:
        print_json({"tokens": [t.to_dict() for t in found]})
        return
    columns = ("token_id", "role", "token_name", "created", "revoked")
    table = Table(*(say(f"col_{c}") for c in columns), title=say("api_tokens"), title_justify="left")
    for t in found:
        table.add_row(
            t.token_id,
            worded("role_", t.role),
            t.name or "",
            f"{t.created_at:%Y-%m-%d %H:%M}",
            str(t.revoked_at or ""),
        )
    console.print(table if found else say("no_tokens"))


@tokens_app.command("revoke")
def revoke_command(
    token_id: Annotated[str, typer.Argument(help="The token's id (from `segmint tokens list`).")],
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Refuse a token from now on."""
    with open_workspace(workspace) as ws:
        token = revoke_token(ws, token_id)
    if json_output:
        print_json(token.to_dict())
    else:
        console.print(
            say("token_revoked", id=token.token_id, role=worded("role_", token.role)), highlight=False
        )
