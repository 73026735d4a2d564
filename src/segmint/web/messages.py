"""Library messages (rule errors, segment save refusals, import quarantine reasons) in the interface language.

The library words its errors in English for the CLI, the API and the logs (segmint.rules, segmint.segments,
segmint.ingest); the UI shows them to people who chose Ukrainian or Russian. A rule error carries a code
and params and is worded from them (web/rule_errors.py). The other messages have no codes yet: each known
shape is a pattern here with its Ukrainian wording (the Russian one in messages_ru.py, keyed by the
pattern); the names and values the message quotes are kept as they are. A message no pattern knows is
shown as the library wrote it.
"""

from __future__ import annotations

import re

from segmint.errors import RuleError
from segmint.web import messages_ru as ru
from segmint.web import rule_errors

# (pattern, Ukrainian); a pattern matches the whole message; {name} takes the group of that name
# fmt: off
_UK: list[tuple[str, str]] = [
    # saving a segment (segmint.segments)
    (r"no segment named (?P<n>.+?); known: (?P<k>.+)", "сегмента з назвою {n} немає; відомі: {k}"),
    (r"no segment named (?P<n>.+?); known segments: (?P<k>.+)", "сегмента з назвою {n} немає; відомі: {k}"),
    (r"no segment named (?P<n>.+?); there are no segments yet",
     "сегмента з назвою {n} немає; сегментів ще немає"),
    (r"no segment named (?P<n>.+)", "сегмента з назвою {n} немає"),
    (r"a segment named (?P<n>.+) already exists; edit it or choose another name",
     "сегмент із назвою {n} уже існує; змініть його або виберіть іншу назву"),
    (r"(?P<n>.+) reads as the built-in family (?P<f>'.*?') \(campaigns and triggers name its groups "
     r"family:group\); choose another name",
     "{n} читається як вбудована родина {f} (кампанії й тригери називають її групи родина:група); "
     "виберіть іншу назву"),
    (r"(?P<n>'.*?'|\".*?\") is the name of a built-in family(?P<rest>.*)",
     "{n} — назва вбудованої родини; виберіть іншу назву"),
    (r"a segment needs a name", "сегменту потрібна назва"),
    (r"a segment name is at most (?P<n>\d+) characters", "назва сегмента — щонайбільше {n} символів"),
    (r"segment name (?P<n>.+) contains a control character", "назва сегмента {n} містить керівний символ"),
    (r"segment name (?P<n>.+) contains an invisible character \((?P<c>U\+[0-9A-F]+)\)",
     "назва сегмента {n} містить невидимий символ ({c})"),
    (r"segment name (?P<n>.+) contains '/': the REST API could not address it",
     "назва сегмента {n} містить '/': REST API не змогло б до нього звернутися"),
    (r"a dynamic segment needs a rule", "динамічному сегменту потрібне правило"),
    (r"cannot rename (?P<n>.+?): in_segment\((?P<m>.+?)\) is read by (?P<r>.+)",
     "не можна перейменувати {n}: in_segment({m}) читають {r}"),
    (r"cannot rename (?P<n>.+?): the trigger\(s\) (?P<t>.+) add customers to it",
     "не можна перейменувати {n}: тригер(и) {t} додають до нього клієнтів"),
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
    not known here. A RuleError is worded from its code and params (web/rule_errors.py): with `place`,
    with its "line L, column C: " (or segment) prefix and caret lines, as str(error) has them; without,
    the message alone. Any other message is matched against the patterns above."""
    if isinstance(message, RuleError):
        worded = rule_errors.word(message, lang, place=place)
        if worded is not None:
            return worded
        return str(message) if place else message.message
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
