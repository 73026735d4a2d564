"""Numbers for people in a page's language (the web UI and the HTML report).

Ukrainian and Russian readers write 1 234 567,89: a no-break space between thousands and a decimal comma,
as CLDR says for uk and ru; percentages as CLDR puts the sign (uk 12,5%, ru 12,5 %). Babel carries CLDR's
data, so nothing here spells those rules out by hand. English pages keep segmint's own format (thin-spaced
thousands and a decimal point: 1 234 567.89), which the callers pass as `group` and `space`.
"""

from __future__ import annotations

import copy
import decimal
import functools
import numbers
import re
from typing import Any

from babel import Locale
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol
from babel.units import format_unit

DASH = "–"  # no value
CLDR = ("uk", "ru")  # the languages written as CLDR says; English keeps its own format


def _figure(value: Any) -> bool:
    """A number to format (numpy's and DuckDB's decimals too); bools and text are not."""
    return isinstance(value, numbers.Real | decimal.Decimal) and not isinstance(value, bool)


def _missing(value: Any) -> bool:
    return value is None or (_figure(value) and value != value)  # NaN is no value


@functools.cache
def _pattern(lang: str, kind: str, digits: int, signed: bool) -> NumberPattern:
    """The language's own decimal or percent pattern with exactly `digits` decimals (and a plus sign)."""
    locale = Locale.parse(lang)
    pattern = copy.copy((locale.percent_formats if kind == "percent" else locale.decimal_formats)[None])
    pattern.frac_prec = (digits, digits)
    if signed:
        pattern.prefix = ("+" + pattern.prefix[0], pattern.prefix[1])
    return pattern


def number(
    value: Any, digits: int = 0, lang: str = "en", *, group: str = "\u202f", signed: bool = False
) -> str:
    """`value` with `digits` decimals in `lang`'s way; an en dash for no value, text as it is. English:
    thousands apart by `group`, a decimal point."""
    if _missing(value):
        return DASH
    if not _figure(value):
        return str(value)
    if lang in CLDR:
        return _pattern(lang, "decimal", digits, signed).apply(value, Locale.parse(lang))
    plain = value if isinstance(value, int | float) else float(value)
    return f"{plain:{'+' if signed else ''},.{digits}f}".replace(",", group)


def plural(count: float, forms: str, lang: str = "en") -> str:
    """The form of a noun that goes with `count` in `lang`: `forms` lists them apart by "|" in the order
    of CLDR's plural categories (uk, ru: one|few|many, as in 1 день, 2 дні, 5 днів, 21 день; en:
    one|other), and Babel's plural rules pick one; a fraction takes the last form."""
    choices = forms.split("|")
    category = Locale.parse(lang).plural_form(abs(count))
    at = ("one", "few", "many").index(category) if category in ("one", "few", "many") else len(choices) - 1
    return choices[min(at, len(choices) - 1)]


def percent(
    value: Any, digits: int = 1, lang: str = "en", *, space: str = "\u202f", signed: bool = False
) -> str:
    """A share (0.125) as a percentage (12.5 %) in `lang`'s way. English: `space` before the sign."""
    if _missing(value) or not _figure(value):
        return DASH
    if lang in CLDR:
        return _pattern(lang, "percent", digits, signed).apply(value, Locale.parse(lang))
    return f"{float(value) * 100:{'+' if signed else ''}.{digits}f}{space}%"


def separators(lang: str) -> str | None:
    """Plotly's layout `separators` (decimal mark, then thousands) for `lang`: None keeps Plotly's own
    (English, 1,234.5), as English pages have it."""
    if lang not in CLDR:
        return None
    return get_decimal_symbol(lang) + get_group_symbol(lang)


# a duration's units as written, largest first: (CLDR's unit, seconds); weeks are read, never written
DURATION_UNITS = (
    ("duration-day", 86_400),
    ("duration-hour", 3_600),
    ("duration-minute", 60),
    ("duration-second", 1),
)


def duration(seconds: Any, lang: str = "en") -> str:
    """A number of seconds as days, hours, minutes and seconds in `lang`'s words (1 день 12 часов), each
    unit exact: Babel's format_timedelta rounds to the largest unit it reaches (10 days -> 1 week)."""
    parts, left = [], int(seconds or 0)
    for unit, size in DURATION_UNITS:
        amount, left = divmod(left, size)
        if amount or (size == 1 and not parts):
            parts.append(format_unit(amount, unit, length="long", locale=lang))
    return " ".join(parts)


def delay_text(seconds: Any, lang: str = "en") -> str:
    """A trigger's delay as a user writes it: English as `--delay` reads it (1d12h, 2d, 90m -> 1h30m; 0),
    uk and ru in their words (1 день 12 годин), each unit exact as in `duration`. A table of delays read
    172800s, the seconds they are stored in."""
    if lang != "en" and lang in CLDR:
        return duration(seconds, lang)
    parts, left = [], int(seconds or 0)
    for unit, size in DURATION_UNITS:
        amount, left = divmod(left, size)
        if amount:
            parts.append(f"{amount}{UNIT_LETTERS[unit]}")
    return "".join(parts) or "0"


# the letters segmint.triggers reads a delay's units by
UNIT_LETTERS = {
    "duration-week": "w",
    "duration-day": "d",
    "duration-hour": "h",
    "duration-minute": "m",
    "duration-second": "s",
}
_AMOUNT = re.compile(r"(\d+)\s*([^\W\d_]+\.?)")


@functools.cache
def _unit_words(lang: str) -> dict[str, str]:
    """word -> unit letter: CLDR's names of the units in `lang` and English, in every length and plural
    form Babel writes (дня, дней, дн., ч; днів, год; days, hr, d), with and without a final dot; a word
    two units share is left out."""
    units: dict[str, set[str]] = {}
    for code in dict.fromkeys((lang, "en")):
        for unit, letter in UNIT_LETTERS.items():
            for length in ("long", "short", "narrow"):
                for amount in (1, 2, 5):
                    word = re.sub(
                        r"[\d\s]+", "", format_unit(amount, unit, length=length, locale=code)
                    ).lower()
                    for spelling in (word, word.rstrip(".")):
                        units.setdefault(spelling, set()).add(letter)
    return {word: letters.pop() for word, letters in units.items() if len(letters) == 1 and word}


def read_duration(text: str, lang: str = "en") -> str:
    """A duration typed in `lang`'s words, as duration() writes it ('2 дня', '1 день 12 часов', '3 дн.',
    '2 days') -> the form segmint.triggers reads ('2d', '1d12h'). Text that is not such a duration comes
    back as it is, for the reader's own refusal."""
    words = _unit_words(lang)
    parts = _AMOUNT.findall(text)
    rest = _AMOUNT.sub("", text).strip(" ,")
    if not parts or rest or any(word.lower() not in words for _, word in parts):
        return text
    return "".join(amount + words[word.lower()] for amount, word in parts)
