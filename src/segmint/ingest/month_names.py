"""Dates written with the month's name, in English, Ukrainian or Russian: "14 March 2024", "Mar 14, 2024",
"14-Mar-2024", "14 березня 2024 р.", "14 берез. 2024", "14 марта 2024 г.", as CRM and accounting exports
write them. Read inside DuckDB (one expression, `month_name_timestamp`), whatever the workspace's language.

The names come from Babel's CLDR data (the names a date is written with, "березня", "марта", "мая", and
the ones a month is called by, "березень", "март", "май", each also abbreviated): any start of three or
more letters of them is read as the month it starts where it starts no other month's (none does in
today's CLDR: tests/ingest/test_month_names.py). DuckDB's own %b/%B read only English names.
"""

from __future__ import annotations

from functools import cache

import ibis
import ibis.expr.datatypes as dt
from babel.dates import get_month_names

LANGUAGES = ("en", "en_GB", "uk", "ru")  # en_GB adds "Sept"
SHORTEST = 3  # "mar", "бер", "мая": two letters ("ju", "ма") name no single month

_SPACE = " \u00a0"  # a space, or the no-break space 1C writes
_ORDINAL = r"(?:st|nd|rd|th)?"  # "14th March 2024", "March 14th, 2024"
# the month's name: a run of anything but digits and separators (the table says whether it is one); RE2
# keeps a pattern with \p{L} twice in it off its fast path (3 s of CPU per million values, against 0.7 s)
_WORD = rf"([^0-9{_SPACE},.:-]+)"
# day month year ("14 March 2024", "14-Mar-2024", "14 берез. 2024") or month day, year ("Mar 14, 2024"), then
# the year's word (г., р., года, року) and a time of day, each optional. Each separator is one class with
# one meaning at each place: RE2 reads a pattern that never has two ways several times faster (a space that
# could be the year word's or the time's cost 2 s of CPU per million values)
SHAPE = (
    rf"(?i)^(?:([0-9]{{1,2}}){_ORDINAL}[{_SPACE}.-]+{_WORD}[{_SPACE},.-]+([0-9]{{4}})"
    rf"|{_WORD}[{_SPACE}.]+([0-9]{{1,2}}){_ORDINAL}[{_SPACE},]+([0-9]{{4}}))"
    rf"[{_SPACE},]*(?:(?:г|р|года|року)\.?[{_SPACE},]*)?"
    r"(?:[Tt]?([0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?))?$"
)
# the groups of SHAPE: day 1 or 5, month's name 2 or 4, year 3 or 6, time 7
_NAME = r"\2\4"
_ISO = r"\3\6-@-\1\5 \7"  # "2024-@-14 10:15", the month's number in place of @


@cache
def month_numbers() -> dict[str, int]:
    """Every lower-case name, abbreviation and start (of `SHORTEST` letters or more) of a month's name in
    `LANGUAGES`, as CLDR writes them, to the month's number. A start that would name two months is left
    out (it reads as no date), so a later CLDR that adds such a name stops no import."""
    numbers: dict[str, set[int]] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, written in get_month_names(width, context, language).items():
                    written = written.lower().rstrip(".")
                    for end in range(SHORTEST, len(written) + 1):
                        numbers.setdefault(written[:end], set()).add(month)
    return {name: months.pop() for name, months in numbers.items() if len(months) == 1}


@ibis.udf.scalar.builtin
def map_extract_value(names: dt.Map(dt.string, dt.string), name: str) -> str:  # type: ignore[valid-type]
    """DuckDB's map_extract_value: the value of `name` in the map `names`, NULL when it has none."""


def month_name_timestamp(text: ibis.StringValue) -> ibis.TimestampValue:
    """The date (and time) of `text` written with the month's name, NULL for any other text.

    Each part appears once in the query (DuckDB computes a part repeated anywhere in it for every row), and
    the caller makes this the last attempt of a COALESCE, so that it runs only on values no numeric format
    read: a file without month names does not pay for it."""
    names = ibis.literal({k: str(n) for k, n in month_numbers().items()}, type="map<string, string>")
    number = map_extract_value(names, text.re_replace(SHAPE, _NAME).lower()).name("month")
    return text.re_replace(SHAPE, _ISO).replace("@", number).rstrip().try_cast("timestamp")
