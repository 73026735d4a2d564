"""Rule tree <-> JSON (plain dicts and lists), for APIs and the web UI. docs/rules.md shows the shapes.

    {"and": [c, ...]}   {"or": [c, ...]}   {"not": c}
    {"op": "=", "left": s, "right": v}      (op: = != < <= > >=)
    {"op": "in" | "not in", "left": s, "values": [v, ...]}
    {"op": "between" | "not between", "left": s, "low": v, "high": v}
    {"op": "contains" | "not contains" | "starts with" | "not starts with", "left": s, "value": v}
    {"op": "is null" | "is not null", "left": s}      {"op": "true", "left": s}   (a subject alone)
    subjects: {"field": "city"}   {"call": "bought", "args": [v], "kwargs": {"within": v}}
    values: "text", 12, 1.5, true, {"date": "2024-01-31"}, {"duration": "90d"},
            {"today": "-180d"} (or "0d" for today itself), [v, v] (a tuple in a call)

Reading validates the shape and raises RuleError naming the JSON path of the problem; the tree is then
type-checked like parsed text. Nesting is capped as in text (parse.MAX_DEPTH): the reader recurses, and a
deeper rule's text could not be read back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from segmint.errors import RuleError
from segmint.rules import ast
from segmint.rules.check import check_rule
from segmint.rules.parse import MAX_DEPTH, MAX_SPAN, parse_rule

_NEGATABLE = {
    "in": ast.InList,
    "between": ast.Between,
    "contains": ast.Contains,
    "starts with": ast.StartsWith,
}


def to_json(node) -> object:
    if isinstance(node, ast.Rule):
        return to_json(node.condition)
    if isinstance(node, ast.And | ast.Or):
        return {"and" if isinstance(node, ast.And) else "or": [to_json(item) for item in node.items]}
    if isinstance(node, ast.Not):
        return {"not": to_json(node.item)}
    if isinstance(node, ast.Truthy):
        return {"op": "true", "left": to_json(node.subject)}
    if isinstance(node, ast.Compare):
        return {"op": node.op, "left": to_json(node.left), "right": to_json(node.right)}
    no = "not " if getattr(node, "negated", False) else ""
    if isinstance(node, ast.InList):
        return {"op": f"{no}in", "left": to_json(node.left), "values": [to_json(v) for v in node.values]}
    if isinstance(node, ast.Between):
        return {
            "op": f"{no}between",
            "left": to_json(node.left),
            "low": to_json(node.low),
            "high": to_json(node.high),
        }
    if isinstance(node, ast.Contains | ast.StartsWith):
        word = "contains" if isinstance(node, ast.Contains) else "starts with"
        return {"op": f"{no}{word}", "left": to_json(node.left), "value": to_json(node.value)}
    if isinstance(node, ast.IsNull):
        return {"op": f"is {no}null", "left": to_json(node.left)}
    if isinstance(node, ast.FieldRef):
        return {"field": node.name}
    if isinstance(node, ast.Call):
        out: dict = {"call": node.name}
        if node.args:
            out["args"] = [to_json(arg) for arg in node.args]
        if node.kwargs:
            out["kwargs"] = {kwarg.name: to_json(kwarg.value) for kwarg in node.kwargs}
        return out
    if isinstance(node, ast.String | ast.Number | ast.Boolean):
        return node.value
    if isinstance(node, ast.Date):
        return {"date": node.value.isoformat()}
    if isinstance(node, ast.Duration):
        return {"duration": node.text()}
    if isinstance(node, ast.RelativeDate):
        offset = "0d" if node.offset is None else node.offset.text()
        return {"today": ("+" if node.sign > 0 else "-") + offset if node.offset else offset}
    if isinstance(node, ast.Tuple):
        return [to_json(item) for item in node.items]
    raise TypeError(f"cannot write {type(node).__name__} as JSON")


# id(node) -> (node, the JSON path it was read from) while from_json reads, since the tree has no text
# positions; holding the node keeps its id from being reused by another one meanwhile.
_PATHS: ContextVar[dict[int, tuple[object, str]] | None] = ContextVar("json_paths", default=None)


def _at(node, path: str):
    paths = _PATHS.get()
    if paths is not None:
        paths.setdefault(id(node), (node, path))
    return node


def from_json(data: object, *, check: bool = True, checks: Iterable[Callable] = ()) -> ast.Rule:
    """A Rule from its JSON form; RuleError says where ($.and[1].left) the shape or a type is wrong.
    `checks` (called with the rule after check_rule, e.g. a workspace's family groups) name the JSON path
    of their errors too, not a line and column of the text the JSON stands for, which no one wrote."""
    paths: dict[int, tuple[object, str]] = {}
    token = _PATHS.set(paths)
    try:
        rule = ast.Rule(_condition(data, "$"), paths=paths)
    finally:
        _PATHS.reset(token)
    if check:
        try:
            check_rule(rule)
            for more in checks:
                more(rule)
        except RuleError as exc:
            raise at_path(rule, exc) from None
    return rule


def at_path(rule: ast.Rule, exc: RuleError) -> RuleError:
    """`exc`, raised checking or evaluating a rule read by from_json, as its errors are worded: the JSON
    path of the culprit (no positions in JSON) and the rule text it stands for. Any other rule's error is
    `exc` itself."""
    if rule.paths is None:
        return exc
    from segmint.rules.render import render

    text = render(rule)
    node = getattr(exc, "node", None)
    _node, path = rule.paths.get(id(node), (None, None))
    if path is None and exc.text is not None and exc.text.strip() == text and exc.line is not None:
        path = _path_at(rule, text, (exc.line, exc.column), None if node is None else type(node))
    where = f"{path}: " if path else ""
    params = {**exc.params, "rule": text, **({"path": path} if path else {})}
    return RuleError(f"{where}{exc.message} (in: {text})", code=exc.code, params=params)


@contextmanager
def json_errors(rule: object, *segments: str | None) -> Iterator[None]:
    """Errors raised inside, while a rule read by from_json is checked or evaluated, worded at their JSON
    path (at_path), also those raised on the text it stands for (what a segment stores and evaluates);
    a text rule's errors, and those of another segment's rule (RuleError.segment not one of
    `segments`), pass as they are."""
    try:
        yield
    except RuleError as exc:
        if isinstance(rule, ast.Rule) and rule.paths is not None and exc.segment in (None, *segments):
            raise at_path(rule, exc) from None
        raise


def _path_at(rule: ast.Rule, text: str, where: tuple[int, int | None], kind: type | None) -> str | None:
    """The JSON path of the node an error names by its place in `text`, the rule's rendering: the rendering
    parsed again is the same tree (rendering is exact), so its node at that line and column (of the
    error's node type, else the innermost there) stands where the JSON node does."""
    try:
        rendered = parse_rule(text, check=False)
    except RuleError:  # pragma: no cover - a rule's rendering reads back
        return None
    found = None
    for mine, theirs in _pairs(rule.condition, rendered.condition):
        pos = getattr(theirs, "pos", None)
        at = pos is not None and (pos.line, pos.column) == where
        if at and id(mine) in rule.paths and (kind is None or isinstance(theirs, kind)):
            found = mine  # the last in reading order: the innermost
    return rule.paths[id(found)][1] if found is not None else None


def _pairs(mine, theirs) -> Iterator[tuple[object, object]]:
    """The nodes of two equal trees side by side, in reading order (a stack: a rule may nest deep)."""
    stack = [(mine, theirs)]
    while stack:
        a, b = stack.pop()
        yield a, b
        if isinstance(a, tuple) and isinstance(b, tuple):
            children = list(zip(a, b, strict=False))
        elif dataclasses.is_dataclass(a) and type(a) is type(b):
            names = [f.name for f in dataclasses.fields(a) if f.name != "pos"]
            children = [(getattr(a, name), getattr(b, name)) for name in names]
        else:
            continue
        stack.extend(reversed(children))


def _fail(path: str, message: str, code: str, **params) -> RuleError:
    """A shape error at a JSON path (the `path` param; the web words it as the rule's own errors)."""
    return RuleError(f"{path}: {message}", code=code, params={"path": path, **params})


def _too_deep(path: str, depth: int) -> None:
    """rule.too_deep at `path` for a condition (or a list of values) at nesting level `depth`, counted as
    parse._too_deep counts a text rule's: the condition at the top is level 1."""
    if depth > MAX_DEPTH:
        message = f"the rule is nested more than {MAX_DEPTH} levels deep"
        raise _fail(path, message, "rule.too_deep", limit=MAX_DEPTH)


def _read_condition(data, path: str, depth: int):
    if not isinstance(data, dict):
        raise _fail(
            path, 'a condition is an object such as {"op": "=", ...} or {"and": [...]}', "json.condition"
        )
    for word, kind in (("and", ast.And), ("or", ast.Or)):
        if word in data:
            _keys(data, {word}, path)
            items = data[word]
            if not isinstance(items, list) or not items:
                raise _fail(f"{path}.{word}", "must be a non-empty list of conditions", "json.conditions")
            return ast.join(
                kind, [_condition(item, f"{path}.{word}[{i}]", depth + 1) for i, item in enumerate(items)]
            )
    if "not" in data:
        _keys(data, {"not"}, path)
        return ast.Not(_condition(data["not"], f"{path}.not", depth + 1))
    op = data.get("op")
    if not isinstance(op, str):
        message = 'a condition needs "op" (or is {"and": ...}, {"or": ...}, {"not": ...})'
        raise _fail(path, message, "json.op_missing")
    left = _subject(data.get("left"), f"{path}.left")
    negated, base = (True, op[4:]) if op.startswith("not ") else (False, op)
    if op in ast.COMPARISON_OPS:
        _keys(data, {"op", "left", "right"}, path)
        return ast.Compare(left, op, _operand(data.get("right"), f"{path}.right"))
    if op == "true":
        _keys(data, {"op", "left"}, path)
        return ast.Truthy(left)
    if op in ("is null", "is not null"):
        _keys(data, {"op", "left"}, path)
        return ast.IsNull(left, op == "is not null")
    if base == "in":
        _keys(data, {"op", "left", "values"}, path)
        values = data.get("values")
        if not isinstance(values, list) or not values:
            raise _fail(f"{path}.values", "must be a non-empty list of values", "json.values")
        return ast.InList(
            left, tuple(_literal(v, f"{path}.values[{i}]") for i, v in enumerate(values)), negated
        )
    if base == "between":
        _keys(data, {"op", "left", "low", "high"}, path)
        low, high = _operand(data.get("low"), f"{path}.low"), _operand(data.get("high"), f"{path}.high")
        return ast.Between(left, low, high, negated)
    if base in ("contains", "starts with"):
        _keys(data, {"op", "left", "value"}, path)
        return _NEGATABLE[base](left, _literal(data.get("value"), f"{path}.value"), negated)
    raise _fail(f"{path}.op", f"unknown operator {op!r}", "json.operator", op=op)


def _condition(data, path: str, depth: int = 1):
    _too_deep(path, depth)
    return _at(_read_condition(data, path, depth), path)


def _keys(data: dict, allowed: set[str], path: str) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        message = f"unexpected key {extra[0]!r} (expected {', '.join(sorted(allowed))})"
        raise _fail(path, message, "json.key", key=extra[0], allowed=sorted(allowed))


def _subject(data, path: str) -> ast.Subject:
    if isinstance(data, dict) and set(data) == {"field"} and isinstance(data["field"], str):
        return _at(ast.FieldRef(data["field"].lower()), path)
    if isinstance(data, dict) and "call" in data and isinstance(data["call"], str):
        _keys(data, {"call", "args", "kwargs"}, path)
        args, kwargs = data.get("args", []), data.get("kwargs", {})
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            raise _fail(path, "args is a list and kwargs an object", "json.arguments")
        return _at(
            ast.Call(
                data["call"].lower(),
                tuple(_value(arg, f"{path}.args[{i}]") for i, arg in enumerate(args)),
                tuple(
                    _at(ast.Kwarg(str(k).lower(), _value(v, f"{path}.kwargs.{k}")), f"{path}.kwargs.{k}")
                    for k, v in kwargs.items()
                ),
            ),
            path,
        )
    raise _fail(path, 'expected {"field": name} or {"call": name, ...}', "json.subject")


def _operand(data, path: str):
    if isinstance(data, dict) and ("field" in data or "call" in data):
        return _subject(data, path)
    return _literal(data, path)


def _literal(data, path: str):
    value = _value(data, path)
    if isinstance(value, ast.Duration | ast.Tuple):
        raise _fail(path, "durations and lists are only used as function arguments", "json.argument_only")
    return value


def _value(data, path: str, depth: int = 1):
    _too_deep(path, depth)
    return _at(_read_value(data, path, depth), path)


def _read_value(data, path: str, depth: int):
    if isinstance(data, bool):
        return ast.Boolean(data)
    if isinstance(data, int | float):
        if data != data or abs(data) > 2**53:
            raise _fail(path, "numbers must be finite and at most 2**53 in size", "json.number")
        return ast.Number(data)
    if isinstance(data, str):
        problem = ast.text_problem(data)
        if problem:
            raise _fail(path, problem[1], problem[0])
        return ast.String(data)
    if isinstance(data, list):
        if not data:
            raise _fail(path, "a list of values cannot be empty", "json.empty_list")
        return ast.Tuple(tuple(_value(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(data)))
    if isinstance(data, dict) and len(data) == 1:
        ((key, text),) = data.items()
        if key == "date" and isinstance(text, str):
            try:
                return ast.Date(dt.date.fromisoformat(text))
            except ValueError:
                raise _fail(path, f"{text!r} is not a date (YYYY-MM-DD)", "json.date", value=text) from None
        if key in ("duration", "today") and isinstance(text, str):
            match = re.fullmatch(r"([+-]?)(\d+)([dwmyDWMY])", text)  # any case, as in text (90D)
            if match:
                amount, unit = int(match[2]), match[3].lower()
                if amount > MAX_SPAN:  # as parse._duration: the rule's text could not be read back
                    raise _fail(path, f"{text} is too long a time span", "value.long_span", duration=text)
                if key == "duration":
                    if match[1]:  # a window's length has no direction
                        message = f"{text!r}: a duration has no sign; write {text[1:]!r}"
                        raise _fail(path, message, "json.signed_duration", value=text, unsigned=text[1:])
                    return ast.Duration(amount, unit)
                if amount == 0:
                    return ast.RelativeDate()
                if not match[1]:  # "180d" was read as 180 days ago: ask which way
                    message = f"{text!r} needs a sign: '-{text}' (before today) or '+{text}' (after)"
                    raise _fail(path, message, "json.unsigned_offset", value=text)
                return ast.RelativeDate(1 if match[1] == "+" else -1, ast.Duration(amount, unit))
            _unit_meant(text, path)
            raise _fail(path, f"{text!r} is not a duration such as 90d or -180d", "json.duration", value=text)
    raise _fail(path, f"cannot read {data!r} as a value", "json.value", value=repr(data))


def _unit_meant(text: str, path: str) -> None:
    """json.duration.hint for a duration whose unit is written in Cyrillic or as a word ("90д", "-6міс",
    "1year"), naming the Latin unit as parse._duration does for the text form's value.time_unit.hint."""
    match = re.fullmatch(r"([+-]?\d+)(.+)", text)
    meant = ast.unit_meant(match[2]) if match else None
    if match and meant:
        hint = f"{match[1]}{meant}"
        raise _fail(
            path,
            f"{text!r}: unknown time unit {match[2]!r}; did you mean {hint!r}? The units are the Latin "
            "letters d (days), w (weeks), m (months) and y (years)",
            "json.duration.hint",
            value=text,
            unit=match[2],
            hint=hint,
        )
