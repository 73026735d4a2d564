"""The typed syntax tree of a segment rule: frozen dataclasses, one per construct of the language.

Positions (`pos`) are kept for error messages but are left out of equality, so a rule parsed from text,
rendered back and parsed again compares equal to the first, and so does one read from its JSON form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DURATION_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
COMPARISON_OPS = ("=", "!=", "<", "<=", ">", ">=")
# A unit written as a word or in Cyrillic, by the unit meant: Ukrainian and Russian abbreviations and words
# (90д, 30дн, 2т, 6міс, 1р, 1г; the м of 90м also looks like m), English words (90days), and the Latin
# unit's key in the Cyrillic layout (в d, ц w, ь m). Refused with that unit as the hint
# (value.time_unit.hint), never read as it. Not н: неделя's (w), and the y key's in the Cyrillic layout.
UNIT_NAMES = {
    unit: frozenset(names)
    for unit, names in {
        "d": ("д", "дн", "день", "дні", "днів", "дня", "дней", "в", "day", "days"),
        "w": ("т", "тиж", "тиждень", "тижні", "тижнів", "тижня", "нед", "неделя", "недели", "недель", "ц",
              "week", "weeks", "wk"),
        "m": ("м", "міс", "місяць", "місяці", "місяців", "місяця", "мес", "месяц", "месяца", "месяцев", "ь",
              "month", "months", "mo", "mon"),
        "y": ("р", "рік", "роки", "років", "року", "г", "год", "года", "лет", "year", "years", "yr", "yrs"),
    }.items()
}  # fmt: skip


def unit_meant(unit: str) -> str | None:
    """The unit of DURATION_UNITS a unit written otherwise (`unit`, any case) stands for, or None."""
    folded = unit.lower()
    return next((latin for latin, names in UNIT_NAMES.items() if folded in names), None)


@dataclass(frozen=True)
class Pos:
    """1-based line and column (in characters) of where a construct starts in the rule text."""

    line: int
    column: int


# -- values ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class String:
    value: str
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Number:
    value: int | float
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Boolean:
    value: bool
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Date:
    value: dt.date
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Duration:
    """A length of time such as 90d: days, weeks, calendar months or calendar years."""

    amount: int
    unit: str  # one of DURATION_UNITS
    pos: Pos | None = field(default=None, compare=False, repr=False)

    def text(self) -> str:
        return f"{self.amount}{self.unit}"


@dataclass(frozen=True)
class RelativeDate:
    """`today`, `today - 180d` or `today + 1w`: a date measured from the reference date."""

    sign: int = -1  # -1 or +1
    offset: Duration | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Tuple:
    """A parenthesised list of values in a function argument: `between = (2024-01-01, 2024-03-31)`."""

    items: tuple[Value, ...]
    pos: Pos | None = field(default=None, compare=False, repr=False)


Literal = String | Number | Boolean | Date | RelativeDate
Value = Literal | Duration | Tuple


# -- subjects: what a condition is about ------------------------------------------------------------
@dataclass(frozen=True)
class FieldRef:
    name: str
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Kwarg:
    name: str
    value: Value
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Call:
    """A function of the catalogue: an aggregate such as `bought(category = "Shoes", within = 90d)`."""

    name: str
    args: tuple[Value, ...] = ()
    kwargs: tuple[Kwarg, ...] = ()
    pos: Pos | None = field(default=None, compare=False, repr=False)


Subject = FieldRef | Call
Operand = Subject | Literal


# -- conditions -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Compare:
    left: Subject
    op: str  # one of COMPARISON_OPS
    right: Operand
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class InList:
    left: Subject
    values: tuple[Literal, ...]
    negated: bool = False
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Between:
    """Inclusive at both ends."""

    left: Subject
    low: Operand
    high: Operand
    negated: bool = False
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Contains:
    """Text contains a substring, or a list (tags, interests) contains an element."""

    left: Subject
    value: Literal
    negated: bool = False
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class StartsWith:
    left: Subject
    value: Literal
    negated: bool = False
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class IsNull:
    left: Subject
    negated: bool = False
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Truthy:
    """A subject alone: a yes/no field is true, or a count is at least 1."""

    subject: Subject
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Not:
    item: Condition
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class And:
    items: tuple[Condition, ...]
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Or:
    items: tuple[Condition, ...]
    pos: Pos | None = field(default=None, compare=False, repr=False)


Predicate = Compare | InList | Between | Contains | StartsWith | IsNull | Truthy
Condition = Predicate | Not | And | Or


@dataclass(frozen=True)
class Rule:
    """A whole rule. `source` is the text it was parsed from (for carets in later errors), if any;
    `paths`, for a rule read from its JSON form, id(node) -> (node, its JSON path), so that errors found
    later (a workspace's family groups, its segment names) name the path (json_form.at_path)."""

    condition: Condition
    source: str | None = field(default=None, compare=False, repr=False)
    paths: dict[int, tuple[object, str]] | None = field(default=None, compare=False, repr=False, hash=False)


def text_problem(text: str) -> tuple[str, str] | None:
    """Why a text value cannot be used in a rule (its RuleError code and message), or None. Engines end
    SQL string literals at NUL, and a lone surrogate (from a \\ud800 escape) is not valid Unicode: neither
    could be matched literally."""
    if "\0" in text:
        return "value.nul", "text cannot contain the NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "value.surrogate", "text must be valid Unicode (no lone surrogate escapes such as \\ud800)"
    return None


def join(kind: type[And] | type[Or], items, pos: Pos | None = None) -> Condition:
    """An And/Or of items, flattening nested ones of the same kind (so the tree has one canonical shape)."""
    flat: list[Condition] = []
    for item in items:
        flat.extend(item.items if isinstance(item, kind) else (item,))
    return flat[0] if len(flat) == 1 else kind(tuple(flat), pos)


def subjects(node) -> list[Subject]:
    """Every field and call a condition reads, in order of appearance (no recursion limits hit: iterative)."""
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Rule):
            stack.append(item.condition)
        elif isinstance(item, And | Or):
            stack.extend(reversed(item.items))
        elif isinstance(item, Not):
            stack.append(item.item)
        elif isinstance(item, Truthy):
            found.append(item.subject)
        elif isinstance(item, Compare | Between):
            found.append(item.left)
            for other in (item.right,) if isinstance(item, Compare) else (item.low, item.high):
                if isinstance(other, FieldRef | Call):
                    found.append(other)
        elif isinstance(item, InList | Contains | StartsWith | IsNull):
            found.append(item.left)
    return found
