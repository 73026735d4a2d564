"""`segmint segments …`: list, show, create, edit, delete, export, load, members, movements, transitions.

Each command is a thin layer over segmint.segments / segmint.history: options in, one call, output out
(Rich on stderr, or one JSON document on stdout with --json).
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from segmint import history
from segmint import segments as api
from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    date_span,
    fits,
    open_workspace,
    parse_date,
    print_json,
    print_narrow,
    stdout_option,
    titled,
)
from segmint.cli.main import app
from segmint.cli.wording import form, group_label, language, num, pct, say, whole
from segmint.errors import CodedError
from segmint.history.queries import family_group, lookup
from segmint.rules.context import reference_date
from segmint.segments.membership import export_format, json_rows, named_columns
from segmint.segments.model import MEMBER_GROUP, SegmentError, unreadable_file

segments_app = typer.Typer(
    name="segments",
    help="User segments and built-in families: define, list, export members, see movement.",
    no_args_is_help=True,
)
app.add_typer(segments_app)

NameArg = Annotated[str, typer.Argument(help="Segment name (or a family name where noted).")]
GroupOption = Annotated[str | None, typer.Option("--group", help="A family's group, e.g. 'At Risk'.")]


class Format(StrEnum):
    csv = "csv"
    parquet = "parquet"
    json = "json"
    xlsx = "xlsx"


def _ids(members: str | None, members_file: Path | None) -> list[str] | None:
    """The ids of --members (or --add, --remove) and then of --members-file, as given: the library strips
    them and refuses an empty one with its position (ids.empty), as the Python and REST APIs do. They were
    dropped here, so a stray comma or a blank cell (a row that lost its id) went unseen."""
    if members is None and members_file is None:
        return None
    ids = members.split(",") if members is not None else []
    if members_file is not None:
        ids += _read_ids(members_file)
    return ids


ID_HEADERS = ("customer_id", "id")


def _read_ids(path: Path) -> list[str]:
    """The ids of a members file: one id per line, or a table whose header row names the id column
    customer_id (or id): a CSV (comma, semicolon or tab, as csv.Sniffer finds; UTF-8, or Windows-1251 as
    the import reads it) or an .xlsx sheet, e.g. one written by `segments members`."""
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        return _ids_of_rows(path, _sheet_rows(path))
    try:
        from segmint.ingest.textfiles import detect_encoding  # the import's detection: BOM, UTF-8, cp1251

        encoding, _ = detect_encoding(path)
        text = path.read_text(encoding=encoding).lstrip("\ufeff")
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:  # as `segments load` says it
        raise unreadable_file(path, exc) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SegmentError(
            f"cannot read {path}: {reason}",
            code="members_file.unreadable",
            params={"file": str(path), "reason": reason},
        ) from None
    except UnicodeDecodeError:
        raise SegmentError(
            f"cannot read {path}: it is neither UTF-8 nor Windows-1251 text",
            code="members_file.not_utf8",
            params={"file": str(path)},
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t")
    except csv.Error:  # no separator in it: one id per line
        dialect = csv.excel
    return _ids_of_rows(path, list(csv.reader(text.splitlines(), dialect)))


def _sheet_rows(path: Path) -> list[list[str]]:
    """An .xlsx sheet's rows as text, its header first (the import's reader: ingest.excel). A sheet it
    cannot read is the import's DataError as it is (import.xlsx_not_workbook, import.sheet_empty, ...):
    worded in uk and ru by its code as an import's (web/import_errors.py). Wrapped in members_file.unreadable
    with the English reason as a param, the uk and ru kept that reason in English."""
    from segmint.ingest.excel import read_xlsx

    table = read_xlsx(path)
    columns = [table.column(name).to_pylist() for name in table.column_names]
    return [list(table.column_names), *([v or "" for v in row] for row in zip(*columns, strict=True))]


def _ids_of_rows(path: Path, table: list[list[str]]) -> list[str]:
    rows = [(n, row) for n, row in enumerate(table, 1) if any(map(str.strip, row))]
    if not rows:
        return []
    header = [field.strip().lower() for field in rows[0][1]]
    column = next((header.index(name) for name in ID_HEADERS if name in header), None)
    ids = []
    for number, row in rows[1:] if column is not None else rows:
        if column is None and len(row) > 1:
            raise SegmentError(
                f"{path}: line {number} has {len(row)} columns; a members file has one customer id per "
                "line, or a header row naming the customer_id column",
                code="members_file.columns",
                params={"file": str(path), "line": number, "columns": len(row)},
            )
        ids.append(row[column or 0] if len(row) > (column or 0) else "")
    return ids


MembersOption = Annotated[str | None, typer.Option("--members", help="Customer ids, comma-separated.")]
MembersFileOption = Annotated[
    Path | None,
    typer.Option(
        "--members-file",
        help="A file with one customer id per line, or a CSV with a customer_id (or id) column, "
        "e.g. one written by `segments members`.",
    ),
]


@segments_app.command("list")
def list_command(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Every family with its group sizes and every segment with its kind, rule and size."""
    with open_workspace(workspace) as ws:
        # with each segment's warnings (a group its family no longer has): in the workspace's language,
        # --json in English
        document = api.overview(ws, None if json_output else _worded)
    if json_output:
        print_json(document)
        return
    for family in document["families"]:
        table = titled(
            say("col_group"),
            say("col_customers"),
            title=say("family_title", family=family["name"], date=family["as_of"] or say("no_refresh_yet")),
        )
        for group in family["groups"]:
            table.add_row(group_label(family["name"], group["name"]), num(group["customers"]))
        console.print(table)
    headers = ("col_segment", "col_kind", "col_members", "col_as_of", "col_rule")
    table = titled(*map(say, headers), title=say("segments_title"))
    for segment in document["segments"]:
        table.add_row(
            segment["name"],
            say(f"kind_{segment['kind']}"),
            num(segment["size"]),
            str(segment["as_of"] or ""),
            segment["rule"] or say("list_of_ids"),
        )
    console.print(table if document["segments"] else say("no_segments"))
    for segment in document["segments"]:
        for warning in segment["warnings"]:
            console.print(say("group_warning", name=segment["name"], warning=warning), highlight=False)


def _every_group(ws, ref, counted: dict[str, int]) -> dict[str, int]:
    """Group sizes with every group named, 0 when empty, in the family's order (as `segments list` gives
    them), then any other group the history holds: a segment with no members gave "sizes": {} and a
    family's empty groups were missing, so a script's sizes["member"] failed on an empty segment."""
    from segmint.history.evaluate import family_definitions  # reads the clustering: on use

    family = family_definitions(ws).get(ref.name) if ref.kind == "family" else None
    groups = [MEMBER_GROUP] if ref.kind == "segment" else list(family.groups or []) if family else []
    return {group: counted.pop(group, 0) for group in groups} | dict(sorted(counted.items()))


def _worded(error) -> str:
    """A group warning in the workspace's language, from its code as `segments create` words the same
    error, without the rule's line and column (--json keeps its English: error.message)."""
    from segmint.web.messages import translate

    return translate(error, language(), place=False)


@segments_app.command("show")
def show_command(name: NameArg, workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """A segment's definition, size and how long members stay (or a family's groups)."""
    with open_workspace(workspace) as ws:
        ref = lookup(ws, name)
        document: dict = {"name": ref.name, "kind": "family" if ref.kind == "family" else None}
        if ref.kind == "segment":
            # as create and edit give it: with size, as_of and the warnings of a stored rule naming a group
            # the families no longer have (the RFM map changed)
            document.update(api.summary(ws, ref.name, None if json_output else _worded))
        sizes = (
            history.membership_on(ws, name)
            .group_by("group_name")
            .aggregate(customers=lambda t: t.count())
            .to_pyarrow()
            .to_pylist()
        )
        document["sizes"] = _every_group(ws, ref, {row["group_name"]: row["customers"] for row in sizes})
        document["dates"] = history.queries.snapshot_dates(ws, ref)
        document["stays"] = history.stay_summary(ws, name).to_pyarrow().to_pylist()
        order = {group: at for at, group in enumerate(document["sizes"])}  # the family's order, not A-Z
        document["stays"].sort(key=lambda row: order.get(row["group_name"], len(order)))
    if json_output:
        print_json(document)
        return
    if ref.kind == "segment":
        console.print(f"[bold]{document['name']}[/] ({say('kind_' + document['kind'])})", highlight=False)
        for key in ("description", "rule", "created_at", "updated_at"):
            if document.get(key):
                value = str(document[key])[:19] if key.endswith("_at") else document[key]  # to the second
                console.print(f"  {say('field_' + key)}: {value}", highlight=False)
        for warning in document["warnings"]:  # (worded in the workspace's language)
            console.print(say("rule_warning", warning=warning), highlight=False)
    else:
        console.print(say("built_in_family", name=document["name"]), highlight=False)
    dates = document["dates"]
    span = f"{whole(len(dates))} {form('n_dates', len(dates))}" + (
        f", {dates[0]} … {dates[-1]}" if len(dates) > 1 else f", {dates[0]}" if dates else ""
    )
    console.print(say("history_dates", dates=span))
    headers = (
        "col_members_now", "col_stays", "col_ongoing", "col_mean_days", "col_median_days", "col_longest"
    )  # fmt: skip
    named = _group_words(of_segment=ref.kind == "segment")
    rows = [
        (
            named.get(row["group_name"]) or group_label(ref.name, row["group_name"]),
            num(document["sizes"].get(row["group_name"], 0)),
            num(row["stays"]),
            num(row["ongoing"]),
            _days(row["mean_days"]),
            _days(row["median_days"]),
            num(row["max_days"]),
        )
        for row in document["stays"]
    ]
    table = titled(say("col_group"), *map(say, headers), title=say("stays_title"))
    for row in rows:
        table.add_row(*row)
    if fits(table):
        console.print(table)
    else:  # Rich would cut the group names ("Champio…", "Hiberna…") and the headers
        print_narrow(say("stays_title"), [say(header) for header in headers], rows)


def _days(value: float | None) -> str:
    """A mean or median stay as --json gives it, to the tenth of a day, in the language's way (uk 34,5):
    a whole one bare (20), else its JSON decimal rounded half up to one place (34.5; a mean of 22.25 days
    22.3, of 20⅔ 20.7). The median, of whole days, is so always exact. One rule for both: the median was
    rounded to whole days, then the mean alone was, by Python's round half to even (Big's stays of 20 and
    49 days printed a mean of 34 beside the median 34.5, both 34.5 in --json)."""
    if value is None:
        return num(value)
    tenth = Decimal(repr(float(value))).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return num(tenth, 0 if tenth == tenth.to_integral_value() else 1)


@segments_app.command("create")
def create_command(
    name: NameArg,
    rule: Annotated[
        str | None, typer.Option("--rule", "-r", help="The rule, e.g. 'total_spent > 10000'.")
    ] = None,
    static: Annotated[
        bool, typer.Option("--static", help="Freeze the members now (default: dynamic).")
    ] = False,
    members: MembersOption = None,
    members_file: MembersFileOption = None,
    description: Annotated[str | None, typer.Option("--description", "-d")] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Create a segment: dynamic from a rule, or static from a rule or a list of customer ids."""
    listed = members is not None or members_file is not None
    if rule is not None and listed:  # said in the options' words: the user named no kind
        raise SegmentError(
            "give --rule or --members (or --members-file), not both: a rule makes the segment (dynamic, or "
            "frozen with --static), a list of ids a static segment of those customers",
            code="options.rule_and_members",
        )
    kind = "static" if static or listed else "dynamic"
    with open_workspace(workspace) as ws:  # first: a members file that cannot be read is said in its language
        ids = _ids(members, members_file)
        segment = api.create(ws, name, rule, kind, description=description, members=ids)
        document = api.summary(ws, segment.name)  # the keys show gives: as_of, warnings too
        earlier = _history_before(ws, [segment])
        notes = [] if json_output else _value_notes(ws, rule)
    _report(document, json_output, say("created_segment", kind=say(f"kind_{kind}"), name=name))
    if not json_output:
        _say_value_notes(notes)
        _say_history_before(earlier)


@segments_app.command("edit")
def edit_command(
    name: NameArg,
    rule: Annotated[str | None, typer.Option("--rule", "-r", help="A new rule.")] = None,
    description: Annotated[str | None, typer.Option("--description", "-d")] = None,
    rename: Annotated[str | None, typer.Option("--rename", help="A new name (history is kept).")] = None,
    add: Annotated[
        str | None, typer.Option("--add", help="Add ids to a static segment, comma-separated.")
    ] = None,
    remove: Annotated[str | None, typer.Option("--remove", help="Remove ids from a static segment.")] = None,
    refreeze: Annotated[
        bool,
        typer.Option(
            "--refreeze",
            help="Freeze a static segment's members again from its rule, as of now (members added or "
            "removed by hand are replaced). Its own rule given again with --rule keeps them.",
        ),
    ] = False,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Change a segment's rule, description or name, or add and remove members of a static one."""
    asked = (rule, description, rename, add, remove)
    if all(option is None for option in asked) and not refreeze:
        # nothing asked: it said "Updated NAME" having changed nothing
        raise SegmentError(
            "nothing to change: give --rule, --description, --rename, --add, --remove or --refreeze",
            code="options.nothing_to_edit",
        )
    adding, removing = _ids(add, None), _ids(remove, None)
    with open_workspace(workspace) as ws:
        # one transaction, as the API's PATCH: a refused add or remove (an unknown or empty id, a dynamic
        # segment) leaves the name, description and rule as they were; they were committed before it
        with ws.transaction():
            segment = api.edit(ws, name, rule=rule, description=description, refreeze=refreeze)
            changed = {}
            if adding is not None or removing is not None:  # both or neither
                added, removed = api.change_members(ws, segment.name, add=adding, remove=removing)
                changed = {"added": added} if adding is not None else {}
                changed.update({"removed": removed} if removing is not None else {})
            if rename is not None:  # last: a refused --remove names the segment as it is still called
                segment = api.edit(ws, segment.name, new_name=rename)
        document = api.summary(ws, segment.name)  # as stored (updated_at moves with the members too), as show
        notes = [] if json_output else _value_notes(ws, rule)
    _report({**document, **changed}, json_output, say("updated_segment", name=segment.name))
    _say_value_notes(notes)


@segments_app.command("delete")
def delete_command(name: NameArg, workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Delete a segment with its members and history."""
    with open_workspace(workspace) as ws:
        api.delete(ws, name)
    if json_output:
        print_json({"deleted": name})
    else:
        console.print(say("deleted_segment", name=name), highlight=False)


@segments_app.command("export")
def export_command(
    output: Annotated[Path | None, stdout_option("YAML file (default: stdout; also -o -).")] = None,
    workspace: WorkspaceOption = None,
    json_output: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print one JSON document on stdout: the file, format and number of segments written "
            "(without -o, with the YAML text as `content`).",
        ),
    ] = False,
) -> None:
    """Write every segment definition as YAML (for version control; load it back with `load`)."""
    with open_workspace(workspace) as ws:
        text = api.export_yaml(ws, output)
        count = len(api.all_segments(ws))
    if json_output:
        document = {"file": str(output) if output else None, "format": "yaml", "segments": count}
        print_json(document if output else {**document, "content": text})
    elif output is None:
        sys.stdout.write(text)
    else:
        definitions = f"{num(count)} {form('n_definitions', count)}"
        console.print(say("wrote_definitions", definitions=definitions, file=output), highlight=False)


@segments_app.command("load")
def load_command(
    file: Annotated[Path, typer.Argument(help="A YAML file written by `segmint segments export`.")],
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Create or update the segments a YAML file defines: all of them, or none when one is wrong."""
    with open_workspace(workspace) as ws:
        outcome = api.load_yaml(ws, file)
        created = [api.get(ws, name) for name, action in outcome.items() if action == "created"]
        earlier = _history_before(ws, created)
    if json_output:
        print_json(outcome)
        return
    for name, action in outcome.items():
        console.print(f"  {say('load_' + action)}: {name}", highlight=False)
    _say_history_before(earlier)


def _history_before(ws, created: list) -> tuple[list[str], list]:
    """The new dynamic segments among `created` and the dates the families' history has before theirs
    starts (a static list has no past: its members were frozen now)."""
    dynamic = [segment for segment in created if segment.kind == "dynamic"]
    if not dynamic:
        return [], []
    dates = history.queries.dates_before(ws, lookup(ws, dynamic[0].name))
    return [segment.name for segment in dynamic], dates


def _say_history_before(earlier: tuple[list[str], list]) -> None:
    """A new dynamic segment's history starts with its creation: transitions and movements over the
    earlier dates of a backfill would show it empty there, so say how to compute it on them."""
    names, dates = earlier
    if not dates:
        return
    span = f"{dates[0]} … {dates[-1]}" if len(dates) > 1 else str(dates[0])
    console.print(
        say("history_before", names=", ".join(names), n=whole(len(dates)), dates=form("n_dates", len(dates)),
            span=span),
        highlight=False,
    )  # fmt: skip


@segments_app.command("members")
def members_command(
    name: NameArg,
    format: Annotated[
        str | None,
        choice_option(
            "--format",
            "-f",
            values=Format,
            help="File format (default: from the -o file's extension .csv, .parquet, .json or .xlsx, else "
            "csv). "
            "A format that contradicts the extension is refused.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[Path | None, stdout_option("File (default: stdout; also -o -).")] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated customer or feature columns, or rule fields by their rule names "
            "(total_spent, rfm.group; not functions such as bought) (default: customer_id, full_name, email, "
            "phone, city)."
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help="Members on this past date.")
    ] = None,
    group: GroupOption = None,
    workspace: WorkspaceOption = None,
    json_output: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print one JSON document on stdout: with -o, what was written (file, format, rows); "
            "without, the members themselves (as `members`).",
        ),
    ] = False,
) -> None:
    """Export the members of a segment (or of a family group with --group) with chosen columns."""
    chosen = named_columns(columns, "--columns")
    if json_output and output is None and format not in (None, Format.json):
        raise SegmentError(
            f"--json prints the members as JSON on stdout; for {format.value} write a file with -o FILE",
            code="options.json_format",
            params={"format": format.value},
        )
    date = parse_date(as_of, "--as-of")
    fmt = export_format(output, format.value if format else None)
    with open_workspace(workspace) as ws:
        name, group = family_group(ws, name, group)  # "rfm:Champions" is rfm --group Champions
        name = lookup(ws, name).name  # a family as stored ("RFM" is rfm), as the messages name it
        if json_output and output is None:
            table = api.member_table(ws, name, chosen, date, group)
            data = table.to_pyarrow()
        else:
            rows, body = api.export_members(ws, name, output, fmt, chosen, date, group)
        ref = lookup(ws, name) if date else None
        dates = history.queries.snapshot_dates(ws, ref) if ref else []
        now = reference_date(ws)
        # a static list changes only when edited: its dates are its edits, not refreshes missed
        refreshed = ref is not None and (ref.kind == "family" or api.get(ws, name).kind == "dynamic")
    # before its history starts (a segment made after the backfill) a past date has no members recorded,
    # which is not "nobody was a member then"
    starts = dates[0] if dates else None
    static = ref is not None and not refreshed
    if date and static and starts is not None and date < starts:  # no refresh would fill that date in
        then = say("static_none_then", day=date)
        console.print(say("static_no_past", name=name, start=starts, then=then), highlight=False)
    elif date and (starts is None or date < starts):
        since = say("history_starts", date=starts) if starts else say("no_history_yet")
        console.print(say("no_history_then", name=name, date=date, since=since), highlight=False)
    elif date and refreshed and date not in dates:  # as transitions says of a date no refresh computed
        before = max(day for day in dates if day <= date)
        if date > now:  # no refresh computes a date after the workspace's 'now': not worth suggesting
            stands = say("members_of", date=before)
            console.print(say("after_now", day=date, now=now, stands=stands), highlight=False)
        else:
            console.print(say("members_as_of", name=name, date=date, before=before), highlight=False)
    # as the API's members page names it: the refresh (or static list's change) whose membership stands for
    # `date`; a family's or dynamic segment's columns are of that date too (membership.columns_date)
    computed = max((day for day in dates if day <= date), default=None) if date else None
    if json_output and output is None:
        document = {"name": name, "group": group, "as_of": date, "computed_on": computed, "file": None}
        document["format"] = "json"
        print_json({**document, "rows": data.num_rows, "columns": table.columns, "members": json_rows(data)})
    elif json_output:
        document = {"name": name, "group": group, "as_of": date, "computed_on": computed}
        document.update(file=str(output), format=fmt)
        print_json({**document, "rows": rows})
    elif body is not None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        members = f"{num(rows)} {form('n_members', rows)}"
        console.print(
            say("wrote_members", members=members, name=name, file=output, format=fmt), highlight=False
        )


@segments_app.command("movements")
def movements_command(
    name: NameArg,
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="First date (included).")],
    end: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Last date (included; default: no end).")
    ] = None,
    group: GroupOption = None,
    limit: Annotated[
        int, typer.Option(help="At most this many rows on screen (0 = all); --json lists them all.", min=0)
    ] = 50,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """Who entered and who left a segment (or a family's groups) between two dates."""
    first, last = date_span(start, end)
    with open_workspace(workspace) as ws:
        name, group = family_group(ws, name, group)  # "rfm:Champions" is rfm --group Champions
        ref = lookup(ws, name)
        name = ref.name  # a family as stored ("RFM" is rfm), as the output names it
        moves = history.movements(ws, name, first, last, group)
        rows = moves.to_pyarrow().to_pylist()
        of_segment = ref.kind == "segment"
        static = of_segment and api.get(ws, name).kind == "static"
        starts = min(history.queries.snapshot_dates(ws, ref), default=None)
    entered = sum(row["movement"] == "entered" for row in rows)
    if json_output:
        print_json(
            {
                "name": name,
                "from": first,  # as a date (YYYY-MM-DD), also when typed dd.mm.yyyy, as transitions gives it
                "to": last,
                "entered": entered,
                "left": len(rows) - entered,
                "movements": rows,
            }
        )
        return
    if starts is not None and first <= starts and (last is None or starts <= last):
        # everyone in it on its first date "entered" then: the first computation, not a move
        if static:  # its history starts when the list was frozen: no refresh computes earlier dates
            then = say("static_first_entries", start=starts)
            console.print(say("static_no_past", name=name, start=starts, then=then), highlight=False)
        else:
            console.print(say("history_first_entries", name=name, date=starts), highlight=False)
    title = say("movements_title", name=name, entered=num(entered), left=num(len(rows) - entered))
    # a segment's rows are all of its one group ("member", as --json keeps it): no column to read
    headers = ("col_date", "col_movement", *(() if of_segment else ("col_group",)), "col_customer")
    table = titled(*map(say, headers), title=title)
    for row in rows[: limit or None]:
        moved = say(f"movement_{row['movement']}")
        group_cell = () if of_segment else (group_label(ref.name, row["group_name"]),)
        table.add_row(str(row["date"]), moved, *group_cell, row["customer_id"])
    console.print(table)
    if limit and len(rows) > limit:
        console.print(say("more_rows", n=num(len(rows) - limit)))


@segments_app.command("transitions")
def transitions_command(
    family: Annotated[str, typer.Argument(help="A family (rfm, lifecycle, …) or a segment.")],
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="Date A.")],
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="Date B (default: the last date a refresh computed)."),
    ] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
) -> None:
    """How customers moved between the groups of a family: their group on date A against date B."""
    first, last = date_span(start, end)
    with open_workspace(workspace) as ws:
        ref = lookup(ws, family)
        family = ref.name  # as stored ("RFM" is rfm), as the output names it
        last = last or _last_computed(ws, family, first)
        matrix = history.transition_matrix(ws, family, first, last)
        of_segment = ref.kind == "segment"
        static = of_segment and api.get(ws, family).kind == "static"
        starts = min(history.queries.snapshot_dates(ws, ref), default=None)
        now = reference_date(ws)
    if json_output:
        print_json(matrix)
        return
    for label, key in (("A", "from"), ("B", "to")):  # a date no refresh computed is not a real state
        day, computed = matrix[key], matrix["computed_on"][key]
        if computed == day:
            continue
        if static:  # a static list between its changes is as the last one left it: a real state
            if computed is None and starts is not None:  # before it was frozen: no refresh fills that in
                then = say("static_outside_then", day=day)
                console.print(say("static_no_past", name=family, start=starts, then=then), highlight=False)
            continue
        everyone = say("everyone_outside" if of_segment else "everyone_none")
        stands = say("shown_as_of", label=label, date=computed) if computed else everyone
        # after the workspace's 'now' no refresh can compute it: `refresh --as-of` it is refused
        later = day > now
        said = say("after_now", day=day, now=now, stands=stands) if later else None
        console.print(said or say("not_computed", family=family, day=day, stands=stands), highlight=False)
    # Only groups someone was in on either date: a full 12 x 12 RFM matrix does not fit a terminal.
    groups, rows = matrix["groups"], matrix["matrix"]
    used = [i for i in range(len(groups)) if any(rows[i]) or any(row[i] for row in rows)]
    named = _group_words(of_segment)
    labels = {i: named.get(groups[i]) or group_label(ref.name, groups[i]) for i in used}
    title = say("transitions_title", family=family, start=matrix["from"], end=matrix["to"])
    table = titled("A ↓  B →", *(labels[i] for i in used), title=title)
    for i in used:
        table.add_row(labels[i], *(num(rows[i][j]) if rows[i][j] else "·" for j in used))
    if fits(table):
        console.print(table)
        return
    # Too wide for the terminal: Rich would cut every name to a few letters ("Lo…" for both Loyal and
    # Lost), so one line per pair of groups instead, the largest moves of each group of A first.
    table = titled("A", "B", say("col_customers"), say("col_share_of_a"), title=title)
    for i in used:
        of_a = sum(rows[i])
        for j in sorted((j for j in used if rows[i][j]), key=lambda j: -rows[i][j]):
            same = say("stayed") if i == j else ""
            table.add_row(labels[i], labels[j] + same, num(rows[i][j]), _share(rows[i][j] / of_a))
    console.print(table)
    console.print(say("wider_terminal"), highlight=False)


def _last_computed(ws, name: str, first) -> dt.date:
    """The default --to of `transitions`: the last date a refresh computed `name` on, as the REST route's
    `to` (a missing --to was Typer's usage box with status 2). Before any refresh there is none, and a
    --from after it is refused naming it: the user typed no --to to put first."""
    dates = history.queries.snapshot_dates(ws, lookup(ws, name))
    if not dates:
        raise CodedError(
            f"no refresh has computed {name} yet: give --to DATE, or run `segmint refresh` first",
            code="cli.transitions.no_history",
            params={"name": name},
        )
    last = dates[-1]
    if first > last:
        raise CodedError(
            f"--from {first} is after the last date a refresh computed {name} on ({last}, the default of "
            "--to): give --to DATE",
            code="cli.transitions.from_after_last",
            params={"start": str(first), "name": name, "last": str(last)},
        )
    return last


def _share(share: float) -> str:
    """A share of A in whole percent; one that rounds to 0% though someone moved is "<1%": 2 of 414
    Champions read "0%" beside its count of 2."""
    if 0 < share < 0.005:
        return "<" + pct(0.01, 0)
    return pct(share, 0)


def _group_words(of_segment: bool) -> dict:
    """The words for the groups the history names by code: a segment's one group ("member") and its
    outside, a family's "(none)" (None); `show` and `transitions` say them alike, --json
    keeps "member" and null."""
    if of_segment:
        return {MEMBER_GROUP: say("group_member"), None: say("group_outside")}
    return {None: say("group_none")}


def _value_notes(ws, rule: str | None) -> list[dict]:
    """The segment builder's notes on the rule's text values no row has: `bought(category = "взуття")`
    where the order lines say "fashion", `city = "Киев"` where the customers say "Київ" (with the nearest
    value the data has; web/builder/value_check.py). Such a rule is valid and counts 0, and the CLI said
    so without a word where the builder names the value."""
    if not rule:
        return []
    from segmint.rules import parse_rule
    from segmint.web.builder.value_check import unknown_values  # (plain Python: no FastAPI)

    return unknown_values(ws, parse_rule(rule))


def _say_value_notes(notes: list[dict]) -> None:
    for note in notes:
        worded = say(note["key"], **{key: escape(str(value)) for key, value in note["values"].items()})
        console.print(say("value_note", note=worded), highlight=False)


def _report(document: dict, json_output: bool, message: str) -> None:
    if json_output:
        print_json(document)
    else:
        size = document["size"]
        console.print(f"{message}: {num(size)} {form('n_members', size)}", highlight=False)
