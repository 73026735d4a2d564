"""What the builder offers for each filter of the rule catalogue (segmint.rules.fields): the operators
that fit its type, how many values they take, and a search over names and descriptions."""

from __future__ import annotations

from segmint.rules.fields import (
    BOOLEAN,
    CATALOGUE,
    DATE,
    FAMILIES,
    FILTERS,
    LIST,
    NUMBER,
    TEXT,
    Attribute,
    Filter,
)
from segmint.web.field_texts import RU, UK

COMPARE = ["=", "!=", "<", "<=", ">", ">="]
NULLS = ["is null", "is not null"]
OPERATORS = {
    NUMBER: [*COMPARE, "between", "not between", *NULLS],
    DATE: [*COMPARE, "between", "not between", *NULLS],
    TEXT: ["=", "!=", "in", "not in", "contains", "not contains", "starts with", "not starts with", *NULLS],
    LIST: ["contains", "not contains", *NULLS],
    BOOLEAN: ["true", "=", *NULLS],
}
NO_VALUE = {"true", "is null", "is not null"}
TWO_VALUES = {"between", "not between"}
MANY_VALUES = {"in", "not in"}
WINDOW_UNITS = ("d", "w", "m", "y")


def operators(item: Filter) -> list[str]:
    """The operators the form offers: a count alone ("true") means at least once."""
    found = list(OPERATORS[item.type])
    if item.countlike:
        found.insert(0, "true")
    if item.positional:  # has_tag("vip"), in_segment("VIP"): yes or no
        found = ["true"]
    return found


def value_count(op: str) -> int:
    return 0 if op in NO_VALUE else 2 if op in TWO_VALUES else 1


def on_form(item: Filter) -> bool:
    """Whether the form offers the filter. attribute("Kidhome") is typed by what it is compared with, which
    the form's inputs cannot say (is 1 a number or the text "1"?): it is written in the rule text, and a
    rule with it keeps that condition as a text part of the form (from_ast)."""
    return not isinstance(item.how, Attribute)


def by_family() -> list[tuple[str, list[Filter]]]:
    return [(family, [f for f in FILTERS if f.family == family and on_form(f)]) for family in FAMILIES]


def search(query: str) -> list[tuple[str, list[Filter]]]:
    """Filters whose name, description (English, Ukrainian or Russian) or family contains every word of the
    query (any case; a longer word without its last two letters, _stem)."""
    words = [_stem(word) for word in query.lower().split()]
    found = []
    for family, items in by_family():
        hits = [item for item in items if all(w in _haystack(item) for w in words)]
        if hits:
            found.append((family, hits))
    return found


def _stem(word: str) -> str:
    """A query word without the ending a Ukrainian or Russian word changes by case and number: "відтік"
    finds "відтоку", "замовлення" "замовлень", "витрати" "витрат" (the whole word was looked for, so the
    KPI cards' own words found no field). Words of up to 4 letters are looked for whole."""
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def _haystack(item: Filter) -> str:
    translated = f"{UK.get(item.name, '')} {RU.get(item.name, '')}"
    return f"{item.name} {item.description} {translated} {item.family}".lower()


def get(name: str) -> Filter | None:
    """The filter the form shows for a name (None for one it does not offer)."""
    item = CATALOGUE.get(name)
    return item if item is not None and on_form(item) else None
