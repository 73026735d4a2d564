"""Why segmint.toml is refused, said so people can fix it: the problem by a stable code (PROBLEMS, worded
in Ukrainian and Russian by web/settings_errors*.py), the file, the line and the setting as it is written
there ([table] key), from pydantic's validation errors and tomllib's syntax errors. segmint.config reads
the file and declares the settings; this module only turns what went wrong into a ConfigError."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from segmint.errors import ConfigError

# The English of each problem, by its code (web/settings_errors.py words the same codes and {names} in
# Ukrainian and Russian). {value}, {allowed} and {known} are written as in the file ("5" quoted is text).
PROBLEMS: dict[str, str] = {
    "config.no_file": "no such file",
    "config.not_utf8": "not UTF-8 text (byte {offset}): save the file as UTF-8",
    "config.toml": "not valid TOML: {problem}",
    "config.top_level": "a setting outside any table: put it under [workspace] or the table it belongs to",
    "config.unknown_table": "unknown table; the tables are {known}",
    "config.unknown_table.hint": "unknown table (did you mean {hint}?); the tables are {known}",
    "config.unknown_key": "unknown setting; the settings here are {known}",
    "config.unknown_key.hint": "unknown setting (did you mean {hint!r}?); the settings here are {known}",
    "config.unknown_key.elsewhere": "not a setting of this table: it goes under {tables}",
    "config.type": "must be {expected}, not {value}",
    "config.choice": "must be one of {allowed}, not {value}",
    "config.choice.quoted": "must be one of {allowed} written without quotes, not {value}",
    "config.min": "must be at least {limit}, not {value}",
    "config.max": "must be at most {limit}, not {value}",
    "config.below": "must be less than {limit}, not {value}",
    "config.above": "must be more than {limit}, not {value}",
    "config.pair": "must be a pair [low, high], not {value}",
    "config.empty": "must not be empty",
    "config.required": "is missing",
    "config.score_range": "must be [low, high] with 1 <= low <= high <= 5, not {value}",
    "config.rfm_gap": "no group for {cells}: every R x FM cell (scores 1-5) needs one",
    "config.rfm_reserved": (
        "{value} is the group of customers who never bought: name the buyers' group otherwise"
    ),
    "config.rfm_same_name": (
        "{value} is the same group as groups[{other}] {first} to a rule, where case, spacing and apostrophes "
        "do not count: name the group otherwise"
    ),
    "config.event_type": "unknown event type {value}; the event types are {known}",
    "config.event_type.hint": (
        "unknown event type {value} (did you mean {hint}?); the event types are {known}"
    ),
    "config.event_type.order": (
        "unknown event type {value}: purchases are orders (imported as orders), not events; the event types "
        "are {known}"
    ),
    "config.event_types.none": "must name at least one event type: with none, every customer is passive",
    "config.window_order": "must not exceed {other} ({limit}), not {value}",
    "config.vip_score": "cannot exceed [families.rfm] bins ({limit}), not {value}",
    "config.currency": "must be a 3-letter ISO 4217 code such as UAH, EUR, GBP, not {value}",
    "config.currency.unknown": "unknown currency {value}; use an ISO 4217 code such as UAH, EUR, GBP",
    "config.date_format": "must be a date format such as %d.%m.%Y or DD.MM.YYYY, not {value}",
    "config.timezone.hint": (
        "unknown time zone {value} (did you mean {hint}?); use an IANA name such as Europe/Kyiv, "
        "Europe/Warsaw or UTC"
    ),
    "config.timezone": (
        "unknown time zone {value}; use an IANA name such as Europe/Kyiv, Europe/Warsaw or UTC"
    ),
    "config.country": "unknown country code {value}; use ISO 3166 alpha-2 such as UA, PL, GB",
    "config.reference_date": 'must be "today", "last_activity" or a date such as 2026-01-31, not {value}',
    "config.url": (
        "must be an absolute http(s) address without ?query or #fragment, such as "
        "https://crm.shop.ua/unsubscribe, not {value}"
    ),
    "config.play.entry": "is empty: give strategy and/or channel",
    "config.play.new_group": "is not a built-in group, so it needs {missing}",
    "config.invalid": "{problem}",
}
# config.type's {expected}, by the kind of value a setting takes
EXPECTED: dict[str, str] = {
    "integer": "a whole number",
    "number": "a number",
    "text": "text in quotes",
    "boolean": "true or false",
    "list": "a list [ … ]",
    "table": "a table",
    "date": "a date such as 2026-01-31",
    "texts": "text in quotes or a table of languages (en, uk, ru)",
}
# pydantic's error types -> config.type's kind
_TYPES = {
    "int_type": "integer", "int_parsing": "integer", "int_from_float": "integer", "float_type": "number",
    "float_parsing": "number", "string_type": "text", "bool_type": "boolean", "bool_parsing": "boolean",
    "list_type": "list", "tuple_type": "list", "model_type": "table", "model_attributes_type": "table",
    "dict_type": "table", "date_type": "date", "date_parsing": "date", "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date", "date_future": "date", "date_past": "date",
}  # fmt: skip
_LIMITS = {"greater_than_equal": ("config.min", "ge"), "less_than_equal": ("config.max", "le"),
           "less_than": ("config.below", "lt"), "greater_than": ("config.above", "gt")}  # fmt: skip
# TOML syntax errors (tomllib's English, without a code): its message's pattern -> the code that words it
TOML_PROBLEMS = {
    "toml.value": r"Invalid value",
    "toml.equals": r"Expected '=' after a key in a key/value pair",
    "toml.newline": r"Expected newline or end of document after a statement",
    "toml.statement": r"Invalid statement",
    "toml.key": r"Invalid initial character for a key part",
    "toml.table_end": r"Expected '\]' at the end of a table declaration",
    "toml.unclosed_array": r"Unclosed array",
    "toml.unclosed_table": r"Unclosed inline table",
    "toml.string": r"Unterminated string|Illegal character '\\n'",
    "toml.date": r"Invalid date or datetime",
    "toml.twice": r"Cannot declare (?P<key>.+) twice",
    "toml.overwrite": r"Cannot overwrite a value",
    "toml.character": r"(?:Illegal|Found invalid) character (?P<char>.+)",
}
# an English hint after tomllib's own words, for the mistakes people make most
TOML_HINTS = {
    "toml.value": 'text goes in quotes, e.g. currency = "UAH"; a date is written 2026-01-31',
    "toml.twice": "each table may appear once",
    "toml.string": "a closing quote is missing",
    "toml.overwrite": "a setting is written twice, or a table repeats a setting",
}


def nearest_zone(name: str) -> str | None:
    """The IANA zone `name` probably means: the same but for case ("europe/kyiv"), the zone of that city
    ("Kyiv"), or the nearest spelling ("Europe/Kiev2"); None when none is near."""
    import zoneinfo

    zones = sorted(zoneinfo.available_timezones())
    by_case = {zone.lower(): zone for zone in zones}
    wanted = name.strip().replace(" ", "_").lower()
    if wanted in by_case:
        return by_case[wanted]
    cities = {zone.rsplit("/", 1)[-1].lower(): zone for zone in zones if "/" in zone}
    if wanted in cities:
        return cities[wanted]
    near = difflib.get_close_matches(wanted, list(by_case), n=1, cutoff=0.8)
    return by_case[near[0]] if near else None


def written(value: Any) -> str:
    """A value as segmint.toml writes it: text in double quotes, so "5" (text) differs from 5; a date or a
    time as TOML writes it (2026-01-31T10:00:00)."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    from segmint.config import toml_value  # the settings' own writer; config imports this module

    try:
        return toml_value(value)
    except TypeError:
        return repr(value)


def _table_name(found: re.Match) -> str:
    return "[" + ".".join(re.findall(r"'([^']*)'", found[0])) + "]"


def toml_problem(problem: str) -> tuple[str | None, dict]:
    """tomllib's message (without its position) as a code of TOML_PROBLEMS and the values it quotes."""
    for code, pattern in TOML_PROBLEMS.items():
        found = re.fullmatch(pattern, problem)
        if found:
            return code, found.groupdict()
    return None, {}


def read_toml(path: Path) -> tuple[str, dict]:
    """The text of `path` and its TOML; a file that is missing, not UTF-8 or not TOML is a coded
    ConfigError naming the file (and the line and column of a syntax error)."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            PROBLEMS["config.no_file"], source, code="config.no_file", params={"file": source}
        ) from exc
    except OSError as exc:  # not readable (permissions, a folder): as the system says it
        params = {"file": source, "problem": exc.strerror or str(exc)}
        raise ConfigError(params["problem"], source, code="config.invalid", params=params) from exc
    except UnicodeDecodeError as exc:
        params = {"file": source, "offset": exc.start}
        raise ConfigError(
            PROBLEMS["config.not_utf8"].format(**params), source, code="config.not_utf8", params=params
        ) from exc
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.fullmatch(
            r"(?s)(?P<problem>.*?) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)",
            str(exc),
        )
        problem = found["problem"] if found else str(exc)
        problem = re.sub(r"\('[^()]*',?\)", _table_name, problem)  # ('families', 'rfm') -> [families.rfm]
        kind, quoted = toml_problem(problem)
        english = problem + (f" ({TOML_HINTS[kind]})" if kind in TOML_HINTS else "")
        params = {"file": source, "problem": english, "kind": kind, **quoted}
        if found and found["line"]:
            params |= {"line": int(found["line"]), "column": int(found["column"])}
            where = f"line {params['line']}, column {params['column']}: "
        else:  # "at end of document": an unclosed string, list or table, or a setting given twice
            params["line"] = _failing_line(text, str(exc))
            where = f"line {params['line']}: " if params["line"] else ""
        raise ConfigError(
            where + PROBLEMS["config.toml"].format(**params), source, code="config.toml", params=params
        ) from exc


def _failing_line(text: str, message: str) -> int | None:
    """The line tomllib's error `message` "at end of document" starts on: the first line that ends a part
    of the file giving the same error (an unclosed list fails so from the line that opens it on)."""
    lines = text.splitlines(keepends=True)
    for end in range(1, len(lines) + 1):
        try:
            tomllib.loads("".join(lines[:end]))
        except tomllib.TOMLDecodeError as exc:
            if str(exc) == message:
                return end
    return None


def refusal(problems: list[tuple[str, dict]], source: str | None) -> ConfigError:
    """One ConfigError for the problems (code, params with setting and line): one problem's code, or
    config.problems listing them, one a line."""
    for _code, params in problems:
        if source is not None:
            params["file"] = source
    lines = [_english(code, params) for code, params in problems]
    if len(problems) == 1:
        code, params = problems[0]
        return ConfigError(lines[0], source, code=code, params=params)
    listed = [{"code": code, "params": params} for code, params in problems]
    message = f"{len(problems)} problems:\n" + "\n".join(f"  {line}" for line in lines)
    return ConfigError(message, source, code="config.problems", params={"file": source, "problems": listed})


def _english(code: str, params: dict) -> str:
    """One problem in English: "line L, [table] key: what is wrong"."""
    values = dict(params)
    if "expected" in values:
        values["expected"] = EXPECTED[values["expected"]]
    where = ", ".join(
        part for part in (f"line {params['line']}" if params.get("line") else None, params["setting"]) if part
    )
    return f"{where}: {PROBLEMS[code].format(**values)}"


def problems_of(
    exc: ValidationError, model: type[BaseModel], values: Any, text: str | None, *, within=(), table=()
) -> list[tuple[str, dict]]:
    """pydantic's errors as (code, params) problems: the setting as [table] key (`table`: the TOML tables
    the model is read from; `within`: the table a top-level key of the model is written in, [workspace]),
    its line in `text`, and what is wrong, with the values it quotes."""
    problems, seen = [], set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        ctx = err.get("ctx") or {}
        if "at" in ctx:  # a check across settings: the one it refuses ("2.name": a list entry's)
            loc = loc + tuple(int(part) if part.isdigit() else part for part in ctx["at"].split("."))
        if loc and loc[-1] in ("literal['today','last_activity']", "date"):  # reference_date's two forms
            loc = loc[:-1]
            if loc in seen:
                continue
            code, params = "config.reference_date", {"value": written(err["input"])}
        else:
            code, params = _problem(err, model, loc, values, (within, table))
            if code == "config.pair" and isinstance(loc[-1], int):  # r = [1]: the pair, not its 2nd
                loc = loc[:-1]
            if code.startswith("config.unknown_key") and isinstance(err["input"], dict):  # a table
                code, params = _unknown_table(model, loc, within, table)
        seen.add(loc)
        path = _toml_path(model, loc, within, table)
        params = {
            "setting": _setting(
                model, path, table, within, err["input"] if code.startswith("config.unknown") else None
            ),
            **params,
        }
        params["line"] = line_of(text, path) if text is not None else None
        problems.append((code, params))
    return problems


def _value_at(values: Any, loc: tuple) -> Any:
    """The value given at `loc` (names and list indexes) in `values`, or None."""
    for part in loc:
        try:
            values = values[part]
        except (KeyError, IndexError, TypeError):
            return None
    return values


def _problem(
    err: dict, model: type[BaseModel], loc: tuple, values: Any, place: tuple = ((), ())
) -> tuple[str, dict]:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind.startswith("config."):
        params = {k: v for k, v in ctx.items() if k != "at"}
        return kind, params
    if kind == "extra_forbidden":  # the settings of the table, not the tables in it
        known = [
            name for name in _fields(model, loc[:-1]) if not _is_model(_annotation(model, (*loc[:-1], name)))
        ]
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        params = {"known": ", ".join(known)}
        elsewhere = [] if hint else _tables_with(model, str(loc[-1]), *place)
        if elsewhere:  # bins under [workspace]: it goes under [families.rfm]
            return "config.unknown_key.elsewhere", {"tables": ", ".join(elsewhere)}
        return (
            ("config.unknown_key.hint", {**params, "hint": hint[0]})
            if hint
            else ("config.unknown_key", params)
        )
    if kind == "literal_error":
        allowed = typing.get_args(_annotation(model, loc))
        listed = ", ".join(written(choice) for choice in allowed) if allowed else ctx.get("expected", "")
        params = {"allowed": listed, "value": written(value)}
        if isinstance(value, str) and any(str(choice) == value for choice in allowed):
            return "config.choice.quoted", params
        return "config.choice", params
    if kind in _LIMITS:
        code, bound = _LIMITS[kind]
        return code, {"limit": ctx.get(bound), "value": written(value)}
    if kind in ("too_short", "too_long") and isinstance(value, list | tuple):
        return "config.pair", {"value": written(value)}
    if kind == "string_too_short":
        return "config.empty", {}
    if kind == "missing" and isinstance(loc[-1], int):  # [1] for [low, high]
        return "config.pair", {"value": written(_value_at(values, loc[:-1]))}
    if kind == "missing":
        return "config.required", {}
    if kind in _TYPES:
        return "config.type", {"expected": _TYPES[kind], "value": written(value)}
    return "config.invalid", {"problem": err["msg"]}


def _tables_with(model: type[BaseModel], key: str, within: tuple, table: tuple) -> list[str]:
    """The [tables] of `model` that have a setting named `key`, as the file writes them."""
    found = []

    def walk(current: type[BaseModel], loc: tuple) -> None:
        for name, field in current.model_fields.items():
            if _is_model(field.annotation):
                walk(field.annotation, (*loc, name))
            elif name == key:
                found.append(
                    _setting(model, _toml_path(model, loc, within, table) or within, table, within, {})
                )

    walk(model, ())
    return found


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _unknown_table(model: type[BaseModel], loc: tuple, within: tuple, table: tuple) -> tuple[str, dict]:
    """An unknown [table] inside a known one ([families.rmf]): the tables it may have, the nearest first."""
    names = [name for name in _fields(model, loc[:-1]) if _is_model(_annotation(model, (*loc[:-1], name)))]
    if not names:  # a table of settings only: [families.lifecycle.x] is an unknown setting of it
        return _problem({"type": "extra_forbidden", "input": None}, model, loc, None, (within, table))
    prefix = ".".join(str(part) for part in _toml_path(model, loc[:-1], within, table))
    tables = [f"[{prefix}.{name}]" if prefix else f"[{name}]" for name in names]
    hint = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    params = {"known": ", ".join(tables)}
    if hint:
        return "config.unknown_table.hint", {**params, "hint": tables[names.index(hint[0])]}
    return "config.unknown_table", params


def _annotation(model: type[BaseModel], loc: tuple) -> Any:
    """The type of the setting at `loc` (names and list indexes) in `model`, or None."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0] if args else None
            continue
        if (
            not (isinstance(current, type) and issubclass(current, BaseModel))
            or part not in current.model_fields
        ):
            return None
        current = current.model_fields[part].annotation
    return current


def _fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The settings the table (or inline table) at `loc` may have."""
    found = _annotation(model, loc) if loc else model
    if isinstance(found, type) and issubclass(found, BaseModel):
        return list(found.model_fields)
    return []


def _toml_path(model: type[BaseModel], loc: tuple, within: tuple, table: tuple) -> tuple:
    """Where the setting at `loc` is written: its TOML keys from the top of the file."""
    if table:
        return table + loc
    if (
        loc
        and isinstance(loc[0], str)
        and isinstance(_annotation(model, loc[:1]), type)
        and issubclass(_annotation(model, loc[:1]), BaseModel)
    ):
        return loc  # a table of its own: [families]
    return within + loc


def _setting(model, path: tuple, table: tuple, within: tuple, unknown: Any) -> str:
    """The setting as a person finds it in the file: "[families.rfm] bins", "[families.rfm] groups[11].r"
    (entries of a list counted from 1), "[families.rmf]" for a table."""
    heads = []  # the leading names that are tables
    for i, part in enumerate(path):
        if not isinstance(part, str):
            break
        rest = path[: i + 1]
        inner = (
            rest[len(table) :] if table else (rest[len(within) :] if rest[: len(within)] == within else rest)
        )
        kind = model if not inner else _annotation(model, inner)
        is_table = (
            (rest == table)
            or (rest == within and rest)
            or (isinstance(kind, type) and issubclass(kind, BaseModel))
            or (i == len(path) - 1 and isinstance(unknown, dict))
        )
        if not is_table:
            break
        heads.append(part)
    key = ""
    for part in path[len(heads) :]:
        key += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if key else part)
    head = f"[{'.'.join(heads)}]" if heads else ""
    return " ".join(part for part in (head, key) if part)


HEADER = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(
    r"\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def keys(dotted: str) -> tuple:
    return tuple(part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", dotted))


def line_of(text: str | None, path: tuple) -> int | None:
    """The line of `text` (a TOML file) where the setting at `path` is written, or the nearest table or
    setting it is in; None when the file does not write it (a default, or a check of the whole file)."""
    if text is None:
        return None
    found = _positions(text)
    for end in range(len(path), 0, -1):
        if path[:end] in found:
            return found[path[:end]]
    return None


def _positions(text: str) -> dict[tuple, int]:
    """The line each table, key, list entry and inline table key of a TOML file starts on, by its path
    (list entries by index from 0). A reader of positions only: the file has been parsed already."""
    found: dict[tuple, int] = {}
    table: tuple = ()
    stack: list[dict] = []  # open [ lists and { inline tables: path, index (lists), expecting
    value_path: tuple = ()
    for number, line in enumerate(text.splitlines(), 1):
        pos = 0
        if not stack:
            header = HEADER.match(line)
            if header and not line.lstrip().startswith("[["):
                table = keys(header[1])
                found.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if not key:
                continue
            value_path = table + keys(key[1])
            found.setdefault(value_path, number)
            pos = key.end()
        while pos < len(line):
            char = line[pos]
            top = stack[-1] if stack else None
            if char in " \t\r":
                pos += 1
                continue
            if char == "#":
                break
            if top is not None and top["kind"] == "{" and top["expecting"]:
                key = _KEY.match(line, pos)
                if key:
                    value_path = top["path"] + keys(key[1])
                    found.setdefault(value_path, number)
                    top["expecting"] = False
                    pos = key.end()
                    continue
            if top is not None and top["kind"] == "[" and top["expecting"] and char not in ",]":
                value_path = top["path"] + (top["index"],)
                found.setdefault(value_path, number)
                top["expecting"] = False
            if char in "\"'":
                end = line.find(char, pos + 1)
                while char == '"' and end > 0 and line[end - 1] == "\\":
                    end = line.find(char, end + 1)
                pos = len(line) if end < 0 else end + 1
                continue
            if char in "[{":
                stack.append({"kind": char, "path": value_path, "index": 0, "expecting": True})
            elif char in "]}":
                if stack:
                    stack.pop()
            elif char == "," and top is not None:
                top["expecting"] = True
                if top["kind"] == "[":
                    top["index"] += 1
            pos += 1
    return found
