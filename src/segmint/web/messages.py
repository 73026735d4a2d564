"""Library messages (rule errors, segment errors, import quarantine reasons) in the interface language.

The library words its errors in English for the CLI, the API and the logs (segmint.rules, segmint.segments,
segmint.ingest); the UI shows them to people who chose Ukrainian or Russian. A rule error and a segment
error carry a code and params and are worded from them (web/rule_errors.py, web/segment_errors.py). The
other messages (the API's unknown-segment answer, import quarantine reasons) have no codes yet: each known
shape is a pattern here with its Ukrainian wording (the Russian one in messages_ru.py, keyed by the
pattern); the names and values the message quotes are kept as they are. A message no pattern knows is
shown as the library wrote it.
"""

from __future__ import annotations

import re

from segmint.errors import RuleError
from segmint.segments.model import SegmentError
from segmint.web import messages_ru as ru
from segmint.web import rule_errors, segment_errors

# (pattern, Ukrainian); a pattern matches the whole message; {name} takes the group of that name
# fmt: off
_UK: list[tuple[str, str]] = [
    # the API's answer for an unknown segment (api/routes/common.py: an ApiError, not a SegmentError)
    (r"no segment named (?P<n>.+?); known: (?P<k>.+)", "сегмента з назвою {n} немає; відомі: {k}"),
    (r"no segment named (?P<n>.+)", "сегмента з назвою {n} немає"),
    # import quarantine reasons (segmint.ingest)
    (r"missing customer_id", "немає customer_id"),
    (r"missing (?P<col>\w+)", "немає {col}"),
    (r"wrong number of columns \(Expected Number of Columns: (?P<e>\d+) Found: (?P<f>\d+)\)",
     "неправильна кількість стовпців (очікувалося {e}, знайдено {f})"),
    (r"wrong number of columns \((?P<m>.*)\)", "неправильна кількість стовпців ({m})"),
    (r"unbalanced quotes: a quoted value is not closed properly \((?P<m>.*)\)",
     "незакриті лапки: значення в лапках не закрито як слід ({m})"),
    (r"bytes that are not valid text in the file's encoding \((?P<m>.*)\)",
     "байти, що не є текстом у кодуванні файлу ({m})"),
    (r"line number must be 1 or more", "номер рядка має бути 1 або більше"),
]
# fmt: on
_PATTERNS = [(re.compile(pattern, re.S), text) for pattern, text in _UK]
_WORDINGS = {
    "uk": _PATTERNS,
    "ru": [(found, ru.PATTERNS[found.pattern]) for found, _ in _PATTERNS if found.pattern in ru.PATTERNS],
}


def translate(message, lang: str, *, place: bool = True) -> str:
    """`message` (a library error, or its English text) in `lang`; as the library wrote it when English or
    not known here. A SegmentError is worded from its code and params (web/segment_errors.py), a
    RuleError likewise from its code and params (web/rule_errors.py): with `place`,
    with its "line L, column C: " (or segment) prefix and caret lines, as str(error) has them; without,
    the message alone. Any other message is matched against the patterns above."""
    if isinstance(message, RuleError):
        worded = rule_errors.word(message, lang, place=place)
        if worded is not None:
            return worded
        return str(message) if place else message.message
    if isinstance(message, SegmentError):
        worded = segment_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, BaseException):  # another library error: its text, as the CLI shows it
        message = str(message) or type(message).__name__
    patterns = _WORDINGS.get(lang)
    if patterns is None or not message:
        return message
    first, newline, rest = str(message).partition("\n")
    return _one(first, patterns) + newline + rest


def _one(message: str, patterns: list[tuple[re.Pattern, str]]) -> str:
    for pattern, text in patterns:
        found = pattern.fullmatch(message)
        if found:
            return text.format(**{key: value or "" for key, value in found.groupdict().items()})
    return message
