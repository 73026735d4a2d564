"""Type-checking a rule against the filter catalogue: unknown names (with the nearest suggestion), wrong
arguments and comparisons that make no sense fail here with the position of the culprit.

The compiler relies on a checked rule; only what depends on the data (a features column that does not
exist yet, an unknown segment name) is left for it to report.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import NamedTuple

from segmint.errors import RuleError
from segmint.rules import ast, standard
from segmint.rules.dates import text_date
from segmint.rules.fields import (
    BOOLEAN,
    CATALOGUE,
    DATE,
    LIST,
    NUMBER,
    TEXT,
    WINDOW_PARAMS,
    Feature,
    Filter,
    windowed_form,
)

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
DATE_WORDS = {"yesterday": "today - 1d", "tomorrow": "today + 1d", "now": "today"}


def resolve(subject: ast.Subject, text: str | None = None, expect: str | None = None) -> Filter:
    """The catalogue entry a field reference or call names. A function whose arguments are all optional
    may be written without parentheses (`opened_email` = `opened_email()`). `expect`: the type the
    name should have (it stands on the other side of a comparison), so a suggestion fits it."""
    item = CATALOGUE.get(subject.name)
    kind = "function" if isinstance(subject, ast.Call) else "field"
    if item is None:
        raise _error(_unknown(subject, kind, expect), subject, text)
    if isinstance(subject, ast.Call) and not item.function:
        windowed = windowed_form(item)
        if windowed is not None:
            raise _error(
                f"{item.name} is a field, not a function; with filters or a time window it is "
                f"{windowed.name}(...), e.g. {windowed.example}",
                subject,
                text,
            )
        raise _error(f"{item.name} is a field, not a function: write it without parentheses", subject, text)
    if isinstance(subject, ast.FieldRef) and item.positional:
        raise _error(f"{item.name} needs a {item.positional}: {item.example}", subject, text)
    return item


def _unknown(subject: ast.Subject, kind: str, expect: str | None) -> str:
    name, bare = subject.name, isinstance(subject, ast.FieldRef)
    message = f"unknown {kind} {name!r}"
    if bare and expect == DATE and name in DATE_WORDS:
        return f"{name!r} is not a date; write dates as 2024-01-31, or {DATE_WORDS[name]}"
    if name in SYNONYMS:
        return message + f"; did you mean {SYNONYMS[name]!r}?"
    if name in NOT_FILTERS:
        return message + f": {NOT_FILTERS[name]}; docs/filters.md lists every filter"
    candidates = [n for n, item in CATALOGUE.items() if expect is None or item.type == expect]
    hint = nearest(name, candidates)
    if hint:
        return message + f"; did you mean {hint!r}?"
    if bare and expect == DATE:
        return f"{name!r} is not a date; write dates as 2024-01-31, or relative to today: today - 30d"
    if bare and expect == TEXT:
        return message + f'; text goes in quotes: "{name}"'
    return message + "; docs/filters.md lists every filter"


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
                problems.append(_error(_no_group(known, typed), value, rule.source))
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


def _no_group(known: Groups, value: str) -> str:
    keys = {standard.group_key(name): name for name in known.names}
    hint = nearest(standard.group_key(value), keys)
    message = f"family {known.family!r} has no {known.what} {value!r}"
    listed = ", ".join(known.names)
    if hint:
        return message + f"; did you mean {keys[hint]!r}? (its {known.what}s: {listed})"
    return message + f"; its {known.what}s: {listed}"  # as `segments members --group` words it


def _error(message: str, node, text: str | None) -> RuleError:
    pos = getattr(node, "pos", None)
    error = RuleError(message, pos.line if pos else None, pos.column if pos else None, text)
    error.node = node  # the culprit, for a reader without text positions (from_json gives its JSON path)
    return error


class Checker:
    def __init__(self, text: str | None):
        self.text = text

    def error(self, message: str, node) -> RuleError:
        return _error(message, node, self.text)

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
            self.compatible(self.subject(node.left), node.right, node.op)
        elif isinstance(node, ast.InList):
            kind = self.subject(node.left)
            self.not_list(kind, node, "in (...)")
            for value in node.values:
                self.compatible(kind, value, "in")
        elif isinstance(node, ast.Between):
            self.between(node)
        elif isinstance(node, ast.Contains):
            kind = self.subject(node.left)
            if kind not in (TEXT, LIST):
                raise self.error(
                    f"contains works on text and lists, and {_name(node.left)} is a {kind}", node
                )
            self.compatible(TEXT, node.value, "contains")
        elif isinstance(node, ast.StartsWith):
            kind = self.subject(node.left)
            if kind != TEXT:
                raise self.error(f"starts with works on text, and {_name(node.left)} is a {kind}", node)
            self.compatible(TEXT, node.value, "starts with")
        elif isinstance(node, ast.IsNull):
            self.subject(node.left)
        else:  # pragma: no cover - the parser and the JSON reader build only the nodes above
            raise self.error(f"unknown condition {type(node).__name__}", node)

    def truthy(self, node: ast.Truthy) -> None:
        item = resolve(node.subject, self.text)
        self.subject(node.subject)
        if item.type != BOOLEAN and not item.countlike:
            raise self.error(
                f"{item.name} is a {item.type}, not a yes/no condition; compare it, e.g. {item.example}", node
            )

    def between(self, node: ast.Between) -> None:
        kind = self.subject(node.left)
        self.not_list(kind, node, "between")
        if kind not in (NUMBER, DATE):
            raise self.error(f"between works on numbers and dates, and {_name(node.left)} is a {kind}", node)
        self.compatible(kind, node.low, "between")
        self.compatible(kind, node.high, "between")
        low, high = node.low, node.high
        if isinstance(low, ast.Number) and isinstance(high, ast.Number) and low.value > high.value:
            raise self.error(f"between {low.value} and {high.value}: the smaller value goes first", low)
        if isinstance(low, ast.Date) and isinstance(high, ast.Date) and low.value > high.value:
            raise self.error(f"between {low.value} and {high.value}: the earlier date goes first", low)

    # -- operands
    def subject(self, subject: ast.Subject) -> str:
        item = resolve(subject, self.text)
        if isinstance(subject, ast.Call):
            self.arguments(item, subject)
        return item.type

    def arguments(self, item: Filter, call: ast.Call) -> None:
        wanted = 1 if item.positional else 0
        if len(call.args) != wanted:
            what = f"one {item.positional}" if wanted else "no values without a name (write name = value)"
            raise self.error(f"{item.name} takes {what}, e.g. {item.example}", call)
        for arg in call.args:
            if not isinstance(arg, ast.String):
                raise self.error(f"the {item.positional} of {item.name} is text in quotes", arg)
        seen: set[str] = set()
        for kwarg in call.kwargs:
            if kwarg.name not in item.params:
                raise self.error(_no_argument(item, kwarg.name), kwarg)
            if kwarg.name in seen:
                raise self.error(f"{kwarg.name} is given twice", kwarg)
            seen.add(kwarg.name)
            self.argument(kwarg)

    def argument(self, kwarg: ast.Kwarg) -> None:
        value = kwarg.value
        if kwarg.name == "within":
            if not isinstance(value, ast.Duration):
                raise self.error("within takes a duration such as 30d, 12w, 6m or 1y", value)
        elif kwarg.name == "between":
            if not (isinstance(value, ast.Tuple) and len(value.items) == 2):
                raise self.error("between takes two dates: between = (2024-01-01, 2024-03-31)", value)
            for item in value.items:
                self.date_value(item, "between")
            low, high = value.items
            if isinstance(low, ast.Date) and isinstance(high, ast.Date) and low.value > high.value:
                raise self.error(f"between = ({low.value}, {high.value}): the earlier date goes first", low)
        elif kwarg.name in WINDOW_PARAMS:
            self.date_value(value, kwarg.name)
        else:
            items = value.items if isinstance(value, ast.Tuple) else (value,)
            for item in items:
                if not isinstance(item, ast.String):
                    raise self.error(
                        f'{kwarg.name} takes text in quotes, or a list of them: ("a", "b")', item
                    )

    def date_value(self, value, what: str) -> None:
        if isinstance(value, ast.Date | ast.RelativeDate):
            return
        if isinstance(value, ast.String) and text_date(value.value) is not None:
            return
        raise self.error(f"{what} takes a date such as 2024-01-31 or today - 30d", value)

    def compatible(self, kind: str, value, op: str) -> None:
        """A value (literal or another subject) that can stand on the other side of `op` from a `kind`."""
        if isinstance(value, ast.FieldRef | ast.Call):
            resolve(value, self.text, expect=kind)  # an unknown name: suggest one of the right type
            other = self.subject(value)
            if other != kind:
                raise self.error(f"cannot compare a {kind} with {_name(value)}, a {other}", value)
            if kind == LIST:
                raise self.error("lists cannot be compared; use contains", value)
            return
        if kind == LIST:
            raise self.error(
                f'a list cannot be used with {op}; use contains, e.g. tags contains "vip"', value
            )
        have = _VALUE_TYPES.get(type(value))
        if have is None:  # a duration or tuple outside a function
            raise self.error(
                "a duration is only used in a time window (within = 90d) or after today (today - 90d)", value
            )
        if kind == DATE and have == TEXT:
            if text_date(value.value) is None:
                raise self.error(f"{value.value!r} is not a date; write dates as 2024-01-31", value)
            return
        if have != kind:
            raise self.error(f"cannot compare a {kind} with a {have} ({_show(value)})", value)
        if kind in (TEXT, BOOLEAN) and op in ("<", "<=", ">", ">=", "between"):
            raise self.error(f"{op} needs numbers or dates; a {kind} can be compared with = or !=", value)

    def not_list(self, kind: str, node, op: str) -> None:
        if kind == LIST:
            raise self.error(f'a list cannot be used with {op}; use contains, e.g. tags contains "vip"', node)


def _no_argument(item: Filter, name: str) -> str:
    """Why a function does not take an argument, and where that argument belongs if elsewhere."""
    message = f"{item.name} has no argument {name!r}"
    accepted = ", ".join(item.params) or "none"
    hint = nearest(name, item.params, cutoff=0.75)
    if hint:
        return message + f"; did you mean {hint!r}?"
    elsewhere = [other.name for other in CATALOGUE.values() if other.function and name in other.params]
    if elsewhere:
        shown = ", ".join(f"{n}({name} = ...)" for n in elsewhere[:3])
        return message + f" (it accepts: {accepted}); {name} is an argument of {shown}"
    return message + f" (it accepts: {accepted})"


def _name(subject: ast.Subject) -> str:
    return subject.name + ("(...)" if isinstance(subject, ast.Call) else "")


def _show(value) -> str:
    if isinstance(value, ast.String):
        return repr(value.value)
    if isinstance(value, ast.RelativeDate):
        return "a date"
    return str(getattr(value, "value", value))
