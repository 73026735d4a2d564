"""`segmint dedupe`: list suspected duplicate customers; `--apply` merges them; `--undo` reverses a merge."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    console,
    fits,
    open_workspace,
    packed,
    print_json,
)
from segmint.cli.main import app
from segmint.cli.refresh import print_refresh
from segmint.cli.wording import language, num, say, whole
from segmint.errors import CodedError


@app.command("dedupe")
def dedupe_command(
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Match probability at which records are duplicates (default: 0.8, measured on a labelled "
            "set; segmint.quality.dedupe.DEFAULT_THRESHOLD).",
            show_default=False,
        ),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Merge every listed cluster (one transaction; undo with --undo).")
    ] = False,
    undo: Annotated[
        str | None, typer.Option("--undo", metavar="MERGE_ID", help="Reverse an earlier --apply.")
    ] = None,
    history: Annotated[bool, typer.Option("--history", help="List earlier merges.")] = False,
    refresh: Annotated[
        bool,
        typer.Option(
            "--refresh/--no-refresh",
            help="Refresh families and dynamic segments after a merge or an undo (as after an import).",
        ),
    ] = True,
) -> None:
    """List clusters of customer records that are probably the same person; merge them; undo a merge.

    A cluster never joins two records whose first names differ (Іван and Марія, or Валентин and Валентина,
    on one family phone) unless they match each other; a record that links to both (a surname alone) is
    held back: listed, not merged.

    Merged records stay in `customers` with `merged_into` set, so nothing is lost and --undo can restore
    them; customer metrics count only records with `merged_into` empty. A merge or an undo is followed by
    a refresh (as an import is), so families and dynamic segments follow it at once.
    """
    if sum([apply, undo is not None, history]) > 1:
        # coded (cli/wording.py): Typer's BadParameter printed it in its English box in every workspace
        raise CodedError(
            "use only one of --apply, --undo and --history",
            code="cli.exclusive",
            params={"options": "--apply, --undo, --history"},
        )
    # segmint.quality loads the models (pandas, SciPy): on use, not at every start
    from segmint.quality.dedupe import DEFAULT_THRESHOLD, find_duplicates
    from segmint.quality.merge import merge_duplicates, merge_history, undo_merge

    with open_workspace(workspace) as ws:
        if undo is not None:
            with console.status(say("undoing", merge=undo)):
                result = undo_merge(ws, undo)
            document = {"undone": asdict(result)}
            message = say(
                "undid",
                merge=undo,
                restored=num(result.restored),
                orders=num(result.orders_restored),
                events=num(result.events_restored),
                fields=num(result.fields_cleared),
            )
        elif history:
            document = {"merges": merge_history(ws)}
            message = None
        else:
            with console.status(say("finding_duplicates")):
                report = find_duplicates(ws, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
            document = {"duplicates": report.summary()}
            message = None
            if apply:
                with console.status(say("merging")):
                    result = merge_duplicates(ws, report)
                document["merged"] = asdict(result)
                message = (
                    say("nothing_to_merge")
                    if result.merge_id is None
                    else say(
                        "merged",
                        merged=num(result.merged),
                        clusters=num(result.clusters),
                        filled=num(result.fields_filled),
                        orders=num(result.orders_repointed),
                        events=num(result.events_repointed),
                        merge=result.merge_id,
                    )
                )
        changed = document.get("merged", {}).get("merge_id") or document.get("undone", {}).get("restored")
        if refresh and changed:
            # the merged records' orders now count for the survivor: memberships follow at once, not at the
            # next refresh (until then families and dynamic segments still listed the merged-away ids)
            from segmint.history import refresh as refresh_workspace

            with console.status(say("refreshing_segments")):
                refreshed = refresh_workspace(ws)
            document["refresh"] = refreshed.to_dict()
    if json_output:
        print_json(document)
        return
    if "duplicates" in document:
        show_duplicates(document["duplicates"])
        if not apply and document["duplicates"]["clusters"]:
            console.print(say("run_with_apply"))
    if "merges" in document:
        show_history(document["merges"])
    if message:
        console.print(message)
    if "refresh" in document:
        print_refresh(refreshed)


def show_history(merges: list[dict[str, Any]]) -> None:
    """Earlier merges, each id whole: it is what --undo takes (and what its refusal sends people here for)."""
    if not merges:
        console.print(say("no_merges"))
        return
    names = ("merge_id", "merged_at", "clusters", "records_merged", "undone_at")
    rows = [
        (
            row["merge_id"],
            str(row["merged_at"])[:19],
            num(row["clusters"]),
            num(row["merged"]),
            "" if row["undone_at"] is None else str(row["undone_at"])[:19],
        )
        for row in merges
    ]
    table = Table(title=say("merges"), title_justify="left")
    for name in names:
        table.add_column(say(f"col_{name}"))
    for row in rows:
        table.add_row(*row)
    if fits(table):
        console.print(table)
        return
    # Too wide (80 columns): Rich cut every id to "merge-20261206…", so two merges of a day looked alike
    # and none could be copied. Each merge on lines of its own instead, its id whole on the first.
    console.print(say("merges"), highlight=False)
    for row in rows:
        labelled = [f"{say(f'col_{name}')} {value}" for name, value in zip(names, row, strict=True) if value]
        console.print(labelled[0], highlight=False, soft_wrap=True)
        for line in packed(labelled[1:], " · ", console.width - 2):
            console.print("  " + escape(line), highlight=False, soft_wrap=True)


HELD_SHOWN = 10  # records held back shown in the terminal; --json lists them all

# the notes of segmint.quality.dedupe.train people read on every audit, in the workspace's language (the
# ones with an exception's text in them stay English: the library's own words)
FEW_RECORDS = re.compile(r"(?P<n>\d+) records: too few to train, prior m/u probabilities used")
NOTES = {
    "no two records share an e-mail, or a phone and surname: prior m probabilities used, u estimated": (
        "dedupe_note_no_pairs"
    ),
}


def noted(note: str) -> str:
    """A note of the duplicate search as said in the chosen language, when it is one worded here."""
    if note in NOTES:
        return say(NOTES[note])
    few = FEW_RECORDS.fullmatch(note)
    if few:
        return say("dedupe_note_few", n=num(int(few["n"])))
    return note


def show_duplicates(summary: dict[str, Any]) -> None:
    """Counts and example clusters, for people (stderr)."""
    console.print(
        say(
            "suspected",
            threshold=whole(summary["threshold"]),
            clusters=num(summary["clusters"]),
            records=num(summary["records_in_clusters"]),
            duplicates=num(summary["duplicate_records"]),
            compared=num(summary["records_compared"]),
        )
    )
    for note in summary["notes"]:
        console.print(f"[dim]{escape(noted(note))}[/]")
    show_held_back(summary.get("held_back", []))
    if not summary["examples"]:
        return
    table = Table(title=say("largest_clusters"), title_justify="left")
    for name in ("cluster", "p", "customer_id", "name", "email", "phone", "city"):
        table.add_column("p" if name == "p" else say(f"col_{name}"))
    for example in summary["examples"]:
        for i, record in enumerate(example["records"]):
            table.add_row(
                example["cluster_id"] if i == 0 else "",
                _probability(example["max_probability"]) if i == 0 else "",
                record["customer_id"],
                _name(record),
                record["email"] or "",
                record["phone"] or "",
                record["city"] or "",
                end_section=i == len(example["records"]) - 1,
            )
    if fits(table):
        console.print(table)
        return
    # Too wide for the terminal (80 columns): Rich cut the e-mails and phones to "liam1658…" and
    # "+3809554…", the very values that tell whether two records are one person. Each record on lines of
    # its own instead, its values whole, a line broken only between them.
    console.print(say("largest_clusters"), highlight=False)
    for example in summary["examples"]:
        probability = _probability(example["max_probability"])
        console.print(f"{say('col_cluster')} {example['cluster_id']} · p {probability}", highlight=False)
        for record in example["records"]:
            values = [record["customer_id"], _name(record), record["email"], record["phone"], record["city"]]
            for at, line in enumerate(packed([v for v in values if v], " · ", console.width - 4)):
                console.print(("  " if at == 0 else "    ") + escape(line), highlight=False, soft_wrap=True)


def show_held_back(held_back: list[dict[str, Any]]) -> None:
    """The records left out of every cluster (quality.dedupe.cluster_pairs), each with those it links to:
    --apply merges none of them, so a person can see why and merge or leave them."""
    if not held_back:
        return
    console.print(say("held_back", n=num(len(held_back))), highlight=False)
    for entry in held_back[:HELD_SHOWN]:
        held, first, *others = (f"{r['customer_id']} {_name(r)}".strip() for r in entry["records"])
        for at, line in enumerate(packed([f"{held} ↔ {first}", *others], " · ", console.width - 4)):
            console.print(("  " if at == 0 else "    ") + escape(line), highlight=False, soft_wrap=True)
    if len(held_back) > HELD_SHOWN:
        console.print(f"  … +{num(len(held_back) - HELD_SHOWN)}", highlight=False)


def _name(record: dict) -> str:
    """A record's name as people read it: first and last name, else the full name as imported."""
    return " ".join(v for v in (record["first_name"], record["last_name"]) if v) or record["full_name"] or ""


def _probability(p: float) -> str:
    """A match probability with three decimals (0.973; uk and ru 0,973)."""
    return f"{p:.3f}" if language() == "en" else num(p, 3)
