"""Segment definitions as one YAML file, to keep in version control.

    segments:
      - name: Сплячі VIP
        kind: dynamic
        description: big spenders who stopped buying
        rule: rfm.group in ("At Risk", "Can't Lose Them") and total_spent > 10000
      - name: Focus group
        kind: static
        members: [C001, C017]

Loading is all or nothing: every definition is checked (name, kind, rule, in_segment cycles, member ids)
before anything is written, and any problem names the file, the segment and its line (for a rule
error, the file's line and column of the fault where the rule's text is the file's). Every entry's
problems are said at once (file.several lists them), so that a file with three mistakes takes one round
trip, not three (an unknown in_segment name and member ids of no customer among them); the check across
entries (in_segment cycles) runs when every entry is good.
"""

from __future__ import annotations

import datetime as dt
import difflib
import uuid
from pathlib import Path

import yaml

from segmint.errors import RuleError, SegmintError
from segmint.rules import parse_rule
from segmint.rules.compile import check_segment_names
from segmint.segments.model import (
    Segment,
    SegmentError,
    all_segments,
    check_kind,
    check_name,
)
from segmint.segments.resolve import check_cycles, referenced
from segmint.segments.store import (
    check_free,
    check_ids,
    check_rule_groups,
    clean_ids,
    insert_row,
    rule_text,
    store_members,
)
from segmint.store.yaml_files import YamlFileError, read_yaml, where

# a line indented unlike those above it, in a segments file's layout (store.yaml_files.read_yaml)
INDENT = "the keys of a segment start in one column, each segment with '- '"

FIELDS = ("name", "kind", "description", "rule", "members")


def export_yaml(ws, path: str | Path | None = None) -> str:
    """Every segment definition as YAML (static segments with their member ids); written to `path` when
    given (whole or not at all; a path that cannot be written is refused before any work), and
    returned."""
    from segmint.segments.membership import check_writable, write_file

    if path is not None:
        check_writable(path)
    entries = []
    for segment in all_segments(ws):
        entry: dict = {"name": segment.name, "kind": segment.kind}
        if segment.description:
            entry["description"] = segment.description
        if segment.rule:
            entry["rule"] = segment.rule
        if segment.kind == "static":
            entry["members"] = [
                row[0]
                for row in ws.raw.execute(
                    "SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY customer_id",
                    [segment.segment_id],
                ).fetchall()
            ]
        entries.append(entry)
    text = "# segmint segment definitions: load with `segmint segments load FILE`\n" + yaml.safe_dump(
        {"segments": entries}, allow_unicode=True, sort_keys=False, width=100
    )
    if path is not None:
        write_file(path, text.encode("utf-8"))
    return text


def load_yaml(ws, path: str | Path) -> dict[str, str]:
    """Create or update the segments a YAML file defines; returns name -> 'created', 'updated' or
    'unchanged'. Segments the file does not name are left alone."""
    path = Path(path)
    text, entries = _read(path)
    existing = {s.name: s for s in all_segments(ws)}
    now = ws.now(whole_seconds=False)
    planned: dict[str, tuple[Segment, list[str] | None, str]] = {}
    numbers: dict[str, int] = {}  # name -> its entry's number in the file, for the line of a later error
    nodes = _Nodes(text)  # the file's entries as YAML nodes, for the line of an error: made when one comes
    refused: list[tuple[int, SegmentError]] = []  # every entry's problems by entry: all are said at once
    for number, entry in enumerate(entries, 1):
        label = {"segment": entry.get("name")} if isinstance(entry, dict) else {"entry": number}
        try:
            # file order becomes creation order, which is the order `export` and `list` show
            segment, ids, action = _plan(ws, entry, existing, now + dt.timedelta(microseconds=number))
        except SegmintError as exc:
            refused.append((number, _located(path, number, label, exc, nodes)))
            name = _good_name(entry)
            if name is not None:  # a later entry of the same name is still defined twice
                numbers.setdefault(name, number)
            continue
        if segment.name in numbers:
            first = nodes.line(numbers[segment.name])
            place = _place(path, number, nodes)
            refused.append(
                (
                    number,
                    SegmentError(
                        f"{where(place)}: segment {segment.name!r} is defined twice (first on line {first})",
                        code="file.twice",
                        params={**place, "name": segment.name, "first": first},
                    ),
                )
            )
            continue
        planned[segment.name] = (segment, ids, action)
        numbers[segment.name] = number
    refused += _unknown_references(ws, path, planned, {**existing, **numbers}, numbers, nodes)
    if refused:
        raise _refused(path, [error for _, error in sorted(refused, key=lambda numbered: numbered[0])])
    definitions = {**existing, **{name: plan[0] for name, plan in planned.items()}}
    try:
        check_cycles(definitions)
    except SegmintError as exc:
        # at the first entry of the file the cycle goes through
        number = next((n for name, n in numbers.items() if f"{name!r}" in str(exc)), None)
        place = _place(path, number, nodes)
        raise SegmentError(f"{where(place)}: {exc}", code="file.cycle", params=place, cause=exc) from None
    changed = [plan for plan in planned.values() if plan[2] != "unchanged"]
    with ws.transaction() as raw:
        for segment, _ids, action in changed:
            if action == "created":
                insert_row(raw, segment)
            else:
                raw.execute(
                    "UPDATE segments SET kind = ?, rule = ?, description = ?, updated_at = ? "
                    "WHERE segment_id = ?",
                    [segment.kind, segment.rule, segment.description, now, segment.segment_id],
                )
                raw.execute("DELETE FROM segment_members WHERE segment_id = ?", [segment.segment_id])
        for segment, ids, _ in _in_dependency_order(changed):
            try:
                store_members(ws, segment, ids)
            except SegmintError as exc:
                place = _place(path, numbers[segment.name], nodes)
                raise SegmentError(
                    f"{where(place)}: segment {segment.name!r}: {exc}",
                    code="file.members",
                    params={**place, "name": segment.name},
                    cause=exc,
                ) from None
    return {name: plan[2] for name, plan in planned.items()}


def _unknown_references(ws, path: Path, planned: dict, known, numbers: dict, nodes) -> list:
    """(entry number, error) for each changed entry whose rule reads an unknown segment through
    in_segment(...) (a name neither the workspace nor the file defines: file.entry, at its place in the
    file, as another rule error) or whose members name no customer (file.members): found before anything
    is written, with the entries' own errors, so every bad entry is said at once."""
    refused = []
    for name, (segment, ids, action) in planned.items():
        if action == "unchanged":
            continue
        number = numbers[name]
        try:
            if segment.rule:
                check_segment_names(parse_rule(segment.rule), known)
        except SegmintError as exc:
            refused.append((number, _located(path, number, {"segment": name}, exc, nodes)))
        try:
            if ids:
                check_ids(ws, ids)
        except SegmintError as exc:
            place = _place(path, number, nodes)
            message = f"{where(place)}: segment {name!r}: {exc}"
            params = {**place, "name": name}
            refused.append((number, SegmentError(message, code="file.members", params=params, cause=exc)))
    return refused


def _read(path: Path) -> tuple[str, list]:
    """The file's text (UTF-8, else Windows-1251) and its list of entries."""
    try:
        text, document = read_yaml(path, indent=INDENT)
    except YamlFileError as exc:
        raise SegmentError(str(exc), code=f"file.{exc.ending}", params=exc.params) from None
    if isinstance(document, dict) and set(document) == {"segments"}:
        document = document["segments"]
    if document is None:
        document = []
    if not isinstance(document, list):
        raise SegmentError(
            f"{path}: expected a list of segments under 'segments:'",
            code="file.not_list",
            params={"file": str(path)},
        )
    return text, document


class _Nodes:
    """The entries of a segments file's text (as _read decoded it: a Windows-1251 file's errors have
    their lines too) as YAML nodes, for the lines of its errors: composed once, when the first error needs
    them (composing the node tree of a file with long member lists costs as much as loading it, so a file
    without errors never pays for it)."""

    def __init__(self, text: str):
        self.text = text
        self.entries = None  # a SequenceNode, or None when it cannot be told
        self._composed = False

    def entry(self, number: int | None):
        """The node of entry `number` (1-based), or None when it cannot be told."""
        if not self._composed:
            self._composed = True
            try:
                entries = yaml.compose(self.text)
            except yaml.YAMLError:  # pragma: no cover - _read has parsed it
                entries = None
            if isinstance(entries, yaml.MappingNode):  # segments: [...]
                entries = next((v for k, v in entries.value if k.value == "segments"), None)
            self.entries = entries if isinstance(entries, yaml.SequenceNode) else None
        if number is None or self.entries is None or len(self.entries.value) < number:
            return None
        return self.entries.value[number - 1]

    def line(self, number: int | None) -> int | None:
        """The line entry `number` (1-based) starts on; None when it cannot be told."""
        node = self.entry(number)
        return None if node is None else node.start_mark.line + 1


def _place(path: Path, number: int | None, nodes: _Nodes) -> dict:
    """The file and the line entry `number` starts on (no line when it cannot be told), as params."""
    line = nodes.line(number)
    return {"file": str(path), "line": line} if line else {"file": str(path)}


def _good_name(entry) -> str | None:
    """The segment name of an entry that was refused, when it has a good one; else None."""
    if not isinstance(entry, dict):
        return None
    try:
        return check_name(entry.get("name"))
    except SegmintError:
        return None


def _refused(path: Path, refused: list[SegmentError]) -> SegmentError:
    """One error for the entries of a file that were refused: the one entry's own error, or file.several
    listing each (params `problems`: each one's code and params, and the code and params of the error it
    wraps as `cause`), one a line without the file (said once, at the head), a rule's caret lines under
    their line."""
    if len(refused) == 1:
        return refused[0]
    prefix = f"{path}: "
    lines = []
    for error in refused:
        text = error.message[len(prefix) :] if error.message.startswith(prefix) else error.message
        lines.append("\n".join(f"  {part}" for part in text.split("\n")))
    message = f"{path}: {len(refused)} problems:\n" + "\n".join(lines)
    params = {"file": str(path), "count": len(refused), "problems": [_listed(error) for error in refused]}
    return SegmentError(message, code="file.several", params=params, problems=refused)


def _listed(error: SegmentError) -> dict:
    """An entry's error as file.several lists it: its code and params, and those of the error it wraps
    (a rule error with its line and column in the rule)."""
    listed: dict = {"code": error.code, "params": error.params}
    cause = error.cause
    if isinstance(cause, RuleError):
        listed["cause"] = {
            "code": cause.code,
            "params": cause.params,
            "line": cause.line,
            "column": cause.column,
        }
    elif isinstance(cause, SegmentError):
        listed["cause"] = {"code": cause.code, "params": cause.params}
    return listed


def _located(path: Path, number: int, label: dict, exc: SegmintError, nodes: _Nodes) -> SegmentError:
    """The error for entry `number`'s error `exc`, with where it is in the file: the entry's line, or for
    a rule error the file's line and column of the fault (a rule written plain on one line, or as a `|`
    block; quoted and folded rules are re-flowed by YAML, so their own line and column are given).
    `label` is the entry's segment name ({"segment": name}) or, for an entry that is no mapping, its
    number ({"entry": 3}). `nodes` reads the file again, on the error path only."""
    named = f"segment {label['segment']!r}" if "segment" in label else f"entry {label.get('entry')}"
    place = {"file": str(path)}
    entry = nodes.entry(number)
    if entry is None:
        return SegmentError(
            f"{path}: {named}: {exc}", code="file.entry", params={**place, **label}, cause=exc
        )
    place["line"] = entry.start_mark.line + 1
    fields = entry.value if isinstance(entry, yaml.MappingNode) else []
    if not isinstance(exc, RuleError) or exc.line is None or exc.column is None:
        key = next((k for k, _ in fields if k.value == KEY_OF_CODE.get(exc.code)), None)
        if key is not None:  # at the key's own line: `kind: statc` is not the entry's first line
            place["line"] = key.start_mark.line + 1
        message = f"{where(place)}: {named}: {exc}"
        return SegmentError(message, code="file.entry", params={**place, **label}, cause=exc)
    rule = next((v for k, v in fields if k.value == "rule"), None)
    spot = _rule_spot(nodes.text.split("\n"), rule, exc.line, exc.column) if rule is not None else None
    if spot is None:  # the rule's own line and column, in the rule error
        message = f"{where(place)}: {named}: rule {exc}"
        return SegmentError(message, code="file.entry.rule", params={**place, **label}, cause=exc)
    place["line"], place["column"] = spot
    caret = exc.caret()
    message = f"{where(place)}: {named}: {exc.message}" + (f"\n{caret}" if caret else "")
    return SegmentError(message, code="file.entry", params={**place, **label}, cause=exc)


# the key of an entry an error's code is about, whose line the error gives (else the entry's first line)
KEY_OF_CODE = {"kind.unknown": "kind"}


def _rule_spot(lines: list[str], node, line: int, column: int) -> tuple[int, int] | None:
    """The file's 1-based line and column of the rule's `line` and `column`, when the rule's text is
    the file's text: a plain scalar on one line, or a literal `|` block (its lines less the indent)."""
    start = node.start_mark
    if node.style is None and node.end_mark.line == start.line and line == 1:
        return start.line + 1, start.column + column
    header = lines[start.line][start.column :].split("#")[0]
    if node.style == "|" and not any(c.isdigit() for c in header):  # `|2` sets an indent of its own
        row = start.line + line  # the block's first line follows the `|`
        if row >= len(lines):
            return None
        body = [text for text in lines[start.line + 1 : node.end_mark.line + 1] if text.strip()]
        indent = min((len(text) - len(text.lstrip(" ")) for text in body), default=0)
        return row + 1, indent + column
    return None


def _plan(ws, entry, existing: dict[str, Segment], now: dt.datetime):
    if not isinstance(entry, dict):
        raise SegmentError(
            "each segment is a mapping with name, kind, rule, description, members", code="entry.not_mapping"
        )
    unknown = [key for key in entry if key not in FIELDS]
    near = difflib.get_close_matches(str(unknown[0]).lower(), FIELDS, n=1) if len(unknown) == 1 else []
    if near:  # a misspelt key: `rulee: ...` would otherwise leave the segment without its rule
        raise SegmentError(
            f"unknown key {unknown[0]!r} (did you mean {near[0]!r}?); allowed: {', '.join(FIELDS)}",
            code="entry.unknown_key.hint",
            params={"key": unknown[0], "hint": near[0], "allowed": list(FIELDS)},
        )
    if unknown:
        raise SegmentError(
            f"unknown key {', '.join(map(repr, unknown))}; allowed: {', '.join(FIELDS)}",
            code="entry.unknown_key",
            params={"keys": unknown, "allowed": list(FIELDS)},
        )
    name = check_name(entry.get("name"))
    kind = check_kind(entry.get("kind", "dynamic"))
    rule = entry.get("rule")
    if rule is not None and not isinstance(rule, str):
        raise SegmentError("rule must be text", code="entry.rule_not_text")
    rule = rule_text(rule)
    description = entry.get("description")
    description = None if description is None else str(description)
    ids = entry.get("members")
    if ids is not None:
        if kind != "static" or not isinstance(ids, list):
            raise SegmentError(
                "members is a list of customer ids, for a static segment only", code="entry.members"
            )
        ids = clean_ids(ids)
    if kind == "dynamic" and not rule:
        raise SegmentError("a dynamic segment needs a rule", code="source.no_rule")
    if kind == "static" and not rule and ids is None:
        raise SegmentError("a static segment needs members or a rule", code="entry.static_source")
    old = existing.get(name)
    if rule and (old is None or old.rule != rule):  # an unchanged rule keeps loading (store.edit)
        check_rule_groups(ws, rule)
    if old is None:
        check_free(ws, name)
        segment = Segment(uuid.uuid4().hex[:12], name, kind, rule, description, now, now)
        return segment, ids, "created"
    segment = Segment(old.segment_id, name, kind, rule, description, old.created_at, now)
    same = (old.kind, old.rule, old.description) == (kind, rule, description)
    if same and kind == "static":
        current = {
            row[0]
            for row in ws.raw.execute(
                "SELECT customer_id FROM segment_members WHERE segment_id = ?", [old.segment_id]
            ).fetchall()
        }
        same = ids is None or set(ids) == current
    return segment, ids, "unchanged" if same else "updated"


def _in_dependency_order(plans: list) -> list:
    """Static lists given as ids first, then the others with every in_segment target before its reader."""
    by_name = {plan[0].name: plan for plan in plans}
    ordered, seen = [], set()

    def visit(name: str) -> None:
        if name in seen or name not in by_name:
            return
        seen.add(name)
        segment, ids, _ = by_name[name]
        if segment.rule and ids is None:
            for other in referenced(segment.rule):
                visit(other)
        ordered.append(by_name[name])

    for plan in sorted(plans, key=lambda p: p[1] is None):
        visit(plan[0].name)
    return ordered
