"""Text values of a rule in the spelling the import stores, so a rule typed as people type matches the data.

The import standardises values on the way in (segmint.ingest.normalise): a city "  КИЇВ " is stored as
"Київ", "Кам’янець" (U+2019) and "Камʼянець" (U+02BC) as "Кам'янець", an e-mail in lower case, a phone in
E.164, a country as its ISO code. A rule literal compared with such a column is standardised the same
way when the rule is compiled, so `city = "КИЇВ"` finds the customers of Київ instead of silently nobody.

Each literal becomes its *variants*: the value as typed, then the standardised spelling when it differs.
A condition matches any of them, so a rule matches at least what it matched before (data written to the
tables by other means than the import keeps matching), and the rule text itself is never rewritten.
Everything stays an Ibis literal.

Whole-value comparisons (=, !=, in, not in, function filters such as channel = ...) get the import's full
standardisation. `contains` and `starts with` compare a piece of the value, where trimming or re-casing
would change what is asked, so they get only what cannot: the same letters in one spelling (NFC,
apostrophes, one space), lower case where every stored value is lower case, and for `starts with` on a
city the import's capitalisation as well (stored cities always start with a capital).
docs/rules.md lists what is standardised for which field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from segmint.ingest.spelling import group_key  # also the settings' check of the RFM map's names
from segmint.rules.fields import SOURCE_PARAMS, Column, Filter, HasTag, Measure

Spell = Callable[[str], "str | None"]
_TABLES = {"orders": "orders", "items": "order_items", "events": "events"}
_PHONE_SEPARATORS = re.compile(r"[\s\-().\u00a0]+")


def variants(values: Iterable[str], spell: Spell | None) -> tuple[str, ...]:
    """The values as typed, then their standardised spellings that differ, each once."""
    out: list[str] = []
    for value in values:
        spelled = spell(value) if spell else None
        for candidate in (value, spelled) if spelled else (value,):
            if candidate not in out:
                out.append(candidate)
    return tuple(out)


def of_subject(item: Filter, part: str | None = None, country: str | None = None) -> Spell | None:
    """How a literal compared with this field is spelled: `part` is None for the whole value, or
    'contains' / 'starts' for a piece of it; `country` reads phone numbers without a +code. None when
    the field's values are not standardised text."""
    how = item.how
    if isinstance(how, Column):
        return _spelling("customers", how.column, part, country)
    if isinstance(how, HasTag):
        return _spelling("customers", "tags", part, country)
    if isinstance(how, Measure) and how.value and how.stat in ("first", "last"):
        return _spelling(_TABLES[how.source], how.value, part, country)
    return None  # features (computed by segmint), numbers and dates


def of_groups(groups: tuple[str, ...]) -> Spell:
    """A family's group as the family spells it, from any case, apostrophe or spacing: `rfm.group = "at
    risk"` is "At Risk", `"can’t lose them"` is "Can't Lose Them" (a value of no group stays as typed)."""
    return _group_spelling(tuple(groups))


@cache
def _group_spelling(groups: tuple[str, ...]) -> Spell:
    known = {group_key(group): group for group in groups}
    return lambda value: known.get(group_key(value))


def of_argument(measure: Measure, argument: str) -> Spell | None:
    """How the values of a function's filter argument (channel = "POS") are spelled."""
    column = SOURCE_PARAMS[measure.source][argument]
    table = "orders" if measure.source == "items" and column == "channel" else _TABLES[measure.source]
    return _spelling(table, column, None, None)


@cache
def _spelling(table: str, column: str, part: str | None, country: str | None) -> Spell | None:
    kind = _kind(table, column)
    if part is None and kind == "phone":
        return lambda value: _phone(value, country)
    if part is None:
        return _WHOLE.get(kind)
    if kind == "name":
        return _city_prefix if part == "starts" else _letters
    return _PART.get(kind)


def _kind(table: str, column: str) -> str:
    """The import's kind of a column (segmint.ingest.fields), or a kind of its own for the columns the
    import standardises apart from their kind (an order's channel, an event's type)."""
    if (table, column) == ("orders", "channel"):
        return "channel"
    if (table, column) == ("events", "event_type"):
        return "event_type"
    if table != "customers":
        return "text"
    from segmint.ingest.fields import CUSTOMERS  # the import's tables; imported on use (import cycle)

    field = CUSTOMERS.by_name.get(column)
    return field.kind if field else "text"


# -- whole values: exactly what the import stores for the value --------------------------------------
def _trimmed(value: str) -> str | None:
    return value.strip() or None


def _name(value: str) -> str | None:
    from segmint.ingest import normalise

    return normalise.name(value)[0]


def _email(value: str) -> str | None:
    return value.strip().lower() or None


def _phone(value: str, country: str | None) -> str | None:
    """E.164 as the import writes it: a number with its +code, or without one in the workspace's default
    country (`country`; unknown outside a workspace, where such a number stays as typed). What is not a
    valid number loses only its separators."""
    from segmint.ingest import normalise

    text = _phone_piece(value)
    if not text or not (text.startswith("+") or country):
        return text
    return normalise.phone(text, country or "ZZ")[0] or text


def _country(value: str) -> str | None:
    """ISO code from a code or an exact country name; not the import's fuzzy search, which would read
    a misspelt or unknown word as some country in a rule that means it literally."""
    from segmint.ingest import normalise

    return normalise.country(value, fuzzy=False)[0] or value.strip().upper() or None


def _gender(value: str) -> str | None:
    from segmint.ingest import normalise

    return normalise.gender(value)[0] or value.strip().lower() or None


def _channel(value: str) -> str | None:
    from segmint.ingest.checks import CHANNEL_ALIASES

    text = value.strip().lower()
    return CHANNEL_ALIASES.get(text, text) or None


def _event_type(value: str) -> str | None:
    return re.sub(r"[\s\-]+", "_", value.strip().lower()) or None


_WHOLE: dict[str, Spell] = {
    "text": _trimmed,
    "tags": _trimmed,
    "name": _name,
    "email": _email,
    "country": _country,
    "gender": _gender,
    "channel": _channel,
    "event_type": _event_type,
}


# -- pieces of a value: only what keeps the question the same ---------------------------------------
def _letters(value: str) -> str | None:
    from segmint.ingest import normalise

    return normalise.spelling(value)


def _city_prefix(value: str) -> str | None:
    """A city's beginning as the import writes cities: one spelling, and capitalised the same way; a
    trailing space stays (`starts with "Нова "` is not `starts with "Нова"`)."""
    text = _letters(value).lstrip()
    cased = _name(text)
    if not cased:
        return text or None
    return cased + (" " if text.endswith(" ") else "")


def _phone_piece(value: str) -> str | None:
    text = _PHONE_SEPARATORS.sub("", value)
    return "+" + text[2:] if text.startswith("00") else text or None


_PART: dict[str, Spell] = {
    "email": lambda value: value.lower(),
    "phone": _phone_piece,
    "country": lambda value: value.upper(),
    "gender": lambda value: value.lower(),
    "channel": lambda value: value.lower(),
    "event_type": lambda value: re.sub(r"[\s\-]+", "_", value.lower()),
}
