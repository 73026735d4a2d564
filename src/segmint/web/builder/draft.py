"""The draft tree the visual form edits, read from the posted form and written as rule text.

Form names carry each node's path from the root group "r" (r.0, r.0.1, ...):
    r.0.kind = cond | group      r.0.logic = and | or     r.0.not = 1
    r.0.field, r.0.op, r.0.value, r.0.value2, r.0.arg (has_tag's tag), r.0.kw.<param> (a function's
    filters), r.0.kw.within.n + r.0.kw.within.unit, r.0.kw.between.from / .to, r.0.raw (a part the form
    cannot show, kept as text), r.0.call = 1 (a function written with empty parentheses: `unsubscribed()`),
    r.0.typed = 1 (the value was typed or read from a rule: see Cond.typed)
The text is only assembled here; segmint.rules.parse_rule then checks it, so every error the form can
make is reported by the rule language itself, with line and column in the text shown beside the form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field as default

from segmint.rules import ast
from segmint.rules.fields import BOOLEAN, DATE, NUMBER, SOURCE_PARAMS
from segmint.rules.render import number_text, render
from segmint.web.builder.catalogue import MANY_VALUES, get, operators, value_count
from segmint.web.numbers import read_number

MAX_DEPTH = 8  # groups within groups; deeper parts of a text rule stay text (see from_ast.draft_of)
_KEYS = r"(kind|logic|not|field|op|value|value2|arg|raw|call|typed|kw\..+)"
_PATH = re.compile(r"^(r(?:\.\d{1,4}){0,%d})\.%s$" % (MAX_DEPTH, _KEYS))  # noqa: UP031 (regex braces)
_RELATIVE = re.compile(r"^today(?:\s*([-+])\s*(\d+)\s*([dwmy]))?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")  # 5000, 5000.0, 0.000123: the rule language's own digits


@dataclass
class Cond:
    field: str = ""
    op: str = ""
    value: str = ""
    value2: str = ""
    arg: str = ""
    kwargs: dict[str, str] = default(default_factory=dict)  # param -> text ("90d"; between: "from,to")
    raw: str | None = None  # rule text of a part the form cannot show
    call: bool = False  # `unsubscribed()` rather than `unsubscribed` when no argument is given (as read)
    # The value was given: read from a rule, or typed (the value input sends r.N.typed = 1 with what it
    # posts, and the answer sets the row's hidden marker: builder/_typed.html). An empty text value is a
    # real condition (`city = ""`), so only this tells it from a value not typed yet: choosing a text
    # field must not write `city = ""` (and count nobody) before the user typed anything.
    typed: bool = False


@dataclass
class Group:
    logic: str = "and"
    negated: bool = False
    items: list[Cond | Group] = default(default_factory=list)


class Problem(ValueError):
    """A condition of the form that cannot be written as rule text yet (missing or malformed value)."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


# -- reading the posted form -------------------------------------------------------------------------
def from_form(form) -> Group:
    """The draft the form describes (unknown keys are ignored; missing nodes make an empty root)."""
    nodes: dict[str, dict[str, str]] = {}
    for key, value in form.items():
        match = _PATH.match(key)
        if match:
            nodes.setdefault(match.group(1), {})[match.group(2)] = str(value)
    return _node("r", nodes) if nodes.get("r", {}).get("kind") == "group" else Group()


def _node(path: str, nodes: dict) -> Cond | Group:
    data = nodes.get(path, {})
    if data.get("kind") == "group":
        children = sorted(
            (int(p.rsplit(".", 1)[1]), p) for p in nodes if p.rsplit(".", 1)[0] == path and p != path
        )
        return Group(
            "or" if data.get("logic") == "or" else "and",
            data.get("not") == "1",
            [_node(p, nodes) for _, p in children if nodes[p].get("kind") in ("group", "cond")],
        )
    typed = {k[3:]: v for k, v in data.items() if k.startswith("kw.")}
    kwargs = {}  # in the order of the form's inputs, each where its first input stands
    for key in typed:
        if key.startswith("within.") and "within" not in kwargs:
            amount, unit = typed.get("within.n", "").strip(), typed.get("within.unit", "d")
            kwargs["within"] = f"{amount}{unit}" if amount else ""
        elif key.startswith("between.") and "between" not in kwargs:
            start, end = typed.get("between.from", "").strip(), typed.get("between.to", "").strip()
            kwargs["between"] = f"{start},{end}" if start or end else ""
        elif "." not in key:
            kwargs[key] = typed[key]
    value, value2 = data.get("value", ""), data.get("value2", "")
    cond = Cond(
        data.get("field", ""),
        data.get("op", ""),
        value,
        value2,
        data.get("arg", ""),
        kwargs,
        data.get("raw"),
        data.get("call") == "1",
        data.get("typed") == "1" or bool(value or value2),  # a value in the input was typed (or read)
    )
    return fit(cond)


def fit(cond: Cond) -> Cond:
    """Keep the operator and arguments only where they fit the chosen field (after a field change)."""
    item = get(cond.field)
    if item is None or cond.raw is not None:
        return cond
    allowed = operators(item)
    if cond.op not in allowed:
        # a yes/no field, or a function count such as bought(...) alone: at least once
        yes_no = item.type == BOOLEAN or (item.countlike and item.function)
        cond.op = allowed[0] if yes_no else _default_op(allowed)
    cond.kwargs = {k: v for k, v in cond.kwargs.items() if k in item.params}
    return cond


def depth(node: Cond | Group) -> int:
    """How many groups deep the tree goes (iterative: a hostile form or rule cannot exhaust the stack)."""
    deepest, stack = 0, [(node, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, Group):
            deepest = max(deepest, level + 1)
            stack.extend((child, level + 1) for child in item.items)
    return deepest


def _default_op(allowed: list[str]) -> str:
    return ">=" if ">=" in allowed else allowed[0]


# -- structural edits ----------------------------------------------------------------------------------
def apply(root: Group, action: str) -> Group:
    """add-cond:PATH[:FIELD], add-group:PATH, remove:PATH (PATH as in the form the action came from)."""
    verb, _, rest = action.partition(":")
    path, _, name = rest.partition(":")
    target = _find(root, path)
    if verb == "add-cond" and isinstance(target, Group):
        target.items.append(fit(Cond(field=name)) if get(name) else Cond())
    elif verb == "add-group" and isinstance(target, Group):
        target.items.append(Group("or" if target.logic == "and" else "and", False, [Cond()]))
    elif verb == "remove" and path != "r":
        parent = _find(root, path.rsplit(".", 1)[0])
        index = int(path.rsplit(".", 1)[1])
        if isinstance(parent, Group) and index < len(parent.items):
            del parent.items[index]
    return root


def _find(root: Group, path: str) -> Cond | Group | None:
    node: Cond | Group = root
    for part in path.split(".")[1:]:
        if not isinstance(node, Group) or not part.isdigit() or int(part) >= len(node.items):
            return None
        node = node.items[int(part)]
    return node


# -- writing rule text ---------------------------------------------------------------------------------
def to_text(root: Group, currency: str | None = None) -> tuple[str, list[tuple[str, Problem]]]:
    """(rule text, problems by path). A row with no field chosen yet (what "+ filter" adds: the user picks
    the field next), or a text value not typed yet (see pending), says nothing yet and is left out; a
    condition the form cannot write as a rule (a number or a date not filled in or malformed, an unknown
    field) is left out and reported at its path. Text values are written as typed: an empty one typed (or
    read) is "" (a real condition: the field is the empty text), spaces stay. `currency` is the
    workspace's (an ISO code): a field of money may be compared with an amount written with it
    ("1 234,5 ₴"), as the import reads amounts."""
    problems: list[tuple[str, Problem]] = []
    return _group_text(root, "r", problems, currency, top=True), problems


def _group_text(group: Group, path: str, problems, currency: str | None, top: bool = False) -> str:
    parts = []
    for index, item in enumerate(group.items):
        where = f"{path}.{index}"
        if isinstance(item, Group):
            text = _group_text(item, where, problems, currency)
            if text:
                # "not (...)" binds tighter than and/or already; one condition needs no parentheses
                parts.append(text if item.negated or len(_kids(item)) == 1 else f"({text})")
            continue
        try:
            text = cond_text(item, currency)
        except Problem as problem:
            problems.append((where, problem))
            continue
        if text:
            parts.append(text)
    joined = f" {group.logic} ".join(parts)
    if group.negated and joined:
        return f"not ({joined})"
    return joined


def _kids(group: Group) -> list:
    return [
        item
        for item in group.items
        if isinstance(item, Group) or item.raw or (item.field and not pending(item))
    ]


def pending(cond: Cond) -> bool:
    """Whether the row is a text condition whose value is not typed yet: no part of the rule, and nothing
    to say (as a row with no field). The row of a text field just chosen has an empty value, which written
    as typed is `city = ""` and counts nobody; the user has not asked for that until they type (and clear
    it again) or a rule read has it. A number, date or yes/no not typed is reported instead (literal)."""
    item = get(cond.field)
    return (
        item is not None
        and cond.raw is None
        and not cond.typed
        and not cond.value
        and item.type not in (NUMBER, DATE, BOOLEAN)
        and value_count(cond.op) > 0
    )


def cond_text(cond: Cond, currency: str | None = None) -> str:
    if cond.raw is not None:
        return cond.raw.strip()
    item = get(cond.field)
    if item is None:
        if cond.field:
            raise Problem("problem_unknown_field", field=cond.field)
        return ""
    if pending(cond):
        return ""
    subject = _subject(cond, item)
    op, kind = cond.op, item.type
    # the amount of a field of money may be written in the workspace's currency; a count's, in none
    money = currency if item.unit == "currency" else None
    if op == "true":
        return subject
    if op in ("is null", "is not null"):
        return f"{subject} {op}"
    if op in MANY_VALUES:
        values = list_values(cond.value)
        return f"{subject} {op} ({', '.join(literal(v, kind, item.name, money) for v in values)})"
    first = literal(cond.value, kind, item.name, money)
    if value_count(op) == 2:
        return f"{subject} {op} {first} and {literal(cond.value2, kind, item.name, money)}"
    return f"{subject} {op} {first}"


def _subject(cond: Cond, item) -> str:
    if not item.function:
        return item.name
    args = []
    if item.positional:
        if not cond.arg.strip():  # has_tag("") is no tag: the row is not filled in yet
            raise Problem("problem_arg", field=item.name, what=item.positional)
        args.append(render(ast.String(cond.arg)))  # as typed, spaces too
    # in the order the rule gave them (from_ast), then the catalogue's
    for param in sorted(item.params, key=lambda p: list(cond.kwargs).index(p) if p in cond.kwargs else 99):
        typed = cond.kwargs.get(param, "")
        text = typed.strip()
        if not typed:  # an empty filter input: not filtered by it (from_ast keeps category = "" as text)
            continue
        if param in SOURCE_PARAMS.get(getattr(item.how, "source", ""), {}):
            args.append(f"{param} = {render(ast.String(typed))}")  # a text filter's value as typed
        elif not text:
            continue
        elif param == "within":
            if not re.fullmatch(r"\d+[dwmy]", text):
                raise Problem("problem_window", field=item.name)
            args.append(f"within = {text}")
        elif param == "between":
            start, _, end = text.partition(",")
            args.append(f"between = ({literal(start, DATE, item.name)}, {literal(end, DATE, item.name)})")
        elif param in ("before", "after"):
            args.append(f"{param} = {literal(text, DATE, item.name)}")
    # all arguments optional: `bought` alone, or `bought()` when the rule read had it so
    return f"{item.name}({', '.join(args)})" if args or cond.call else item.name


def literal(text: str, kind: str, name: str, currency: str | None = None) -> str:
    """The rule literal of a value typed in the form, for a field of type `kind`. A text value is written as
    typed: "" when empty, its spaces kept (trimming or dropping it changed what the rule asks). A number
    in the rule language's digits is taken as written (5000.0 stays 5000.0, as a rule from JSON may have
    it, and every digit of 0.000123 stays), so a rule read into the form is written back as it was; else
    as an import reads it, with `currency` for an amount's ("1 234,5 ₴"), as the plain number."""
    if kind not in (NUMBER, DATE, BOOLEAN):
        return render(ast.String(text))
    text = text.strip()  # spaces around a number, date or yes/no say nothing
    if not text:
        raise Problem("problem_value", field=name)
    if kind == NUMBER:
        if _PLAIN.fullmatch(text):  # as the rule language writes it (and the form shows a rule's number)
            return number_text(float(text) if "." in text else int(text))
        number = read_number(text, currency)  # as an import reads it: "1 234,5 ₴", "1234,5" (web/numbers.py)
        if number is None:
            raise Problem("problem_number", field=name, value=text)
        return number_text(int(number) if number == number.to_integral_value() else float(number))
    if kind == DATE:
        return date_literal(text, name)
    if kind == BOOLEAN:
        if text.lower() not in ("true", "false"):
            raise Problem("problem_value", field=name)
        return text.lower()
    return render(ast.String(text))


def list_values(text: str) -> list[str]:
    """The values of an `in` list's input, as typed: split at commas, with the one space after a comma that
    the form writes between values (from_ast) taken away. An empty value stays ("" in the list)."""
    first, *rest = text.split(",")
    return [first, *(value[1:] if value.startswith(" ") else value for value in rest)]


def date_literal(text: str, name: str) -> str:
    """2024-01-31, 31.01.2024 or today / today - 90d, as the rule language writes dates."""
    relative = _RELATIVE.match(text.strip().lower())
    if relative:
        sign, amount, unit = relative.groups()
        return f"today {sign} {int(amount)}{unit}" if sign else "today"
    dotted = _DOTTED.match(text.strip())
    try:
        if dotted:
            day, month, year = (int(part) for part in dotted.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise Problem("problem_date", field=name, value=text) from None
