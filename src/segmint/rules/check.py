"""Type-checking a rule against the filter catalogue: unknown names (with the nearest suggestion), wrong
arguments and comparisons that make no sense fail here with the position of the culprit.

The compiler relies on a checked rule; only what depends on the data (a features column that does not
exist yet, an unknown segment name) is left for it to report.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping
from typing import NamedTuple

from segmint.errors import RuleError
from segmint.families.labels import labelled_as
from segmint.rules import ast, standard
from segmint.rules.attribute import key_problem
from segmint.rules.dates import out_of_order, text_date
from segmint.rules.fields import (
    BOOLEAN,
    CATALOGUE,
    DATE,
    LIST,
    NUMBER,
    TEXT,
    WINDOW_PARAMS,
    Attribute,
    Feature,
    Filter,
    windowed_form,
)
from segmint.rules.lookalike import KEYWORDS, lookalike, lookalike_error
from segmint.rules.render import render
from segmint.store.names import nearest_name

_VALUE_TYPES = {
    ast.String: TEXT,
    ast.Number: NUMBER,
    ast.Boolean: BOOLEAN,
    ast.Date: DATE,
    ast.RelativeDate: DATE,
}


def nearest(name: str, candidates, cutoff: float = 0.6) -> str | None:
    """The candidate closest to a mistyped name (difflib ratio >= cutoff), if any."""
    found = difflib.get_close_matches(name.lower(), list(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


# Names people bring from RFM tools and CRM exports: what the rule language calls them instead.
SYNONYMS = {
    "recency": "days_since_last_order",
    "recency_days": "days_since_last_order",
    "frequency": "orders_count",
    "monetary": "total_spent",
    "monetary_value": "total_spent",
    "revenue": "total_spent",
    "aov": "avg_order_value",
    "tenure": "tenure_days",
}
NOT_FILTERS = {
    name: "customer names cannot be filtered on" for name in ("first_name", "last_name", "full_name", "name")
}
# Words that look like dates but are not part of the language, and what to write instead.
DATE_WORDS = {
    "yesterday": "today - 1d",
    "tomorrow": "today + 1d",
    "now": "today",
    **dict.fromkeys(("сьогодні", "сегодня"), "today"),  # the workspace languages' words (uk, ru)
    **dict.fromkeys(("вчора", "вчера"), "today - 1d"),
    "завтра": "today + 1d",
}


def resolve(subject: ast.Subject, text: str | None = None, expect: str | None = None) -> Filter:
    """The catalogue entry a field reference or call names. A function whose arguments are all optional
    may be written without parentheses (`opened_email` = `opened_email()`). `expect`: the type the
    name should have (it stands on the other side of a comparison), so a suggestion fits it."""
    item = CATALOGUE.get(subject.name)
    kind = "function" if isinstance(subject, ast.Call) else "field"
    if item is None:
        _lookalike(subject, text)
        message, params = _unknown(subject, kind, expect, text)
        raise _error(message, subject, text, **params)
    if isinstance(subject, ast.Call) and not item.function:
        windowed = windowed_form(item)
        if windowed is not None:
            raise _error(
                f"{item.name} is a field, not a function; with filters or a time window it is "
                f"{windowed.name}(...), e.g. {windowed.example}",
                subject,
                text,
                code="name.field_not_function.windowed",
                name=item.name,
                function=windowed.name,
                example=windowed.example,
            )
        message = f"{item.name} is a field, not a function: write it without parentheses"
        raise _error(message, subject, text, code="name.field_not_function", name=item.name)
    if isinstance(subject, ast.FieldRef) and item.positional:
        message = f"{item.name} needs a {item.positional}: {item.example}"
        raise _error(
            message,
            subject,
            text,
            code="name.needs_value",
            name=item.name,
            what=item.positional,
            example=item.example,
        )
    return item


def _lookalike(subject: ast.Subject, text: str | None) -> None:
    """RuleError (name.lookalike) for a name that is a field, function or keyword typed with Cyrillic
    look-alike letters (`сity`, `truе`), which the nearest-name hint would show as the very same word."""
    typed = _as_typed(subject, text) or subject.name
    found = lookalike(typed, CATALOGUE.keys() | KEYWORDS)
    if found is None:
        return
    item = CATALOGUE.get(found.meant)
    kind = "keyword" if item is None else "function" if item.function else "field"
    line, column = (subject.pos.line, subject.pos.column) if subject.pos else (None, None)
    error = lookalike_error(typed, found, kind, line, column, text)
    error.node = subject  # a rule read from its JSON form: the path says where
    raise error


def _unknown(
    subject: ast.Subject, kind: str, expect: str | None, text: str | None = None
) -> tuple[str, dict]:
    """The message for a name the catalogue lacks, and its code and params (`kind`: field or function)."""
    name, bare = subject.name, isinstance(subject, ast.FieldRef)
    message, params = f"unknown {kind} {name!r}", {"kind": kind, "name": name}
    if bare and expect == DATE and name in DATE_WORDS:
        message = f"{name!r} is not a date; write dates as 2024-01-31, or {DATE_WORDS[name]}"
        return message, {"code": "unknown_name.date_word", "name": name, "instead": DATE_WORDS[name]}
    if name in SYNONYMS:
        return message + f"; did you mean {SYNONYMS[name]!r}?", {
            "code": "unknown_name.hint",
            **params,
            "hint": SYNONYMS[name],
        }
    if name in NOT_FILTERS:
        message += f": {NOT_FILTERS[name]}; docs/filters.md lists every filter"
        return message, {"code": "unknown_name.customer_name", **params}
    candidates = [n for n, item in CATALOGUE.items() if expect is None or item.type == expect]
    hint = _header_field(name) or nearest(name, candidates)
    if hint:
        return message + f"; did you mean {hint!r}?", {"code": "unknown_name.hint", **params, "hint": hint}
    if bare and expect == DATE:
        message = f"{name!r} is not a date; write dates as 2024-01-31, or relative to today: today - 30d"
        return message, {"code": "unknown_name.not_a_date", "name": name}
    if bare and expect == TEXT:  # the value as typed: names are read lower-case (Київ as київ)
        name = _as_typed(subject, text) or name
        message, params = f"unknown {kind} {name!r}", {"kind": kind, "name": name}
        return message + f'; text goes in quotes: "{name}"', {"code": "unknown_name.quote", **params}
    return message + "; docs/filters.md lists every filter", {"code": "unknown_name", **params}


def _as_typed(subject: ast.Subject, text: str | None) -> str | None:
    """The name as the rule text spells it where it stands, if it is there."""
    lines = (text or "").splitlines()
    if subject.pos is None or subject.pos.line > len(lines):
        return None
    typed = lines[subject.pos.line - 1][subject.pos.column - 1 :][: len(subject.name)]
    return typed if typed.lower() == subject.name else None


@functools.cache
def _header_fields() -> dict[str, str]:
    """Import header (as ingest.fields.header_key spells it) -> the rule field of the same customers
    column: the names a Ukrainian or Russian user guesses (місто, стать, дата_реєстрації) are the
    headers the import already recognises."""
    from segmint.ingest.mapping import recognised  # the import's tables: loaded on use

    return {header: field for header, field in recognised("customers").items() if field in CATALOGUE}


def _header_field(name: str) -> str | None:
    from segmint.ingest.fields import header_key

    return _header_fields().get(header_key(name))


def is_attribute(node) -> bool:
    """attribute("...") (a custom attribute: its type is that of what it is compared with)."""
    item = CATALOGUE.get(node.name) if isinstance(node, ast.Call) else None
    return item is not None and isinstance(item.how, Attribute)


ATTRIBUTE_TYPES = (TEXT, NUMBER, DATE)


def attribute_kind(node) -> str | None:
    """The type an attribute(...) on the left of a predicate is read as: text for contains and starts
    with, else that of the other side (a literal's, or a field's); None when nothing says (is null, or
    another attribute)."""
    if isinstance(node, ast.Contains | ast.StartsWith):
        return TEXT
    if isinstance(node, ast.Compare):
        others: tuple = (node.right,)
    elif isinstance(node, ast.InList):
        others = node.values
    elif isinstance(node, ast.Between):
        others = (node.low, node.high)
    else:
        return None
    for other in others:
        if is_attribute(other):
            continue
        if isinstance(other, ast.FieldRef | ast.Call):
            item = CATALOGUE.get(other.name)
            return None if item is None else item.type
        return _VALUE_TYPES.get(type(other))
    return None


def check_rule(rule: ast.Rule) -> None:
    """Raise RuleError for the first problem in the rule, in reading order."""
    Checker(rule.source).condition(rule.condition)


class Groups(NamedTuple):
    """The values a family field takes: `family` (rfm) names them `what` (group) in its messages."""

    family: str
    names: tuple[str, ...]
    what: str = "group"


def check_groups(rule: ast.Rule, groups: Mapping[str, Groups]) -> None:
    """Raise RuleError for the first value, in reading order, that names no group of its family
    (`rfm.group = "Champs"` would match nobody, silently). `groups`: features column -> Groups, for the
    families whose groups are known (a clustering's only after it ran)."""
    for problem in group_problems(rule, groups):
        raise problem


def group_problems(rule: ast.Rule, groups: Mapping[str, Groups]) -> list[RuleError]:
    """Every value of the rule that names no group of its family, as RuleErrors in reading order. A value
    in another case, apostrophe or spacing names its group (standard.of_groups), as it matches it."""
    problems = []
    for node in _predicates(rule.condition):
        if isinstance(node, ast.Compare) and node.op in ("=", "!="):
            values: tuple = (node.right,)
        elif isinstance(node, ast.InList):
            values = node.values
        else:
            continue
        known = _groups_of(node.left, groups)
        if known is None:
            continue
        spell = standard.of_groups(known.names)
        for value in values:
            typed = _group_value(value)
            if typed is not None and spell(typed) is None:
                message, code, params = _no_group(known, typed)
                problems.append(_error(message, value, rule.source, code, **params))
    return problems


def _predicates(condition) -> list:
    """The comparisons of a condition in reading order (iterative: a deep rule hits no recursion limit)."""
    found, stack = [], [condition]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.And | ast.Or):
            stack.extend(reversed(node.items))
        elif isinstance(node, ast.Not):
            stack.append(node.item)
        else:
            found.append(node)
    return found


def _groups_of(subject: ast.Subject, groups: Mapping[str, Groups]) -> Groups | None:
    item = CATALOGUE.get(subject.name) if isinstance(subject, ast.FieldRef) else None
    if item is None or not isinstance(item.how, Feature):
        return None
    return groups.get(item.how.column)


def _group_value(value) -> str | None:
    """A literal as the group name it stands for: text as typed, a whole number as its digits (the
    clusters are numbered); None for what cannot name a group (another field, a fraction)."""
    if isinstance(value, ast.String):
        return value.value
    if isinstance(value, ast.Number):
        number = value.value
        return str(int(number)) if float(number).is_integer() else str(number)
    return None


def _no_group(known: Groups, value: str) -> tuple[str, str, dict]:
    """The message, code and params for a value naming no group of its family."""
    hint = labelled_as(known.family, value, known.names) or nearest_name(known.names, value)
    message = f"family {known.family!r} has no {known.what} {value!r}"
    listed = ", ".join(known.names)
    clusters = known.what == "cluster name"
    params = {"family": known.family, "value": value, "groups": list(known.names)}
    if hint:
        message += f"; did you mean {hint!r}? (its {known.what}s: {listed})"
        code = "family.no_cluster_name.hint" if clusters else "family.no_group.hint"
        return message, code, {**params, "hint": hint}
    code = "family.no_cluster_name" if clusters else "family.no_group"
    return message + f"; its {known.what}s: {listed}", code, params  # as `segments members --group` words it


def _error(message: str, node, text: str | None, code: str, **params) -> RuleError:
    """The RuleError at `node` (its position), with its stable code and the params it quotes."""
    pos = getattr(node, "pos", None)
    line, column = (pos.line, pos.column) if pos else (None, None)
    error = RuleError(message, line, column, text, code=code, params=params)
    error.node = node  # the culprit, for a reader without text positions (from_json gives its JSON path)
    return error


class Checker:
    def __init__(self, text: str | None):
        self.text = text

    def error(self, message: str, node, code: str, **params) -> RuleError:
        return _error(message, node, self.text, code, **params)

    # -- conditions
    def condition(self, node) -> None:
        if isinstance(node, ast.And | ast.Or):
            for item in node.items:
                self.condition(item)
        elif isinstance(node, ast.Not):
            self.condition(node.item)
        elif isinstance(node, ast.Truthy):
            self.truthy(node)
        elif isinstance(node, ast.Compare):
            self.compatible(self.left(node), node.right, node.op)
        elif isinstance(node, ast.InList):
            kind = self.left(node)
            self.not_list(kind, node, "in (...)")
            for value in node.values:
                self.compatible(kind, value, "in")
        elif isinstance(node, ast.Between):
            self.between(node)
        elif isinstance(node, ast.Contains):
            kind = self.left(node)
            if kind not in (TEXT, LIST):
                raise self.error(
                    f"contains works on text and lists, and {_name(node.left)} is a {kind}",
                    node,
                    code="contains.type",
                    name=_name(node.left),
                    kind=kind,
                )
            self.compatible(TEXT, node.value, "contains")
        elif isinstance(node, ast.StartsWith):
            kind = self.left(node)
            if kind != TEXT:
                message = f"starts with works on text, and {_name(node.left)} is a {kind}"
                raise self.error(message, node, code="starts_with.type", name=_name(node.left), kind=kind)
            self.compatible(TEXT, node.value, "starts with")
        elif isinstance(node, ast.IsNull):
            self.subject(node.left)
        else:  # pragma: no cover - the parser and the JSON reader build only the nodes above
            kind = type(node).__name__
            raise self.error(f"unknown condition {kind}", node, code="condition.unknown", condition=kind)

    def truthy(self, node: ast.Truthy) -> None:
        item = resolve(node.subject, self.text)
        self.subject(node.subject)
        if isinstance(item.how, Attribute):
            key, call = node.subject.args[0].value, render(node.subject)
            message = f'{call} alone says nothing: compare it, e.g. {call} > 0 or {call} = "yes"'
            raise self.error(message, node, code="attribute.alone", key=key)
        if item.type != BOOLEAN and not item.countlike:
            raise self.error(
                f"{item.name} is a {item.type}, not a yes/no condition; compare it, e.g. {item.example}",
                node,
                code="condition.not_yes_no",
                name=item.name,
                kind=item.type,
                example=item.example,
            )

    def between(self, node: ast.Between) -> None:
        kind = self.left(node)
        self.not_list(kind, node, "between")
        if kind not in (NUMBER, DATE):
            message = f"between works on numbers and dates, and {_name(node.left)} is a {kind}"
            raise self.error(message, node, code="between.type", name=_name(node.left), kind=kind)
        self.compatible(kind, node.low, "between")
        self.compatible(kind, node.high, "between")
        low, high = node.low, node.high
        if isinstance(low, ast.Number) and isinstance(high, ast.Number) and low.value > high.value:
            message = f"between {low.value} and {high.value}: the smaller value goes first"
            raise self.error(message, low, code="between.order", low=low.value, high=high.value)
        if kind == DATE and out_of_order(low, high):  # "31.12.2024" and today - 30d too (dates.py)
            low_high = {"low": render(low), "high": render(high)}
            message = f"between {low_high['low']} and {low_high['high']}: the earlier date goes first"
            raise self.error(message, low, code="between.date_order", **low_high)

    # -- operands
    def left(self, node) -> str:
        """The type of a predicate's left side; an attribute(...) takes that of the other side."""
        if not is_attribute(node.left):
            return self.subject(node.left)
        self.subject(node.left)
        kind = attribute_kind(node)
        if kind is None and isinstance(node, ast.IsNull):
            return TEXT
        other = (node.right,) if isinstance(node, ast.Compare) else getattr(node, "values", (None,))
        if kind is None and not all(is_attribute(value) for value in other if value is not None):
            return TEXT  # a duration or list: compatible() says what is wrong with it
        if kind not in ATTRIBUTE_TYPES:
            raise self.attribute_type(node.left, node)
        return kind

    def attribute_type(self, call: ast.Call, node) -> RuleError:
        key, call = call.args[0].value, render(call)
        message = (
            f"{call} is read as text, a number or a date: compare it with one, e.g. "
            f'{call} > 0, {call} = "yes" or {call} > 2024-01-31'
        )
        return self.error(message, node, code="attribute.type", key=key)

    def subject(self, subject: ast.Subject) -> str:
        item = resolve(subject, self.text)
        if isinstance(subject, ast.Call):
            self.arguments(item, subject)
        return item.type

    def arguments(self, item: Filter, call: ast.Call) -> None:
        wanted = 1 if item.positional else 0
        if len(call.args) != wanted:
            what = f"one {item.positional}" if wanted else "no values without a name (write name = value)"
            params = {"name": item.name, "example": item.example}
            if wanted:
                params["what"] = item.positional
            code = "call.one_value" if wanted else "call.named_values_only"
            raise self.error(f"{item.name} takes {what}, e.g. {item.example}", call, code, **params)
        for arg in call.args:
            if not isinstance(arg, ast.String):
                message = f"the {item.positional} of {item.name} is text in quotes"
                raise self.error(
                    message, arg, code="call.value_in_quotes", what=item.positional, name=item.name
                )
            if isinstance(item.how, Attribute):
                self.attribute_key(arg)
        seen: set[str] = set()
        for kwarg in call.kwargs:
            if kwarg.name not in item.params:
                self.lookalike_argument(item, kwarg)
                message, params = _no_argument(item, kwarg.name)
                raise self.error(message, kwarg, **params)
            if kwarg.name in seen:
                raise self.error(
                    f"{kwarg.name} is given twice", kwarg, code="call.twice", argument=kwarg.name
                )
            seen.add(kwarg.name)
            self.argument(kwarg)

    def lookalike_argument(self, item: Filter, kwarg: ast.Kwarg) -> None:
        """name.lookalike for an argument's name typed with Cyrillic look-alikes: orders(withіn = 90d)."""
        typed = _as_typed(kwarg, self.text) or kwarg.name
        found = lookalike(typed, item.params)
        if found is not None:
            line, column = (kwarg.pos.line, kwarg.pos.column) if kwarg.pos else (None, None)
            error = lookalike_error(typed, found, "argument", line, column, self.text)
            error.node = kwarg
            raise error

    def attribute_key(self, arg: ast.String) -> None:
        key = arg.value
        code = key_problem(key)
        if code == "attribute.key":
            raise self.error('attribute() needs a column header, e.g. attribute("Kidhome")', arg, code=code)
        if code == "attribute.key.spaces":
            message = f"{render(arg)}: a column header does not start or end with a space"
            raise self.error(message, arg, code=code, key=key)
        if code == "attribute.key.path":
            message = (
                f"attribute({render(arg)}) cannot be read on every engine: a column header that has a quote "
                "or a backslash cannot also have a dot or a bracket (nor be * alone); rename the column and "
                "import it again"
            )
            raise self.error(message, arg, code=code, key=key)

    def argument(self, kwarg: ast.Kwarg) -> None:
        value = kwarg.value
        if kwarg.name == "within":
            if not isinstance(value, ast.Duration):
                message = "within takes a duration such as 30d, 12w, 6m or 1y"
                raise self.error(message, value, code="call.within")
        elif kwarg.name == "between":
            if not (isinstance(value, ast.Tuple) and len(value.items) == 2):
                message = "between takes two dates: between = (2024-01-01, 2024-03-31)"
                raise self.error(message, value, code="call.between")
            for item in value.items:
                self.date_value(item, "between")
            low, high = value.items
            if out_of_order(low, high):
                low_high = {"low": render(low), "high": render(high)}
                message = f"between = ({low_high['low']}, {low_high['high']}): the earlier date goes first"
                raise self.error(message, low, code="call.between_order", **low_high)
        elif kwarg.name in WINDOW_PARAMS:
            self.date_value(value, kwarg.name)
        else:
            items = value.items if isinstance(value, ast.Tuple) else (value,)
            for item in items:
                if not isinstance(item, ast.String):
                    raise self.error(
                        f'{kwarg.name} takes text in quotes, or a list of them: ("a", "b")',
                        item,
                        code="call.texts",
                        argument=kwarg.name,
                    )

    def date_value(self, value, what: str) -> None:
        if isinstance(value, ast.Date | ast.RelativeDate):
            return
        if isinstance(value, ast.String) and text_date(value.value) is not None:
            return
        message = f"{what} takes a date such as 2024-01-31 or today - 30d"
        raise self.error(message, value, code="call.date", argument=what)

    def compatible(self, kind: str, value, op: str) -> None:
        """A value (literal or another subject) that can stand on the other side of `op` from a `kind`."""
        if is_attribute(value):
            self.subject(value)
            if kind not in ATTRIBUTE_TYPES:
                raise self.attribute_type(value, value)
            if kind == TEXT and op in ("<", "<=", ">", ">=", "between"):
                message = f"{op} needs numbers or dates; a {kind} can be compared with = or !="
                raise self.error(message, value, code="compare.order", op=op, kind=kind)
            return
        if isinstance(value, ast.FieldRef | ast.Call):
            resolve(value, self.text, expect=kind)  # an unknown name: suggest one of the right type
            other = self.subject(value)
            if other != kind:
                message = f"cannot compare a {kind} with {_name(value)}, a {other}"
                raise self.error(
                    message, value, code="compare.field", kind=kind, name=_name(value), other=other
                )
            if kind == LIST:
                raise self.error("lists cannot be compared; use contains", value, code="compare.lists")
            return
        if kind == LIST:
            self.not_list(kind, value, op)
        have = _VALUE_TYPES.get(type(value))
        if have is None:  # a duration or tuple outside a function
            raise self.error(
                "a duration is only used in a time window (within = 90d) or after today (today - 90d)",
                value,
                code="compare.duration",
            )
        if kind == DATE and have == TEXT:
            if text_date(value.value) is None:
                message = f"{value.value!r} is not a date; write dates as 2024-01-31"
                raise self.error(message, value, code="compare.not_a_date", value=value.value)
            return
        if have != kind:
            message = f"cannot compare a {kind} with a {have} ({_show(value)})"
            raise self.error(message, value, code="compare.types", kind=kind, other=have, value=_show(value))
        if kind in (TEXT, BOOLEAN) and op in ("<", "<=", ">", ">=", "between"):
            message = f"{op} needs numbers or dates; a {kind} can be compared with = or !="
            raise self.error(message, value, code="compare.order", op=op, kind=kind)

    def not_list(self, kind: str, node, op: str) -> None:
        if kind == LIST:
            message = f'a list cannot be used with {op}; use contains, e.g. tags contains "vip"'
            raise self.error(message, node, code="compare.list", op=op)


def _no_argument(item: Filter, name: str) -> tuple[str, dict]:
    """Why a function does not take an argument, and where that argument belongs if elsewhere (the
    message, and its code and params)."""
    message, params = f"{item.name} has no argument {name!r}", {"name": item.name, "argument": name}
    accepted = ", ".join(item.params) or "none"
    hint = nearest(name, item.params, cutoff=0.75)
    if hint:
        return message + f"; did you mean {hint!r}?", {
            "code": "call.no_argument.hint",
            **params,
            "hint": hint,
        }
    params["accepted"] = list(item.params)
    elsewhere = [other.name for other in CATALOGUE.values() if other.function and name in other.params]
    if elsewhere:
        shown = ", ".join(f"{n}({name} = ...)" for n in elsewhere[:3])
        message += f" (it accepts: {accepted}); {name} is an argument of {shown}"
        return message, {"code": "call.no_argument.elsewhere", **params, "elsewhere": elsewhere[:3]}
    return message + f" (it accepts: {accepted})", {"code": "call.no_argument", **params}


def _name(subject: ast.Subject) -> str:
    return subject.name + ("(...)" if isinstance(subject, ast.Call) else "")


def _show(value) -> str:
    if isinstance(value, ast.String):
        return repr(value.value)
    if isinstance(value, ast.RelativeDate):
        return "a date"
    return str(getattr(value, "value", value))
