"""`segmint playbook`: the recommended strategy and channel of every group of every built-in family."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from segmint.cli import wording
from segmint.cli.common import JsonOption, WorkspaceOption, choice_option, console, open_workspace, print_json
from segmint.cli.main import app
from segmint.cli.wording import say
from segmint.families import labels
from segmint.history.queries import spelled_family
from segmint.playbook import language, load_playbook
from segmint.playbook.defaults import LANGUAGES


@app.command("playbook")
def playbook_command(
    lang: Annotated[
        str | None,
        choice_option("--lang", values=LANGUAGES, help="en, uk or ru (default: the workspace's)."),
    ] = None,
    family: Annotated[
        str | None, typer.Option("--family", help="Only this family (any case: RFM is rfm).")
    ] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    r"""Print the playbook (built-in, with the workspace's playbook.toml and \[playbook] changes)."""
    with open_workspace(workspace) as ws:
        # people read it in the CLI's language ($SEGMINT_LANGUAGE too); --json keeps the workspace's
        book, chosen = load_playbook(ws), language(ws, lang or (None if json_output else wording.language()))
        names = labels.Namer(chosen, ws.settings.families)  # a name of one's own RFM map as it is
        # as the workspace spells it (RFM is rfm), or refused naming the families: it printed an empty
        # table without a word; the playbook's families (cluster's too, before any clustering)
        if family is not None:
            family = spelled_family(ws, family, book.families())
    plays = [play.as_dict(chosen) for play in book.plays.values() if family in (None, play.family)]
    if json_output:
        print_json({"language": chosen, "plays": plays})
        return
    table = Table(title=say("playbook_title", lang=chosen))
    for column in ("col_family_title", "col_group_title", "col_strategy", "col_channel"):
        table.add_column(say(column))
    for play in plays:
        group = names.shown(play["family"], play["group"])  # Чемпіони (Champions); --json: the key
        table.add_row(play["family"], group, play["strategy"], play["channel"])
    console.print(table)
